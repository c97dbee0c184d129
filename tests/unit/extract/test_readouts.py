"""Topline readouts (ir_feed.extract.readouts): a trial's results promised for a period or
reported, the wordings that are not one, and what is news (names invented)."""

from __future__ import annotations

from datetime import date

import pytest

from ir_feed.events import Fact
from ir_feed.extract import extract

DATELINE = "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) "


def _readouts(text: str) -> list[Fact]:
    return [e for e in extract(text).events if isinstance(e, Fact) and e.kind == "topline_readout"]


@pytest.mark.parametrize(
    ("sentence", "status", "window"),
    [
        ("Topline data from the Phase 2 ORBIT trial of ACM-101 are expected in the second half of 2026.",
         "expected", ("2026-07-01", "2026-12-31")),
        ("The Company expects to report topline results from the Phase 3 trial of ACM-101 in Q4 2026.",
         "expected", ("2026-10-01", "2026-12-31")),
        ("Acme remains on track to announce interim data from the Phase 1 trial of ACM-101 in mid-2026.",
         "expected", ("2026-04-01", "2026-09-30")),
        ("Topline results of the Phase 2 clinical trial, ORBIT, evaluating ACM-101 in combination with standard of "
         "care in adults are expected in the first quarter of 2027.", "expected", ("2027-01-01", "2027-03-31")),
        ("We look forward to sharing data from the ORBIT study of ACM-101 in the fourth quarter of 2026.",
         "expected", ("2026-10-01", "2026-12-31")),
        ("today announced its progress. We look forward to the topline data readout from the ORBIT trial of ACM-101 "
         "in the first quarter of 2027.", "expected", ("2027-01-01", "2027-03-31")),
        ("today announced its progress, with key milestones coming up, including the reporting of topline results "
         "from the ACM-101 Phase 2 trial in June 2026.", "expected", ("2026-06-01", "2026-06-30")),
        ("today announced its plans. ACM-101: expand the Phase 1/2 trial in 1H 2026; report interim Phase 1/2 "
         "clinical data for ACM-101 in 4Q 2026.", "expected", ("2026-10-01", "2026-12-31")),
        ("today announced positive topline results from its Phase 2 ORBIT trial of ACM-101 in adults with NASH.",
         "reported", None),
        # results as a plan's second step
        ("today announced that it is on track to complete dosing of the Phase 1 trial of ACM-101 by the end of the "
         "year and have data from the completed trial in the first half of 2027.", "expected",
         ("2027-01-01", "2027-06-30")),
        # results the subject of a sentence naming no trial, after one about the study
        ("today announced the start of a Phase 1 study of ACM-101 in up to 64 healthy subjects. Preliminary results "
         "are expected in the second half of 2026.", "expected", ("2026-07-01", "2026-12-31")),
        ("today announced that the Phase 3 ORBIT trial of ACM-101 met its primary endpoint.", "reported", None),
        ("today announced that the Phase 3 ORBIT trial of ACM-101 did not meet its primary endpoint.",
         "reported", None),
        # the results as the promise's object
        ("today reported results. Acme expects topline data from the Phase 2 trial of ACM-101 in the second half of "
         "2026.", "expected", ("2026-07-01", "2026-12-31")),
    ],
)  # fmt: skip
def test_a_promise_or_a_report_of_a_trials_results_is_a_readout(
    sentence: str, status: str, window: tuple[str, str] | None
) -> None:
    [readout] = _readouts(DATELINE + sentence)
    assert readout.product == "ACM-101"
    assert (readout.status, readout.announced) == (status, True)
    got = (readout.window_start.isoformat(), readout.window_end.isoformat()) if readout.window_start else None
    assert got == window


