"""The pure half of retention: settings read at a time as cutoffs, and the counts a
run reports (the metrics' kinds are the counts' fields)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ir_feed.metrics import PRUNED_KINDS
from ir_feed.settings import RetentionSettings
from ir_feed.store.retention import Cutoffs, PruneCounts, cutoffs

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


def test_each_age_is_a_cutoff_that_many_days_back_and_zero_is_none() -> None:
    settings = RetentionSettings(
        delivered_messages_days=30, dead_messages_days=90, old_version_text_days=1, diffs_days=0
    )
    assert cutoffs(settings, NOW) == Cutoffs(
        delivered_messages=NOW - timedelta(days=30),
        dead_messages=NOW - timedelta(days=90),
        version_texts=NOW - timedelta(days=1),
        diffs=None,
    )
    nothing = RetentionSettings(delivered_messages_days=0, dead_messages_days=0, old_version_text_days=0, diffs_days=0)
    assert cutoffs(nothing, NOW) == Cutoffs()


def test_counts_add_up_and_name_the_metrics_kinds() -> None:
    a = PruneCounts(delivered_messages=3, delivery_attempts=4)
    b = PruneCounts(delivered_messages=1, dead_messages=2, diffs=5, version_texts=6, delivery_attempts=20)
    assert a + b == PruneCounts(delivered_messages=4, dead_messages=2, delivery_attempts=24, diffs=5, version_texts=6)
    assert (a + b).total == 41 and PruneCounts().total == 0
    assert tuple((a + b).as_dict()) == PRUNED_KINDS
