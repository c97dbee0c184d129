"""Complete Response Letters (ir_feed.extract.responses) and advisory committee meetings
(ir_feed.extract.committees): the news, and the look-alikes that are not (names invented)."""

from __future__ import annotations

from datetime import date

import pytest

from ir_feed.events import Fact
from ir_feed.extract import extract

DATELINE = "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) "


def _of(kind: str, text: str) -> list[Fact]:
    return [e for e in extract(text).events if isinstance(e, Fact) and e.kind == kind]


def test_a_complete_response_letter_with_its_reason() -> None:
    text = DATELINE + (
        "today announced that it has received a Complete Response Letter (CRL) from the FDA for its New Drug "
        "Application for ACM-101, citing observations from an inspection of a third-party manufacturing facility."
    )
    [crl] = _of("complete_response", text)
    assert (crl.product, crl.agency, crl.reason, crl.announced) == ("ACM-101", "FDA", "manufacturing", True)


def test_a_letter_for_a_product_named_by_position() -> None:
    text = DATELINE + (
        "announced that today it received a Complete Response Letter (CRL) from the U.S. Food and Drug "
        "Administration (FDA) regarding its New Drug Application (NDA) Acmetrol Injection 0.3mg."
    )
    assert [c.product for c in _of("complete_response", text)] == ["Acmetrol Injection"]


@pytest.mark.parametrize(
    "sentence",
    [
        "today announced that 12 patients treated with ACM-101 had a complete response at 24 weeks.",
        "today announced that the FDA accepted its resubmission of the NDA for ACM-101 in response to the CRL.",
    ],
)
def test_what_is_no_new_complete_response_letter(sentence: str) -> None:
    assert [c for c in _of("complete_response", DATELINE + sentence) if c.announced] == []


@pytest.mark.parametrize(
    ("sentence", "status", "day"),
    [
        ("today announced that the FDA's Oncologic Drugs Advisory Committee (ODAC) is scheduled to meet on June 17, "
         "2026 to review the BLA for ACM-101.", "scheduled", date(2026, 6, 17)),
        ("today announced that the FDA Cellular, Tissue and Gene Therapies Advisory Committee voted 8 to 6 in "
         "support of the accelerated approval of ACM-101.", "voted_for", None),
        ("today announced that the FDA advisory committee voted 10 to 2 against the approval of ACM-101.",
         "voted_against", None),
        # a question answered no
        ("today announced that the FDA advisory committee voted 8 to 4 that the benefits of ACM-101 do not "
         "outweigh its risks.", "voted_against", None),
        ("today announced that the FDA has cancelled the advisory committee meeting planned for ACM-101.",
         "cancelled", None),
    ],
)  # fmt: skip
def test_an_advisory_committee_meeting(sentence: str, status: str, day: date | None) -> None:
    [meeting] = _of("advisory_committee", DATELINE + sentence)
    assert (meeting.product, meeting.status, meeting.window_start, meeting.announced) == ("ACM-101", status, day, True)


def test_no_meeting_planned_is_none() -> None:
    text = DATELINE + "today announced that the FDA is not planning to hold an advisory committee meeting on ACM-101."
    assert _of("advisory_committee", text) == []


def test_a_meeting_on_a_brand_written_in_capitals() -> None:
    text = DATELINE + (
        "today announced that trading in its shares is halted.\n\nThe FDA's Anesthetic and Analgesic Drug Products "
        "Advisory Committee is meeting today to review Acme's New Drug Application (NDA) for ACMEZA, a 30 mcg "
        "sublingual tablet for acute pain."
    )
    assert [(m.product, m.status) for m in _of("advisory_committee", text)] == [("ACMEZA", "scheduled")]


def test_a_meeting_already_held_is_no_meeting_scheduled() -> None:
    # the meeting's own date is before the release's: it was held, not scheduled
    text = DATELINE + (
        "today announced that it filed an amendment to its NDA for ACM-101, addressing points raised during the "
        "FDA Advisory Committee meeting on January 6, 2026."
    )
    assert [m for m in _of("advisory_committee", text) if m.announced] == []
