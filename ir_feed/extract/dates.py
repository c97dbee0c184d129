"""The release date, from the dateline.

Datelines seen on the wires::

    SOUTH SAN FRANCISCO, Calif., April 07, 2025 (GLOBE NEWSWIRE) --
    SAN DIEGO--(BUSINESS WIRE)—Oct 21, 2025--
    Vancouver, British Columbia--(Newsfile Corp. - October 23, 2023) -
    HOUSTON, April 18, 2019 /PRNewswire/ --

    London, UK – 13 December 2021 – …
    Milano, 3 luglio 2014 – …        Nantes, France, le 2 avril 2024, 7 heures 30 – …
    [Emeryville, Jan 24th, 2024] — …
    September 10, 2019               (a date alone on its line)

The date nearest a wire marker wins; else a date near the top, written month first
("Month DD, YYYY") or day first ("DD Month YYYY", "7. November 2023"; English, French,
German, Italian, Spanish, Dutch and Scandinavian month names), that ends its line or
is followed by a dash, a bracket, a bar or a wire marker; else the caller's
``published`` date; else a date in digits closing a line of the first few ("14.8.2019",
day first; "6/1/2004", month first); else an ISO date in the first lines (page
metadata such as ``date 2024-02-21``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

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
    r"\b(" + MONTH_NAME + r")\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# the same, for ASCII text in lower case: literal-led (no leading \\b, no IGNORECASE) so
# that the engine skips to the candidate letters; the word start is checked by
# :func:`_month_dates`
_MONTH_DATE_LOW = re.compile(r"(" + MONTH_NAME.lower() + r")\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)")
# (a dash opening a range of dates is no dateline's: "September 1, 2021 – November 30, 2021";
# nor is a bullet's on a line below)
_DATELINE_TAIL = re.compile(
    r"^[ \t]*(?:[-–—](?!\s*(?:\d{1,2}\.?\s+)?" + MONTH_NAME + r"\b)|[/(]|\)\s*[-–—]|\(?\s*GLOBE)", re.IGNORECASE
)
# what may follow a dateline's date besides a dash: "]" or "|" of page chrome (or an "I"
# standing for a lost bar), a colon, the end of its line, a time before the dash ("…, 7
# heures 30 –", "…, 8:00 a.m. ET –"), or the next word glued on by a lost line break
_DATELINE_AFTER = re.compile(
    # (a date that opens the dateline, its place after it: "August 17, 2023, Fort Lee, NJ - Acme")
    r"^(?:[A-Z][A-Za-z(]|[ \t]*(?:[\]|·•]|\.?\)|I[ \t]|:[ \t]|\.?[ \t]*(?:\n|$)|"
    r"[,.]?[ \t]*[^\n–—]{0,25}?(?:[–—]|[ \t]-[ \t])|"
    # a release page's header: "March 03, 2026 08:00 ET | Source: Acme", "Mar 3, 2026 8:00 AM ET"
    r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?[ \t]*(?:\||\n|$)|"
    # a copy that lost the dateline's dash: "DANBURY, Conn., May 10, 2012 Acme Inc. (Nasdaq:
    # ACME) today reported …"
    r"[ \t]+(?=[A-Z][^\n]{0,100}?\b(?:today|announced|announces|reported|reports)\b)))"
)
# a page's label for its own date: "Posted on March 3, 2026 by Acme", "Issued: 3 March 2026"
_DATE_LABEL = re.compile(
    r"(?:^|\n)[ \t]*(?:posted|published|released|release\s+date|issued|dated|date)(?:\s+on)?[ \t]*[:\-–—]?[ \t]*$",
    re.IGNORECASE,
)
# "Toronto, Ontario, Canada March 17, 2025. Acme …": a full stop ends a date that opens its line
_DATELINE_STOP = re.compile(r"^\.\s+[A-Z]")
_LEAD_TAIL = re.compile(r",|\s+[A-Z]")
_LEAD_WITHIN = 1_000  # a dated lead opens the release; further down "On <date>," recalls
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){1,3}|\b[A-Z][a-z]{1,5}\.|\b[A-Z]{2,3}\.(?=\s)")
# month names a day-first dateline uses (lower case → month)
_FOREIGN_MONTHS: dict[str, int] = {
    name: i + 1
    for names in (
        "january february march april may june july august september october november december",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "januari februari mars april maj juni juli augusti september oktober november december",
        "januar februar marts april maj juni juli august september oktober november december",
    )
    for i, name in enumerate(names.split())
} | {"jänner": 1, "fevrier": 2, "aout": 8, "decembre": 12, "maerz": 3, "setiembre": 9, "sept": 9}
# every month name of those languages (lower case), for a regex alternation
FOREIGN_MONTH_NAME = "(?:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + ")"
_DAY_FIRST = re.compile(
    r"(?<![\w.])(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+("
    + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r"|"
    + MONTH_NAME.lower()
    + r")\.?,?\s+((?:19|20)\d{2})\b"
)
_WEEKDAY_DATE = re.compile(
    r"(?m)^[ \t]*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+(" + MONTH_NAME + r")\.?[ \t]+(\d{1,2}),?[ \t]+"
    r"((?:19|20)\d{2})\b"
)
# a month-first date in another language, alone on its line ("januari 11, 2022")
_FOREIGN_MONTH_FIRST = re.compile(
    r"(?m)^[ \t]*(" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")[ \t]+(\d{1,2}),?[ \t]+"
    r"((?:19|20)\d{2})[ \t]*$"
)
# a page's timestamp in words: "29 Jul 2014 07:00 RNS Number", "Wed, 26 Jan, 2022, 08:15",
# "July 8, 2010 at 9:00 AM" — a date followed by a time of day
_TIME_OF_DAY = re.compile(r"(?<![\d.:])\d{1,2}[:.]\d{2}\b")
_DATE_BEFORE_TIME = re.compile(
    r"(?:(?<![\d/.])(\d{1,2})\.?\s+(" + MONTH_NAME + r")|\b(" + MONTH_NAME + r")\.?\s+(\d{1,2}))\.?,?\s+"
    r"((?:19|20)\d{2}),?\s+(?:at\s+|-\s+)?$"
)
# a date in digits opening the copy, as a page shows it: "7.26.2007 Acme Commences …"
_NUMERIC_OPENING = re.compile(r"\A\s*(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d./-])")
_ISO_STAMP = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})[ T]\d{2}:\d{2}(?::\d{2})?\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\b|(?=T\d))")


# Characters that re.IGNORECASE lets stand for ASCII letters: fold them before
# the look-up, or "ſept." (long s) would match the pattern and then miss the table.
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k"})


def month_number(name: str) -> int:
    """The month of an English name or abbreviation, or of a month name in another
    language the rules read ("januar", "août", "maggio")."""
    key = name.translate(_FOLD)[:3].lower()
    if key in MONTHS:
        return MONTHS[key]
    return _FOREIGN_MONTHS[name.lower()]


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


_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)")
_MONTH_DATE_ENDING = re.compile(_MONTH_DATE.pattern + r"\Z", re.IGNORECASE)
_DAY_FIRST_ENDING = re.compile(_DAY_FIRST.pattern + r"\Z")
_DATE_SPAN = 48  # a written date is shorter: "le 30 septembre 2020", "September 10th, 2019"


def _dates_by_year(top: str, low: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, month name, day, year) of each date written with its month's name
    in ``top`` (``low`` is it in lower case): month first or day first.  Every such date
    ends in a year, so the patterns run only on the few characters before each year —
    not at every position of the text."""
    for y in _YEAR.finditer(top):
        end = y.end()
        w0 = max(0, end - _DATE_SPAN)
        m = _MONTH_DATE_ENDING.search(top, w0, end)
        if m is not None:
            yield m.start(), end, m.group(1), m.group(2), m.group(3)
            continue
        m = _DAY_FIRST_ENDING.search(low, w0, end)
        if m is not None:
            yield m.start(), end, m.group(2), m.group(1), m.group(3)


