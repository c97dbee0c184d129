"""Which secrets sign a message at a given time (a rotation's overlap)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ir_feed.store.subscriptions import active_secrets

T = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_previous_secrets_sign_after_the_current_ones_until_they_expire() -> None:
    assert active_secrets(["new"], ["old"], T, T - timedelta(seconds=1)) == ["new", "old"]
    assert active_secrets(["new"], ["old"], T, T) == ["new"]  # expired at that instant
    assert active_secrets(["new"], ["old", "older"], T, T - timedelta(hours=1)) == ["new", "old", "older"]
    assert active_secrets(["new"], None, None, T) == ["new"]
    assert active_secrets(["new"], ["new", "old"], T + timedelta(1), T) == ["new", "old"]  # no duplicate
    assert active_secrets([], ["old"], T + timedelta(1), T) == ["old"]
