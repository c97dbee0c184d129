"""Events: current state, per-release support, and the append-only diffs.

``apply_extraction`` is the whole event write for one release version, inside
the caller's transaction: it loads the stored state of every key involved,
asks the pure :func:`ir_feed.diff.diff_release` what changed, and writes the
new state, the support rows and one :class:`~ir_feed.store.tables.DiffRow`
per change (the history, and the outbox delivery reads).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ir_feed.catalysts import Entry
from ir_feed.diff import Outcome, Stored, diff_release
from ir_feed.events import Event, Extraction
from ir_feed.kinds import KINDS, KindSpec, kind_of
from ir_feed.models import Ticker
from ir_feed.store.releases import add_listings
from ir_feed.store.tables import DiffRow, EventRow, EventSourceRow, EventTickerRow, ReleaseRow

# the fields with a column of their own; a kind's others are kept in ``details``
_COLUMNS = frozenset(EventRow.__table__.columns.keys()) - {"details"}


def new_public_id(prefix: str, now: datetime) -> str:
    """Time-ordered, unguessable ids: ``dif_`` + 12 hex digits of ms + 16 random hex digits."""
    return f"{prefix}_{int(now.timestamp() * 1000):012x}{secrets.token_hex(8)}"


def _json_value(spec: KindSpec, name: str, value: Any) -> Any:
    kind = spec.type_of(name)
    if kind == "date":
        return value.isoformat() if isinstance(value, date) else value
    if kind == "texts":
        return list(value or [])
    return value


def event_state(row: EventRow) -> dict[str, Any]:
    """The stored state in the extraction contract's shape (``to_dict``)."""
    state: dict[str, Any] = {"kind": row.kind, "announced": row.announced}
    spec = KINDS[row.kind]
    details = row.details or {}
    for name in spec.fields:
        state[name] = _json_value(spec, name, getattr(row, name) if name in _COLUMNS else details.get(name))
    state["evidence"] = row.evidence
    state["key"] = row.key
    return state


def headline(row: EventRow) -> str:
    """The event for people, its issuer's symbol first — the Atom and JSON Feed titles, the
    calendar's: ``NWBT: Fast Track designation for NWB-101 in idiopathic pulmonary fibrosis``
    (the kind's :attr:`~ir_feed.kinds.KindSpec.title`; ``[retracted]`` before a retracted one)."""
    spec = kind_of(row.kind)
    text = spec.title(event_state(row)) if spec is not None else f"{row.kind} {row.product}: {row.status}"
    return f"{'[retracted] ' if row.retracted else ''}{issuer_symbol(row)}: {text}"


def issuer_symbol(row: EventRow) -> str:
    """The issuer's first symbol (without its exchange), else its company's name."""
    return row.tickers[0].rpartition(":")[2] if row.tickers else row.company or "?"


def calendar_entry(row: EventRow, release_url: str | None) -> Entry:
    """An event with a window as a catalyst-calendar entry (a window with no end lasts its
    first day)."""
    if row.window_start is None:
        raise ValueError(f"event {row.key!r} has no date window")
    return Entry(
        key=row.key,
        kind=row.kind,
        status=row.status,
        start=row.window_start,
        end=max(row.window_end or row.window_start, row.window_start),
        title=headline(row),
        evidence=row.evidence,
        timing_text=row.timing_text,
        updated=row.updated_at,
        url=release_url,
    )


def public_event(row: EventRow) -> dict[str, Any]:
    """The event as consumers see it (webhooks, API, CLI json): the contract's
    fields plus the issuer, when it happened and whether it was retracted.
    Internal row ids never appear."""
    data = event_state(row)
    data["issuer"] = {"company": row.company, "tickers": list(row.tickers)}
    data["occurred_at"] = row.occurred_at.isoformat()
    data["retracted"] = row.retracted
    return data


def release_ref(row: ReleaseRow) -> dict[str, Any]:
    return {
        "id": row.key,
        "url": row.url,
        "title": row.title,
        "published_at": row.published_at.isoformat() if row.published_at else None,
        "tickers": list(row.tickers),
        "version": row.version,
    }


