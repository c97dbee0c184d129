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
    PARIS, 25 avr. 2023 (GLOBE NEWSWIRE) --      December 4th, 2007 (Oslo, Norway / Lyon, France) -
    加利福尼亚州某市,2023年9月14日--    倫敦2019年10月17日,星期四:    發言日期 108/04/09 (ROC year)

The date nearest a wire marker, in the dateline's own line, wins; else a date near the
top, written month first ("Month DD, YYYY") or day first ("DD Month YYYY", "7. November
2023"; English, French, German, Italian, Spanish, Dutch and Scandinavian month names and
the wires' abbreviations), that ends its line or is followed by a dash, a bracket, a bar
or a wire marker, or a CJK dateline or date field; else the caller's ``published`` date;
else a date in digits closing a line of the first few ("14.8.2019", day first;
"6/1/2004", month first); else an ISO date in the first lines (page metadata such as
``date 2024-02-21``).  A range's bound, a date after a page's live clock and an event's
schedule ("Date: …" over "Time: …") are never the release's date.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date, timedelta

from ir_feed import patterns
from ir_feed.extract.sentences import ASCII_LOOKALIKES, LOOKALIKE_LETTERS, WIRE, holds_any

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_DATE = patterns.compile(
    r"\b(" + MONTH_NAME + r")\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# the same, for ASCII text in lower case: literal-led (no leading \\b, no IGNORECASE) so
# that the engine skips to the candidate letters; the word start is checked by
# :func:`_month_dates`
_MONTH_DATE_LOW = patterns.compile(
    r"(" + MONTH_NAME.lower() + r")\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)")
# (a dash opening a range of dates is no dateline's: "September 1, 2021 – November 30, 2021";
# nor is a bullet's on a line below)
# (a bracket holds a wire's or a place's name — "(GLOBE NEWSWIRE)", "(Nasdaq: ACME)" — not
# prose: "… October 28, 2014 (references number …")
_DATELINE_TAIL = patterns.compile(
    r"^[ \t]*(?:[-–—](?!\s*(?:\d{1,2}\.?\s+)?" + MONTH_NAME + r"\b)|/|\((?![ \t]*(?-i:[a-z]))|\)\s*[-–—]|"
    r"\(?\s*GLOBE)",
    re.IGNORECASE,
)
# the dateline's places in brackets after its date, then the dash: "December 4th, 2007
# (Lyon, France / Basel, Switzerland / Austin, TX, USA) - Acme …"
_PLACES_DASH = patterns.compile(
    r"[ \t]*\((?:[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*[ \t]*[,/&][ \t]*)+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*[ \t]*\)"
    r"[ \t]*[-–—:]"
)
# the issuer and its listing right after a date closing the dateline's place: "DALLAS, TX,
# June 4, 2007, ACME PHARMACEUTICALS, INC. (OTC BB: ACME) announced …"
_LISTED_AFTER = patterns.compile(r",?[ \t]+[A-Z][^\n()]{1,80}\([A-Za-z][A-Za-z. ]{1,24}:[ \t]*[A-Z]")
# what may follow a dateline's date besides a dash: "]" or "|" of page chrome (or an "I"
# standing for a lost bar), a colon, the end of its line, a time before the dash ("…, 7
# heures 30 –", "…, 8:00 a.m. ET –"), or the next word glued on by a lost line break
_DATELINE_AFTER = patterns.compile(
    # (a date that opens the dateline, its place after it: "August 17, 2023, Fort Lee, NJ - Acme")
    r"^(?:[A-Z][A-Za-z(]|[ \t]*(?:[\]|·•]|\.?\)|I[ \t]|:[ \t]|\.?[ \t]*(?:\n|$)|"
    r"[,.]?[ \t]*[^\n–—]{0,25}?(?:[–—]|[ \t]-[ \t])|"
    # a release page's header: "March 03, 2026 08:00 ET | Source: Acme", "Mar 3, 2026 8:00 AM ET"
    r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?[ \t]*(?:\||\n|$)|"
    # the dateline's time closing its line: "Paris, 30 septembre 2019, 20h", "…, 8h30 CET"
    r"[,.][ \t]*\d{1,2}[ \t]*h(?:eures?)?(?:[ \t]*\d{2})?(?:[ \t]+[A-Z]{2,4})?[ \t]*(?:\n|$)|"
    # a copy that lost the dateline's dash: "DANBURY, Conn., May 10, 2012 Acme Inc. (Nasdaq:
    # ACME) today reported …"
    r"[ \t]+(?=[A-Z][^\n]{0,100}?\b(?:today|announced|announces|reported|reports)\b)))"
)
# a page's label for its own date: "Posted on March 3, 2026 by Acme", "Issued: 3 March 2026"
_DATE_LABEL = patterns.compile(
    r"(?:^|\n)[ \t]*(?:posted|published|released|release\s+date|issued|dated|date)(?:\s+on)?[ \t]*[:\-–—]?[ \t]*$",
    re.IGNORECASE,
)
# a page's byline: "Nov 21, 2024 by Newsdesk", "March 3, 2026 by Jane Doe" (the date opens
# its line or an element of the page's markup)
# (a blog's "May 15, 2019 Off By BusinessWire": its comments off, then the author)
_BYLINE = patterns.compile(r"[ \t]+(?:by|Off[ \t]+By)[ \t]+[A-Z]")
# a release's own label right before its date: "ASX ANNOUNCEMENT 30 June 2016", "Press Release 3 March 2026"
_RELEASE_LABEL = patterns.compile(
    r"\b(?:ASX|NZX|TSX|LSE|AIM|market|stock\s+exchange|media|press|news)\s+(?:announcement|release)"
    r"[ \t]*[:\-–—]?[ \t]*$",
    re.IGNORECASE,
)
# a dateline's place right before its date, in a copy that ran the dateline into the text
# around it: "… Stockholm Solna, 27. november 2008 Acme Pharma AB …"
_PLACE_BEFORE = patterns.compile(r"(?:^|(?<=[\s(]))[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,3},[ \t]*$")
_CAPITAL_AFTER = patterns.compile(r"[ \t]+[A-Z]")
# a page's publication stamp in digits: "Actualité publiée le 04/06/19 17:55" (day first
# where the label is European; month first in English: "Posted 06/04/2019")
_PUBLISHED_DIGITS = patterns.compile(
    r"\b(?:(publi[ée]e?s?[ \t]+le|ver[öo]ffentlicht[ \t]+am|ver[öo]ffentlichungsdatum|pubblicato[ \t]+il|"
    r"publicado[ \t]+el|gepubliceerd[ \t]+op|publicerad|julkaistu)|(?:published|posted)(?:[ \t]+on)?|"
    # (a page's "Release Date: 23/02/2017": the order of day and month as the numbers tell, else none)
    r"release[ \t]+date)[ \t]*:?[ \t]*"
    r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d./])",
    re.IGNORECASE,
)
# every match holds one in some case: the text lower-cased holds it, unless the text writes
# a letter that IGNORECASE reads as "i" or "s" and lower-casing does not turn into one
_PUBLISHED_HINTS = ("publi", "pubbl", "veröffentlich", "veroffentlich", "julkaistu", "posted", "release")
# a page's item date, year first, opening its line: "2022.05.06 米国FDAから…", "2015/07/28"
_YEAR_FIRST_LINE = patterns.compile(r"(?m)^[ \t]*((?:19|20)\d{2})([./])(\d{1,2})\2(\d{1,2})(?![\d./])")
# "Toronto, Ontario, Canada March 17, 2025. Acme …": a full stop ends a date that opens its line
_DATELINE_STOP = patterns.compile(r"^\.\s+[A-Z]")
_LEAD_TAIL = patterns.compile(r",|\s+[A-Z]")
_LEAD_WITHIN = 1_000  # a dated lead opens the release; further down "On <date>," recalls
_ABBREVIATION = patterns.compile(r"\b(?:[A-Z]\.){1,3}|\b[A-Z][a-z]{1,5}\.|\b[A-Z]{2,3}\.(?=\s)")
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
# the abbreviations the wires' day-first datelines use ("25 avr. 2023", "3 okt. 2022",
# "12 dic. 2024"), with their full stop: without it, several are words ("ago", "set")
_ABBREVIATED_MONTHS: dict[str, int] = {
    "janv.": 1, "févr.": 2, "fevr.": 2, "avr.": 4, "juil.": 7, "déc.": 12,
    "mär.": 3, "mrz.": 3, "okt.": 10, "dez.": 12, "mrt.": 3,
    "gen.": 1, "mag.": 5, "giu.": 6, "lug.": 7, "ago.": 8, "set.": 9, "ott.": 10, "dic.": 12,
    "ene.": 1, "abr.": 4,
}  # fmt: skip
# (the character before the day is checked behind its first digit: the engine then skips
# ahead to digits instead of trying the pattern at every position)
_DAY_FIRST = patterns.compile(
    r"(\d(?<![\w.]\d)\d?)(?:\.|er|st|nd|rd|th)?\s+("
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATED_MONTHS, key=len, reverse=True))
    + r"|"
    + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r"|"
    + MONTH_NAME.lower()
    + r")\.?,?\s+((?:19|20)\d{2})\b"
)
_WEEKDAY_DATE = patterns.compile(
    r"(?m)^[ \t]*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+(" + MONTH_NAME + r")\.?[ \t]+(\d{1,2}),?[ \t]+"
    r"((?:19|20)\d{2})\b"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # (one is in every match)
# a month-first date in another language, alone on its line ("januari 11, 2022")
_FOREIGN_MONTH_FIRST = patterns.compile(
    r"(?m)^[ \t]*(" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")[ \t]+(\d{1,2}),?[ \t]+"
    r"((?:19|20)\d{2})[ \t]*$"
)
# a page's timestamp in words: "29 Jul 2014 07:00 RNS Number", "Wed, 26 Jan, 2022, 08:15",
# "July 8, 2010 at 9:00 AM" — a date followed by a time of day
# (the character before the first digit is checked behind it: the engine then skips ahead to digits)
_TIME_OF_DAY = patterns.compile(r"\d(?<![\d.:]\d)\d?[:.]\d{2}\b")
_DATE_BEFORE_TIME = patterns.compile(
    r"(?:(?<![\d/.])(\d{1,2})\.?\s+(" + MONTH_NAME + r")|\b(" + MONTH_NAME + r")\.?\s+(\d{1,2}))\.?,?\s+"
    r"((?:19|20)\d{2}),?\s+(?:at\s+|-\s+)?$",
    re.IGNORECASE,  # (a shouted dateline: "4 SEPTEMBER 2023 at 9.30 EEST")
)
# a date in digits opening the copy, as a page shows it: "7.26.2007 Acme Commences …"
_NUMERIC_OPENING = patterns.compile(r"\A\s*(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d./-])")
_ISO_STAMP = patterns.compile(
    r"((?:19|20)(?<!\w\d\d)\d{2})-(\d{2})-(\d{2})[ T]\d{2}:\d{2}(?::\d{2})?\b")  # (\b, as above)
_ISO = patterns.compile(r"((?:19|20)(?<!\w\d\d)\d{2})-(\d{2})-(\d{2})(?:\b|(?=T\d))")  # (\b, as above)


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


_YEAR = patterns.compile(r"(?:19|20)\d{2}(?!\d)")
_MONTH_DATE_ENDING = patterns.compile(_MONTH_DATE.pattern + r"\Z", re.IGNORECASE)
_DAY_FIRST_ENDING = patterns.compile(_DAY_FIRST.pattern + r"\Z")
# where a month's name can start (every name of MONTH_NAME starts with one of these)
_MONTH_START = patterns.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_ASCII_LOOKALIKES = tuple(ASCII_LOOKALIKES)


def _month_date_ending(top: str, low: str, start: int, end: int) -> re.Match[str] | None:
    """``_MONTH_DATE_ENDING.search(top, start, end)``, tried only where a month's name
    starts in ``low`` (``top`` in lower case, holding none of :data:`ASCII_LOOKALIKES`)."""
    at = _MONTH_START.search(low, start, end)
    while at is not None:
        m = _MONTH_DATE_ENDING.match(top, at.start(), end)
        if m is not None:
            return m
        at = _MONTH_START.search(low, at.start() + 1, end)
    return None


def _line_matches(pattern: re.Pattern[str], text: str, endpos: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, 0, endpos)`` for a pattern led by ``(?m)^`` none of whose
    matches holds a line break: tried at each line's start only (the engine would try
    it at every position)."""
    start = 0
    while start < endpos:
        m = pattern.match(text, start, endpos)
        if m is not None:
            yield m
        start = text.find("\n", start, endpos) + 1
        if not start:
            return


_DATE_SPAN = 48  # a written date is shorter: "le 30 septembre 2020", "September 10th, 2019"


def _dates_by_year(top: str, low: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, month name, day, year) of each date written with its month's name
    in ``top`` (``low`` is it in lower case): month first or day first.  Every such date
    ends in a year, so the patterns run only on the few characters before each year —
    not at every position of the text."""
    # (a month-first date is tried only where a month's name starts in ``low``: lower-casing is
    # offset for offset, and the same as IGNORECASE, unless the text holds one of
    # :data:`ASCII_LOOKALIKES`; then the pattern is searched for)
    located = top.isascii() or not holds_any(top, _ASCII_LOOKALIKES)
    for y in _YEAR.finditer(top):
        end = y.end()
        w0 = max(0, end - _DATE_SPAN)
        m = _month_date_ending(top, low, w0, end) if located else _MONTH_DATE_ENDING.search(top, w0, end)
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


