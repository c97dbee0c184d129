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
from collections.abc import Iterator
from datetime import date

from ir_feed.extract.sentences import ASCII_LOOKALIKES, WIRE

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
# the same, for ASCII text in lower case: literal-led (no leading \\b, no IGNORECASE) so
# that the engine skips to the candidate letters; the word start is checked by
# :func:`_month_dates`
_MONTH_DATE_LOW = re.compile(r"(" + MONTH_NAME.lower() + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
_DATELINE_TAIL = re.compile(r"^\s*(?:[-–—/(]|\(?\s*GLOBE)", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


# Characters that re.IGNORECASE lets stand for ASCII letters: fold them before
# the look-up, or "ſept." (long s) would match the pattern and then miss the table.
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k"})


def month_number(name: str) -> int:
    return MONTHS[name.translate(_FOLD)[:3].lower()]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> date | None:
    return _make(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))


def _month_dates(text: str) -> Iterator[re.Match[str]]:
    """``_MONTH_DATE.finditer(text)``, faster: ``_MONTH_DATE_LOW`` on the text in lower
    case, keeping matches that start a word (no match can start a word inside another:
    months start with a letter, and inside a match only digits do).  Lower-casing is
    offset for offset, and the same as IGNORECASE, unless the text holds one of
    :data:`ASCII_LOOKALIKES`; then the IGNORECASE pattern runs."""
    if not text.isascii() and any(c in text for c in ASCII_LOOKALIKES):
        yield from _MONTH_DATE.finditer(text)
        return
    low = text.lower()
    for m in _MONTH_DATE_LOW.finditer(low):
        i = m.start()
        if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
            yield m


def release_date(text: str, published: date | None = None) -> date | None:
    """The release's own date (see the module docstring for the order tried)."""
    head = text[:20_000]
    for wire in WIRE.finditer(head):
        window_start = max(0, wire.start() - 80)
        window = head[window_start : wire.end() + 80]
        best: tuple[int, date] | None = None
        for m in _month_dates(window):
            d = _from_match(m)
            if d is None:
                continue
            distance = min(abs(window_start + m.start() - wire.end()), abs(window_start + m.end() - wire.start()))
            if best is None or distance < best[0]:
                best = (distance, d)
        if best is not None:
            return best[1]
    for m in _month_dates(head[:5_000]):
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