def _set_state(row: EventRow, state: dict[str, Any]) -> None:
    spec = KINDS[row.kind]
    details: dict[str, Any] = {}
    for name in spec.fields:
        value = state.get(name)
        kind = spec.type_of(name)
        if name not in _COLUMNS:  # (kept as JSON: a date as its ISO text)
            details[name] = list(value or []) if kind == "texts" else value
            continue
        if kind == "date":
            value = date.fromisoformat(value) if isinstance(value, str) else value
        elif kind == "texts":
            value = list(value or [])
        setattr(row, name, value)
    row.details = details or None  # (a new dict: the JSON column sees the change)
    row.announced = bool(state.get("announced"))
    row.evidence = str(state.get("evidence") or "")


def _listed(session: Session, event_ids: Sequence[int]) -> dict[int, set[tuple[str, str]]]:
    """The stored listings of these events, in one query per chunk."""
    have: dict[int, set[tuple[str, str]]] = {}
    for ids in _in_chunks(event_ids):
        stmt = select(EventTickerRow.event_id, EventTickerRow.exchange, EventTickerRow.symbol).where(
            EventTickerRow.event_id.in_(ids)
        )
        for event_id, exchange, symbol in session.execute(stmt):
            have.setdefault(event_id, set()).add((exchange, symbol))
    return have


def _add_tickers(session: Session, row: EventRow, have: set[tuple[str, str]], tickers: Sequence[Ticker]) -> None:
    """Give the event every listing of the releases that support it."""
    added = False
    for t in tickers:
        pair = (t.exchange or "", t.symbol)
        if pair not in have:
            have.add(pair)
            added = True
            session.add(EventTickerRow(event_id=row.id, exchange=pair[0], symbol=pair[1], occurred_at=row.occurred_at))
    if added or row.tickers is None:
        row.tickers = [f"{ex}:{sym}" if ex else sym for ex, sym in sorted(have)]


def _in_chunks(values: Iterable[Any], size: int = 500) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for v in values:
        chunk.append(v)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: Any constant: the key of the PostgreSQL advisory lock that orders diff writers.
_DIFF_WRITERS_LOCK = 0x1F_EED_D1FF


