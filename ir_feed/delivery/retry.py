"""The retry policy: what to do after one delivery attempt.  Pure: time and
randomness are parameters.

* a 2xx answer is success: :class:`Delivered`;
* 410 Gone: :class:`DisableSubscription` (the endpoint told us it is retired);
* a subscription that has been failing for :data:`DISABLE_AFTER` (5 days) without a
  single success in between: :class:`DisableSubscription`, with the reason;
* anything else — another status (3xx included: redirects are not followed), a
  timeout, a refused connection, an address blocked by the SSRF guard — is
  retried on the Standard Webhooks schedule: immediately (the first attempt), then
  5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after each failure
  (10 attempts in all, about 3 days), each delay stretched by up to
  :data:`JITTER` (0–20 %) so that retries of a burst spread out.  A
  ``Retry-After`` is a floor for the next delay, capped at ``max_retry_after``
  (default a day);
* after the last attempt of the schedule: :class:`DeadLetter`.

``attempt`` counts the attempts already made, this one included (1 after the
first).  ``first_failure_at`` is when the *subscription's* current run of
failures began (None when it has none, or this is its first failure); the caller
resets it on every success of any message of the subscription.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = [
    "DISABLE_AFTER",
    "JITTER",
    "SCHEDULE",
    "DeadLetter",
    "Decision",
    "Delivered",
    "DisableSubscription",
    "RetryAt",
    "is_success",
    "next_attempt",
]

# Seconds before attempt n+1 (index n); index 0 is the first, immediate attempt.
SCHEDULE: tuple[float, ...] = (0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400)
MAX_ATTEMPTS = len(SCHEDULE)
JITTER = 0.2
DISABLE_AFTER = timedelta(days=5)
MAX_RETRY_AFTER = 86_400.0


@dataclass(frozen=True, slots=True)
class Delivered:
    """The endpoint accepted the message."""


@dataclass(frozen=True, slots=True)
class RetryAt:
    """Try again at ``at`` (attempt number ``attempt``)."""

    at: datetime
    attempt: int


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """Give up on this message; keep it as a dead letter with ``reason``."""

    reason: str


@dataclass(frozen=True, slots=True)
class DisableSubscription:
    """Disable the subscription with ``reason``; this message becomes a dead letter."""

    reason: str


Decision = Delivered | RetryAt | DeadLetter | DisableSubscription


def is_success(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


def next_attempt(
    attempt: int,
    *,
    status: int | None,
    retry_after: float | None,
    first_failure_at: datetime | None,
    now: datetime,
    rand: float,
    max_retry_after: float = MAX_RETRY_AFTER,
) -> Decision:
    """Decide what follows attempt number ``attempt`` (see the module docstring).

    ``status`` is the HTTP status, None when no answer came (timeout, network, blocked).
    ``rand`` is uniform in [0, 1) and drives the jitter."""
    if attempt < 1:
        raise ValueError("attempt counts the attempts made, starting at 1")
    if not 0.0 <= rand <= 1.0:
        raise ValueError("rand must be in [0, 1]")
    if is_success(status):
        return Delivered()
    if status == 410:
        return DisableSubscription("endpoint answered 410 Gone")
    failing_since = first_failure_at or now
    if now - failing_since >= DISABLE_AFTER:
        days = (now - failing_since) / timedelta(days=1)
        return DisableSubscription(
            f"every delivery failed for {days:.1f} days (since {failing_since.isoformat(timespec='seconds')})"
        )
    what = f"HTTP {status}" if status is not None else "no response"
    if attempt >= MAX_ATTEMPTS:
        return DeadLetter(f"{attempt} attempts failed, the last with {what}")
    delay = SCHEDULE[attempt] * (1.0 + JITTER * rand)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, max_retry_after))
    return RetryAt(at=now + timedelta(seconds=delay), attempt=attempt + 1)
