"""The timing → window table (see ir_feed.extract.windows)."""

from __future__ import annotations

from datetime import date

import pytest

from ir_feed.extract.windows import find_timings

RELEASE = date(2025, 4, 7)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("in mid-2025", "2025-04-01", "2025-09-30"),
        ("in the first half of 2026", "2026-01-01", "2026-06-30"),
        ("in H1 2026", "2026-01-01", "2026-06-30"),
        ("in 1H 2026", "2026-01-01", "2026-06-30"),
        ("in the second half of 2025", "2025-07-01", "2025-12-31"),
        ("in Q3 2025", "2025-07-01", "2025-09-30"),
        ("in the third quarter of 2025", "2025-07-01", "2025-09-30"),
        ("in CY 1Q'21", "2021-01-01", "2021-03-31"),
        ("in 4Q 2025", "2025-10-01", "2025-12-31"),
        ("in early 2024", "2024-01-01", "2024-04-30"),
        ("in late 2025", "2025-09-01", "2025-12-31"),
        # "by" a time (before, prior to, within): from the release date to that window's end
        ("by year-end 2025", "2025-04-07", "2025-12-31"),
        ("by the end of 2025", "2025-04-07", "2025-12-31"),
        ("by the end of the first quarter of 2026", "2025-04-07", "2026-03-31"),
        ("before the end of this year", "2025-04-07", "2025-12-31"),
        ("within the current year", "2025-04-07", "2025-12-31"),
        ("during the current quarter", "2025-04-01", "2025-06-30"),
        ("within the next 12 months", "2025-04-07", "2026-04-07"),
        ("in mid-year 2026", "2026-04-01", "2026-09-30"),
        ("in June 2025", "2025-06-01", "2025-06-30"),
        # no year written: the release's (the next when that period is over)
        ("by year-end", "2025-04-07", "2025-12-31"),
        ("before the end of the year", "2025-04-07", "2025-12-31"),
        ("in June", "2025-06-01", "2025-06-30"),
        ("in early January", "2026-01-01", "2026-01-31"),
        ("in 2027", "2027-01-01", "2027-12-31"),
        ("in the fourth quarter of this year", "2025-10-01", "2025-12-31"),
        ("later this year", "2025-04-07", "2025-12-31"),
        ("next year", "2026-01-01", "2026-12-31"),
        ("this year", "2025-01-01", "2025-12-31"),
    ],
)
def test_window_table(phrase: str, start: str, end: str) -> None:
    timings = find_timings(f"The company expects to begin the trial {phrase}.", RELEASE)
    assert timings, phrase
    t = timings[0]
    assert (t.window_start, t.window_end) == (date.fromisoformat(start), date.fromisoformat(end))


def test_yearless_phrase_borrows_the_next_year_in_the_sentence() -> None:
    timings = find_timings("expected to initiate in the first quarter and the second quarter of 2024",
                           RELEASE)  # fmt: skip
    assert [(t.window_start, t.window_end) for t in timings] == [
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
    ]


def test_yearless_phrase_rolls_forward_past_the_release_date() -> None:
    (t,) = find_timings("to begin in the first quarter", RELEASE)
    assert (t.window_start, t.window_end) == (date(2026, 1, 1), date(2026, 3, 31))


def test_no_release_date_no_guess() -> None:
    (t,) = find_timings("to begin in the second quarter", None)
    assert t.window_start is None and t.window_end is None


def test_earlier_this_year_is_not_a_timing() -> None:
    assert find_timings("The trial was initiated earlier this year.", RELEASE) == []


def test_numbers_are_not_timings() -> None:
    assert find_timings("a Phase 1 study in 20 patients dosed at 10 mg for 28 days", RELEASE) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("expected to initiate in Q3:21", date(2021, 7, 1), date(2021, 9, 30)),
        ("planned for Q4’26", date(2026, 10, 1), date(2026, 12, 31)),
        ("to begin in 3Q26", date(2026, 7, 1), date(2026, 9, 30)),
        ("to begin in 1H26", date(2026, 1, 1), date(2026, 6, 30)),
    ],
)
def test_quarter_and_half_codes_with_a_glued_or_marked_year(text: str, start: date, end: date) -> None:
    [timing] = find_timings(text, date(2021, 3, 3))
    assert (timing.window_start, timing.window_end) == (start, end)


@pytest.mark.parametrize("text", ["Q12 results were strong", "the ACM-Q326 program", "the H1N1 strain"])
def test_codes_that_are_no_quarter(text: str) -> None:
    assert find_timings(text, date(2021, 3, 3)) == []


@pytest.mark.parametrize(
    "sentence", ["As announced in June, Acme is preparing to start the trial.", "We may start it."]
)
def test_a_month_the_past_is_dated_by_or_a_verb_is_no_window(sentence: str) -> None:
    assert find_timings(sentence, RELEASE) == []
