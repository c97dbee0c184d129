"""``/v1/releases``, ``/v1/releases/{key}``, ``/v1/diffs`` and ``/v1/feeds`` on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from ir_feed.events import Designation
from tests.integration.api.conftest import (
    CLRQ,
    FT_KEY,
    NOW,
    NWBT,
    ApiClient,
    fast_track,
    release,
    seed_feed_health,
    store,
)


def test_releases_newest_first_undated_last_across_pages(seeded: Engine, client: ApiClient) -> None:
    store(seeded, release("undated", None, NWBT), (), "Northwind")
    store(seeded, release("3", datetime(2026, 2, 20, tzinfo=UTC), CLRQ), (), "Calder")
    everything = client.get("/v1/releases").json()
    expected = ["globenewswire.com:3", "globenewswire.com:2", "globenewswire.com:1", "globenewswire.com:undated"]
    assert [r["key"] for r in everything["data"]] == expected
    walked, cursor = [], None
    while True:
        page = client.get("/v1/releases?limit=1" + (f"&cursor={cursor}" if cursor else "")).json()
        walked += [r["key"] for r in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == expected
    first = everything["data"][1]
    assert first["tickers"] == ["NASDAQ:CLRQ", "TSX:CLR"] and first["published_at"] == "2026-02-03T13:00:00Z"
    by_ticker = client.get("/v1/releases?ticker=NASDAQ:NWBT&since=2026-01-01").json()
    assert [r["key"] for r in by_ticker["data"]] == ["globenewswire.com:1"]
    assert client.get("/v1/releases?until=2026-02-01").json()["data"][0]["key"] == "globenewswire.com:1"
    bad = client.get("/v1/releases?cursor=" + client.get("/v1/events?limit=1").json()["next_cursor"])
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"


def test_one_release_with_versions_and_events(seeded: Engine, client: ApiClient) -> None:
    published = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)
    corrected = release("1", published, NWBT, text="Corrected: only Fast Track.", title="Northwind gets Fast Track")
    store(seeded, corrected, (fast_track(),), "Northwind Bio", now=NOW + timedelta(hours=1))
    r = client.get("/v1/releases/globenewswire.com:1")
    assert r.status_code == 200
    body = r.json()
    assert body["version"] == 2 and body["text"] == "Corrected: only Fast Track."
    assert [v["version"] for v in body["versions"]] == [1, 2]
    events = {e["key"]: e for e in body["events"]}
    assert events[FT_KEY]["active"] is True
    # The recalled Orphan Drug fact is no longer stated by version 2.
    assert [e["active"] for k, e in events.items() if k != FT_KEY] == [False]
    missing = client.get("/v1/releases/globenewswire.com:404")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_diffs_since_by_type_and_paged(seeded: Engine, client: ApiClient) -> None:
    page = client.get("/v1/diffs").json()
    assert [d["type"] for d in page["data"]] == ["event.created"] * 4
    assert all(d["id"].startswith("dif_") for d in page["data"])
    assert {d["data"]["event"]["key"] for d in page["data"]} >= {FT_KEY}
    assert client.get("/v1/diffs?since=2026-03-02").json()["data"] == []
    assert len(client.get("/v1/diffs?since=2026-03-01").json()["data"]) == 4
    assert client.get("/v1/diffs?type=event.updated").json()["data"] == []
    paged = client.get("/v1/diffs?limit=3").json()
    rest = client.get(f"/v1/diffs?cursor={paged['next_cursor']}").json()
    assert [d["id"] for d in paged["data"] + rest["data"]] == [d["id"] for d in page["data"]]
    assert client.get("/v1/diffs?type=event.moved").status_code == 422


def test_polling_the_diffs_cursor_returns_only_what_is_new(seeded: Engine, client: ApiClient) -> None:
    cursor = client.get("/v1/diffs").json()["next_cursor"]
    # Nothing new: the cursor stays where it was.
    assert client.get(f"/v1/diffs?cursor={cursor}").json() == {"data": [], "next_cursor": cursor}
    news = Designation(True, "FDA", "rmat", "NWB-202", "ALS", "granted", "RMAT for NWB-202.", "nwbt|d|rmat")
    store(seeded, release("n", datetime(2026, 2, 21, tzinfo=UTC), NWBT, text="New."), (news,), "Northwind")
    page = client.get(f"/v1/diffs?cursor={cursor}").json()
    assert [(d["type"], d["data"]["event"]["key"]) for d in page["data"]] == [("event.created", "nwbt|d|rmat")]
    assert client.get(f"/v1/diffs?cursor={page['next_cursor']}").json()["data"] == []


def test_feeds_with_their_health(engine: Engine, client: ApiClient) -> None:
    seed_feed_health(engine)
    body = client.get("/v1/feeds").json()
    rows = {f["name"]: f for f in body["data"]}
    assert rows["good"]["healthy"] is True and rows["good"]["last_outcome"] == "ok"
    assert rows["bad"]["healthy"] is False and rows["bad"]["consecutive_failures"] == 1
    assert rows["bad"]["last_error"] == "503 from server" and rows["bad"]["last_status"] == 503
    assert "s3cret" not in rows["bad"]["url"]


def test_times_inside_a_diff_s_data_end_in_z_like_every_time_the_api_writes(seeded: Engine, client: ApiClient) -> None:
    # the diffs' event and release were stored as JSON with "+00:00"; the API, the
    # webhooks and the CLI write every time in UTC ending in "Z"
    page = client.get("/v1/diffs").json()["data"]
    assert page
    text = str([d["data"] for d in page])
    assert "+00:00" not in text
    times = [d["data"]["release"].get("published_at") for d in page]
    times += [d["data"]["event"].get("occurred_at") for d in page]
    assert any(t and t.endswith("Z") for t in times), times
    history = client.get(f"/v1/events/{FT_KEY.replace('|', '%7C')}").json()["history"]
    assert history and "+00:00" not in str([h["data"] for h in history])
