"""``/v1/calendar`` and ``/v1/calendar.ics`` on both backends: events by date window, the
iCalendar document parsed back by the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
from sqlalchemy import Engine

from ir_feed.events import TrialStart
from tests.integration.api.conftest import CLRQ, NWBT, TRIAL_KEY, ApiClient, MakeClient, calder_trial, store
from tests.integration.api.conftest import release as make_release


def _trial(key: str, product: str, start: date | None, end: date | None, status: str, timing: str | None) -> TrialStart:
    return TrialStart(True, product, None, "2", (), timing, start, end, status, f"{product}: {status}.", key)


def seed_windows(engine: Engine) -> None:
    """CLRQ's CALDER-1 (planned Apr-Sep 2026, from the shared seed) and four NWBT trials:
    planned for H2 2027, started on 2026-02-10, planned with no window, planned in 2024."""
    store(
        engine,
        make_release("2", datetime(2026, 2, 3, 13, 0, tzinfo=UTC), CLRQ),
        (calder_trial(),),
        "Calder Ridge",
    )
    store(
        engine,
        make_release("3", datetime(2026, 2, 10, 13, 0, tzinfo=UTC), NWBT),
        (
            _trial("nwbt|t|a", "NWB-201", date(2027, 7, 1), date(2027, 12, 31), "planned", "second half of 2027"),
            _trial("nwbt|t|b", "NWB-202", date(2026, 2, 10), date(2026, 2, 10), "initiated", None),
            _trial("nwbt|t|c", "NWB-203", None, None, "planned", None),
            _trial("nwbt|t|d", "NWB-204", date(2024, 1, 1), date(2024, 12, 31), "planned", "in 2024"),
        ),
        "Northwind Bio",
    )


def test_the_calendar_lists_windows_overlapping_the_range_earliest_first(engine: Engine, client: ApiClient) -> None:
    seed_windows(engine)
    r = client.get("/v1/calendar?from=2026-01-01&to=2027-12-31")
    assert r.status_code == 200, r.text
    body = r.json()
    got = [(e["event"]["product"], e["start"], e["end"]) for e in body["data"]]
    assert got == [
        ("NWB-202", "2026-02-10", "2026-02-10"),
        ("CRX-220", "2026-04-01", "2026-09-30"),
        ("NWB-201", "2027-07-01", "2027-12-31"),
    ]  # not the undated plan, not the 2024 one
    first = body["data"][1]
    assert first["title"] == "CLRQ: Phase 1 trial CALDER-1 of CRX-220: planned (mid-2026)"
    assert first["event"]["key"] == TRIAL_KEY and body["next_cursor"] is None
    # a window overlapping the range's edge counts; the default range is a year from today (2026-03-01)
    edge = client.get("/v1/calendar?from=2026-09-30&to=2026-09-30").json()["data"]
    assert [e["event"]["product"] for e in edge] == ["CRX-220"]
    default = client.get("/v1/calendar").json()["data"]
    assert [e["event"]["product"] for e in default] == ["CRX-220"]


def test_filters_and_pages(engine: Engine, client: ApiClient) -> None:
    seed_windows(engine)
    span = "from=2024-01-01&to=2027-12-31"
    planned = client.get(f"/v1/calendar?{span}&status=planned&ticker=NASDAQ:NWBT").json()["data"]
    assert [e["event"]["product"] for e in planned] == ["NWB-204", "NWB-201"]
    seen, cursor = [], None
    while True:
        page = client.get(f"/v1/calendar?{span}&limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [e["event"]["product"] for e in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["NWB-204", "NWB-202", "CRX-220", "NWB-201"]


def test_bad_ranges_and_cursors_are_400(engine: Engine, client: ApiClient) -> None:
    for query in ("from=2026-05-01&to=2026-04-01", "from=2020-01-01&to=2035-01-01"):
        r = client.get(f"/v1/calendar?{query}")
        assert r.status_code == 400, query
        assert r.json()["error"]["code"] == "invalid_parameter"
    assert client.get("/v1/calendar?cursor=bm90LWEtY3Vyc29y").status_code == 400
    for query in ("from=March", "from=2026-02-30", "to=0000-00-00", "to=0", "from=20260101"):  # not a YYYY-MM-DD day
        assert client.get(f"/v1/calendar?{query}").status_code == 422, query


def test_the_ics_document_is_read_back_by_a_calendar_library(engine: Engine, client: ApiClient) -> None:
    seed_windows(engine)
    r = client.get("/v1/calendar.ics?from=2026-01-01&to=2027-12-31&ticker=NWBT")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(r.content)
    assert str(cal["x-wr-calname"]) == "ir_feed catalysts — NWBT"
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"nwbt|t|a@ir-feed", "nwbt|t|b@ir-feed"}
    h2 = events["nwbt|t|a@ir-feed"]
    assert h2.decoded("dtstart") == date(2027, 7, 1)
    assert h2.decoded("dtend") == date(2028, 1, 1)  # the day after the window's last (all-day events)
    assert str(h2["summary"]) == "NWBT: Phase 2 trial of NWB-201: planned (second half of 2027)"
    assert "Timing as written: second half of 2027" in str(h2["description"])
    one_day = events["nwbt|t|b@ir-feed"]
    assert (one_day.decoded("dtstart"), one_day.decoded("dtend")) == (date(2026, 2, 10), date(2026, 2, 11))


def test_a_long_ics_says_where_the_rest_is(engine: Engine, client: ApiClient) -> None:
    seed_windows(engine)
    r = client.get("/v1/calendar.ics?from=2024-01-01&to=2027-12-31&limit=3")
    assert len(icalendar.Calendar.from_ical(r.content).walk("VEVENT")) == 3
    assert r.headers["link"].startswith("<http://testserver/v1/calendar.ics?from=2024-01-01&to=2027-12-31")
    assert r.headers["link"].endswith('>; rel="next"')


def test_the_calendar_needs_the_read_token_when_one_is_set(engine: Engine, make_client: MakeClient) -> None:
    from tests.integration.api.conftest import ADMIN, READER, api_settings

    settings = api_settings(token=ADMIN, read_token=READER)
    assert make_client(token=None, settings=settings).get("/v1/calendar.ics").status_code == 401
    assert make_client(token=READER, settings=settings).get("/v1/calendar.ics").status_code == 200
