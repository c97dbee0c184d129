"""Counts for monitoring: what is stored, the outbox backlog, failing feeds.

Read at scrape time by the API's ``/metrics`` (one short read transaction).
Each count is an index-only scan on the tables' primary or secondary indexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ir_feed.store.outbox import queue_depth
from ir_feed.store.tables import DiffRow, EventRow, FeedRow, ReleaseRow


@dataclass(frozen=True, slots=True)
class StoreStats:
    releases: int
    events: dict[str, int]  # by kind
    diffs: int
    outbox_depth: int
    outbox_oldest_age: float  # seconds; 0 when the outbox is empty
    feeds_failing: int  # enabled feeds whose last poll failed
    feeds_disabled: int


def store_stats(session: Session, now: datetime) -> StoreStats:
    releases = session.scalar(select(func.count()).select_from(ReleaseRow)) or 0
    events = {
        str(kind): int(n) for kind, n in session.execute(select(EventRow.kind, func.count()).group_by(EventRow.kind))
    }
    diffs = session.scalar(select(func.count()).select_from(DiffRow)) or 0
    depth, oldest = queue_depth(session, now)
    failing = session.scalar(
        select(func.count()).select_from(FeedRow).where(FeedRow.enabled.is_(True), FeedRow.consecutive_failures > 0)
    )
    disabled = session.scalar(select(func.count()).select_from(FeedRow).where(FeedRow.enabled.is_(False)))
    return StoreStats(
        releases=int(releases),
        events=events,
        diffs=int(diffs),
        outbox_depth=depth,
        outbox_oldest_age=max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0,
        feeds_failing=int(failing or 0),
        feeds_disabled=int(disabled or 0),
    )
