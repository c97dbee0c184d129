"""Feeds and their health; the database decides what is due.

``claim_due`` takes feeds whose ``next_poll_at`` has passed and that no one
holds a lease on, and leases them (``FOR UPDATE SKIP LOCKED`` on PostgreSQL;
SQLite serialises writers, so the claim is atomic there too).  A crashed
poller's lease simply expires.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import BindParameter, Select, Table, Update, bindparam, or_, select, update
from sqlalchemy.orm import Session

from ir_feed.settings import FeedSettings
from ir_feed.store.engine import serialise_config_sync
from ir_feed.store.tables import FeedRow


@dataclass(frozen=True, slots=True)
class DueFeed:
    """What a poll needs to know about a claimed feed."""

    id: int
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    consecutive_failures: int


@dataclass(frozen=True, slots=True)
class FeedHealth:
    name: str
    url: str
    enabled: bool
    disabled_reason: str | None
    last_outcome: str | None
    last_status: int | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int
    next_poll_at: datetime
    last_error: str | None
    last_warning: str | None
    polls: int


def sync_feeds(session: Session, feeds: Iterable[FeedSettings], now: datetime) -> None:
    """Make the feeds table match the configuration.

    New feeds are due at once.  A changed URL forgets the validators and any
    "gone" state.  Feeds no longer configured are disabled, not deleted: their
    releases keep pointing at them.
    """
    serialise_config_sync(session)
    rows = {row.name: row for row in session.scalars(select(FeedRow))}
    configured = set()
    for feed in feeds:
        configured.add(feed.name)
        row = rows.get(feed.name)
        if row is None:
            session.add(
                FeedRow(
                    name=feed.name,
                    url=feed.url,
                    enabled=feed.enabled,
                    disabled_reason=None if feed.enabled else "disabled in config",
                    next_poll_at=now,
                    consecutive_failures=0,
                    polls=0,
                    created_at=now,
                    updated_at=now,
                )
            )
            continue
        if row.url != feed.url:
            row.url = feed.url
            row.etag = row.last_modified = None
            row.enabled, row.disabled_reason = True, None
            row.consecutive_failures = 0
            row.next_poll_at = now
            row.updated_at = now
        if not feed.enabled and row.enabled:
            row.enabled, row.disabled_reason, row.updated_at = False, "disabled in config", now
        elif feed.enabled and not row.enabled and row.disabled_reason in {"disabled in config", "removed from config"}:
            row.enabled, row.disabled_reason, row.next_poll_at, row.updated_at = True, None, now, now
    for name, row in rows.items():
        if name not in configured and row.enabled:
            row.enabled, row.disabled_reason, row.updated_at = False, "removed from config", now


_FEEDS = cast(Table, FeedRow.__table__)
_DUE_COLUMNS = (
    _FEEDS.c.id,
    _FEEDS.c.name,
    _FEEDS.c.url,
    _FEEDS.c.etag,
    _FEEDS.c.last_modified,
    _FEEDS.c.consecutive_failures,
)


@functools.lru_cache(maxsize=4)
def _due(excluding: bool, named: bool) -> Select[Any]:
    """The feeds a claim may take at ``:now`` (the first ``:limit``, soonest due first),
    none of ``:exclude`` (when ``excluding``), only those of ``:names`` (when ``named``)
    and then due or not.  Built once per shape: a claim only binds its values."""
    f = _FEEDS
    now: BindParameter[datetime] = bindparam("now")
    stmt = select(*_DUE_COLUMNS).where(f.c.enabled.is_(True), or_(f.c.lease_until.is_(None), f.c.lease_until <= now))
    if excluding:
        stmt = stmt.where(f.c.id.not_in(bindparam("exclude", expanding=True)))
    stmt = stmt.where(f.c.name.in_(bindparam("names", expanding=True)) if named else f.c.next_poll_at <= now)
    return stmt.order_by(f.c.next_poll_at, f.c.id).limit(bindparam("limit")).with_for_update(skip_locked=True)


def claim_due(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    names: Sequence[str] | None = None,
    exclude: Collection[int] = (),
) -> list[DueFeed]:
    """Lease up to ``limit`` due feeds (``names`` given: those feeds, due or not).
    ``exclude``: feeds this process is polling still (even past their lease).

    Two statements whatever the number of feeds, in SQLAlchemy Core (plain columns, no
    ORM objects: a claim runs every few polls, and loading and flushing rows through
    the ORM cost more than the statements): the due feeds, and one UPDATE leasing them."""
    values: dict[str, Any] = {"now": now, "limit": limit}
    if exclude:
        values["exclude"] = list(exclude)
    if names is not None:
        values["names"] = list(names)
    conn = session.connection()
    claimed = [DueFeed(*row) for row in conn.execute(_due(bool(exclude), names is not None), values)]
    if claimed:
        f = _FEEDS
        conn.execute(update(f).where(f.c.id.in_([d.id for d in claimed])).values(lease_until=now + lease))
    return claimed


def renew_lease(session: Session, feed_id: int, until: datetime) -> bool:
    """Extend the lease of a feed still being polled (a poll that has recorded its
    result holds none, and keeps none).  True when it was renewed."""
    done = session.execute(
        update(FeedRow).where(FeedRow.id == feed_id, FeedRow.lease_until.is_not(None)).values(lease_until=until)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def release_lease(session: Session, feed_id: int) -> None:
    """Give a claimed feed back without polling it (shutdown)."""
    session.get_one(FeedRow, feed_id).lease_until = None


def record_success(
    session: Session,
    feed_id: int,
    *,
    now: datetime,
    status: int,
    outcome: str,
    etag: str | None,
    last_modified: str | None,
    next_poll_at: datetime,
    warning: str | None = None,
) -> None:
    """A poll that worked.  ``warning`` is what its parse put up with (None: nothing);
    a 304 keeps the last parse's warning."""
    row = session.get_one(FeedRow, feed_id)
    row.last_status, row.last_outcome = status, outcome
    if status != 304:
        row.last_warning = warning[:2000] if warning else None
    if status != 304:
        # A validator is only worth keeping whole: one too long for its column is dropped
        # (the next poll is then a full GET), never allowed to fail the poll's write.
        row.etag = etag
        row.last_modified = last_modified if last_modified is None or len(last_modified) <= 100 else None
    row.last_polled_at = row.last_success_at = now
    row.consecutive_failures = 0
    row.next_poll_at, row.lease_until = next_poll_at, None
    row.polls += 1
    row.updated_at = now


