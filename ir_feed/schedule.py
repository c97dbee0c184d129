"""When to poll a feed next: a pure policy (time and randomness are parameters).

After a success the interval is the feed's own, stretched (never shrunk) by
what the publisher asks for — ``Cache-Control: max-age`` and RSS ``<ttl>`` —
and clamped to ``[min_interval, max_interval]``.  After a failure the delay
grows exponentially with the number of consecutive failures, with jitter, up
to ``max_backoff``; a server's ``Retry-After`` is a floor.  A feed is never
given up on: at worst it is probed every ``max_backoff`` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class PollPolicy:
    interval: float  # the feed's configured seconds between polls
    jitter: float  # up to this many seconds added, at random, to spread load
    min_interval: float
    max_interval: float
    max_backoff: float


def success_delay(
    policy: PollPolicy,
    *,
    max_age: float | None = None,
    ttl_minutes: int | None = None,
    rand: float = 0.0,
) -> float:
    """Seconds until the next poll after a successful (200 or 304) poll.

    ``rand`` is a uniform number in [0, 1) supplied by the caller.
    """
    base = policy.interval
    if max_age is not None and max_age > base:
        base = max_age
    if ttl_minutes is not None and ttl_minutes * 60 > base:
        base = ttl_minutes * 60.0
    base = min(max(base, policy.min_interval), policy.max_interval)
    return base + policy.jitter * _unit(rand)


def failure_delay(
    policy: PollPolicy,
    *,
    failures: int,
    retry_after: float | None = None,
    rand: float = 0.0,
) -> float:
    """Seconds until the next attempt after ``failures`` consecutive failures (>= 1).

    Exponential: interval, 2×, 4×, ... capped at ``max_backoff``, then a jitter of
    up to a quarter of the delay is *subtracted* so retries from many daemons
    spread out without ever exceeding the cap.  ``Retry-After`` is honoured as a
    floor (itself capped at ``max_interval``, so a hostile header cannot park a
    feed for a year).
    """
    if failures < 1:
        raise ValueError("failure_delay needs failures >= 1")
    base = max(policy.interval, policy.min_interval)
    exponent = min(failures - 1, 32)
    delay = min(base * (2.0**exponent), policy.max_backoff)
    delay -= delay * 0.25 * _unit(rand)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, policy.max_interval))
    return delay


def at(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)


def _unit(rand: float) -> float:
    if not 0.0 <= rand < 1.0:
        raise ValueError(f"rand must be in [0, 1), got {rand}")
    return rand
