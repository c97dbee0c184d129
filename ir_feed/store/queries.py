"""The read side: events, one event with its evidence and history, diffs.

Queries are shaped for the indexes in :mod:`ir_feed.store.tables`: one
ticker's events newest first is a range scan of ``event_tickers(symbol,
occurred_at)``; kind, designation, status and agency filters each have an
``(x, occurred_at)`` index.  Pagination is by keyset ``(occurred_at, id)``, so
a page boundary is stable while new events arrive.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Connection, Row, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from ir_feed.delivery import Filters, matches
from ir_feed.models import Ticker
from ir_feed.store.outbox import diff_message
from ir_feed.store.tables import DiffRow, EventRow, EventSourceRow, EventTickerRow, ReleaseRow
from ir_feed.timestamps import utc_times


@dataclass(frozen=True, slots=True)
class EventFilter:
    ticker: str | None = None  # SYMBOL or EXCHANGE:SYMBOL
    kind: str | None = None
    designation: str | None = None
    status: str | None = None
    agency: str | None = None
    since: datetime | None = None  # occurred on or after
    until: datetime | None = None  # occurred before
    include_retracted: bool = False
    announced: bool | None = None  # True: the releases' news; False: only recalled; None: both
    limit: int = 50
    after: tuple[datetime, int] | None = None  # keyset cursor: (occurred_at, id) of the last row seen


@dataclass(frozen=True, slots=True)
class EventSource:
    release_key: str
    title: str
    url: str | None
    published_at: datetime | None
    release_version: int
    active: bool
    announced: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventRow
    sources: list[EventSource]
    history: list[DiffRow]


# The columns an event's public shape reads (``store.events.public_event``, the API's event
# pages), and its row id (a page's cursor): not the bookkeeping columns.
PUBLIC_EVENT_COLUMNS = tuple(
    column.name
    for column in EventRow.__table__.columns
    if column.name not in ("state_release_id", "state_published_at", "extractor_version", "first_seen_at", "updated_at")
)


def _event_params(f: EventFilter) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The values ``f`` binds, by name.  Their names are the statement's shape, with
    ``include_retracted`` and ``announced``, which are written into the statement itself."""
    params: dict[str, Any] = {}
    if f.ticker:
        t = Ticker.parse(f.ticker)
        params["symbol"] = t.symbol
        if t.exchange:
            params["exchange"] = t.exchange
    for name, value in (("kind", f.kind), ("designation", f.designation), ("status", f.status), ("agency", f.agency)):
        if value:
            params[name] = value
    if f.since is not None:
        params["since"] = f.since
    if f.until is not None:
        params["until"] = f.until
    if f.after is not None:
        params["after_at"], params["after_id"] = f.after
    params["limit"] = f.limit
    return tuple(params), params


@functools.lru_cache(maxsize=1024)
def _event_statement(
    public: bool, names: tuple[str, ...], include_retracted: bool, announced: bool | None
) -> Select[Any]:
    """The events query of one shape (which filters are given), its values bound by name:
    built once per shape, so a request neither builds a statement nor works out its cache
    key.  ``public``: the columns of :data:`PUBLIC_EVENT_COLUMNS`, as Core rows; else
    :class:`EventRow` entities."""
    ev: Any = EventRow.__table__.c if public else EventRow
    et: Any = EventTickerRow.__table__.c if public else EventTickerRow
    stmt: Any = select(*(ev[c] for c in PUBLIC_EVENT_COLUMNS)) if public else select(EventRow)
    if "symbol" in names:
        # Order and filter on the denormalised occurred_at of event_tickers: one index range.
        occurred = et.occurred_at
        stmt = stmt.join(EventTickerRow.__table__ if public else EventTickerRow, et.event_id == ev.id)
        stmt = stmt.where(et.symbol == bindparam("symbol"))
        if "exchange" in names:
            stmt = stmt.where(et.exchange == bindparam("exchange"))
    else:
        occurred = ev.occurred_at
    for name in ("kind", "designation", "status", "agency"):
        if name in names:
            stmt = stmt.where(getattr(ev, name) == bindparam(name))
    if not include_retracted:
        stmt = stmt.where(ev.retracted.is_(False))
    if announced is not None:
        stmt = stmt.where(ev.announced.is_(announced))
    if "since" in names:
        stmt = stmt.where(occurred >= bindparam("since"))
    if "until" in names:
        stmt = stmt.where(occurred < bindparam("until"))
    if "after_at" in names:
        at: Any = bindparam("after_at")
        stmt = stmt.where(or_(occurred < at, and_(occurred == at, ev.id < bindparam("after_id"))))
    # (BIGINT: the CLI takes a limit up to 2**63 - 1)
    ordered: Select[Any] = stmt.order_by(occurred.desc(), ev.id.desc()).limit(bindparam("limit", type_=BigInteger))
    return ordered


