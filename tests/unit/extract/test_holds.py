"""Clinical holds (ir_feed.extract.holds): placed, partial, lifted; a pause the company chose
or a lifting still to come is none (names invented)."""

from __future__ import annotations

import pytest

from ir_feed.events import Fact
from ir_feed.extract import extract

DATELINE = "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) "


def _holds(text: str) -> list[Fact]:
    return [e for e in extract(text).events if isinstance(e, Fact) and e.kind == "clinical_hold"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("today announced that the FDA has placed a clinical hold on the Phase 1 trial of ACM-101.", "placed"),
        ("today announced that the FDA has placed a partial clinical hold on the ORBIT trial of ACM-101; patients "
         "enrolled may continue treatment.", "partial"),
        ("today announced that the FDA has lifted the clinical hold on the Phase 1 trial of ACM-101.", "lifted"),
        ("today announced that the U.S. Food and Drug Administration removed the clinical hold previously placed on "
         "ACM-101.", "lifted"),
    ],
)  # fmt: skip
def test_a_hold_placed_partial_or_lifted(sentence: str, status: str) -> None:
    [hold] = _holds(DATELINE + sentence)
    assert (hold.product, hold.agency, hold.status, hold.announced) == ("ACM-101", "FDA", status, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "today announced that it has voluntarily paused dosing and put its ACM-101 trial on hold.",
        "today announced that the FDA could place a clinical hold on ACM-101 if further deaths occur.",
        "today announced that no clinical hold was placed on the ACM-101 program.",
    ],
)
def test_what_is_not_a_hold(sentence: str) -> None:
    assert _holds(DATELINE + sentence) == []


def test_a_lifting_still_to_come_keeps_the_hold() -> None:
    text = DATELINE + (
        "today announced that the FDA has placed a partial clinical hold on the Phase 1 trial of ACM-101. No new "
        "patients may be enrolled until the partial clinical hold is resolved."
    )
    assert [h.status for h in _holds(text)] == ["partial"]


def test_a_hold_told_as_announced_before_is_recalled_and_this_study_is_no_product() -> None:
    text = (
        DATELINE + "today announced that the FDA has lifted the partial clinical hold on ORBIT, its Phase 3 trial of "
        "ACM-101. As announced on January 23, 2026, the FDA placed a partial clinical hold on this study relating to "
        "manufacturing questions."
    )
    holds = _holds(text)
    assert {(h.product, h.status, h.announced) for h in holds if h.announced} == {("ACM-101", "lifted", True)}
    assert "this" not in {h.product for h in holds}