def _opens_line(text: str, start: int, tail: str) -> bool:
    """A date ended by a full stop, within the first words of its line (a dateline)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _ABBREVIATION.sub("", text[line_start:start])  # "CHAPEL HILL, N.C. January 7, 2003."
    return (
        len(before) <= 80
        and ". " not in before
        and len(_PROSE_WORD.findall(before)) < 2
        and _DATELINE_STOP.match(tail) is not None
    )


_PROSE_WORD = re.compile(r"\b[a-z]{4,}\b")
_DATELINE_PREFIX = 60  # "SOUTH SAN FRANCISCO, Calif., " — a dateline's place is short
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")


def _in_a_dateline(text: str, start: int) -> bool:
    """A date closing its line, a bracket or a bar stands in a dateline, not at the end of
    a body sentence ("… a PDUFA target action date of March 27, 2013.")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _ABBREVIATION.sub("", text[line_start:start])
    # a place has no run of lower-case words: "Toronto, Ontario," not "… that the FDA assigned"
    return len(before) <= _DATELINE_PREFIX and ". " not in before and len(_PROSE_WORD.findall(before)) < 2


def _on_date(text: str, start: int, tail: str) -> bool:
    """"On July 21, 2021, Acme … announced": a lead that dates itself, opening its line."""
    line_start = text.rfind("\n", 0, start) + 1
    if start >= _LEAD_WITHIN or text[line_start:start].strip() != "On" or not _LEAD_TAIL.match(tail):
        return False
    # the first prose paragraph: no sentence of the body before it (a headline has no full stop)
    return not any(len(line.split()) >= 8 and line.rstrip().endswith(".") for line in text[:line_start].splitlines())


# an older wire dateline gives month and day only: "ROCKVILLE, Md., July 24 /PRNewswire-FirstCall/"
_YEARLESS = re.compile(r"\b(" + MONTH_NAME + r")\.?\s+(\d{1,2})\s*$")


