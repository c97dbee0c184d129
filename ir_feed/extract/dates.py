"""The release date, from the dateline.

Datelines seen on the wires::

    SOUTH SAN FRANCISCO, Calif., April 07, 2025 (GLOBE NEWSWIRE) --
    SAN DIEGO--(BUSINESS WIRE)—Oct 21, 2025--
    Vancouver, British Columbia--(Newsfile Corp. - October 23, 2023) -
    HOUSTON, April 18, 2019 /PRNewswire/ --

The date nearest a wire marker wins; else a "Month DD, YYYY" followed by a dash
or a wire marker near the top; else the caller's ``published`` date; else an ISO
date in the first lines (page metadata such as ``date 2024-02-21``).
"""

from __future__ import annotations

import re
from datetime import date

from ir_feed.extract.sentences import WIRE

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_DATE = re.compile(
    r"\b(" + MONTH_NAME + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_DATELINE_TAIL = re.compile(r"^\s*(?:[-–—/(]|\(?\s*GLOBE)", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> date | None:
    return _make(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))


def release_date(text: str, published: date | None = None) -> date | None:
    """The release's own date (see the module docstring for the order tried)."""
    head = text[:20_000]
    for wire in WIRE.finditer(head):
        window_start = max(0, wire.start() - 80)
        window = head[window_start : wire.end() + 80]
        best: tuple[int, date] | None = None
        for m in _MONTH_DATE.finditer(window):
            d = _from_match(m)
            if d is None:
                continue
            distance = min(abs(window_start + m.start() - wire.end()), abs(window_start + m.end() - wire.start()))
            if best is None or distance < best[0]:
                best = (distance, d)
        if best is not None:
            return best[1]
    for m in _MONTH_DATE.finditer(head[:5_000]):
        if _DATELINE_TAIL.match(head[m.end() : m.end() + 12]):
            d = _from_match(m)
            if d is not None:
                return d
    if published is not None:
        return published
    for m in _ISO.finditer(head[:400]):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            return d
    return None
