"""``/v1/events`` and ``/v1/events/{key}`` through the real app on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import Engine

from ir_feed.events import Designation
from ir_feed.models import Ticker
from tests.integration.api.conftest import (
    FT_KEY,
    IND_KEY,
    NWBT,
    OD_KEY,
    TRIAL_KEY,
    ApiClient,
    fast_track,
    release,
    store,
)


def keys(body: dict[str, object]) -> list[str]:
    return [e["key"] for e in body["data"]]  # type: ignore[attr-defined, index]


def test_lists_newest_first_with_every_filter(seeded: Engine, client: ApiClient) -> None:
    r = client.get("/v1/events")
    assert r.status_code == 200
    body = r.json()
    assert set(keys(body)[:2]) == {IND_KEY, TRIAL_KEY} and set(keys(body)[2:]) == {FT_KEY, OD_KEY}
    assert body["next_cursor"] is None
    trial = next(e for e in body["data"] if e["kind"] == "trial_start")
    assert trial == {
        "kind": "trial_start",
        "announced": True,
        "product": "CRX-220",
        "trial": "CALDER-1",
        "phase": "1",
        "indications": ["pancreatic cancer"],
        "timing_text": "mid-2026",
        "window_start": "2026-04-01",
        "window_end": "2026-09-30",
        "status": "planned",
        "evidence": "Dosing expected mid-2026.",
        "key": TRIAL_KEY,
        "issuer": {"company": "Calder Ridge", "tickers": ["NASDAQ:CLRQ", "TSX:CLR"]},
        "occurred_at": "2026-02-03T13:00:00Z",
        "retracted": False,
    }
    assert "designation" not in trial  # a field a kind does not have is absent, not null
    cases = {
        "ticker=tsx:clr": {IND_KEY, TRIAL_KEY},
        "ticker=NWBT&kind=designation": {FT_KEY, OD_KEY},
        "designation=orphan_drug": {OD_KEY},
        "status=cleared": {IND_KEY},
        "agency=FDA&kind=ind_clearance": {IND_KEY},
        "since=2026-02-01": {IND_KEY, TRIAL_KEY},
        "until=2026-02-01": {FT_KEY, OD_KEY},
        "since=2026-01-12T13:00:00Z&until=2026-01-12T13:00:01%2B00:00": {FT_KEY, OD_KEY},
        "ticker=NOPE": set(),
    }
    for query, expected in cases.items():
        got = client.get(f"/v1/events?{query}")
        assert got.status_code == 200, query
        assert set(keys(got.json())) == expected, query


def test_one_event_with_sources_and_history(seeded: Engine, client: ApiClient) -> None:
    r = client.get(f"/v1/events/{quote(FT_KEY, safe='')}")
    assert r.status_code == 200
    body = r.json()
    assert body["event"]["designation"] == "fast_track"
    assert [s["release"] for s in body["sources"]] == ["globenewswire.com:1"]
    assert body["sources"][0]["evidence"] == "NWB-101 got Fast Track."
    (created,) = body["history"]
    assert created["type"] == "event.created" and created["id"].startswith("dif_")
    assert created["data"]["release"]["id"] == "globenewswire.com:1"
    # The same event by one of its diff ids; the key unescaped in the path works too.
    assert client.get(f"/v1/events/{created['id']}").json()["event"]["key"] == FT_KEY
    assert client.get(f"/v1/events/{FT_KEY}").status_code == 200
    missing = client.get("/v1/events/x%7Cnothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_an_update_shows_in_the_history(seeded: Engine, client: ApiClient) -> None:
    later = datetime(2026, 3, 1, tzinfo=UTC)
    store(seeded, release("9", later, NWBT, text="Again."), (fast_track("Still Fast Track."),), "Northwind")
    body = client.get(f"/v1/events/{quote(FT_KEY, safe='')}").json()
    assert [s["release"] for s in body["sources"]] == ["globenewswire.com:1", "globenewswire.com:9"]


def _designation(i: int) -> Designation:
    return Designation(True, "FDA", "orphan_drug", f"P-{i}", "ALS", "granted", f"P-{i} got it.", f"k|{i:03d}")


def test_pages_stay_stable_while_new_events_arrive(engine: Engine, make_client: object) -> None:
    """Walk the list two at a time while events newer and older than the cursor
    (and one at the very instant of the page boundary) are stored: every event
    that existed when the walk began is seen exactly once, in order."""
    client: ApiClient = make_client()  # type: ignore[operator]
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    same = t0 + timedelta(days=3)
    # Five events; two share the instant at which the first page ends.
    for i, when in enumerate([t0, t0 + timedelta(days=1), t0 + timedelta(days=2), same, same]):
        store(engine, release(f"r{i}", when, NWBT), (_designation(i),), "Northwind")
    first = client.get("/v1/events?limit=2&ticker=NWBT")
    page = first.json()
    assert len(page["data"]) == 2 and page["next_cursor"]
    seen = keys(page)
    # Meanwhile: a newer event, one at the boundary instant, and one older than everything.
    store(engine, release("new", t0 + timedelta(days=9), NWBT), (_designation(10),), "Northwind")
    store(engine, release("tie", same, NWBT), (_designation(11),), "Northwind")
    store(engine, release("old", t0 - timedelta(days=9), NWBT), (_designation(12),), "Northwind")
    cursor = page["next_cursor"]
    while cursor:
        page = client.get(f"/v1/events?limit=2&ticker=NWBT&cursor={cursor}").json()
        seen += keys(page)
        cursor = page["next_cursor"]
    originals = [f"k|{i:03d}" for i in range(5)]
    assert len(seen) == len(set(seen))  # nothing twice
    assert set(originals) <= set(seen)  # nothing skipped
    assert "k|010" not in seen  # newer than the first page: before the walk's start
    assert seen[-1] == "k|012"  # older: in its place, at the end
    # Without a ticker (another index), the same guarantee.
    walked: list[str] = []
    cursor = None
    while True:
        suffix = f"&cursor={cursor}" if cursor else ""
        page = client.get(f"/v1/events?limit=3{suffix}").json()
        walked += keys(page)
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(walked) == len(set(walked)) == 8


@pytest.mark.parametrize(
    ("query", "status", "code", "reason"),
    [
        ("limit=0", 422, "invalid_request", "query.limit"),
        ("limit=201", 400, "invalid_parameter", "limit: must be at most 200"),
        ("limit=ten", 422, "invalid_request", "query.limit"),
        ("kind=merger", 422, "invalid_request", "query.kind"),
        ("since=yesterday", 400, "invalid_parameter", "since: not a date"),
        ("until=2026-13-01", 400, "invalid_parameter", "until: not a date"),
        ("since=2026-02-01&until=2026-01-01", 400, "invalid_parameter", "until: must be after since"),
        ("ticker=" + "A" * 60, 422, "invalid_request", "query.ticker"),
        ("ticker=NASDAQ:X%20Y", 422, "invalid_request", "query.ticker"),
        ("designation=" + "x" * 61, 422, "invalid_request", "query.designation"),
        ("designation=fast%27track", 422, "invalid_request", "query.designation"),
        ("retracted=perhaps", 422, "invalid_request", "query.retracted"),
        ("cursor=not-a-cursor", 400, "invalid_cursor", "cursor:"),
        ("cursor=" + "A" * 600, 422, "invalid_request", "query.cursor"),
        ("cursor=eyJrIjoiZGlmZnMiLCJwIjpbMV19", 400, "invalid_cursor", "not a cursor of this list"),  # a diffs cursor
        ("cursor=eyJrIjoiZXZlbnRzIiwicCI6WyJ4IiwxXX0", 400, "invalid_cursor", "malformed"),
    ],
)
def test_bad_parameters_are_4xx_with_the_reason(
    seeded: Engine, client: ApiClient, query: str, status: int, code: str, reason: str
) -> None:
    r = client.get(f"/v1/events?{query}")
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code
    assert reason in error["message"]
    assert isinstance(error["details"], list) and error["details"]


def test_retracted_events_only_on_request(engine: Engine, client: ApiClient) -> None:
    pr = release("c", datetime(2026, 1, 5, tzinfo=UTC), (Ticker("NASDAQ", "NWBT"),), text="v1")
    store(engine, pr, (fast_track(),), "Northwind")
    corrected = release("c", datetime(2026, 1, 5, tzinfo=UTC), (Ticker("NASDAQ", "NWBT"),), text="v2 says nothing")
    store(engine, corrected, (), "Northwind")
    assert keys(client.get("/v1/events").json()) == []
    (event,) = client.get("/v1/events?retracted=true").json()["data"]
    assert event["retracted"] is True
