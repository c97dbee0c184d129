"""The pure retry policy: Standard Webhooks schedule, jitter, Retry-After, 410, 5 days, dead letters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ir_feed.delivery import SCHEDULE, DeadLetter, Delivered, DisableSubscription, RetryAt, next_attempt

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def _after(attempt: int, *, status: int | None = 500, retry_after: float | None = None, rand: float = 0.0) -> object:
    return next_attempt(attempt, status=status, retry_after=retry_after, first_failure_at=None, now=NOW, rand=rand)


def test_the_schedule_is_the_standard_webhooks_one() -> None:
    assert SCHEDULE == (0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400)
    delays = []
    for attempt in range(1, 10):
        decision = _after(attempt)
        assert isinstance(decision, RetryAt)
        assert decision.attempt == attempt + 1
        delays.append((decision.at - NOW).total_seconds())
    assert delays == [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400]


@pytest.mark.parametrize("status", [200, 201, 202, 204, 299])
def test_any_2xx_is_delivered(status: int) -> None:
    assert (
        next_attempt(10, status=status, retry_after=None, first_failure_at=NOW - timedelta(days=9), now=NOW, rand=0.5)
        == Delivered()
    )


@pytest.mark.parametrize("status", [None, 100, 301, 302, 304, 400, 401, 404, 408, 429, 500, 502, 503])
def test_everything_else_is_retried(status: int | None) -> None:
    assert isinstance(_after(1, status=status), RetryAt)


def test_jitter_only_stretches_up_to_twenty_percent() -> None:
    low, high = _after(3, rand=0.0), _after(3, rand=0.999)
    assert isinstance(low, RetryAt) and isinstance(high, RetryAt)
    assert (low.at - NOW).total_seconds() == 1800
    assert 1800 < (high.at - NOW).total_seconds() <= 1800 * 1.2


def test_retry_after_is_a_floor_and_is_capped() -> None:
    longer = _after(1, status=429, retry_after=120)
    shorter = _after(3, status=503, retry_after=10)
    huge = _after(1, status=503, retry_after=10 * 86_400)
    assert isinstance(longer, RetryAt) and (longer.at - NOW).total_seconds() == 120
    assert isinstance(shorter, RetryAt) and (shorter.at - NOW).total_seconds() == 1800
    assert isinstance(huge, RetryAt) and (huge.at - NOW).total_seconds() == 86_400
    capped = next_attempt(1, status=503, retry_after=7200, first_failure_at=None, now=NOW, rand=0, max_retry_after=600)
    assert isinstance(capped, RetryAt) and (capped.at - NOW).total_seconds() == 600


def test_the_last_attempt_makes_a_dead_letter() -> None:
    decision = _after(10, status=503)
    assert isinstance(decision, DeadLetter)
    assert "10 attempts" in decision.reason and "HTTP 503" in decision.reason
    timeout = _after(10, status=None)
    assert isinstance(timeout, DeadLetter) and "no response" in timeout.reason


def test_410_disables_the_subscription() -> None:
    decision = _after(1, status=410)
    assert isinstance(decision, DisableSubscription)
    assert "410" in decision.reason


def test_five_days_of_failures_disable_the_subscription() -> None:
    almost = next_attempt(
        2, status=500, retry_after=None, first_failure_at=NOW - timedelta(days=4, hours=23), now=NOW, rand=0
    )
    assert isinstance(almost, RetryAt)
    five = next_attempt(2, status=None, retry_after=None, first_failure_at=NOW - timedelta(days=5), now=NOW, rand=0)
    assert isinstance(five, DisableSubscription)
    assert "5.0 days" in five.reason and "2025-02-24" in five.reason


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="attempt"):
        _after(0)
    with pytest.raises(ValueError, match="rand"):
        _after(1, rand=1.5)
