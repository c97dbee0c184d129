"""A kind added by its spec and its rules alone (topline readouts, issue 12) on both backends:
stored, diffed as it moves from expected to reported, filtered by subscriptions and by the
API, on the catalyst calendar and its iCalendar export, and on the web pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from ipaddress import IPv4Address, IPv6Address

import icalendar
from sqlalchemy import Engine, select

from ir_feed.events import Fact
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, EventRow
from tests.integration.api.conftest import NWBT, ApiClient, MakeClient, fast_track, store
from tests.integration.api.conftest import release as make_release

KEY = "nwbt|topline_readout|nwb101|orbit"


async def public_dns(host: str, port: int) -> Sequence[IPv4Address | IPv6Address]:
    """A webhook host that resolves to a public address (no network is asked)."""
    return [IPv4Address("93.184.216.34")]


def _readout(status: str, start: date | None, end: date | None, timing: str | None) -> Fact:
    values = (("trial", "ORBIT"), ("phase", "2"), ("timing_text", timing), ("window_start", start), ("window_end", end))
    return Fact("topline_readout", True, "NWB-101", status, values, f"ORBIT data: {status}.", KEY)


def _subscribe(client: ApiClient, kinds: list[str]) -> None:
    r = client.post(
        "/v1/subscriptions",
        json={"name": "readouts", "url": "https://hooks.example.test/readouts", "kinds": kinds},
    )
    assert r.status_code == 201, r.text


def test_a_readout_is_stored_diffed_filtered_and_on_the_calendar(engine: Engine, make_client: MakeClient) -> None:
    client = make_client(resolver=public_dns)
    _subscribe(client, ["topline_readout"])
    expected = _readout("expected", date(2026, 7, 1), date(2026, 12, 31), "in the second half of 2026")
    queued = store(
        engine, make_release("1", datetime(2026, 2, 3, 13, tzinfo=UTC), NWBT), (expected, fast_track()), "Northwind"
    )
    assert queued == 1  # the readout, not the designation: the subscription's kinds filter

    r = client.get("/v1/events?kind=topline_readout")
    assert r.status_code == 200, r.text
    [event] = r.json()["data"]
    assert (event["key"], event["status"], event["trial"], event["phase"]) == (KEY, "expected", "ORBIT", "2")
    assert (event["window_start"], event["window_end"], event["timing_text"]) == (
        "2026-07-01",
        "2026-12-31",
        "in the second half of 2026",
    )

    calendar = client.get("/v1/calendar?from=2026-01-01&to=2026-12-31&kind=topline_readout").json()["data"]
    assert [(e["event"]["key"], e["start"], e["end"]) for e in calendar] == [(KEY, "2026-07-01", "2026-12-31")]
    assert client.get("/v1/calendar?from=2026-01-01&to=2026-12-31&kind=trial_start").json()["data"] == []
    assert client.get("/v1/calendar?kind=designation").status_code == 422  # (a kind with no date window)
    ics = client.get("/v1/calendar.ics?from=2026-01-01&to=2026-12-31")
    assert ics.status_code == 200
    [vevent] = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert "NWB-101" in str(vevent["SUMMARY"]) and "expected" in str(vevent["SUMMARY"])

    reported = _readout("reported", None, None, None)
    assert store(engine, make_release("2", datetime(2026, 9, 8, 13, tzinfo=UTC), NWBT), (reported,), "Northwind") == 1
    with session_factory(engine).begin() as s:
        row = s.scalars(select(EventRow).where(EventRow.key == KEY)).one()
        assert row.status == "reported" and row.details is None  # (every field of this kind has a column)
        diffs = s.scalars(select(DiffRow).where(DiffRow.event_key == KEY).order_by(DiffRow.id)).all()
        assert [d.type for d in diffs] == ["event.created", "event.updated"]
        assert diffs[1].changes["status"] == {"old": "expected", "new": "reported"}

    page = client.get(f"/events/{KEY.replace('|', '%7C')}")
    assert page.status_code == 200
    assert "Topline readout · Phase 2 ORBIT" in page.text and "reported" in page.text


def test_a_subscription_can_name_the_new_kind_and_a_bad_kind_is_refused(make_client: MakeClient) -> None:
    client = make_client(resolver=public_dns)
    _subscribe(client, ["topline_readout", "designation"])
    r = client.post("/v1/subscriptions", json={"name": "x", "url": "https://hooks.example.test/x", "kinds": ["merger"]})
    assert r.status_code == 422
    kinds = {k["kind"]: k for k in client.get("/v1/event-types").json()["kinds"]}
    assert kinds["topline_readout"]["statuses"] == ["expected", "reported"]
    assert kinds["topline_readout"]["webhook_schema"]["properties"]["kind"] == {"const": "topline_readout"}
