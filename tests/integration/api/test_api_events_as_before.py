"""``GET /v1/events`` answers as it did before it was made faster, on SQLite and PostgreSQL,
through the real app, compared with the endpoint as it was (``/before/v1/events`` on the
same app: the ORM rows through ``public_event``, validated and serialized by ``EventPage``,
every parameter and the token checked by FastAPI's dependencies):

* its pages, written from Core rows (``api.event_json``), are the models' bytes: the events
  of every kind stored with awkward values, read page by page;
* its requests with plain parameters, answered without FastAPI's parameter handling
  (``api.events._PlainParameters``), get the answers FastAPI's way gives, errors included:
  generated query strings, plain and not, with and without the right token;
* requests in flight over real HTTP each get their own page, read on a bounded number of
  connections at once, which go back to the pool as they came (in transactions).
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import APIRouter, Depends, Request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, func, select, update

from ir_feed.api import ApiServer, create_app
from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.events import READ_THREADS, page_of
from ir_feed.api.params import EventQuery, event_query, plain_event_args, reject_nul
from ir_feed.api.schemas import EventPage
from ir_feed.kinds import KINDS
from ir_feed.metrics import Metrics
from ir_feed.store import queries
from ir_feed.store.engine import session_factory
from ir_feed.store.events import public_event
from ir_feed.store.tables import EventRow, EventTickerRow
from tests.integration.api.conftest import ADMIN, READER, ApiClient, MakeClient, api_settings

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
    """``/before/v1/events`` on the same app: the endpoint as it was — the same dependencies,
    ORM rows through ``public_event``, returned for FastAPI to validate and serialize with
    ``EventPage``."""
    router = APIRouter(dependencies=[Depends(require_read), Depends(reject_nul)])

    @router.get("/before/v1/events", response_model=EventPage)
    def before(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
        with context(request).read() as session:
            rows, cursor = page_of(queries.list_events(session, q.filter), q.limit)
            return {"data": [public_event(r) for r in rows], "next_cursor": cursor}

    client.app.include_router(router)


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


# -- parameters -------------------------------------------------------------------

_VALUES = {
    "ticker": ["CLR", "TSX:CLR", "nwbt", "NASDAQ: CLR", " CLR", "CLR ", "", "A" * 30, "A" * 31, "X:" + "B" * 60,
               "😀", "NASDAQ:", "BRK/A", "a\x00b"],
    "kind": ["designation", "trial_start", "merger", "", "Designation", " designation"],
    "designation": ["orphan_drug", "fast track", "", "x" * 60, "x" * 61],
    "status": ["granted", "GRANTED", "", "s" * 31, "s-1"],
    "agency": ["FDA", "Health Canada", "(FDA)", "", " FDA", "A" * 61, "F\u00e9A"],
    "since": ["2026-01-06", "2026-01-06T01:00:00Z", "2026-01-06T01:00:00+05:00", "yesterday", "", "2" * 41,
              "0001-01-01T00:00:00+05:00", "2026-13-01", "\x00"],
    "until": ["2026-01-07", "2026-01-05", "9999-12-31", "x", "2026-01-06T13:00:00.5"],
    "retracted": ["true", "false", "TRUE", "1", "yes", "", "maybe"],
    "announced": ["true", "false", "0", "off", ""],
    "limit": ["1", "3", "50", "200", "201", "10000", "10001", "0", "-1", "050", "+5", " 5", "1e2", "ten", ""],
    "cursor": ["eyJrIjoiZXZlbnRzIiwicCI6WyIyMDI2LTAxLTA1VDE5OjAwOjAwKzAwOjAwIiw0MF19", "bm9wZQ", "!", "", "e" * 513,
               "eyJrIjoicmVsZWFzZXMiLCJwIjpbbnVsbCwxXX0"],
    "other": ["1", ""],
}

_PARAMS = st.lists(
    st.sampled_from(sorted(_VALUES)).flatmap(lambda name: st.tuples(st.just(name), st.sampled_from(_VALUES[name]))),
    max_size=5,
)
_TOKENS = st.sampled_from([None, READER, ADMIN, "wrong-token-0123456789"])


@pytest.fixture
def two_ways(engine: Engine, make_client: MakeClient) -> ApiClient:
    """A client of an app whose reads need a token, over the seeded events, with the old
    endpoint beside the new one."""
    _seed(engine)
    client = make_client(token=None, settings=api_settings(token=ADMIN, read_token=READER))
    _the_old_endpoint(client)
    return client


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_PARAMS, token=_TOKENS)
def test_any_parameters_are_answered_as_fastapi_answered_them(
    two_ways: ApiClient, params: list[tuple[str, str]], token: str | None
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    now = two_ways.get("/v1/events", params=params, headers=headers)
    before = two_ways.get("/before/v1/events", params=params, headers=headers)
    assert (now.status_code, now.content) == (before.status_code, before.content), params
    assert now.headers == before.headers


def test_the_plain_way_is_taken_and_checks_what_fastapi_checks(two_ways: ApiClient) -> None:
    """Requests the plain way answers (each parameter once, in a plain form): the token is
    still needed, a NUL still refused, the filters' own checks still made."""
    read = {"Authorization": f"Bearer {READER}"}
    cursor = two_ways.get("/v1/events?limit=2", headers=read).json()["next_cursor"]
    cases = [
        ("/v1/events?ticker=CLR&limit=5", {}, 401),
        ("/v1/events?ticker=CLR&limit=5", read, 200),
        ("/v1/events?since=2026-01-06%00", read, 400),
        ("/v1/events?since=2026-01-07&until=2026-01-06", read, 400),
        ("/v1/events?limit=201", read, 400),
        (f"/v1/events?limit=2&cursor={cursor}", read, 200),
        ("/v1/events?cursor=bm9wZQ", read, 400),
        ("/v1/events?ticker=CLR&ticker=NWBT", read, 200),  # (given twice: FastAPI's way)
        ("/v1/events?limit=0", read, 422),
        # forms FastAPI takes that the plain way leaves to it
        ("/v1/events?retracted=1&limit=60", read, 200),
        ("/v1/events?retracted=TRUE&limit=60", read, 200),
        ("/v1/events?announced=0", read, 200),
        ("/v1/events?limit=050", read, 200),
        ("/v1/events?ticker=NASDAQ:%20CLR", read, 200),
        ("/v1/events?ticker=%20CLR%20", read, 422),
    ]
    for url, headers, status in cases:
        now, before = two_ways.get(url, headers=headers), two_ways.get("/before" + url, headers=headers)
        assert now.status_code == before.status_code == status, url
        assert now.content == before.content and now.headers == before.headers, url


