"""A kind whose fields have no column of their own is stored in ``events.details`` (JSON) on
both backends: written, read back in the contract's shape, and diffed when one changes —
so a new kind needs no migration.  The kind is made up and registered for the test only."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, select

from ir_feed import diff
from ir_feed.events import Fact
from ir_feed.kinds import KINDS
from ir_feed.models import Ticker
from ir_feed.store.engine import session_factory
from ir_feed.store.events import event_state
from ir_feed.store.tables import DiffRow, EventRow
from tests.support.releases import press_release, store_release

KEY = "acme|acme_decision|acm101|ema"


@pytest.fixture
def decision_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """``acme_decision``: an agency's decision on a product, with a pathway, a flag and a date
    that no column of ``events`` holds."""
    spec = dataclasses.replace(
        KINDS["trial_start"],
        name="acme_decision",
        fields=("agency", "product", "pathway", "priority", "decided_on", "status"),
        state_fields=("pathway", "priority", "decided_on", "status"),
        status_rank={"pending": 0, "decided": 1},
        types={"agency": "name", "priority": "flag", "decided_on": "date"},
        spans_time=False,
    )
    monkeypatch.setitem(KINDS, "acme_decision", spec)  # type: ignore[index]
    monkeypatch.setitem(diff.STATE_FIELDS, "acme_decision", spec.state_fields)  # type: ignore[index]
    monkeypatch.setitem(diff._STATUS_RANK, "acme_decision", spec.status_rank)  # type: ignore[index]


def _decision(status: str, pathway: str | None, priority: bool | None, on: date | None) -> Fact:
    values = (("agency", "EMA"), ("pathway", pathway), ("priority", priority), ("decided_on", on))
    return Fact("acme_decision", True, "ACM-101", status, values, f"The EMA's decision: {status}.", KEY)


@pytest.mark.usefixtures("decision_kind")
def test_fields_without_a_column_are_kept_as_json_and_diffed(engine: Engine) -> None:
    tickers = (Ticker("NASDAQ", "ACME"),)
    first = press_release("1", datetime(2026, 3, 2, 13, tzinfo=UTC), tickers, text="Body.")
    store_release(engine, first, (_decision("pending", "conditional", None, None),), company="Acme")
    later = press_release("2", datetime(2026, 6, 1, 13, tzinfo=UTC), tickers, text="Body 2.")
    store_release(engine, later, (_decision("decided", "conditional", True, date(2026, 5, 29)),), company="Acme")
    with session_factory(engine).begin() as s:
        row = s.scalars(select(EventRow).where(EventRow.key == KEY)).one()
        assert row.details == {"pathway": "conditional", "priority": True, "decided_on": "2026-05-29"}
        assert row.agency == "EMA" and row.status == "decided"  # (the columns it has are used)
        state = event_state(row)
        assert {k: state[k] for k in ("pathway", "priority", "decided_on")} == {
            "pathway": "conditional", "priority": True, "decided_on": "2026-05-29"
        }  # fmt: skip
        [created, updated] = s.scalars(select(DiffRow).where(DiffRow.event_key == KEY).order_by(DiffRow.id)).all()
        assert created.type == "event.created" and updated.type == "event.updated"
        assert updated.changes["priority"] == {"old": None, "new": True}
        assert updated.changes["decided_on"] == {"old": None, "new": "2026-05-29"}
