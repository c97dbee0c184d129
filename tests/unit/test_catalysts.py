"""The catalyst calendar's iCalendar: untrusted release text survives escaping and folding,
and every entry is an all-day event over its window."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar

from ir_feed.catalysts import CALENDAR_KINDS, Entry, to_ics

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def _entry(**kw: object) -> Entry:
    base: dict[str, object] = {
        "key": "acme|trial_start|acm101|p2", "kind": "trial_start", "status": "planned",
        "start": date(2026, 7, 1), "end": date(2026, 12, 31), "title": "ACME: Phase 2 trial of ACM-101: planned",
        "evidence": "Acme expects to start the trial in the second half of 2026.", "timing_text": "second half of 2026",
        "updated": datetime(2026, 3, 3, tzinfo=UTC), "url": "https://example.com/r/1",
    }  # fmt: skip
    return Entry(**{**base, **kw})  # type: ignore[arg-type]


def test_the_kinds_with_a_window_are_on_the_calendar() -> None:
    assert CALENDAR_KINDS == ("trial_start", "topline_readout", "application_accepted", "advisory_committee")


def test_hostile_text_is_escaped_and_folded_and_read_back_unchanged() -> None:
    title = 'ACME: "X"; a, b\\c\nBEGIN:VEVENT'
    evidence = "Ünïcödé ✓ " * 60 + "END:VCALENDAR"
    body = to_ics([_entry(title=title, evidence=evidence)], name="ir_feed, catalysts; test", now=NOW)
    lines = body.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VCALENDAR") == 1  # no line forged
    assert all(len(line) <= 75 for line in lines), max(len(line) for line in lines)
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["summary"]) == title
    assert str(event["description"]).endswith(evidence)


def test_an_entry_is_an_all_day_event_over_its_window() -> None:
    one_day = _entry(key="k2", start=date(2026, 2, 10), end=date(2026, 2, 10), status="initiated", timing_text=None,
                     url=None)  # fmt: skip
    cal = icalendar.Calendar.from_ical(to_ics([_entry(), one_day], name="n", now=NOW))
    a, b = cal.walk("VEVENT")
    assert (a.decoded("dtstart"), a.decoded("dtend")) == (date(2026, 7, 1), date(2027, 1, 1))
    assert (b.decoded("dtstart"), b.decoded("dtend")) == (date(2026, 2, 10), date(2026, 2, 11))
    assert str(a["uid"]) == "acme|trial_start|acm101|p2@ir-feed" and str(a["transp"]) == "TRANSPARENT"
    assert "url" not in b and "Timing as written" not in str(b["description"])
    assert a.decoded("dtstamp") == NOW
