"""Timing phrases → date windows.

The table (``Y`` is a year; a phrase without a year takes the next year written
in the same sentence, else the release's year — rolled to the next year when
that window would already be over on the release date)::

    Q1 Y, 1Q Y, 1Q'21, 1Q-2021, CY 1Q'21, Q2 CY2027,
    first quarter (of) Y, the end of the first quarter     → that quarter
    first half / 1H / H1 Y                                 → Jan 1 – Jun 30
    second half / 2H / H2 Y                                → Jul 1 – Dec 31
    early Y, beginning of Y, start of Y                    → Jan 1 – Apr 30
    mid-Y, mid Y, mid-year Y, middle of Y                  → Apr 1 – Sep 30
    late Y                                                 → Sep 1 – Dec 31
    year-end Y, end of Y                                   → Oct 1 – Dec 31
    year-end, the end of the year (no year written)        → the release year's Oct 1 – Dec 31
    in (early/mid/late) Month, no year written             → that month of the release year
    by / before / prior to / within a time                 → release date – that window's end
    this (the current) quarter                             → the release's quarter
    the current year                                       → release date – Dec 31
    within the next N months                               → release date – N months on
    early/mid/late Month Y, Month Y                        → that month
    (on) Month D, Y                                        → that day
    in/during/by Y (a bare year)                           → Jan 1 – Dec 31
    this year / next year                                  → the release year / the next
    later this year                                        → release date – Dec 31
    today, now, has dosed (trial status)                   → release date – release date

The last row is applied by the trial extractor (it depends on the verb, not on
a phrase).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ir_feed import patterns
from ir_feed.extract.dates import MONTH_NAME, month_number
from ir_feed.extract.sentences import holds_any

_YEAR = r"(?:(?:calendar|fiscal)\s+(?:year\s+)?|CY\s*|FY\s*)?(['’]?(?:19|20)?\d{2}\b|this\s+year|next\s+year)"
_ORD = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
_ORD_N = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quarter", patterns.compile(
        r"\b(?:the\s+)?" + _ORD + r"[\s-]+(?:calendar\s+)?quarter(?:\s+of)?(?:\s+" + _YEAR + r")?",
        re.IGNORECASE)),
    ("quarter_code", patterns.compile(
        # ("Q3 2026", "Q3'26", "Q3:21", "3Q26": a two-digit year may be glued on)
        r"(?<![A-Za-z0-9-])(?:CY\s*)?(?:Q([1-4])|([1-4])Q)(?:(?=\d{2}\b)|(?![A-Za-z0-9]))(?:[\s,'’:-]*" + _YEAR + r")?",
        re.IGNORECASE)),
    ("half", patterns.compile(
        r"\b(?:the\s+)?(first|second|1st|2nd)[\s-]+half(?:\s+of)?(?:\s+" + _YEAR + r")?",
        re.IGNORECASE)),
    ("half_code", patterns.compile(
        r"(?<![A-Za-z0-9-])(?:H([12])|([12])H)(?:(?=\d{2}\b)|(?![A-Za-z0-9]))(?:[\s,'’:-]*" + _YEAR + r")?",
        re.IGNORECASE)),
    ("day", patterns.compile(
        r"\b(?:on\s+)?(" + MONTH_NAME + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b",
        re.IGNORECASE)),
    ("month", patterns.compile(
        r"\b(?:(early|mid|late)[\s-]+)?(" + MONTH_NAME + r")\.?,?(?:\s+of)?\s+"
        r"((?:19|20)\d{2}\b|this\s+year|next\s+year)",
        re.IGNORECASE)),
    ("part", patterns.compile(
        r"\b(early|beginning\s+of|start\s+of|mid|middle\s+of|late|later|year[\s-]end|"
        r"(?:the\s+)?end\s+of)[\s-]+(?:(?:the\s+)?year[\s-]+)?" + _YEAR,
        re.IGNORECASE)),
    ("year", patterns.compile(
        r"\b(?:in|during|by|within|for)\s+(?:(?:calendar|fiscal)\s+(?:year\s+)?)?"
        r"((?:19|20)\d{2}\b|this\s+year|next\s+year)", re.IGNORECASE)),
    # "… to start a Phase 1 trial next year" ("earlier this year" is the past)
    ("year", patterns.compile(r"(?<![\w-])(?<!earlier )(this\s+year|next\s+year)\b", re.IGNORECASE)),
    # the quarter or year the release is in: "during the current quarter", "within the current year"
    ("this_quarter", patterns.compile(r"\b(?:this|the\s+current|current)\s+(?:calendar\s+)?quarter\b", re.IGNORECASE)),
    ("this_year", patterns.compile(r"\b(?:the\s+)?current\s+(?:calendar\s+)?year\b", re.IGNORECASE)),
    # the end of the release's year, no year written: "by year-end", "before the end of the year"
    ("year_end", patterns.compile(
        r"\b(?:year[\s-]end|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year)\b(?!\s+(?:19|20)\d\d)",
                            re.IGNORECASE)),
    # a month, no year written: "in June", "in early January" (written capitalised: "may" is a verb)
    ("bare_month", patterns.compile(
        r"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]his|[Nn]ext)\s+(?:(early|mid|late)[\s-]+)?(" + MONTH_NAME + r")\b"
        r"(?!\.?\s*(?:\d|of\s+(?:19|20)\d\d|this\s+year|next\s+year))")),
    # "within the next 12 months", "in the next six months"
    ("months", patterns.compile(
        r"\b(?:within|in|over)\s+the\s+(?:next|coming)\s+(\d{1,2}|three|six|nine|twelve|eighteen)\s+months\b",
        re.IGNORECASE)),
)  # fmt: skip
_MONTHS_N = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18}
# "by", "before", "prior to", "within" a time: from the release date to that window's end
_BY = patterns.compile(
    r"\b(?:by|before|prior\s+to|until|no\s+later\s+than|within)\s+(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?$",
                 re.IGNORECASE)
_BY_INSIDE = patterns.compile(r"(?:by|within|before)\b", re.IGNORECASE)


# literal hints (lower case): a pattern runs only when one occurs in the sentence
_HINTS: dict[str, tuple[str, ...]] = {
    "quarter": ("quarter",),
    "quarter_code": ("q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"),
    "half": ("half",),
    "half_code": ("h1", "h2", "1h", "2h"),
    "day": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "part": ("early", "beginning", "start", "mid", "late", "end"),
    "year": ("19", "20", "this year", "next year"),
    "this_quarter": ("quarter",),
    "this_year": ("current",),
    "months": ("months",),
    "year_end": ("year end", "year-end", "end of"),
    "bare_month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
}


# Where a pattern of the costly kinds can match: literal-led patterns run on the sentence in
# lower case (without IGNORECASE and without a leading "\b", the engine skips ahead to
# their first letters instead of trying the pattern at every position).  Every match of
# the kind's pattern starts where its locator matches; the pattern is tried only there
# (:func:`_located`).  One per pattern of the kind, in order.
_MONTH3 = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_LOCATORS: dict[str, tuple[re.Pattern[str], ...]] = {
    "day": (patterns.compile(r"(?:on\s+)?" + _MONTH3 + r"[a-z]*\.?\s+\d"),),
    "month": (patterns.compile(
        r"(?:(?:early|mid|late)[\s-]+)?" + _MONTH3 + r"[a-z]*\.?,?(?:\s+of)?\s+(?:19|20|this|next)"),),
    "part": (patterns.compile(r"early[\s-]|beginning\s|start\s|mid|late|year[\s-]end|the\s+end\s|end\s"),),
    "year": (patterns.compile(r"(?:in|during|by|within|for)\s"), patterns.compile(r"(?:this|next)\s")),
    "bare_month": (patterns.compile(r"(?:in|during|by|until|this|next)\s+(?:(?:early|mid|late)[\s-]+)?" + _MONTH3),),
}
# each kind's pattern with the index of its hint list among the distinct ones, and its locator
_HINT_LISTS = tuple(dict.fromkeys(_HINTS.values()))
_CHECKS = tuple(
    (
        kind,
        pattern,
        _HINT_LISTS.index(_HINTS[kind]),
        _LOCATORS[kind][[k for k, _ in _PATTERNS[:i]].count(kind)] if kind in _LOCATORS else None,
    )
    for i, (kind, pattern) in enumerate(_PATTERNS)
)
# the characters IGNORECASE matches to ASCII letters they are not, or whose lower case is longer
_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _located(pattern: re.Pattern[str], locator: re.Pattern[str], sentence: str, low: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, the pattern tried only where ``locator`` matches in
    ``low`` (the sentence in lower case, offset for offset, holding none of
    :data:`_LOOKALIKES`: the lower-case literals then match where IGNORECASE ones do).
    (No pattern here matches an empty string.)"""
    pos = 0
    search, match = locator.search, pattern.match
    while (at := search(low, pos)) is not None:
        m = match(sentence, at.start())
        if m is None:
            pos = at.start() + 1
            continue
        yield m
        pos = m.end()