_PROSE_WORD = patterns.compile(r"\b[a-z]{4,}\b")
_DATELINE_PREFIX = 60  # "SOUTH SAN FRANCISCO, Calif., " — a dateline's place is short
_CJK_DATE = patterns.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# a Japanese era's year: "平成26年11月25日" (Heisei 26 = 2014), "令和元年5月7日" (元 = year 1)
_ERA_DATE = patterns.compile(r"(平成|令和|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ERA_BASE = {"平成": 1988, "令和": 2018, "昭和": 1925}
# a date field of a filing's header: "日期:2022-05-18", "公告日期:2022-05-18", "日 期:2022年08月10日",
# Taiwan's "發言日期 108/04/09" (a year of the Republic of China: 108 = 2019)
_CJK_LABELLED = patterns.compile(
    r"(?m)(?:^|(?<=[\s|]))(?:發言|发言|公告|發布|发布|發佈|发佈|公布)?日[ \t]*期[ \t|]*[:：]?[ \t|]*"
    r"(?:((?:19|20)\d{2})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})|(1\d{2}|[89]\d)/(\d{1,2})/(\d{1,2}))"
)
_ROC_YEAR = 1911
# what follows the date of a CJK dateline: a dash, the wire's slash, 电/讯 ("… 2021年2月22日电"),
# a colon, or the weekday and then one of those ("倫敦2019年10月17日,星期四:…")
_CJK_DATELINE_TAIL = patterns.compile(
    r"[ \t]*(?:[-–—/:：]|[电電讯訊]|[,，]?[ \t]*[(（]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][)）]?[ \t]*[-–—:：])"
)
_CJK_PLACE = 24  # "加利福尼亚州圣卡洛斯," — a dateline's place before its date


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
    # the first prose paragraph: no sentence of the body before it (a headline has no full
    # stop), or only a summary line under the headline when the lead announces
    sentences = sum(len(line.split()) >= 8 and line.rstrip().endswith(".") for line in text[:line_start].splitlines())
    return sentences == 0 or (sentences == 1 and _LEAD_ANNOUNCES.match(text, start) is not None)


# a lead whose subject is a name and its verb an announcement: "[On January 9, 2017], Acme
# Bio, LLC announced" (not a recap: "On 31 May 2023, we announced …")
_LEAD_ANNOUNCES = patterns.compile(
    r"[^\n]{0,30}?(?:19|20)\d{2},?[ \t]+(?:[A-Z][\w.&'-]*,?[ \t]+){1,6}?(?:today[ \t]+)?"
    r"(?:announced|announces|reported|reports)\b"
)


# an older wire dateline gives month and day only: "ROCKVILLE, Md., July 24 /PRNewswire-FirstCall/"
_YEARLESS = patterns.compile(r"\b(" + MONTH_NAME + r")\.?\s+(\d{1,2})\s*$")


def release_date(text: str, published: date | None = None) -> date | None:
    """The release's own date (see the module docstring for the order tried); a wire
    dateline without its year takes the year of the date the page gives."""
    head = text[:20_000]
    first_wire = WIRE.search(head)
    found = _release_date(text, published, first_wire)
    if found is None:
        return None
    # (the first wire marker in the first 5,000 characters: the one found, in a text no longer)
    wire = first_wire if len(text) <= 5_000 else WIRE.search(text, 0, 5_000)
    if wire is not None:
        m = _YEARLESS.search(text, max(0, wire.start() - 40), wire.start())
        if m is not None:
            day = _make(found.year, month_number(m.group(1)), int(m.group(2)))
            # (the page's own date falls on or a few days after the wire's)
            return day if day is not None and timedelta(0) <= found - day <= timedelta(days=31) else found
    return found


def _month_of(name: str) -> int:
    """The month of a name a written date may hold (a day-first date's abbreviation too)."""
    low = name.lower()
    return _ABBREVIATED_MONTHS.get(low) or _FOREIGN_MONTHS.get(low) or month_number(name)


# what may stand between a wire marker and its dateline's date: the two are one line of
# the dateline, never across a paragraph or a sentence ("… ended June 30, 2022.\n\nDALLAS
# --(BUSINESS WIRE)--" is a body date before a dateline that has none)
_ACROSS_SENTENCES = patterns.compile(r"\n[ \t]*\n|[.!?][ \t\n]+[A-Z]")


def _wire_date(head: str, first: re.Match[str] | None) -> date | None:
    """The date nearest a wire marker, in its dateline (month first or day first); ``first``
    is the first marker in ``head``."""
    if first is None:
        return None
    for wire in itertools.chain((first,), WIRE.finditer(head, first.end())):
        window_start = max(0, wire.start() - 80)
        window = head[window_start : wire.end() + 80]
        best: tuple[int, date] | None = None
        dated = [(m.start(), m.end(), _from_match(m)) for m in _month_dates(window)]
        dated += [
            (m.start(), m.end(), _make(int(m.group(3)), _month_of(m.group(2)), int(m.group(1))))
            for m in _DAY_FIRST.finditer(window.lower())
        ]
        for start, end, d in dated:
            if d is None:
                continue
            start, end = window_start + start, window_start + end
            gap = head[end : wire.start()] if end <= wire.start() else head[wire.end() : start]
            if _ACROSS_SENTENCES.search(gap):
                continue
            distance = min(abs(start - wire.end()), abs(end - wire.start()))
            if best is None or distance < best[0]:
                best = (distance, d)
        if best is not None:
            return best[1]
    return None


# a date that opens or closes a range is a period's bound, not the release's date:
# "1 juli, 2022 – 30 september 2022", "(2012-10-01 – 2012-12-31)"
_RANGE_AFTER = patterns.compile(
    r"[ \t]*[-–—][ \t]*(?:(?:\d{1,2}\.?[ \t]+)?(?:" + MONTH_NAME + r"|" + FOREIGN_MONTH_NAME + r")\b|"
    r"(?:19|20)\d{2}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_RANGE_BEFORE = patterns.compile(r"(?:19|20)\d{2}[ \t]*[-–—][ \t]*$")
# a live clock of the page, read when it was copied: "14:57:06 EDT Wed 15 May 2024" (a
# time with seconds: a release never gives one before its date)
_CLOCK = patterns.compile(r"\d{1,2}:\d{2}:\d{2}")
# an event's schedule: a date whose next line gives the time ("Date: Thursday, July 7,
# 2022" / "Time: 1:00-2:00 p.m."; "日期: …" / "時間: …")
_SCHEDULE = patterns.compile(
    r"[^\n]*\n(?:[ \t]*\n)*[ \t]*(?:Times?|Heure|Horaire|Zeit|Uhrzeit|Ora|Orario|Hora|Tid|時間|时间)[ \t]*[:：]",
    re.IGNORECASE,
)


_NEAR = 120  # a clock before a date, or the next line's time after it, is this close


def _not_the_release(top: str, start: int, end: int) -> bool:
    """A date of a range, of the page's clock or of an event's schedule."""
    line_start = top.rfind("\n", 0, start) + 1
    return (
        _RANGE_AFTER.match(top, end) is not None
        or _RANGE_BEFORE.search(top, max(line_start, start - 16), start) is not None
        or _CLOCK.search(top, max(line_start, start - _NEAR), start) is not None
        or _SCHEDULE.match(top, end, end + _NEAR) is not None
    )


# a Nordic release's own disclosure stamp, where no dateline gives the date: the Swedish
# market-abuse footer "… lämnades för offentliggörande den 3 mars 2026, kl. 08.00 CET"
# (at the end), a Finnish header line "Yhtiötiedote 3.3.2026 kello 9:00"
_DISCLOSED = patterns.compile(
    r"f[öo]r\s+offentligg[öo]rande\s+den\s+(\d{1,2})\s+(\w+)\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_FI_RELEASE_LINE = patterns.compile(
    r"(?m)^[ \t]*(?:yhtiötiedote|pörssitiedote|lehdistötiedote|tiedote)[ \t]+(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


# … and its English form: "The information was submitted (by the contact person) for publication
# (at 07:00 CET) on 13th September 2018" / "on December 16, 2022"
# (the footer's own words: never a manuscript "submitted for publication to a journal on …")
_SUBMITTED_FOR_PUBLICATION = patterns.compile(
    r"\binformation\s+(?:was|is)\s+submitted\b(?:[^.]|\.\d){0,160}?\bfor\s+publication\b(?:[^.]|\.\d){0,100}?"
    r"\bon\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+("
    + MONTH_NAME
    + r")\.?,?|("
    + MONTH_NAME
    + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def _disclosure_stamp(text: str) -> date | None:
    if "publication" in text:
        for m in _SUBMITTED_FOR_PUBLICATION.finditer(text):
            day = m.group(1) or m.group(4)
            d = _make(int(m.group(5)), month_number(m.group(2) or m.group(3)), int(day))
            if d is not None:
                return d
    if "offentligg" in text:
        for m in _DISCLOSED.finditer(text):
            month = _FOREIGN_MONTHS.get(m.group(2).lower())
            d = _make(int(m.group(3)), month, int(m.group(1))) if month else None
            if d is not None:
                return d
    if "tiedote" in text or "TIEDOTE" in text:
        line = _FI_RELEASE_LINE.search(text, 0, 3_000)
        if line is not None:
            return _make(int(line.group(3)), int(line.group(2)), int(line.group(1)))
    return None


_EVENT_TIME = patterns.compile(
    r"\b(?:on|from|until|by)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$", re.IGNORECASE
)


def _release_date(text: str, published: date | None, first_wire: re.Match[str] | None) -> date | None:
    head = text[:20_000]
    wired = _wire_date(head, first_wire)
    if wired is not None:
        return wired
    top = head[:5_000]
    low = top.lower()
    # (strength, position, date): a date followed by a dash or a wire marker first (the
    # classic dateline, 0), then a page's timestamp (1), then one ending its line, closed
    # by a bracket or a full stop (2)
    candidates: list[tuple[int, int, date]] = []
    run_in: list[tuple[int, date]] = []
    for start, end, month_name, day, year in _dates_by_year(top, low):
        if _not_the_release(top, start, end):
            continue
        tail = top[end : end + 40]
        # "… April 07, 2025 (GLOBE NEWSWIRE) --" — but not "… ended March 31, 2022 (Press release, …"
        dashed = _DATELINE_TAIL.match(tail) is not None
        strength = 0 if dashed and (not tail.lstrip().startswith("(") or _in_a_dateline(top, start)) else 2
        if strength and _PLACES_DASH.match(top, end, end + 160):
            strength = 0  # "December 4th, 2007 (Lyon, France / Basel, Switzerland) - …"
        if strength and not (
            not top[:start].strip()  # the text opens with it: the page's date ("May 2, 2017 Acme Co., Ltd.")
            or (_DATELINE_AFTER.match(tail) and _in_a_dateline(top, start))
            or _opens_line(top, start, tail)
            or _on_date(top, start, tail)
            or _DATE_LABEL.search(top, max(0, start - 40), start)
            or _RELEASE_LABEL.search(top, max(0, start - 40), start)
            or (_LISTED_AFTER.match(top, end, end + 160) and _in_a_dateline(top, start))
            or (_BYLINE.match(tail) and (_in_a_dateline(top, start) or top[:start].rstrip().endswith(">")))
        ):
            # a last resort: the dateline's "Place, date" run into the text around it
            placed = _PLACE_BEFORE.search(top, max(0, start - 60), start) is not None
            if start < _LEAD_WITHIN and placed and _CAPITAL_AFTER.match(tail):
                d = _make(int(year), _month_of(month_name), int(day))
                if d is not None:
                    run_in.append((start, d))
            continue
        d = _make(int(year), _month_of(month_name), int(day))
        if d is not None:
            candidates.append((strength, start, d))
    candidates.extend(_cjk_dates(top))
    if any(strength == 0 for strength, _, _ in candidates):
        return min(candidates)[2]  # a classic dateline: nothing below could win over it
    # a page's own date line: "Thursday, July 8, 2010 General News", "januari 11, 2022" alone
    for m in _WEEKDAY_DATE.finditer(top) if holds_any(top, _WEEKDAYS) else ():
        d = _make(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))
        if d is not None:
            candidates.append((2, m.start(), d))
    for m in _line_matches(_FOREIGN_MONTH_FIRST, low, _LEAD_WITHIN):
        foreign = _FOREIGN_MONTHS.get(m.group(1))
        d = _make(int(m.group(3)), foreign, int(m.group(2))) if foreign else None
        if d is not None:
            candidates.append((2, m.start(), d))
    # (a page's timestamp — a date with its time of day — before any other date of the page)
    # (found from its time, then the date right before it: times are few, dates many)
    for t in _TIME_OF_DAY.finditer(top, 0, _LEAD_WITHIN):
        stamp = _DATE_BEFORE_TIME.search(top, max(0, t.start() - 32), t.start())
        if stamp is not None and _EVENT_TIME.search(top, max(0, stamp.start() - 16), stamp.start()):
            stamp = None  # an event's day and hour: "will present on Wednesday, December 4, 2019, at 11:30 a.m."
        if stamp is not None:
            day_first = stamp.group(1) is not None
            day_text, month_text = (stamp.group(1), stamp.group(2)) if day_first else (stamp.group(4), stamp.group(3))
            d = _make(int(stamp.group(5)), month_number(month_text), int(day_text))
            if d is not None:
                candidates.append((1, stamp.start(), d))
    # a page's timestamp: "时间:2020-06-29 07:49:39"
    for m in _ISO_STAMP.finditer(top[:_LEAD_WITHIN]):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None and not _not_the_release(top, m.start(), m.end()):
            candidates.append((2, m.start(), d))
    lead = top[:_LEAD_WITHIN]
    labelled = holds_any(lead.lower(), _PUBLISHED_HINTS) or holds_any(lead, LOOKALIKE_LETTERS)
    for m in _PUBLISHED_DIGITS.finditer(top, 0, _LEAD_WITHIN) if labelled else ():
        a, b, in_year = int(m.group(2)), int(m.group(3)), int(m.group(4))
        in_year += 2000 if in_year < 100 else 0
        if a <= 12 and b <= 12 and m.group(0)[:7].lower() == "release":
            continue  # "Release Date: 02/08/2012": either order reads
        d = _make(in_year, b, a) if m.group(1) or a > 12 else _make(in_year, a, b)
        if d is not None:
            candidates.append((1, m.start(), d))
    for m in _line_matches(_YEAR_FIRST_LINE, top, _LEAD_WITHIN):
        d = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d is not None:
            candidates.append((2, m.start(), d))
    if candidates:
        return min(candidates)[2]
    if run_in:
        return min(run_in)[1]
    if published is not None:
        return published
    stamped = _disclosure_stamp(text)
    if stamped is not None:
        return stamped
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
        # (page metadata, not a sentence's date or a period's bound: "uppgick per 2012-12-31 till")
        line_start = head.rfind("\n", 0, m.start()) + 1
        if len(head[line_start : m.start()].strip()) > _ISO_PREFIX or _not_the_release(head, m.start(), m.end()):
            continue
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            return d
    return None


def _cjk_dates(top: str) -> list[tuple[int, int, date]]:
    """(strength, position, date) of the dates written in CJK: "2021年2月22日" (zh, ja),
    "2022년 8월 10일" (ko), "平成26年11月25日".  A dateline's (a short place before it on
    its line, a dash, colon or weekday after it) is strong; a header's date field next; else
    a date only where it opens its line — one after a word of its sentence is the body's."""
    found: list[tuple[int, int, date]] = []
    if "年" not in top and "년" not in top and "日" not in top:
        return found  # every pattern below holds one of these (most texts hold none)
    dated = [
        (m.start(), m.end(), _make(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        for m in _CJK_DATE.finditer(top)
    ]
    for m in _ERA_DATE.finditer(top):
        year = _ERA_BASE[m.group(1)] + (1 if m.group(2) == "元" else int(m.group(2)))
        dated.append((m.start(), m.end(), _make(year, int(m.group(3)), int(m.group(4)))))
    for start, end, d in dated:
        if d is None or _SCHEDULE.match(top, end, end + _NEAR):
            continue
        line_start = top.rfind("\n", 0, start) + 1
        place = top[line_start:start].strip()
        if _CJK_DATELINE_TAIL.match(top, end) and len(place) <= _CJK_PLACE and "。" not in place:
            found.append((0 if place else 2, start, d))
        elif not any(c.isalpha() for c in place):  # opening its line: "2020年3月4日 各位"
            found.append((2, start, d))
    for m in _CJK_LABELLED.finditer(top):
        if _SCHEDULE.match(top, m.end(), m.end() + _NEAR):
            continue
        if m.group(1) is not None:
            d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            d = _make(_ROC_YEAR + int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if d is not None:
            found.append((1, m.start(), d))
    return found


# a date in digits, in a release's first lines: "Puolivuosikatsaus 14.8.2019 klo 9:30",
# "… for Patients with Malignancy 6/1/2004" — day first with full stops (as Europe
# writes it), month first with slashes (as the US does) unless the first number
# cannot be a month; it must end its line or be followed by a time or a dash
# (the character before the first digit is checked behind it: the engine skips ahead to digits)
_NUMERIC_DATE = patterns.compile(r"(\d(?<![\d./-]\d)\d?)([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d./-])")
# (a portal's stamp puts a comma before the time: "25.02.2020, 07:30")
_NUMERIC_TAIL = patterns.compile(
    # (the time's word in a header's capitals too: "ACME OYJ PÖRSSITIEDOTE 19.3.2020 KLO 12.20")
    r"[ \t]*(?:\n|$|[-–—|]|,?[ \t]*(?i:klo|kl\.|um|à|at|ore|a\s+las)?[ \t]*\d{1,2}[:.]\d{2}\b)"
)
_NUMERIC_WITHIN = 600
_ISO_PREFIX = 24  # " date 2024-02-21", "Published: 2024-02-21"


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