@dataclass(frozen=True, slots=True)
class CalendarFilter:
    """Events whose date window overlaps ``[start, end]`` (both days included), of the kinds
    given (those whose events span time), earliest window first."""

    start: date
    end: date
    kinds: tuple[str, ...]
    ticker: str | None = None
    status: str | None = None
    announced: bool | None = None
    limit: int = 200
    after: tuple[date, int] | None = None  # keyset cursor: (window_start, id) of the last row seen


def calendar(session: Session, f: CalendarFilter) -> list[EventRow]:
    """The catalyst calendar: events with a window that overlaps the range, never a retracted
    one; a window with no end lasts its first day."""
    stmt = select(EventRow)
    if f.ticker:
        t = Ticker.parse(f.ticker)
        listed = select(EventTickerRow.event_id).where(EventTickerRow.symbol == t.symbol)
        if t.exchange:
            listed = listed.where(EventTickerRow.exchange == t.exchange)
        stmt = stmt.where(EventRow.id.in_(listed))
    ends = func.coalesce(EventRow.window_end, EventRow.window_start)
    stmt = stmt.where(
        EventRow.kind.in_(f.kinds),
        EventRow.window_start.is_not(None),
        EventRow.window_start <= f.end,
        ends >= f.start,
        EventRow.retracted.is_(False),
    )
    if f.status:
        stmt = stmt.where(EventRow.status == f.status)
    if f.announced is not None:
        stmt = stmt.where(EventRow.announced.is_(f.announced))
    if f.after is not None:
        at, last_id = f.after
        stmt = stmt.where(or_(EventRow.window_start > at, and_(EventRow.window_start == at, EventRow.id > last_id)))
    return list(session.scalars(stmt.order_by(EventRow.window_start, EventRow.id).limit(f.limit)))


def list_events(session: Session, f: EventFilter) -> list[EventRow]:
    """Newest first (by when the fact was reported)."""
    names, params = _event_params(f)
    return list(session.scalars(_event_statement(False, names, f.include_retracted, f.announced), params).unique())


def list_public_events(conn: Connection, f: EventFilter) -> list[Row[Any]]:
    """As :func:`list_events`, as Core rows of :data:`PUBLIC_EVENT_COLUMNS` (no ORM objects:
    for a page that is only written out).  An event met twice (a ticker filter without an
    exchange, the issuer listed with the same symbol on two) is given once, where first met,
    as :func:`list_events` gives it."""
    names, params = _event_params(f)
    rows = conn.execute(_event_statement(True, names, f.include_retracted, f.announced), params).all()
    if "symbol" not in names or "exchange" in names:
        return list(rows)
    seen: set[int] = set()
    unique = []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            unique.append(row)
    return unique


def state_releases(session: Session, rows: list[EventRow]) -> dict[int, ReleaseRow]:
    """For each event (by its row id), the release whose text set its current state."""
    wanted = {r.state_release_id for r in rows if r.state_release_id is not None}
    if not wanted:
        return {}
    releases = {rel.id: rel for rel in session.scalars(select(ReleaseRow).where(ReleaseRow.id.in_(wanted)))}
    return {
        r.id: releases[r.state_release_id]
        for r in rows
        if r.state_release_id is not None and r.state_release_id in releases
    }


def find_event(session: Session, key_or_id: str) -> EventRow | None:
    """By natural key, or by the public id of one of its diffs (``dif_...``)."""
    row = session.scalar(select(EventRow).where(EventRow.key == key_or_id))
    if row is None and key_or_id.startswith("dif_"):
        row = session.scalar(
            select(EventRow).join(DiffRow, DiffRow.event_id == EventRow.id).where(DiffRow.public_id == key_or_id)
        )
    return row


def event_detail(session: Session, key_or_id: str) -> EventDetail | None:
    row = find_event(session, key_or_id)
    if row is None:
        return None
    sources = [
        EventSource(
            release_key=rel.key,
            title=rel.title,
            url=rel.url,
            published_at=rel.published_at,
            release_version=src.release_version,
            active=src.active,
            announced=src.announced,
            evidence=src.evidence,
        )
        for src, rel in session.execute(
            select(EventSourceRow, ReleaseRow)
            .join(ReleaseRow, ReleaseRow.id == EventSourceRow.release_id)
            .where(EventSourceRow.event_id == row.id)
            .order_by(ReleaseRow.published_at, ReleaseRow.id)
        )
    ]
    history = list(session.scalars(select(DiffRow).where(DiffRow.event_id == row.id).order_by(DiffRow.id)))
    return EventDetail(row, sources, history)