def serialise_writers(session: Session) -> None:
    """Make diffs become visible in id order.

    Diff ids come from a sequence; two transactions writing diffs at once could
    commit a higher id before a lower one, and a consumer paging ``/v1/diffs``
    by id would skip the lower.  On PostgreSQL a transaction-scoped advisory
    lock queues diff writers, so ids are handed out in commit order (the lock is
    re-entrant within a transaction and released at commit).  SQLite writers
    are serialised already (``BEGIN IMMEDIATE``).

    Call it first in a transaction that may write diffs, before any other
    write: taken after an insert it could deadlock with a writer waiting on
    that row.  ``apply_extraction`` calls it too, for callers that did not."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _DIFF_WRITERS_LOCK})


def apply_extraction(
    session: Session,
    *,
    release: ReleaseRow,
    extraction: Extraction,
    cause: str,
    now: datetime,
) -> list[DiffRow]:
    """Record what ``release`` (at its current version) states; return the new diffs."""
    serialise_writers(session)
    sources = {
        src.event_id: src
        for src in session.scalars(select(EventSourceRow).where(EventSourceRow.release_id == release.id))
    }
    rows_by_id: dict[int, EventRow] = {}
    for ids in _in_chunks(sources):
        rows_by_id.update({r.id: r for r in session.scalars(select(EventRow).where(EventRow.id.in_(ids)))})
    previously = {rows_by_id[eid].key for eid, src in sources.items() if src.active and eid in rows_by_id}
    wanted = {e.key for e in extraction.events} - {r.key for r in rows_by_id.values()}
    rows: dict[str, EventRow] = {r.key: r for r in rows_by_id.values()}
    for keys in _in_chunks(wanted):
        rows.update({r.key: r for r in session.scalars(select(EventRow).where(EventRow.key.in_(keys)))})

    dropped_ids = [rows[k].id for k in previously - {e.key for e in extraction.events} if k in rows]
    elsewhere: set[str] = set()
    for ids in _in_chunks(dropped_ids):
        stmt = select(EventSourceRow.event_id).where(
            EventSourceRow.event_id.in_(ids), EventSourceRow.active.is_(True), EventSourceRow.release_id != release.id
        )
        elsewhere.update(rows_by_id[eid].key for eid in session.scalars(stmt) if eid in rows_by_id)

    stored = {
        key: Stored(
            key=key,
            state=event_state(row),
            retracted=row.retracted,
            state_release=str(row.state_release_id) if row.state_release_id is not None else None,
            state_published_at=row.state_published_at,
        )
        for key, row in rows.items()
    }
    outcomes = diff_release(
        release_key=str(release.id),
        published_at=release.published_at,
        extracted=extraction.events,
        previously_supported=previously,
        stored=stored,
        supported_elsewhere=elsewhere,
    )
    # The issuer's listings: the feed's and those the text names.  Both the release and
    # every event it supports carry all of them, so ticker filters on both agree.
    tickers = tuple(dict.fromkeys([*extraction.release.tickers, *(Ticker.parse(t) for t in release.tickers)]))
    add_listings(release, tickers)
    company = extraction.release.company or release.issuer
    ref = release_ref(release)
    version = extraction.extractor_version

    # New facts first, in one flush (one multi-row INSERT), so their ids exist.
    fresh: set[str] = set()
    for outcome in outcomes:
        if outcome.type == "event.created" and outcome.event is not None and outcome.key not in rows:
            rows[outcome.key] = _new_row(outcome, release, company, now)
            session.add(rows[outcome.key])
            fresh.add(outcome.key)
    if fresh:
        session.flush()

    supported = [rows[o.key] for o in outcomes if o.event is not None and o.key in rows]
    listed = _listed(session, [r.id for r in supported if r.key not in fresh])
    diffs: list[DiffRow] = []
    for outcome in outcomes:
        row = rows.get(outcome.key)
        if row is None:
            continue
        if outcome.type == "event.created" and outcome.state is not None:
            row.retracted = False
            row.company = company or row.company
            _set_state(row, outcome.state)
            row.state_release_id, row.state_published_at = release.id, release.published_at
            row.extractor_version, row.updated_at = version, now
        elif outcome.type == "event.updated" and outcome.state is not None:
            _set_state(row, outcome.state)
            row.state_release_id, row.state_published_at = release.id, release.published_at
            row.extractor_version, row.updated_at = version, now
        elif outcome.type == "event.retracted":
            row.retracted, row.updated_at = True, now
        elif outcome.state is not None:
            _set_state(row, outcome.state)  # e.g. a recalled fact now announced: no diff
            row.updated_at = now
        if outcome.event is not None:
            _add_tickers(session, row, listed.setdefault(row.id, set()), tickers)
            _support(session, sources.get(row.id), row, release, outcome.event, version, now)
        elif row.id in sources:
            sources[row.id].active, sources[row.id].updated_at = False, now
        if outcome.type is not None:
            diff = DiffRow(
                public_id=new_public_id("dif", now),
                type=outcome.type,
                event_id=row.id,
                event_key=row.key,
                release_id=release.id,
                release_version=release.version,
                changes=outcome.changes,
                event=public_event(row),
                release=ref,
                cause=cause,
                extractor_version=version,
                created_at=now,
            )
            session.add(diff)
            diffs.append(diff)
    session.flush()
    return diffs


def _new_row(outcome: Outcome, release: ReleaseRow, company: str | None, now: datetime) -> EventRow:
    assert outcome.event is not None and outcome.state is not None
    row = EventRow(
        key=outcome.key,
        kind=outcome.event.kind,
        company=company,
        tickers=[],
        occurred_at=release.published_at or now,
        first_seen_at=now,
        retracted=False,
        extractor_version="",
        updated_at=now,
    )
    _set_state(row, outcome.state)
    return row


def _support(
    session: Session,
    src: EventSourceRow | None,
    row: EventRow,
    release: ReleaseRow,
    event: Event,
    extractor_version: str,
    now: datetime,
) -> None:
    if src is None:
        src = EventSourceRow(event_id=row.id, release_id=release.id)
        session.add(src)
    src.release_version = release.version
    src.active = True
    src.announced = event.announced
    src.evidence = event.evidence
    src.data = event.to_dict()
    src.extractor_version = extractor_version
    src.updated_at = now