def release_date(text: str, published: date | None = None) -> date | None:
    """The release's own date (see the module docstring for the order tried); a wire
    dateline without its year takes the year of the date the page gives."""
    found = _release_date(text, published)
    if found is None:
        return None
    for wire in WIRE.finditer(text, 0, 5_000):
        m = _YEARLESS.search(text, max(0, wire.start() - 40), wire.start())
        if m is not None:
            day = _make(found.year, month_number(m.group(1)), int(m.group(2)))
            # (the page's own date falls on or a few days after the wire's)
            return day if day is not None and timedelta(0) <= found - day <= timedelta(days=31) else found
        break
    return found


def _release_date(text: str, published: date | None) -> date | None:
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
    top = head[:5_000]
    low = top.lower()
    # (strength, position, date): a date followed by a dash or a wire marker first (the
    # classic dateline, 0), then a page's timestamp (1), then one ending its line, closed
    # by a bracket or a full stop (2)
    candidates: list[tuple[int, int, date]] = []
    for start, end, month_name, day, year in _dates_by_year(top, low):
        tail = top[end : end + 40]
        # "… April 07, 2025 (GLOBE NEWSWIRE) --" — but not "… ended March 31, 2022 (Press release, …"
        dashed = _DATELINE_TAIL.match(tail) is not None
        strength = 0 if dashed and (not tail.lstrip().startswith("(") or _in_a_dateline(top, start)) else 2
        if strength and not (
            (_DATELINE_AFTER.match(tail) and _in_a_dateline(top, start))
            or _opens_line(top, start, tail)
            or _on_date(top, start, tail)
            or _DATE_LABEL.search(top, max(0, start - 40), start)
        ):
            continue
        month = _FOREIGN_MONTHS.get(month_name.lower()) or month_number(month_name)
        d = _make(int(year), month, int(day))
        if d is not None:
            candidates.append((strength, start, d))
    if any(strength == 0 for strength, _, _ in candidates):
        return min(candidates)[2]  # a classic dateline: nothing below could win over it
    # a page's own date line: "Thursday, July 8, 2010 General News", "januari 11, 2022" alone
    for m in _WEEKDAY_DATE.finditer(top):
        d = _make(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))
        if d is not None:
            candidates.append((2, m.start(), d))
    for m in _FOREIGN_MONTH_FIRST.finditer(low[:_LEAD_WITHIN]):
        foreign = _FOREIGN_MONTHS.get(m.group(1))
        d = _make(int(m.group(3)), foreign, int(m.group(2))) if foreign else None
        if d is not None:
            candidates.append((2, m.start(), d))
    # (a page's timestamp — a date with its time of day — before any other date of the page)
    # (found from its time, then the date right before it: times are few, dates many)
    for t in _TIME_OF_DAY.finditer(top, 0, _LEAD_WITHIN):
        stamp = _DATE_BEFORE_TIME.search(top, max(0, t.start() - 32), t.start())
        if stamp is not None:
            day_first = stamp.group(1) is not None
            day_text, month_text = (stamp.group(1), stamp.group(2)) if day_first else (stamp.group(4), stamp.group(3))
            d = _make(int(stamp.group(5)), month_number(month_text), int(day_text))
            if d is not None:
                candidates.append((1, stamp.start(), d))
    # a page's timestamp: "时间:2020-06-29 07:49:39"
    for m in _ISO_STAMP.finditer(top[:_LEAD_WITHIN]):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            candidates.append((2, m.start(), d))
    # "2021年2月22日" (zh, ja), "2022년 8월 10일" (ko)
    for m in _CJK_DATE.finditer(top):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            candidates.append((2, m.start(), d))
    if candidates:
        return min(candidates)[2]
    if published is not None:
        return published
    opening = _NUMERIC_OPENING.match(head)
    if opening is not None:
        first, second, in_year = int(opening.group(1)), int(opening.group(3)), int(opening.group(4))
        day_first = first > 12 or (opening.group(2) == "." and second <= 12)
        opened = _make(in_year, second, first) if day_first else _make(in_year, first, second)
        if opened is not None:
            return opened
    numeric = _numeric_dateline(head[:_NUMERIC_WITHIN])
    if numeric is not None:
        return numeric
    for m in _ISO.finditer(head[:400]):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            return d
    return None


# a date in digits, in a release's first lines: "Puolivuosikatsaus 14.8.2019 klo 9:30",
# "… for Patients with Malignancy 6/1/2004" — day first with full stops (as Europe
# writes it), month first with slashes (as the US does) unless the first number
# cannot be a month; it must end its line or be followed by a time or a dash
_NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d./-])")
_NUMERIC_TAIL = re.compile(r"[ \t]*(?:\n|$|[-–—|]|(?:klo|kl\.|um|à|at|ore|a\s+las)?[ \t]*\d{1,2}[:.]\d{2}\b)")
_NUMERIC_WITHIN = 600


def _numeric_dateline(top: str) -> date | None:
    for m in _NUMERIC_DATE.finditer(top):
        if not _NUMERIC_TAIL.match(top, m.end()):
            continue
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        day_first = m.group(2) == "." or a > 12
        d = _make(year, b, a) if day_first else _make(year, a, b)
        if d is not None:
            return d
    return None
