"""Marketing applications (issue 12's second spec-only kind) on both backends: the fields
with no column of their own (the application's type, priority review) kept in
``events.details`` and answered by the API, the target action (PDUFA) date on the catalyst
calendar, an acceptance updating a submission."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, select

from ir_feed.events import Fact
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, EventRow
from tests.integration.api.conftest import NWBT, ApiClient, store
from tests.integration.api.conftest import release as make_release

KEY = "nwbt|application_accepted|nwb101|fda"


def _application(status: str, priority: bool | None, target: date | None) -> Fact:
    values = (
        ("agency", "FDA"),
        ("application", "NDA"),
        ("indication", "idiopathic pulmonary fibrosis"),
        ("priority_review", priority),
        ("timing_text", target.strftime("%B %d, %Y") if target else None),
        ("window_start", target),
        ("window_end", target),
    )
    return Fact("application_accepted", True, "NWB-101", status, values, f"The NDA was {status}.", KEY)


def test_a_submission_then_its_acceptance_with_a_pdufa_date(engine: Engine, client: ApiClient) -> None:
    submitted = _application("submitted", None, None)
    store(engine, make_release("1", datetime(2026, 1, 5, 13, tzinfo=UTC), NWBT), (submitted,), "Northwind")
    accepted = _application("accepted", True, date(2026, 11, 20))
    store(engine, make_release("2", datetime(2026, 3, 9, 13, tzinfo=UTC), NWBT), (accepted,), "Northwind")
    with session_factory(engine).begin() as s:
        row = s.scalars(select(EventRow).where(EventRow.key == KEY)).one()
        assert row.details == {"application": "NDA", "priority_review": True}
        assert (row.agency, row.window_start, row.status) == ("FDA", date(2026, 11, 20), "accepted")
        [_, updated] = s.scalars(select(DiffRow).where(DiffRow.event_key == KEY).order_by(DiffRow.id)).all()
        assert updated.changes["status"] == {"old": "submitted", "new": "accepted"}
        assert updated.changes["priority_review"] == {"old": None, "new": True}

    [event] = client.get("/v1/events?kind=application_accepted&agency=FDA").json()["data"]
    assert (event["application"], event["priority_review"], event["window_start"]) == ("NDA", True, "2026-11-20")
    [entry] = client.get("/v1/calendar?from=2026-11-01&to=2026-11-30&kind=application_accepted").json()["data"]
    assert (entry["start"], entry["end"]) == ("2026-11-20", "2026-11-20")
    want = "NWBT: FDA NDA for NWB-101: accepted, priority review (target action date November 20, 2026)"
    assert entry["title"] == want
