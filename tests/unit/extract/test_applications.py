"""Marketing applications (ir_feed.extract.applications): submitted or accepted, the
regulator, priority review, the target action date; what is not one (names invented)."""

from __future__ import annotations

from datetime import date

import pytest

from ir_feed.events import Fact
from ir_feed.extract import extract

DATELINE = "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) "


def _applications(text: str) -> list[Fact]:
    return [e for e in extract(text).events if isinstance(e, Fact) and e.kind == "application_accepted"]


@pytest.mark.parametrize(
    ("sentence", "agency", "application", "status", "priority", "target"),
    [
        ("today announced that the U.S. Food and Drug Administration (FDA) has accepted for filing the New Drug "
         "Application (NDA) for ACM-101 for the treatment of NASH and granted Priority Review. The FDA has assigned "
         "a Prescription Drug User Fee Act (PDUFA) target action date of October 14, 2026.",
         "FDA", "NDA", "accepted", True, date(2026, 10, 14)),
        ("today announced that it has submitted a Biologics License Application to the FDA for ACM-101 for the "
         "treatment of adults with lupus.", "FDA", "BLA", "submitted", None, None),
        ("today announced that the European Medicines Agency has validated the Marketing Authorisation Application "
         "for ACM-101 for the treatment of NASH.", "EMA", "MAA", "accepted", None, None),
        ("today announced that the FDA has accepted for standard review the sBLA for ACM-101.",
         "FDA", "sBLA", "accepted", False, None),
        ("today announced that the FDA has extended the PDUFA goal date for the ACM-101 NDA to January 15, 2027.",
         "FDA", "NDA", "accepted", None, date(2027, 1, 15)),
        # Canada's application is a New Drug Submission; a rolling submission completed is submitted
        ("today announced that Health Canada has accepted for review the New Drug Submission for ACM-101.",
         "Health Canada", "NDS", "accepted", None, None),
        ("today announced that it has completed the rolling submission of its NDA for ACM-101 to the FDA.",
         "FDA", "NDA", "submitted", None, None),
    ],
)  # fmt: skip
def test_an_application_submitted_or_accepted(
    sentence: str, agency: str, application: str, status: str, priority: bool | None, target: date | None
) -> None:
    [found] = _applications(DATELINE + sentence)
    assert found.product == "ACM-101"
    assert (found.agency, found.application, found.status, found.announced) == (agency, application, status, True)
    assert (found.priority_review, found.window_start) == (priority, target)


def test_two_regulators_accepting_two_applications_are_two_events() -> None:
    text = DATELINE + (
        "today announced that the FDA and the European Medicines Agency accepted the Biologics License Application "
        "and the Marketing Authorization Application for ACM-101 in uveal melanoma."
    )
    got = sorted((a.agency, a.application) for a in _applications(text))
    assert got == [("EMA", "MAA"), ("FDA", "BLA")]


@pytest.mark.parametrize(
    "sentence",
    [
        "today announced plans to submit a New Drug Application for ACM-101 in the second half of 2026.",
        "today announced that it has initiated a rolling submission of its BLA for ACM-101.",
        "today announced that the FDA has accepted its Investigational New Drug application for ACM-101.",
        "today announced that Fast Track allows for the early submission of sections of the NDA for ACM-101.",
        "today announced that the FDA has approved the New Drug Application for ACM-101.",
        "today announced that the FDA cited the sufficiency of the data it submitted with the NDA for ACM-101 as an "
        "issue to be resolved by a new trial of several hundred patients over the next two years.",
    ],
)
def test_what_is_not_an_application_event(sentence: str) -> None:
    assert _applications(DATELINE + sentence) == []


def test_an_application_dated_before_the_release_is_recalled() -> None:
    text = DATELINE + "today announced a financing. In June 2025, Acme submitted a New Drug Application for ACM-101."
    assert [a.announced for a in _applications(text)] == [False]


def test_the_target_date_told_in_the_next_sentence_joins_the_acceptance() -> None:
    text = DATELINE + (
        "today announced that the FDA accepted the NDA for ACM-101. The PDUFA target action date is June 30, 2027."
    )
    [found] = _applications(text)
    assert (found.status, found.window_start, found.window_end) == ("accepted", date(2027, 6, 30), date(2027, 6, 30))
    assert found.key == "acme|application_accepted|acm101|fda"


def test_an_advisory_committees_application_and_a_restated_date_are_no_application_news() -> None:
    text = (
        "Acme Bio Announces FDA Advisory Committee Meeting for ACM-101\n\n" + DATELINE + "today announced that the "
        "FDA has scheduled an advisory committee meeting on June 4, 2026 to discuss the New Drug Application for "
        "ACM-101.\n\nThe FDA has set a PDUFA target action date of August 30, 2026 for the NDA for ACM-101."
    )
    assert [a for a in _applications(text) if a.announced] == []
    meetings = [e for e in extract(text).events if e.kind == "advisory_committee"]
    assert [(m.status, m.announced) for m in meetings] == [("scheduled", True)]


def test_a_submission_dated_ahead_of_the_release_is_a_plan() -> None:
    text = (
        DATELINE + "today announced that the EMA validated its MAA for ACM-101. We look forward to working with the "
        "EMA and to focusing on the submission of the New Drug Application for ACM-101 to the FDA in the first "
        "quarter of 2027."
    )
    assert {(a.agency, a.status) for a in _applications(text) if a.announced} == {("EMA", "accepted")}