@dataclass(frozen=True, slots=True)
class DiffFilter:
    """Which diffs: recorded since ``since``, of these ``types``, of the events of one
    ``ticker`` (``SYMBOL`` or ``EXCHANGE:SYMBOL``) or ``kind``, and those a subscription's
    filters select (``selected_by``: exactly what fan-out would queue for it)."""

    since: datetime | None = None
    types: tuple[str, ...] = ()
    ticker: str | None = None
    kind: str | None = None
    selected_by: Filters | None = None


@dataclass(frozen=True, slots=True)
class DiffPage:
    rows: list[DiffRow]
    last_id: int | None  # the position to continue after: every diff up to it was looked at


def _listed_as(tickers: frozenset[str] | tuple[str, ...]) -> ColumnElement[bool]:
    """Events with one of these listings (``SYMBOL``: on any exchange)."""
    wanted = []
    for text in tickers:
        t = Ticker.parse(text)
        wanted.append(
            and_(EventTickerRow.symbol == t.symbol, EventTickerRow.exchange == t.exchange)
            if t.exchange
            else EventTickerRow.symbol == t.symbol
        )
    return DiffRow.event_id.in_(select(EventTickerRow.event_id).where(or_(*wanted)))


def _selected(stmt: Select[DiffRow], f: Filters) -> Select[DiffRow]:
    """Narrowed in SQL to at least every diff ``f`` selects (each is then checked with
    :func:`ir_feed.delivery.matches` on the diff's own event, as fan-out does).  Kind,
    designation and agency belong to an event's key and never change; listings are only
    ever added, so the event's listings now include those it had at the diff."""
    if f.diff_types:
        stmt = stmt.where(DiffRow.type.in_(sorted(f.diff_types)))
    if f.kinds or f.designations or f.agencies:
        event = select(EventRow.id)
        if f.kinds:
            event = event.where(EventRow.kind.in_(sorted(f.kinds)))
        if f.designations:
            event = event.where(or_(EventRow.kind != "designation", EventRow.designation.in_(sorted(f.designations))))
        if f.agencies:
            named = func.lower(EventRow.agency).in_(sorted(f.agencies))
            event = event.where(or_(EventRow.agency.is_(None), EventRow.agency == "", named))
        stmt = stmt.where(DiffRow.event_id.in_(event))
    if f.tickers:
        stmt = stmt.where(_listed_as(tuple(sorted(f.tickers))))
    return stmt


def diff_page(session: Session, f: DiffFilter, *, after_id: int | None = None, limit: int = 100) -> DiffPage:
    """Up to ``limit`` diffs ``f`` selects, oldest first (the order they happened), after
    the position ``after_id``; ``last_id`` is where the next page starts (the last diff
    returned, or the last one looked at when the page is short)."""
    stmt = select(DiffRow)
    if f.since is not None:
        stmt = stmt.where(DiffRow.created_at >= f.since)
    if f.types:
        stmt = stmt.where(DiffRow.type.in_(f.types))
    if f.ticker:
        stmt = stmt.where(_listed_as((f.ticker,)))
    if f.kind:
        stmt = stmt.where(DiffRow.event_id.in_(select(EventRow.id).where(EventRow.kind == f.kind)))
    if f.selected_by is not None:
        stmt = _selected(stmt, f.selected_by)
    rows: list[DiffRow] = []
    last = after_id
    while True:
        scan = stmt if last is None else stmt.where(DiffRow.id > last)
        chunk = list(session.scalars(scan.order_by(DiffRow.id).limit(limit)))
        for d in chunk:
            last = d.id
            if f.selected_by is None or matches(f.selected_by, diff_message("msg_" + "0" * 26, d)):
                rows.append(d)
                if len(rows) == limit:
                    return DiffPage(rows, last)
        if len(chunk) < limit:
            return DiffPage(rows, last)


def list_diffs(
    session: Session,
    *,
    since: datetime | None = None,
    after_id: int | None = None,
    types: tuple[str, ...] = (),
    limit: int = 100,
) -> list[DiffRow]:
    """Oldest first (the order they happened), from ``since`` / after a cursor."""
    return diff_page(session, DiffFilter(since=since, types=types), after_id=after_id, limit=limit).rows


def diff_json(d: DiffRow) -> dict[str, Any]:
    """A diff as consumers see it (the webhook body's ``data`` plus envelope)."""
    return {
        "id": d.public_id,
        "type": d.type,
        "timestamp": d.created_at.isoformat(),
        "cause": d.cause,
        "extractor_version": d.extractor_version,
        # (stored JSON wrote its times with "+00:00"; every time ir_feed shows ends in "Z")
        "data": utc_times({"event": d.event, "changes": d.changes, "release": d.release}),
    }
