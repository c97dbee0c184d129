from __future__ import annotations

import itertools

import pytest

from ir_feed.schedule import PollPolicy, failure_delay, success_delay

POLICY = PollPolicy(interval=300, jitter=30, min_interval=60, max_interval=86_400, max_backoff=6 * 3600)


def test_success_uses_interval_plus_jitter() -> None:
    assert success_delay(POLICY, rand=0.0) == 300
    assert success_delay(POLICY, rand=0.5) == 315


def test_publisher_hints_stretch_but_never_shrink() -> None:
    assert success_delay(POLICY, max_age=900) == 900
    assert success_delay(POLICY, max_age=10) == 300
    assert success_delay(POLICY, ttl_minutes=60) == 3600
    assert success_delay(POLICY, max_age=10 * 86_400) == 86_400  # clamped to max_interval


def test_backoff_grows_and_is_capped_but_never_stops() -> None:
    delays = [failure_delay(POLICY, failures=n, rand=0.0) for n in range(1, 12)]
    assert delays[:4] == [300, 600, 1200, 2400]
    assert delays[-1] == 6 * 3600
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert failure_delay(POLICY, failures=10_000, rand=0.0) == 6 * 3600


def test_backoff_jitter_stays_below_the_cap() -> None:
    assert failure_delay(POLICY, failures=50, rand=0.999) == pytest.approx(6 * 3600 * 0.75, rel=0.01)


def test_retry_after_is_a_floor_bounded_by_max_interval() -> None:
    assert failure_delay(POLICY, failures=1, retry_after=7200) == 7200
    assert failure_delay(POLICY, failures=1, retry_after=5) == 300
    assert failure_delay(POLICY, failures=1, retry_after=10**9) == 86_400


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="failures"):
        failure_delay(POLICY, failures=0)
    with pytest.raises(ValueError, match="rand"):
        success_delay(POLICY, rand=1.0)