@functools.cache
def _not_modified() -> Update:
    """:func:`record_not_modified`'s statement, built once (building it cost more than running it)."""
    f = _FEEDS
    now: BindParameter[datetime] = bindparam("now")
    return (
        update(f)
        .where(f.c.id == bindparam("feed_id"))
        .values(
            last_status=304,
            last_outcome="not_modified",
            last_polled_at=now,
            last_success_at=now,
            consecutive_failures=0,
            next_poll_at=bindparam("next_at"),
            lease_until=None,
            polls=f.c.polls + 1,
            updated_at=now,
        )
    )


def record_not_modified(session: Session, polls: Sequence[tuple[int, datetime]], *, now: datetime) -> None:
    """Many polls answered 304 at once: each ``(feed id, next_poll_at)``, as
    :func:`record_success` records one (validators and the last parse's warning kept),
    in one statement run for every feed (a 304 costs one row update, not a transaction)."""
    if not polls:
        return
    # (Core: an executemany, not ORM bulk semantics)
    session.connection().execute(_not_modified(), [{"feed_id": i, "next_at": at, "now": now} for i, at in polls])


def record_failure(
    session: Session,
    feed_id: int,
    *,
    now: datetime,
    status: int | None,
    outcome: str,
    error: str,
    next_poll_at: datetime,
    disable_reason: str | None = None,
) -> int:
    """Record a failed poll; returns the new count of consecutive failures."""
    row = session.get_one(FeedRow, feed_id)
    row.last_status, row.last_outcome = status, outcome
    row.last_error, row.last_error_at = error[:2000], now
    row.last_polled_at = now
    row.consecutive_failures += 1
    row.next_poll_at, row.lease_until = next_poll_at, None
    row.polls += 1
    if disable_reason is not None:
        row.enabled, row.disabled_reason = False, disable_reason
    row.updated_at = now
    return row.consecutive_failures


def health(session: Session) -> list[FeedHealth]:
    return [
        FeedHealth(
            name=r.name,
            url=r.url,
            enabled=r.enabled,
            disabled_reason=r.disabled_reason,
            last_outcome=r.last_outcome,
            last_status=r.last_status,
            last_polled_at=r.last_polled_at,
            last_success_at=r.last_success_at,
            consecutive_failures=r.consecutive_failures,
            next_poll_at=r.next_poll_at,
            last_error=r.last_error,
            last_warning=r.last_warning,
            polls=r.polls,
        )
        for r in session.scalars(select(FeedRow).order_by(FeedRow.name))
    ]