def _request(query: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/v1/events", "query_string": query.encode()})


def test_which_requests_the_plain_way_answers() -> None:
    plain = [
        "ticker=CLR&limit=50",
        "ticker=TSX:CLR&kind=trial_start&retracted=true&announced=false",
        "designation=orphan_drug&status=granted&agency=Health%20Canada&since=2026-01-01&until=x&cursor=eyJr",
        "",
    ]
    for query in plain:
        assert plain_event_args(_request(query)) is not None, query
    assert plain_event_args(_request("ticker=CLR&limit=50&retracted=true")) == {
        "ticker": "CLR",
        "limit": 50,
        "retracted": True,
    }
    fastapis = ["limit=050", "limit=+5", "retracted=1", "announced=TRUE", "ticker=NASDAQ:%20CLR", "ticker=", "x=1",
                "ticker=CLR&ticker=NWBT", "kind=Designation", "since=", "limit=10001", "cursor=e%3D"]
    for query in fastapis:
        assert plain_event_args(_request(query)) is None, query


# -- under load ---------------------------------------------------------------------


def test_requests_in_flight_over_real_http_get_their_own_pages(engine: Engine) -> None:
    """Through a listening server: a dozen requests in flight each get the page a request
    alone gets, while the pages are read on at most READ_THREADS connections at once."""
    _seed(engine)
    in_use, most = [0], [0]

    def checkout(*_: object) -> None:
        in_use[0] += 1
        most[0] = max(most[0], in_use[0])

    def checkin(*_: object) -> None:
        in_use[0] -= 1

    queries_ = [{"ticker": t, "limit": str(n), "retracted": "true"} for t in ("CLR", "NWBT", "TSX:CLR") for n in (3, 7)]
    queries_ += [{"kind": kind} for kind in KINDS]

    async def scenario() -> None:
        server = ApiServer(create_app(api_settings(), engine, metrics=Metrics()), host="127.0.0.1", port=0)
        await server.start()
        try:
            limits = httpx.Limits(max_connections=12)
            async with httpx.AsyncClient(base_url=server.url, timeout=30, limits=limits) as client:
                alone = [(await client.get("/v1/events", params=q)).content for q in queries_]
                event.listen(engine, "checkout", checkout)
                event.listen(engine, "checkin", checkin)
                try:
                    answers = await asyncio.gather(*(client.get("/v1/events", params=q) for q in queries_ * 4))
                finally:
                    event.remove(engine, "checkout", checkout)
                    event.remove(engine, "checkin", checkin)
        finally:
            await server.stop()
        assert [a.status_code for a in answers] == [200] * len(answers)
        assert [a.content for a in answers] == alone * 4

    asyncio.run(scenario())
    assert 1 <= most[0] <= READ_THREADS
    # The pool's connections are back in transactions (on PostgreSQL the reads ran in
    # autocommit): a change rolled back on each of them leaves nothing behind.
    for _ in range(8):
        with engine.connect() as conn:
            conn.execute(update(EventRow).values(evidence="changed"))
            conn.rollback()
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(EventRow.evidence == "changed")) == 0