@dataclass(frozen=True, slots=True)
class Timing:
    """A timing phrase found in a sentence and the window it denotes."""

    text: str
    start: int  # offset in the sentence
    window_start: date | None
    window_end: date | None


def _quarter(year: int, q: int) -> tuple[date, date]:
    first_month = 3 * (q - 1) + 1
    last = first_month + 2
    return date(year, first_month, 1), date(year, last, calendar.monthrange(year, last)[1])


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _part(year: int, word: str) -> tuple[date, date] | None:
    w = " ".join(word.lower().split())
    if w in ("early", "beginning of", "start of"):
        return date(year, 1, 1), date(year, 4, 30)
    if w in ("mid", "middle of"):
        return date(year, 4, 1), date(year, 9, 30)
    if w == "late":
        return date(year, 9, 1), date(year, 12, 31)
    if w == "later":
        return None  # relative to the release date, handled by the caller
    return date(year, 10, 1), date(year, 12, 31)  # year-end, end of


def _year_value(token: str | None, release: date | None) -> int | None:
    if token is None:
        return None
    t = token.lower().strip("'’ ")
    if t.startswith("this"):
        return release.year if release else None
    if t.startswith("next"):
        return release.year + 1 if release else None
    if len(t) == 2:
        return 2000 + int(t)
    value = int(t)
    return value if 1990 <= value <= 2100 else None


