"""Releases, their versions, and what each feed last showed of them.

``save_release`` is the whole write of one release inside the caller's unit of
work: a new key inserts the release and version 1; a changed content hash or
``dc:modified`` appends a version; a summary-only copy that later gains its
full page text is completed in place (same version: we only learned more of
it); anything else just refreshes ``last_seen_at``.  A release's text is stored once:
the release row holds the current version's, and a version's own row takes its text
only when a newer version replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Select, and_, or_, select, update
from sqlalchemy.orm import Session

from ir_feed.models import PressRelease, Ticker
from ir_feed.store.tables import (
    EventRow,
    EventSourceRow,
    FeedEntryRow,
    ReleaseRow,
    ReleaseTickerRow,
    ReleaseVersionRow,
)

SaveKind = Literal["new", "version", "completed", "unchanged"]


@dataclass(frozen=True, slots=True)
class KnownEntry:
    digest: str
    complete: bool
    page_attempts: int


@dataclass(frozen=True, slots=True)
class Saved:
    kind: SaveKind
    release_id: int
    version: int


@dataclass(frozen=True, slots=True)
class ReleaseSummary:
    key: str
    title: str
    issuer: str | None
    tickers: tuple[Ticker, ...]
    published_at: datetime | None
    version: int
    full_text: bool
    url: str | None
    first_seen_at: datetime


def known_entries(session: Session, feed_id: int) -> dict[str, KnownEntry]:
    rows = session.execute(
        select(FeedEntryRow.entry_key, FeedEntryRow.digest, FeedEntryRow.complete, FeedEntryRow.page_attempts).where(
            FeedEntryRow.feed_id == feed_id
        )
    )
    return {key: KnownEntry(digest, complete, attempts) for key, digest, complete, attempts in rows}


def add_listings(row: ReleaseRow, tickers: Sequence[Ticker]) -> None:
    """Add listings to a release (its feed's, and those its text names once extracted):
    ``releases --ticker`` then finds every release whose events ``events --ticker`` finds."""
    have = {(t.exchange, t.symbol) for t in row.ticker_rows}
    for t in tickers:
        pair = (t.exchange or "", t.symbol)
        if pair not in have:
            have.add(pair)
            row.ticker_rows.append(ReleaseTickerRow(exchange=pair[0], symbol=pair[1]))
    row.tickers = [f"{ex}:{sym}" if ex else sym for ex, sym in sorted(have)]


def _version_row(release: PressRelease, version: int, feed_id: int | None, now: datetime) -> ReleaseVersionRow:
    return ReleaseVersionRow(
        version=version,
        content_hash=release.content_hash,
        title=release.title,
        modified_at=release.modified,
        summary=release.summary,
        text=None,  # (the current version's text is the release's: one copy)
        full_text=release.full_text,
        feed_id=feed_id,
        seen_at=now,
    )


def _apply(row: ReleaseRow, release: PressRelease, now: datetime) -> None:
    row.guid = row.guid or release.guid
    row.url = release.url or row.url
    row.title = release.title
    row.published_at = release.published or row.published_at
    row.modified_at = release.modified
    row.issuer = release.issuer or row.issuer
    row.isin = release.isin or row.isin
    row.language = release.language or row.language
    row.subjects = list(release.subjects) or row.subjects
    row.summary = release.summary
    row.text = release.text
    row.full_text = release.full_text
    row.content_hash = release.content_hash
    row.last_seen_at = row.updated_at = now


def save_release(session: Session, release: PressRelease, *, feed_id: int | None, now: datetime) -> Saved:
    row = session.scalar(select(ReleaseRow).where(ReleaseRow.key == release.key))
    if row is None:
        row = ReleaseRow(key=release.key, version=1, first_seen_at=now, tickers=[], subjects=[])
        _apply(row, release, now)
        add_listings(row, release.tickers)
        session.add(row)
        session.flush()
        version = _version_row(release, 1, feed_id, now)
        version.release_id = row.id
        session.add(version)
        return Saved("new", row.id, 1)

    add_listings(row, release.tickers)
    row.last_seen_at = now
    same_stamp = row.modified_at == release.modified
    if release.content_hash == row.content_hash and same_stamp:
        return Saved("unchanged", row.id, row.version)
    if row.full_text and not release.full_text and same_stamp and release.title == row.title:
        # Only the page fetch failed and nothing says the release changed: never
        # overwrite the full text with less.  The entry stays incomplete and is retried.
        return Saved("unchanged", row.id, row.version)
    # (A correction whose page failed falls through: it becomes a summary-only
    # version, completed in place when its page arrives.)
    if not row.full_text and release.full_text and same_stamp:
        current = session.scalar(
            select(ReleaseVersionRow).where(
                ReleaseVersionRow.release_id == row.id, ReleaseVersionRow.version == row.version
            )
        )
        _apply(row, release, now)
        if current is not None:  # (its text is the release's, just completed)
            current.full_text = True
            current.content_hash, current.title = release.content_hash, release.title
        return Saved("completed", row.id, row.version)
    # The current version is replaced now: its text, until now the release's, moves to
    # its own row (retention keeps it for so long after).
    session.execute(
        update(ReleaseVersionRow)
        .where(
            ReleaseVersionRow.release_id == row.id,
            ReleaseVersionRow.version == row.version,
            ReleaseVersionRow.superseded_at.is_(None),
        )
        .values(superseded_at=now, text=row.text)
        .execution_options(synchronize_session=False)
    )
    row.version += 1
    _apply(row, release, now)
    version = _version_row(release, row.version, feed_id, now)
    version.release_id = row.id
    session.add(version)
    return Saved("version", row.id, row.version)


def awaiting_page(session: Session, release: ReleaseRow) -> bool:
    """True when the release's current version is known only by its summary while an
    earlier version had the full text: a correction whose page never arrived.  Its
    summary says less than the text it replaces, so it must not be extracted in its
    place (the facts it leaves out would look retracted)."""
    if release.full_text:
        return False
    earlier_full = select(ReleaseVersionRow.id).where(
        ReleaseVersionRow.release_id == release.id,
        ReleaseVersionRow.version < release.version,
        ReleaseVersionRow.full_text.is_(True),
    )
    return session.scalar(earlier_full.limit(1)) is not None


def record_entry(
    session: Session,
    *,
    feed_id: int,
    entry_key: str,
    digest: str,
    release_id: int | None,
    complete: bool,
    page_failed: bool,
    now: datetime,
) -> None:
    row = session.scalar(
        select(FeedEntryRow).where(FeedEntryRow.feed_id == feed_id, FeedEntryRow.entry_key == entry_key)
    )
    if row is None:
        row = FeedEntryRow(feed_id=feed_id, entry_key=entry_key, first_seen_at=now, page_attempts=0)
        session.add(row)
    row.digest = digest
    if release_id is not None:  # (a rejected item keeps the link to the release it had)
        row.release_id = release_id
    row.complete = complete
    row.page_attempts = (row.page_attempts or 0) + 1 if page_failed else 0
    row.last_seen_at = now


def naming(ticker: str) -> Select[int]:
    """Ids of the releases that name a listing: ``SYMBOL`` or ``EXCHANGE:SYMBOL``."""
    t = Ticker.parse(ticker)
    stmt = select(ReleaseTickerRow.release_id).where(ReleaseTickerRow.symbol == t.symbol)
    if t.exchange:
        stmt = stmt.where(ReleaseTickerRow.exchange == t.exchange)
    return stmt


def list_releases(
    session: Session,
    *,
    ticker: str | None = None,
    since: datetime | None = None,
    limit: int = 50,
) -> list[ReleaseSummary]:
    """Newest first.  ``ticker`` is ``SYMBOL`` or ``EXCHANGE:SYMBOL`` (case-insensitive)."""
    stmt = select(ReleaseRow)
    if ticker:
        stmt = stmt.where(ReleaseRow.id.in_(naming(ticker)))
    if since is not None:
        stmt = stmt.where(ReleaseRow.published_at >= since)
    stmt = stmt.order_by(ReleaseRow.published_at.desc(), ReleaseRow.id.desc()).limit(limit)
    return [_summary(r) for r in session.scalars(stmt)]


def _summary(r: ReleaseRow) -> ReleaseSummary:
    return ReleaseSummary(
        key=r.key,
        title=r.title,
        issuer=r.issuer,
        tickers=tuple(Ticker.parse(t) for t in r.tickers),
        published_at=r.published_at,
        version=r.version,
        full_text=r.full_text,
        url=r.url,
        first_seen_at=r.first_seen_at,
    )


def page_releases(
    session: Session,
    *,
    ticker: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    after: tuple[datetime | None, int] | None = None,
) -> list[tuple[tuple[datetime | None, int], ReleaseSummary]]:
    """Newest first by publication (undated releases last), keyset-paginated.

    Each summary comes with its position ``(published_at, id)``; pass the last
    one as ``after`` for the next page.  Releases stored meanwhile never shift a
    page: a newer one sorts before the first page, an older one in its place."""
    stmt = select(ReleaseRow)
    if ticker:
        stmt = stmt.where(ReleaseRow.id.in_(naming(ticker)))
    if since is not None:
        stmt = stmt.where(ReleaseRow.published_at >= since)
    if until is not None:
        stmt = stmt.where(ReleaseRow.published_at < until)
    if after is not None:
        at, last_id = after
        if at is None:
            stmt = stmt.where(ReleaseRow.published_at.is_(None), ReleaseRow.id < last_id)
        else:
            stmt = stmt.where(
                or_(
                    ReleaseRow.published_at < at,
                    and_(ReleaseRow.published_at == at, ReleaseRow.id < last_id),
                    ReleaseRow.published_at.is_(None),
                )
            )
    stmt = stmt.order_by(ReleaseRow.published_at.desc().nulls_last(), ReleaseRow.id.desc()).limit(limit)
    return [((r.published_at, r.id), _summary(r)) for r in session.scalars(stmt)]


@dataclass(frozen=True, slots=True)
class ReleaseEvent:
    """An event a release states (``active``) or stated in an earlier version."""

    event: EventRow
    active: bool
    announced: bool
    release_version: int


@dataclass(frozen=True, slots=True)
class ReleaseDetail:
    release: ReleaseRow
    versions: list[ReleaseVersionRow]
    events: list[ReleaseEvent]


def release_detail(session: Session, key: str) -> ReleaseDetail | None:
    """One release by key: the row, every version (oldest first) and the events it supports."""
    row = session.scalar(select(ReleaseRow).where(ReleaseRow.key == key))
    if row is None:
        return None
    history = list(
        session.scalars(
            select(ReleaseVersionRow).where(ReleaseVersionRow.release_id == row.id).order_by(ReleaseVersionRow.version)
        )
    )
    events = [
        ReleaseEvent(event=ev, active=src.active, announced=src.announced, release_version=src.release_version)
        for src, ev in session.execute(
            select(EventSourceRow, EventRow)
            .join(EventRow, EventRow.id == EventSourceRow.event_id)
            .where(EventSourceRow.release_id == row.id)
            .order_by(EventRow.id)
        )
    ]
    return ReleaseDetail(row, history, events)


def release_ids(session: Session, *, since: datetime | None = None, ticker: str | None = None) -> list[int]:
    """Ids of stored releases (oldest first), optionally published since / naming a ticker."""
    stmt = select(ReleaseRow.id)
    if ticker:
        stmt = stmt.where(ReleaseRow.id.in_(naming(ticker)))
    if since is not None:
        stmt = stmt.where(ReleaseRow.published_at >= since)
    return list(session.scalars(stmt.order_by(ReleaseRow.id)))
