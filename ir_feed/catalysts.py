"""The catalyst calendar: events with a date window (a trial planned for "the second half of
2026", started or dosed on a day), as calendar entries and as iCalendar (RFC 5545).

Pure: entries in, bytes out.  An entry is one all-day event over its window (iCalendar's
``DTEND`` of an all-day event is the day after its last); its ``UID`` is the event's key, so a
calendar that subscribed to the feed updates an entry in place when its window or status moves
and never shows one fact twice.  The kinds that have a window say so in their spec
(:attr:`ir_feed.kinds.KindSpec.spans_time`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import icalendar

from ir_feed.kinds import KINDS

__all__ = ["CALENDAR_KINDS", "DEFAULT_SPAN", "Entry", "to_ics"]

#: The kinds whose events have a date window (the calendar's kinds).
CALENDAR_KINDS: tuple[str, ...] = tuple(name for name, spec in KINDS.items() if spec.spans_time)
PRODUCT_ID = "-//ir_feed//catalyst calendar//EN"
#: The range shown when only its start is given (the API and the CLI alike).
DEFAULT_SPAN = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the calendar."""

    key: str
    kind: str
    status: str
    start: date
    end: date  # the last day (inclusive)
    title: str  # "ACME: Phase 2 trial of ACM-101: planned (second half of 2026)"
    evidence: str
    timing_text: str | None
    updated: datetime  # aware
    url: str | None = None  # the release that set its state


def to_ics(entries: Iterable[Entry], *, name: str, now: datetime) -> bytes:
    """An iCalendar document of ``entries`` named ``name``, stamped ``now`` (aware)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for e in entries:
        event = icalendar.Event()
        event.add("uid", f"{e.key}@ir-feed")
        event.add("dtstamp", now)
        event.add("last-modified", e.updated)
        event.add("dtstart", e.start)
        event.add("dtend", max(e.end, e.start) + timedelta(days=1))
        event.add("summary", e.title)
        lines = [f"Status: {e.status.replace('_', ' ')}"]
        if e.timing_text:
            lines.append(f"Timing as written: {e.timing_text}")
        lines.append(e.evidence)
        event.add("description", "\n".join(lines))
        event.add("categories", [e.kind, e.status])
        event.add("transp", "TRANSPARENT")  # a window, not a meeting: it never blocks time
        if e.url:
            event.add("url", e.url)
        cal.add_component(event)
    return bytes(cal.to_ical())