@pytest.mark.parametrize(
    "sentence",
    [
        "today reported financial results for the fourth quarter and full year 2025, including the ORBIT trial.",
        "today announced positive preclinical data for ACM-101 in mouse models of NASH.",
        "today announced that the Data Safety Monitoring Board for the Phase 2 trial of ACM-101 met as planned.",
        "Based on the results of the Phase 2 trial, Acme plans to start a Phase 3 trial of ACM-101 in 2027.",
        "Following the recent Phase 2 readout, Acme is on track to commence a Phase 3 study of ACM-101 in mid-2026.",
        "Approval of ACM-101 will depend on the results of current and planned clinical trials.",
        "Management will discuss the results on today's call with the Phase 2 trial investigators.",
        "Acme is advancing ACM-101 into a Phase 2 study following an encouraging review of the data from the "
        "completed Phase 1 trial.",
        "The Phase 2 trial of ACM-101 uses a pathologic response rate as the primary endpoint.",
    ],
)
def test_what_is_not_a_readout(sentence: str) -> None:
    assert _readouts(DATELINE + sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme previously reported positive topline results from the Phase 2 trial of ACM-101.",
        "In November 2025, Acme presented positive topline results from the Phase 2 trial of ACM-101.",
        "Acme also announced updated results from the ongoing Phase 1 trial of ACM-101 at the congress.",
    ],
)
def test_results_told_as_known_or_dated_before_the_release_are_recalled(sentence: str) -> None:
    text = DATELINE + "today announced a financing.\n\n" + sentence
    assert [r.announced for r in _readouts(text)] == [False]


def test_a_task_to_come_in_a_list_of_milestones_is_a_promise() -> None:
    text = DATELINE + "today provided a business update.\n\nUpcoming milestones:\n\n" + (
        "Report interim Phase 1/2 clinical data for ACM-101 in 4Q 2026."
    )
    [readout] = _readouts(text)
    assert (readout.status, readout.phase, readout.window_start) == ("expected", "1/2", date(2026, 10, 1))


def test_one_trials_promise_and_its_report_are_one_readout_whose_status_moves() -> None:
    text = (
        "Acme Bio Announces Positive Topline Results from Phase 2 ORBIT Trial of ACM-101\n\n"
        + DATELINE
        + "today announced positive topline results from the Phase 2 ORBIT trial of ACM-101. Final data from the "
        "ORBIT trial are expected in the first half of 2027."
    )
    [readout] = _readouts(text)
    assert (readout.status, readout.trial) == ("reported", "ORBIT")
    assert readout.key == "acme|topline_readout|acm101|orbit"  # (neither status nor timing in it)


def test_a_promise_of_several_products_results_is_one_readout_each() -> None:
    text = DATELINE + ("today reported results. We look forward to the announcement of topline data from our ACM-101 "
                       "and ACM-202 trials in the fourth quarter of 2026.")
    assert sorted((r.product, r.status) for r in _readouts(text)) == [("ACM-101", "expected"), ("ACM-202", "expected")]


def test_a_goal_to_report_data_is_a_promise_not_a_report() -> None:
    text = DATELINE + (
        'today provided an update. "Our overarching goal is to report meaningful clinical data from the Phase 2 '
        'trial of ACM-101."'
    )
    assert [r.status for r in _readouts(text)] == ["expected"]


def test_a_code_right_after_the_trial_word_names_the_trial_not_the_product() -> None:
    found = _readouts("Acme Reports ACM-101 Update\n\n" + DATELINE + "today announced an update. Top line data for "
                      "the Phase 3 efficacy trial ACME-300 is expected in the fourth quarter of 2026.")  # fmt: skip
    assert [(f.product, f.trial, f.status) for f in found] == [("ACM-101", "ACME-300", "expected")]


def test_a_promise_of_a_list_of_one_products_trials_is_one_readout_each() -> None:
    found = _readouts("Acme Reports ACM-101 Update\n\n" + DATELINE + "today announced an update. The HALO and "
                      "HALO-Kids studies of ACM-101 are fully recruited, with topline results anticipated in the "
                      "first half of 2027.")  # fmt: skip
    assert sorted((f.product, f.trial) for f in found) == [("ACM-101", "HALO"), ("ACM-101", "HALO-Kids")]
    # (an INN after the trial word is the product: "In a Phase 2a study zentaglurant met its endpoint")
    other = _readouts("Acme Reports Results\n\n" + DATELINE + "today reported results. In a Phase 2a study "
                      "zentaglurant met its primary endpoint.")  # fmt: skip
    assert [f.trial for f in other] in ([], [None])
