"""canonical exchange codes; event keys by issuer symbol, not by listing

Data only, no schema change.  Extractor 2026.12.2 keys a fact by the symbol of the
issuer's primary listing (``allo|designation|...``) where earlier versions used the
listing (``nasdaq-allo|designation|...``), and every stored listing now uses the
canonical exchange codes of :mod:`ir_feed.exchanges` (``Other OTC`` → ``OTC``,
``Toronto`` → ``TSX``, ``NYSEAMERICAN`` → ``NYSE AMERICAN``, ``EPA`` → ``EURONEXT``).

This migration moves stored data to the new keys without publishing anything:

* listings of releases, events and subscription filters get canonical codes;
* each event's key loses its exchange (the listing it was keyed by is found among the
  event's own listings), and its diffs follow it;
* events that now share a key — the same fact once keyed by two listings, e.g. a
  release filed under ``NASDAQ:X`` and another under ``OTC:X`` — become one: the first
  reported keeps its id, takes the newest state, the union of listings and support,
  and every diff.

Then ``ir-feed reprocess`` re-extracts with the new version; a fact whose key moved
here is matched, so diffs appear only where a fact really changed.  Downgrade keeps
the data as it is (old versions read it, keyed by symbol).

It imports one pure function of the application, ``canonical_exchange``: stored codes
include raw feed labels (``OTHER OTC``) that only its table knows, and canonicalising
with a later, larger table is only more right.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 03:00:00

"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from ir_feed.exchanges import canonical_exchange

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_STATE = (
    "agency",
    "designation",
    "product",
    "indication",
    "trial",
    "phase",
    "indications",
    "status",
    "timing_text",
    "window_start",
    "window_end",
    "announced",
    "evidence",
    "retracted",
    "state_release_id",
    "state_published_at",
    "extractor_version",
    "updated_at",
)

releases = sa.table("releases", sa.column("id"), sa.column("tickers", sa.JSON))
release_tickers = sa.table(
    "release_tickers", sa.column("id"), sa.column("release_id"), sa.column("exchange"), sa.column("symbol")
)
events = sa.table(
    "events",
    sa.column("id"),
    sa.column("key"),
    sa.column("tickers", sa.JSON),
    sa.column("occurred_at"),
    sa.column("first_seen_at"),
    *(sa.column(c, sa.JSON) if c == "indications" else sa.column(c) for c in _STATE),
)
event_tickers = sa.table(
    "event_tickers",
    sa.column("id"),
    sa.column("event_id"),
    sa.column("exchange"),
    sa.column("symbol"),
    sa.column("occurred_at"),
)
event_sources = sa.table("event_sources", sa.column("id"), sa.column("event_id"), sa.column("release_id"))
diffs = sa.table("diffs", sa.column("id"), sa.column("event_id"), sa.column("event_key"))
subscriptions = sa.table("subscriptions", sa.column("id"), sa.column("filters", sa.JSON))


def _key_part(text: str) -> str:
    """As ``ir_feed.events.key_part`` (frozen here: old keys were made with it)."""
    return "-".join(w for w in _NON_ALNUM.split(text.lower()) if w)


def _listing(text: str) -> str:
    exchange, sep, symbol = text.partition(":")
    if not sep:
        return exchange
    code = canonical_exchange(exchange)
    return f"{code}:{symbol}" if code else symbol


def _listings(values: Any) -> list[str]:
    return sorted({_listing(str(v)) for v in values or ()})


def _new_key(key: str, listings: Sequence[str]) -> str:
    """``nasdaq-allo|...`` → ``allo|...`` when one of the event's listings made the key."""
    best = ""
    for raw in listings:
        exchange, sep, symbol = str(raw).partition(":")
        if not sep:
            continue
        old = _key_part(f"{exchange}:{symbol}")
        if key.startswith(old + "|") and len(old) > len(best):
            best = old
            new = _key_part(symbol)
    return new + key[len(best) :] if best else key


def _canonical_listing_rows(conn: sa.Connection, table: Any, owner: str) -> None:
    seen: dict[tuple[int, str, str], int] = {}
    rows = conn.execute(sa.select(table.c.id, table.c[owner], table.c.exchange, table.c.symbol).order_by(table.c.id))
    for row_id, owner_id, exchange, symbol in rows.all():
        code = (canonical_exchange(exchange) or "") if exchange else ""
        ident = (owner_id, code, symbol)
        if ident in seen:
            conn.execute(sa.delete(table).where(table.c.id == row_id))
            continue
        seen[ident] = row_id
        if code != exchange:
            conn.execute(sa.update(table).where(table.c.id == row_id).values(exchange=code))


