"""``/v1/diffs`` filtered by ticker, kind and subscription, on both backends: exactly the
diffs of those events, and exactly what fan-out gives the subscription."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from ir_feed.models import Ticker
from tests.integration.api.conftest import (
    ADMIN,
    FT_KEY,
    IND_KEY,
    NWBT,
    OD_KEY,
    READER,
    TRIAL_KEY,
    ApiClient,
    MakeClient,
    api_settings,
    fast_track,
    release,
    store,
)
from tests.integration.api.test_api_admin import public_dns

SUBSCRIPTIONS: dict[str, dict[str, Any]] = {
    "fast-track": {"kinds": ["designation"], "designations": ["fast_track"]},
    "calder": {"tickers": ["TSX:CLR"]},
    "ema": {"agencies": ["EMA"]},  # only events naming another agency are left out: the trial names none
    "updates": {"diff_types": ["event.updated"]},
    "everything": {},
}


def keys(client: ApiClient, query: str) -> list[str]:
    r = client.get(f"/v1/diffs?{query}")
    assert r.status_code == 200, r.text
    return [d["data"]["event"]["key"] for d in r.json()["data"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ticker=NWBT", [FT_KEY, OD_KEY]),
        ("ticker=nasdaq:nwbt", [FT_KEY, OD_KEY]),
        ("ticker=TSX:CLR", [IND_KEY, TRIAL_KEY]),
        ("ticker=CLR", [IND_KEY, TRIAL_KEY]),
        ("ticker=NASDAQ:CLR", []),  # CLR is listed on the TSX only
        ("kind=designation", [FT_KEY, OD_KEY]),
        ("kind=trial_start", [TRIAL_KEY]),
        ("kind=ind_clearance&ticker=CLRQ", [IND_KEY]),
        ("kind=designation&ticker=CLRQ", []),
        ("kind=designation&type=event.updated", []),
    ],
)
def test_ticker_and_kind_select_exactly_those_events_diffs(
    seeded: Engine, client: ApiClient, query: str, expected: list[str]
) -> None:
    assert keys(client, query) == expected


def test_the_ticker_filter_is_the_events_one(seeded: Engine, client: ApiClient) -> None:
    for ticker in ("NWBT", "CLRQ", "TSX:CLR", "XYZ"):
        events = {e["key"] for e in client.get(f"/v1/events?ticker={ticker}&retracted=true").json()["data"]}
        assert set(keys(client, f"ticker={ticker}")) == events, ticker


def test_a_subscription_selects_exactly_what_fan_out_queues_for_it(seeded: Engine, make_client: MakeClient) -> None:
    client = make_client(resolver=public_dns)
    for name, filters in SUBSCRIPTIONS.items():
        body = {"name": name, "url": f"https://hooks.example.com/{name}", **filters}
        assert client.post("/v1/subscriptions", json=body).status_code == 201
        assert (
            client.post("/v1/deliveries/replay", json={"subscription": name, "since": "2000-01-01"}).status_code == 202
        )
    selected = {name: keys(client, f"subscription={name}") for name in SUBSCRIPTIONS}
    assert selected == {
        "fast-track": [FT_KEY],
        "calder": [IND_KEY, TRIAL_KEY],
        "ema": [TRIAL_KEY],
        "updates": [],
        "everything": [FT_KEY, OD_KEY, IND_KEY, TRIAL_KEY],
    }
    for name in SUBSCRIPTIONS:  # the same diffs the outbox holds for it
        queued = {m["diff"]["id"] for m in client.get(f"/v1/deliveries?subscription={name}").json()["data"]}
        listed = {d["id"] for d in client.get(f"/v1/diffs?subscription={name}").json()["data"]}
        assert listed == queued, name
    assert keys(client, "subscription=everything&ticker=NWBT&kind=designation") == [FT_KEY, OD_KEY]
    assert keys(client, "subscription=calder&kind=designation") == []
    # paging one at a time: the same diffs, then a cursor that stays put
    seen, cursor = [], None
    for _ in range(5):
        page = client.get("/v1/diffs?subscription=calder&limit=1" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [d["data"]["event"]["key"] for d in page["data"]]
        cursor = page["next_cursor"]
    assert seen == [IND_KEY, TRIAL_KEY]
    assert client.get(f"/v1/diffs?subscription=calder&cursor={cursor}").json() == {"data": [], "next_cursor": cursor}
    r = client.get("/v1/diffs?subscription=nobody")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert client.get("/v1/diffs?subscription=not%20a%20name").status_code == 422


def test_a_subscriptions_diffs_need_the_admin_token(seeded: Engine, make_client: MakeClient) -> None:
    admin = make_client(resolver=public_dns)
    assert (
        admin.post("/v1/subscriptions", json={"name": "desk", "url": "https://hooks.example.com/x"}).status_code == 201
    )
    anonymous = make_client(token=None)  # reads are open (no read_token)
    assert anonymous.get("/v1/diffs").status_code == 200
    for client in (anonymous, make_client(token="not-the-token-0123456789")):
        r = client.get("/v1/diffs?subscription=desk")
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    with_reader = api_settings(token=ADMIN, read_token=READER)
    assert make_client(settings=with_reader, token=READER).get("/v1/diffs?subscription=desk").status_code == 401
    assert make_client(settings=with_reader, token=ADMIN).get("/v1/diffs?subscription=desk").status_code == 200
    no_token = make_client(settings=api_settings(), token=None)
    r = no_token.get("/v1/diffs?subscription=desk")
    assert r.status_code == 403 and r.json()["error"]["code"] == "writes_disabled"
    assert no_token.get("/v1/diffs?kind=designation").status_code == 200


def test_a_subscription_is_matched_on_each_diffs_own_event_as_fan_out_does(
    seeded: Engine, make_client: MakeClient
) -> None:
    """A listing learnt later (a release naming Northwind's TSX listing too) joins the
    event's tickers, so ``ticker=`` finds its diffs as ``/v1/events`` finds the event; a
    subscription's filters, though, are matched on each diff as it was published, as
    fan-out matched them: the Fast Track diff published before never carried TSX:NWB."""
    both = (*NWBT, Ticker("TSX", "NWB"))
    store(seeded, release("9", datetime(2026, 2, 1, 13, 0, tzinfo=UTC), both), (fast_track(),), "Northwind Bio")
    client = make_client(resolver=public_dns)
    body = {"name": "tsx", "url": "https://hooks.example.com/tsx", "tickers": ["TSX:NWB"]}
    assert client.post("/v1/subscriptions", json=body).status_code == 201
    assert (
        client.post("/v1/deliveries/replay", json={"subscription": "tsx", "since": "2000-01-01"}).json()["queued"] == 0
    )
    assert keys(client, "ticker=TSX:NWB") == [FT_KEY]
    assert keys(client, "subscription=tsx") == []