def _window(kind: str, m: re.Match[str], year: int, release: date | None) -> tuple[date, date] | None:
    g = m.groups()
    if kind == "quarter":
        return _quarter(year, _ORD_N[g[0].lower()])
    if kind == "quarter_code":
        return _quarter(year, int(g[0] or g[1]))
    if kind == "half":
        h = _ORD_N[g[0].lower()]
        return (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
    if kind == "half_code":
        h = int(g[0] or g[1])
        return (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
    if kind in ("month", "bare_month"):
        return _month(year, month_number(g[1]))
    if kind == "year_end":
        return date(year, 10, 1), date(year, 12, 31)
    if kind == "day":
        day = date(year, month_number(g[0]), 1) + timedelta(days=int(g[1]) - 1)
        return (day, day) if day.month == month_number(g[0]) else None
    if kind == "part":
        span = _part(year, g[0])
        if span is None and release is not None and release.year == year:
            return release, date(year, 12, 31)
        return span
    return date(year, 1, 1), date(year, 12, 31)


def _year_token(kind: str, m: re.Match[str]) -> str | None:
    if kind in ("year_end", "bare_month"):
        return None  # (no year written: the release's)
    token: str | None = m.groups()[-1]
    return token


def find_timings(sentence: str, release: date | None) -> list[Timing]:
    """Every timing phrase in ``sentence``, in order, with its window when known."""
    taken: list[tuple[int, int]] = []
    raw: list[tuple[str, re.Match[str]]] = []
    low = sentence.lower()
    located = sentence.isascii() or not holds_any(sentence, _LOOKALIKES)
    held: list[bool | None] = [None] * len(_HINT_LISTS)  # (a hint list several kinds share is looked for once)
    for kind, pattern, hints, locator in _CHECKS:
        found = held[hints]
        if found is None:
            found = held[hints] = holds_any(low, _HINT_LISTS[hints])
        if not found:
            continue
        matches = _located(pattern, locator, sentence, low) if located and locator else pattern.finditer(sentence)
        for m in matches:
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind in ("quarter_code", "half_code") and m.group(0).strip().isdigit():
                continue
            if kind == "bare_month" and _TOLD_BEFORE.search(sentence, max(0, m.start() - 24), m.start()):
                continue  # a month the past is dated by: "as announced in June", "since March"
            taken.append((m.start(), m.end()))
            raw.append((kind, m))
    raw.sort(key=lambda km: km[1].start())
    years = [(None if k in _RELATIVE else _year_value(_year_token(k, m), release), m.start()) for k, m in raw]
    out: list[Timing] = []
    for i, (kind, m) in enumerate(raw):
        if kind in _RELATIVE:
            span = _relative(kind, m, release)
            out.append(Timing(m.group(0).strip(), m.start(), *(span or (None, None))))
            continue
        year = years[i][0]
        if kind == "year" and year is None:
            continue
        if year is None:  # borrow the next explicit year in the sentence
            year = next((y for y, _ in years[i + 1 :] if y is not None), None)
        rolled = False
        if year is None and release is not None:
            year, rolled = release.year, True
        window = _window(kind, m, year, release) if year is not None else None
        if window and rolled and release is not None and window[1] < release:
            window = _window(kind, m, year + 1, release) if year is not None else None
        text = m.group(0).strip()
        start, end = window if window else (None, None)
        by = _BY.search(sentence, max(0, m.start() - 24), m.start()) or _BY_INSIDE.match(text)
        if by and release is not None and start is not None and end is not None and release <= end:
            start = release  # "by the end of 2024", "before the end of this year": from today
        out.append(Timing(text, m.start(), start, end))
    return out


_RELATIVE = frozenset({"this_quarter", "this_year", "months"})
_TOLD_BEFORE = patterns.compile(
    r"\b(?:announced|reported|disclosed|stated|communicated|completed|began|started|initiated|was|were|had)\s+$",
    re.IGNORECASE,
)


def _relative(kind: str, m: re.Match[str], release: date | None) -> tuple[date, date] | None:
    """A window told relative to the release date (none without one)."""
    if release is None:
        return None
    if kind == "this_quarter":
        return _quarter(release.year, (release.month - 1) // 3 + 1)
    if kind == "this_year":
        return release, date(release.year, 12, 31)
    token = m.group(1).lower()
    n = int(token) if token.isdigit() else _MONTHS_N[token]
    month = release.month - 1 + n
    year, month = release.year + month // 12, month % 12 + 1
    return release, date(year, month, min(release.day, calendar.monthrange(year, month)[1]))


def release_day(release: date | None) -> tuple[date | None, date | None]:
    """The window of something that happened on the release date."""
    return release, release


def days(n: int) -> timedelta:
    return timedelta(days=n)