def _newer(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """``a``'s state was set by a later release than ``b``'s."""
    if a["retracted"] != b["retracted"]:
        return not a["retracted"]
    at, bt = a["state_published_at"], b["state_published_at"]
    if at is None or bt is None:
        return at is not None and bt is None
    return bool(at > bt)


def upgrade() -> None:
    conn = op.get_bind()

    _canonical_listing_rows(conn, release_tickers, "release_id")
    for row_id, tickers in conn.execute(sa.select(releases.c.id, releases.c.tickers)).all():
        if tickers and _listings(tickers) != list(tickers):
            conn.execute(sa.update(releases).where(releases.c.id == row_id).values(tickers=_listings(tickers)))
    for row_id, filters in conn.execute(sa.select(subscriptions.c.id, subscriptions.c.filters)).all():
        wanted = (filters or {}).get("tickers")
        if wanted:
            fixed = sorted({_listing(str(t).strip().upper()) for t in wanted})
            if fixed != sorted(wanted):
                conn.execute(
                    sa.update(subscriptions)
                    .where(subscriptions.c.id == row_id)
                    .values(filters={**filters, "tickers": fixed})
                )

    # Re-key (from each event's listings as they were stored), then canonical listings.
    rows = [dict(r._mapping) for r in conn.execute(sa.select(events)).all()]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[_new_key(row["key"], row["tickers"] or [])].append(row)
    final: list[tuple[int, str, dict[str, Any]]] = []
    for new_key, members in groups.items():
        members.sort(key=lambda r: (r["occurred_at"], r["id"]))
        keeper, others = members[0], members[1:]
        state = keeper
        for other in others:
            if _newer(other, state):
                state = other
            _merge_into(conn, keeper, other)
        values: dict[str, Any] = {"key": new_key}
        if state is not keeper:
            values.update({c: state[c] for c in _STATE})
        if others:
            values["first_seen_at"] = min(m["first_seen_at"] for m in members)
        if new_key != keeper["key"] or others:
            final.append((keeper["id"], keeper["key"], values))
    # Keys are unique: park every moving key first, so that no new key meets an old one.
    for event_id, _, _ in final:
        conn.execute(sa.update(events).where(events.c.id == event_id).values(key=f"0004-moving-{event_id}"))
    for event_id, _, values in final:
        conn.execute(sa.update(events).where(events.c.id == event_id).values(**values))
        conn.execute(sa.update(diffs).where(diffs.c.event_id == event_id).values(event_key=values["key"]))
    _canonical_listing_rows(conn, event_tickers, "event_id")
    listed: dict[int, set[str]] = defaultdict(set)
    for event_id, exchange, symbol in conn.execute(
        sa.select(event_tickers.c.event_id, event_tickers.c.exchange, event_tickers.c.symbol)
    ).all():
        listed[event_id].add(f"{exchange}:{symbol}" if exchange else symbol)
    for row_id, tickers in conn.execute(sa.select(events.c.id, events.c.tickers)).all():
        fixed = sorted(listed.get(row_id, set()) | set(_listings(tickers)))
        if fixed != list(tickers or []):
            conn.execute(sa.update(events).where(events.c.id == row_id).values(tickers=fixed))


def _merge_into(conn: sa.Connection, keeper: dict[str, Any], other: dict[str, Any]) -> None:
    """Move ``other``'s support, listings and history to ``keeper``; delete ``other``."""
    kid, oid = keeper["id"], other["id"]
    supported = set(conn.scalars(sa.select(event_sources.c.release_id).where(event_sources.c.event_id == kid)))
    for src_id, release_id in conn.execute(
        sa.select(event_sources.c.id, event_sources.c.release_id).where(event_sources.c.event_id == oid)
    ).all():
        if release_id in supported:
            conn.execute(sa.delete(event_sources).where(event_sources.c.id == src_id))
        else:
            conn.execute(sa.update(event_sources).where(event_sources.c.id == src_id).values(event_id=kid))
            supported.add(release_id)
    have = {
        (e, s)
        for e, s in conn.execute(
            sa.select(event_tickers.c.exchange, event_tickers.c.symbol).where(event_tickers.c.event_id == kid)
        ).all()
    }
    for tid, exchange, symbol in conn.execute(
        sa.select(event_tickers.c.id, event_tickers.c.exchange, event_tickers.c.symbol).where(
            event_tickers.c.event_id == oid
        )
    ).all():
        if (exchange, symbol) in have:
            conn.execute(sa.delete(event_tickers).where(event_tickers.c.id == tid))
        else:
            conn.execute(
                sa.update(event_tickers)
                .where(event_tickers.c.id == tid)
                .values(event_id=kid, occurred_at=keeper["occurred_at"])
            )
            have.add((exchange, symbol))
    conn.execute(sa.update(diffs).where(diffs.c.event_id == oid).values(event_id=kid))
    conn.execute(sa.delete(events).where(events.c.id == oid))


def downgrade() -> None:
    """Data stays as it is: keys by symbol and canonical codes are readable by 0003's code."""
