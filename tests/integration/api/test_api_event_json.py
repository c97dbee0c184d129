"""``GET /v1/events`` written from Core rows (``api.event_json``) answers the bytes the
pydantic models wrote before: the events of every kind, stored with awkward values on
SQLite and PostgreSQL, read page by page through the real app, compared byte for byte
with the old path's answer — the ORM rows through ``public_event``, validated and
serialized by ``EventPage``, as FastAPI did for the endpoint."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

import pytest
from fastapi import Depends, Request
from sqlalchemy import Engine

from ir_feed.api.context import context
from ir_feed.api.events import page_of
from ir_feed.api.params import EventQuery, event_query
from ir_feed.api.schemas import EventPage
from ir_feed.kinds import KINDS
from ir_feed.store import queries
from ir_feed.store.engine import session_factory
from ir_feed.store.events import public_event
from ir_feed.store.tables import EventRow, EventTickerRow
from tests.integration.api.conftest import ApiClient, MakeClient

_COLUMNS = set(EventRow.__table__.columns.keys())
T0 = datetime(2026, 1, 5, 13, 0, tzinfo=UTC)

# text the JSON writers escape differently if they differ at all: quotes, backslashes,
# control characters (PostgreSQL takes no NUL), DEL, non-ASCII, line separators, markup
AWKWARD = ['He said "yes"', "a\\b", "tab\there\nline\r", "\x01\x1f\x7f", "é€😀", "\u2028\u2029", "</script>", ""]


def _text(rng: random.Random) -> str:
    return rng.choice(AWKWARD) + f" {rng.randrange(1000)}"


def _value(rng: random.Random, typed: str) -> Any:
    if typed == "texts":
        return rng.choice([None, [], [_text(rng)], [_text(rng), "ALS"]])
    if typed == "date":
        return rng.choice([None, date(2026, 4, 1), date(999, 12, 31)])
    if typed == "flag":
        return rng.choice([None, True, False])
    return rng.choice([None, _text(rng)])


def _seed(engine: Engine, n: int = 60) -> None:
    """``n`` events of every kind over three issuers: one listed with the same symbol on two
    exchanges (met twice by a symbol filter), times with and without microseconds, some
    retracted or only recalled, fields kept in ``details`` present, null or left out."""
    rng = random.Random(11)
    issuers = [
        ("Northwind", ["NASDAQ:NWBT"]),
        ("Calder Ridge", ["NASDAQ:CLR", "TSX:CLR"]),
        (None, []),
    ]
    kinds = list(KINDS)
    with session_factory(engine, write=True).begin() as s:
        for i in range(n):
            spec = KINDS[kinds[i % len(kinds)]]
            company, tickers = issuers[i % len(issuers)]
            occurred = T0 + timedelta(hours=i // 2, microseconds=rng.choice([0, 1, 120_000, 999_999]))
            columns: dict[str, Any] = {}
            details: dict[str, Any] = {}
            for name in spec.fields:
                if name in ("product", "status"):
                    continue
                value = _value(rng, spec.type_of(name))
                if name in _COLUMNS:
                    columns[name] = value
                elif rng.random() < 0.8:  # (else left out of details)
                    details[name] = value.isoformat() if isinstance(value, date) else value
            row = EventRow(
                key=f"k|{i:03d}|{_text(rng)}",
                kind=spec.name,
                company=company,
                tickers=list(tickers),
                product=_text(rng) or "P",
                status=next(iter(spec.status_rank)),
                evidence=_text(rng),
                announced=rng.random() < 0.7,
                retracted=rng.random() < 0.2,
                occurred_at=occurred,
                details=details or None,
                extractor_version="test",
                first_seen_at=occurred,
                updated_at=occurred,
                **columns,
            )
            s.add(row)
            s.flush()
            for listing in tickers:
                exchange, _, symbol = listing.rpartition(":")
                s.add(EventTickerRow(event_id=row.id, exchange=exchange, symbol=symbol, occurred_at=occurred))


def _the_old_endpoint(client: ApiClient) -> None:
    """``/before/v1/events`` on the same app: the endpoint as it was — ORM rows through
    ``public_event``, returned for FastAPI to validate and serialize with ``EventPage``."""

    @client.app.get("/before/v1/events", response_model=EventPage)
    def before(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
        with context(request).read() as session:
            rows, cursor = page_of(queries.list_events(session, q.filter), q.limit)
            return {"data": [public_event(r) for r in rows], "next_cursor": cursor}


QUERIES = [
    {},
    {"limit": "7"},
    {"ticker": "CLR"},  # the same symbol on two exchanges: each event once
    {"ticker": "TSX:CLR", "limit": "4"},
    {"ticker": "NWBT", "retracted": "true"},
    {"retracted": "true", "announced": "false", "limit": "5"},
    {"kind": "application_accepted"},
    {"kind": "trial_start", "since": "2026-01-06", "until": "2026-01-07T02:00:00Z"},
    {"agency": "FDA", "limit": "3"},
]


@pytest.mark.parametrize("params", QUERIES, ids=[urlencode(q) or "all" for q in QUERIES])
def test_every_page_is_the_bytes_the_models_wrote(engine: Engine, client: ApiClient, params: dict[str, str]) -> None:
    _seed(engine)
    _the_old_endpoint(client)
    pages = 0
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        r = client.get("/v1/events", params=query)
        before = client.get("/before/v1/events", params=query)
        assert r.status_code == before.status_code == 200, r.text
        assert r.content == before.content, query
        assert r.headers == before.headers
        pages += 1
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert pages >= 1


def test_the_page_covers_every_kind_and_each_event_once(engine: Engine, client: ApiClient) -> None:
    """The seed is what the byte comparison needs: every kind answered, awkward text kept
    as it was stored, an event listed twice under one symbol given once."""
    _seed(engine)
    data = client.get("/v1/events", params={"retracted": "true", "limit": "200"}).json()["data"]
    assert len(data) == 60 and {e["kind"] for e in data} == set(KINDS)
    assert any("\x01\x1f\x7f" in e["evidence"] for e in data)
    clr = client.get("/v1/events", params={"ticker": "CLR", "retracted": "true", "limit": "200"}).json()["data"]
    assert len(clr) == len({e["key"] for e in clr}) == 20
    assert all(e["issuer"]["tickers"] == ["NASDAQ:CLR", "TSX:CLR"] for e in clr)


def test_the_document_still_describes_the_page(make_client: MakeClient) -> None:
    """The endpoint answers bytes of its own, and still declares EventPage."""
    doc = make_client().get("/openapi.json").json()
    ok = doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventPage"}
