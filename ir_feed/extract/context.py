"""What every rule needs about the release around one sentence.

* :func:`is_recalled` — tense/aspect cues that a fact is only recalled
  ("previously", "recently", "had received", "announced on January 7, 2021",
  "is an FDA-designated …", a past month and year);
* :func:`is_hypothetical` — modality cues that a benefit is only possible
  ("eligible for", "may be granted", "could receive", "potential to");
* :class:`Context` — the sentences, release date, and look-ups of the product or
  agency a sentence refers to when it does not name one ("this study", "the
  trial", "has been cleared to initiate").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ir_feed import patterns
from ir_feed.extract.dates import FOREIGN_MONTH_NAME, MONTH_NAME, month_number
from ir_feed.extract.products import (
    OTHER_TRIAL_WORDS,
    Mention,
    agencies,
    is_code,
    is_common_word,
    led_matches,
    matches_at,
    named_by_kind,
    names_a_disease,
    normalise_phase,
    own_products,
    phases,
    products,
    trial_names,
)
from ir_feed.extract.sentences import (
    ASCII_LOOKALIKES,
    LOOKALIKE_LETTERS,
    Cue,
    Sentence,
    by_first_char,
    holds_any,
    lowered,
    word_led,
    word_search,
)

# Keyword patterns are lower case and literal-led, run on lower-cased text (see
# :func:`~.sentences.word_search`).
# (a month in another language dates a fact too: "Im Januar 2025 wurde …", "en juin 2025")
_MONTH = "(?:" + MONTH_NAME.lower() + "|" + FOREIGN_MONTH_NAME + ")"
_RECALL = Cue(patterns.compile(by_first_char(
    # ("its recently submitted NDA" dates the filing, not what the news says of it)
    # (not a population: "patients previously treated with …", "patients who have previously
    # undergone surgery", "earlier lines of therapy")
    # (nor the hold a lift ends: "lifted the clinical hold previously placed on the trial")
    r"previously(?<!who previously)(?<!who have previously)(?<!who had previously)(?<!who were previously)"
    r"(?![\s-]+(?:treated|untreated|placed|imposed))|earlier(?![\s-]+(?:lines?|stages?|treatment|therap))|"
    # (nor a population: "patients recently diagnosed", "recently hospitalized patients")
    r"recently(?![\s-]+(?:submitted|filed|diagnosed|treated|hospitali[sz]ed|infected|exposed|transplanted|"
    r"vaccinated|born|operated|admitted|discharged))|already(?!\s+(?:preparing|planning|working|looking))|prior\s+to\s+this|last\s+(?:week|month|quarter|year)|"
    r"had\s+(?:also\s+)?(?:been\s+)?(?:received|granted|obtained|cleared|awarded)|"
    r"follow(?:s|ed|ing)?\s+(?:the\s+|its\s+|our\s+)?(?:recent|prior|previous|earlier)|"
    r"following\s+(?:the|its|our|a|an)\s+(?:[\w-]+\s+){0,3}?designations?\s+(?:granted|received|awarded)|"
    r"as\s+(?:previously\s+)?(?:announced|reported|disclosed)|"
    r"is\s+(?:an?\s+)?(?:u\.s\.\s+)?(?:fda|ema)[-\s]designated|"
    r"are\s+(?:an?\s+)?(?:u\.s\.\s+)?(?:fda|ema)[-\s]designated|"
    # (in apposition too: "data for ACM-101, an FDA-designated Breakthrough Therapy")
    r"a(?<=,\sa)n?\s+(?:u\.s\.\s+)?(?:fda|ema)[-\s]designated|"
    r"which\s+(?:has|have|had)\s+(?:\w+\s+)?(?:been\s+)?(?:granted|received|awarded)|"
    r"which\s+(?:holds?|carries|carry|has|have)\s+(?:\w+\s+)?(?:orphan|fast|breakthrough|rare|rmat|prime|priority)|"

    r"that\s+(?:has|have|had)\s+(?:\w+\s+)?(?:been\s+)?(?:granted|received|awarded)") + r"\b"
), ("previously", "earlier", "recently", "already", "prior", "last", "had", "follow", "announced", "reported",
    "disclosed", "designated", "which", "that"))  # fmt: skip
# reported speech shifts the news into the past perfect: "announced … that it had received"
_BACKSHIFT = patterns.compile(
    r"\b(?:announc\w*|said|says|reported|stated|disclosed)\b[^.;]{0,80}?\bthat\s+(?:[\w-]+\s+){0,3}?$"
)


def _recall_cue(low: str, begin: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first recall cue in ``low[begin:end]``, a reported-speech "had" excepted."""
    stop = len(low) if end is None else end
    pos = begin
    while True:
        m = word_search(_RECALL, low, pos, stop)
        if m is None or not m.group(0).startswith("had"):
            return m
        if not _BACKSHIFT.search(low[max(0, m.start() - 120) : m.start()]):
            return m
        pos = m.end()
# a month and year ("in March 2023", "on May 3, 2019", "October and November 2020",
# "InOctober 2020" where a page lost a space)
_PAST_MONTH = patterns.compile(
    r"(?:\b(?:in|on)\s*)?(" + _MONTH + r")(?:\s+(?:and|or|&)\s+" + _MONTH + r")*\.?\s+(?:\d{1,2},?\s+)?"
    r"((?:19|20)\d{2})\b"
)
_TODAY = patterns.compile(r"today\b")
_HYPOTHETICAL = Cue(patterns.compile(by_first_char(
    r"eligib\w*|qualify\s+for|qualifies\s+for|may\s+(?:be\s+)?(?:receive|grant|award|obtain)\w*|"
    r"could\s+(?:receive|be\s+granted|qualify)|potential(?:ly)?\s+(?:to\s+)?(?:receive|obtain)|"
    r"opportunity|if\s+(?:granted|awarded|approved)|not\s+(?:been\s+)?(?:granted|received)|"
    r"no\s+assurance|cannot|may\s+not|does\s+not|did\s+not") + r"\b"
), ("eligib", "qualif", "may", "could", "potential", "opportunity", "if", "not", "assurance"))  # fmt: skip
_TITLE_WORDS = 5
# ("\b" before the first capital is checked after it: the engine then skips to capitals)
_PREFIXED_CODE = patterns.compile(r"([A-Z](?<!\w[A-Z])[A-Z]{1,4})-[A-Z0-9]*\d[A-Z0-9]*\b")
# a name of a prefix's shape without a digit: the release's prefix and a word ("GEO-MVA")
# (one pattern for every release, its prefix checked after the match: a pattern made of
# the release's own prefixes would cost a compilation per release)
_PREFIXED_NAME = patterns.compile(r"([A-Z](?<!\w[A-Z])[A-Z]{1,4})-[A-Z][A-Z0-9]{1,7}\b(?![-\w])")
_SPACED_ACRONYM = patterns.compile(r"(?<![A-Za-z])[A-Z] (?=[A-Z])")
_CONDITIONAL = patterns.compile(
    by_first_char(r"subject\s+to|pending|upon|once|if|assuming|contingent\s+on|following\s+receipt") + r"\b"
    r"(?<!based\supon)"
)


# the headline of a periodic report: "Reports Third Quarter 2024 Financial Results and
# Provides Business Update", "Half-Year Report", "Delårsrapport januari–juni"
_PERIODIC = patterns.compile(
    r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|q[1-4]|quarterly|half[\s-]?year(?:ly)?|"
    r"first[\s-]+half|(?:three|six|nine|twelve)[\s-]+months?|annual|full[\s-]+year|fiscal(?:\s+year)?|"
    r"year[\s-]+end(?:ed)?)\b[^\n]{0,80}?\b(?:results|report|financial|highlights)\b|"
    # (a trial's interim results are a readout, not an interim report: "with interim results expected in Q1")
    r"\binterim\b[^\n]{0,80}?\b(?:report|financial|highlights|results(?!\s+(?:expected|from|of|are|were|is|will|"
    r"showed|show|demonstrat\w*|support\w*|in\s+(?:patients|the\s+(?:trial|study)))))\b|"
    r"\b(?:results|report|highlights)\s+(?:of|for)\s+(?:the\s+)?(?:(?:first|second|third|fourth)[\s-]+quarter|"
    r"(?:first|second)[\s-]+half|(?:fiscal\s+|financial\s+)?year|(?:three|six|nine|twelve)[\s-]+months?)\b|"
    r"\bbusiness\s+(?:update|highlights)\b|\b(?:letter\s+to\s+shareholders|shareholder\s+letter)\b|"
    r"\b(?:del[åa]rsrapport|bokslutskommunik[ée]|halbjahr\w*|quartalsmitteilung|osavuosikatsaus|"
    r"gesch[äa]ftsjahr\w*|gesch[äa]ftsbericht\w*|jahresabschluss\w*|quartalsbericht\w*|[åa]rsredovisning|"
    r"[åa]rsrapport|kvartalsrapport|informe\s+(?:anual|trimestral|semestral)|relazione\s+(?:annuale|semestrale)|"
    r"resultados\s+(?:anuales|trimestrales|semestrales)|risultati\s+(?:annuali|semestrali|trimestrali)|"
    r"puolivuosikatsaus|tilinp[äa][äa]t[öo]stiedote|rapport\s+(?:semestriel|trimestriel|annuel)|"
    r"r[ée]sultats\s+(?:semestriels|annuels|trimestriels)|jaarverslag|halfjaar\w*|kwartaal\w*)",
    re.IGNORECASE,
)
# the same, without IGNORECASE, for the lowered text (many times faster: see LOOKALIKE_LETTERS)
_PERIODIC_LOW = patterns.compile(_PERIODIC.pattern)


def _find_names(s: Sentence, names: list[str]) -> list[Mention]:
    """Whole-word, case-insensitive occurrences of ``names`` (longest first) in ``s``."""
    low = s.lower
    found: list[Mention] = []
    for name in names:
        i = low.find(name.lower())
        if i < 0:
            continue
        end = i + len(name)
        if (i and low[i - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        if not any(i < m.start + len(m.text) and m.start < end for m in found):
            found.append(Mention(s.text[i:end], i))
    return sorted(found, key=lambda m: m.start)


def is_conditional(text: str) -> bool:
    """True when ``text`` makes what follows conditional ("subject to", "upon", "if")."""
    return word_search(_CONDITIONAL, lowered(text)) is not None


_NON_ALNUM = patterns.compile(r"[^0-9a-z]+")


# a development code of one number ("ACM-101", "AC-GM101"), not a protocol's ("ACM-101-001")
# nor a numbered word ("CALDER-1")
_DRUG_CODE = patterns.compile(r"[A-Z]{2,4}-?(?:[A-Z]{1,3})?\d{2,4}")


def _drug_in_parens(text: str, m: Mention) -> bool:
    """A drug's code in parentheses after a trial's words names the drug the trial tests
    ("a Phase 1/2 clinical trial (AC-GM101) in 2027"), not the trial."""
    return text[:m.start].rstrip().endswith("(") and _DRUG_CODE.fullmatch(m.text) is not None


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:  # product names recur, within a release and across releases
    return _NON_ALNUM.sub("", name.lower())


_NOT_ALNUM_BYTES = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122))


def _alnum(low: str) -> str:
    """The ASCII letters and digits of lower-cased text (:func:`_key` without
    lower-casing again), in C passes: other characters are all dropped."""
    return low.encode("ascii", "ignore").translate(None, _NOT_ALNUM_BYTES).decode("ascii")


# the same in Chinese and Japanese (no word boundaries: searched as written)
RECALL_CJK = patterns.compile("此前|先前|早前|曾经|曾經|以前|過去に|既に|昨年|去年")


def is_recalled(sentence: str, release: date | None) -> bool:
    """True when the sentence recalls a past fact rather than announcing one."""
    low = lowered(sentence)
    return _recall_cue(low) is not None or _told_as_past(low, release)


def _told_as_past(low: str, release: date | None) -> bool:
    """What marks a whole sentence as recalled, recall cues aside: a recall word in
    Chinese or Japanese, or a date before the release in a sentence that does not say
    "today"."""
    if not low.isascii() and RECALL_CJK.search(low):
        return True
    if release is None or word_search(_TODAY, low):
        return False
    return any(_is_past(m, release, low) for m in _past_dates(low))


# ConText-style scope (Harkema et al. 2009) for one mention in a sentence: a cue
# marks what follows it as recalled ("complements its existing Orphan Drug
# designation", "builds on the Fast Track designation granted in May 2019") up to a
# terminator that opens a new clause ("; ", "but", "while", "today"); a past date
# marks its whole clause.
_FORWARD_CUE = Cue(patterns.compile(by_first_char(
    r"existing|complement(?:s|ed|ing)?|augment(?:s|ed|ing)?|add(?:s|ed|ing)?\s+to|"
    r"build(?:s|ing)?\s+(?:up)?on|built\s+(?:up)?on|alongside|in\s+addition\s+to|joins?|"
    # "Along with our Orphan Drug Designations in the U.S. and Europe, …"
    r"along\s+with\s+(?:our|its|their|the\s+company['’]s)|"
    r"also\s+(?:holds?|has|had|carries)|"
    # ("holds" a designation; not a clinical hold: "the hold on the IND was lifted")
    r"holds?(?!\s+(?:on|was|has|is|had|lifted|removed|letter)\b)|prior|former(?:ly)?|last\s+year|earlier\s+this\s+year|"
    # "This designation follows the Orphan Drug Designation granted …"
    r"follows\s+(?:the|its|an?|our)") + r"\b"
), ("existing", "complement", "augment", "add", "buil", "along", "addition", "join", "also", "hold",
    "prior", "former", "last", "earlier", "follows"))  # fmt: skip
# (what starts the news's own clause ends a recall cue's scope: "…, which previously
# received X, today announced that …"; a "today" that only dates a noun phrase —
# "the designation announced today" — does not)
# (each word's "\b" is checked after its first letter, "b(?<!\wb)ut" for "\bbut", as
# :func:`~.sentences.word_led` writes it, but with the alternatives at the top level: the
# engine then skips ahead to their first characters instead of trying every position)
_TERMINATOR = patterns.compile(
    r";|b(?<!\wb)ut\b|w(?<!\ww)hile\b|w(?<!\ww)hereas\b|h(?<!\wh)owever\b|n(?<!\wn)ewly\b|"
    r"t(?<!\wt)his\s+(?:new\s+|latest\s+)?designation\b|"
    r"t(?<!\wt)oday,?\s+(?:also\s+)?(?:announced|announces|reported|reports|said|says|received|receives|granted|"
    r"obtained|was|were|has|have|is)\b|"
    # the news after what it adds to: "In addition to …, the FDA has now granted …"
    r"n(?<!\wn)ow\s+(?:been\s+)?(?:granted|received|obtained|awarded|designated|cleared)\b"
)
_AFTER_STOP = patterns.compile(
    _TERMINATOR.pattern + r"|,\s+(?:following|after|upon|subsequent\s+to|pursuant\s+to|based\s+on)\b"
)
_YEAR_ONLY = patterns.compile(word_led("in|since|during") + r"\s+((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")


def recalled_at(sentence: Sentence, start: int, end: int, release: date | None, year: int | None) -> bool:
    """True when the mention at ``sentence.text[start:end]`` is recalled: a recall
    cue's scope or a past date's clause covers the mention.  Dates are compared with
    the ``release`` date, else with ``year`` (the latest year the release names)."""
    low = sentence.lower
    begin, finish = _clause(low, start, end)
    if word_search(_FORWARD_CUE, low, begin, start) or _scoped_recall_cue(low, begin, start, end, finish):
        return True
    # (a date after the other facts a forward cue opens dates them)
    stop = _DATE_STOP.search(low, end, finish)
    return _dated_before(low[begin : stop.start() if stop else finish], release, year)


def _clause(low: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``low[start:end]``: from the last terminator before it to the
    first after it (see :data:`_TERMINATOR`)."""
    begin = 0
    for m in _TERMINATOR.finditer(low, 0, start):
        begin = m.end()
    stop = _TERMINATOR.search(low, end)
    return begin, stop.start() if stop else len(low)


# after a mention, what the forward cues open (:data:`_FORWARD_CUE`): the other, held facts
# ("granted X for A, in addition to the earlier designations for B and C", "…, complementing
# the Fast Track designation it received in 2023")
OTHER_FACT = (
    r"\bin\s+addition\s+to\b|\badd(?:s|ed|ing)\s+to\b|\balong(?:side|\s+with)\b|\bjoin(?:s|ing)\b|"
    r"\bbuil(?:ds?|ding|t)\s+(?:up)?on\b|"
    # (the verb, not the immune system's: "complement-mediated disease", "complement inhibitor")
    r"\bcomplement(?:s|ed|ing)?\s+(?:the|its|our|their|an?|this|these|existing|prior|previous|earlier)\b"
)
_DATE_STOP = patterns.compile(_AFTER_STOP.pattern + "|" + OTHER_FACT)
# after a mention, what opens a phrase about something else: its population ("for patients
# who have already received two lines of therapy"), its grounds ("based on data presented
# last year", "following the results previously reported")
_OTHER_PHRASE = patterns.compile(
    _AFTER_STOP.pattern + r"|\b(?:for|in)\s+(?:adult\s+|pediatric\s+|paediatric\s+)?(?:patients|adults|children|"
    r"people|subjects|individuals)\b|\b(?:patients|adults|children|people|subjects|individuals)\s+(?:who|whose)\b|"
    r"\bbased\s+(?:up)?on\b|\bfollowing\b|\bafter\s+(?:the|its|our|positive)\b|" + OTHER_FACT
)
# an aside about the product between commas: "ACM-101, which is already in a Phase 2 trial, has …"
# (or one closing the sentence: "… in its Phase 2 trial of ACM-101, which was previously cleared by the FDA";
# not "…, which was previously announced", which says so of the whole)
_ASIDE = patterns.compile(r",\s+(?:which|who)\b(?![^,;]*\b(?:announced|reported|disclosed)\b)[^,;]*(?:,|$)")


def _scoped_recall_cue(low: str, begin: int, start: int, end: int, finish: int) -> bool:
    """A recall cue in the clause of the mention at ``low[start:end]`` that bears on it:
    not one after a phrase about something else follows the mention, nor one inside an
    aside that does not hold the mention (":func:`_recall_cue` over ``low[begin:finish]``
    otherwise)."""
    pos = begin
    asides: list[re.Match[str]] | None = None  # (found once, when a cue is)
    while (m := _recall_cue(low, pos, finish)) is not None:
        pos = m.end()
        if m.start() >= end and _OTHER_PHRASE.search(low, end, m.end()):
            continue
        if asides is None:
            asides = list(_ASIDE.finditer(low, begin, finish))
        aside = next((a for a in asides if a.start() <= m.start() < a.end()), None)
        if aside is not None and (aside.end() <= start or aside.start() >= end):
            continue  # (an aside the mention's span does not reach)
        return True
    return False


def dated_before(sentence: Sentence, start: int, end: int, release: date | None, year: int | None) -> bool:
    """True when the clause holding ``sentence.text[start:end]`` dates it before the
    release by a month or a year ("Acme initiated the trial in 2024", "In July, …" in a
    November release).  A day-precise date ("the first patient was recruited on July 7")
    is how a release reports its own news, not a recall."""
    low = sentence.lower
    begin = 0
    for m in _TERMINATOR.finditer(low, 0, start):
        begin = m.end()
    # (a trailing phrase about something else dates that, not the start: "… dosed the first
    # patient in its Phase 1 trial, following FDA clearance of the IND in December 2025")
    stop = _AFTER_STOP.search(low, end)
    return _dated_before(low[begin : stop.start() if stop else len(low)], release, year, days=False)


# a citation in parentheses dates the source, not the fact: "(ASX Announcement: 22 June
# 2021)", "(see press release dated May 3, 2024)", "(Press release, Acme, AUG 9, 2021)"
_CITATION = patterns.compile(r"\((?=[^()]*\b(?:announcement|press\s+release|news\s+release|see|source)\b)[^()]*\)")


def _dated_before(clause: str, release: date | None, year: int | None, *, days: bool = True) -> bool:
    if "(" in clause:
        clause = _CITATION.sub(" ", clause)
    year = release.year if release else year
    for m in _past_dates(clause):
        if not days and not _month_only(m) and not _ANNOUNCED.search(clause):
            continue  # "recruited on July 7" is news; "On September 8, X announced the initiation" is not
        if release is not None and _is_past(m, release, clause):
            return True
        if release is None and (_month_only(m) or (year is not None and int(m.group(2)) < year)):
            return True  # news is dated "today" or by day: a month and year date a past fact
    if year is not None:
        for m in _YEAR_ONLY.finditer(clause):
            if int(m.group(1)) < year:
                return True
    if release is not None and ("20" in clause or "19" in clause):
        # a quarter or a half over before the release: "In the fourth quarter of 2024, the FDA
        # cleared …" in a March 2025 release
        for m in _PAST_PERIOD.finditer(clause):
            if _period_end(m) < (release.year, release.month):
                return True
    if release is not None:
        # "in January" without a year in a June release: earlier this year
        for m in _MONTH_NO_YEAR.finditer(clause):
            if month_number(m.group(1)) < release.month:
                return True
    return False


_ANNOUNCING = r"(?:announced|reported|disclosed)"
_ANNOUNCED = patterns.compile(r"\b" + _ANNOUNCING + r"\b")
_MONTH_NO_YEAR = patterns.compile(
    word_led("in|on|during|since|last") + r"\s+(" + _MONTH + r")\b"
    r"(?!\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2})"
)


_A_YEAR = patterns.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")


def latest_year(text: str) -> int | None:
    """The latest year from 2000 on that ``text`` names (a release names its own
    year or later ones: a stand-in for the release date when there is none)."""
    years = [int(y) for y in _A_YEAR.findall(text)]
    return max(years) if years else None


# a trial already begun: "Acme has already begun its Phase IIa clinical trial in a number of sites in Israel"
_ALREADY_BEGUN = patterns.compile(
    r"\b(?:has|have)\s+already\s+(?:begun|started|initiated|commenced)\s+(?:its|the|their|our)\s+"
    r"phase[\s-]*([0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?)\b"
)
# a reporting period's end dates the period, not a fact: "results for the quarter ended June 30, 2023"
_PERIOD_END = patterns.compile(
    r"\b(?:quarter|period|year|months|half|half-year|fiscal\s+year)\s+end(?:ed|ing)\s+(?:on\s+)?"
)


def _past_dates(low: str) -> list[re.Match[str]]:
    if "19" not in low and "20" not in low:
        return []
    ends = [m.end() for m in _PERIOD_END.finditer(low)] if "end" in low else []
    out = []
    for m in _PAST_MONTH.finditer(low):
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
            continue
        if m.start() in ends:
            continue
        out.append(m)
    return out


# a quarter or a half of a year, in or during it: "in the fourth quarter of 2024", "in Q4 2024",
# "during 2H 2024", "in the second half of 2024"
_PAST_PERIOD = patterns.compile(
    r"\b(?:in|during)\s+(?:the\s+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+(quarter|half)|"
    r"q([1-4])|([1-4])q|h([12])|([12])h)[\s,-]*(?:of\s+)?((?:19|20)\d\d)\b"
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _period_end(m: re.Match[str]) -> tuple[int, int]:
    """The (year, month) a quarter or a half of :data:`_PAST_PERIOD` ends in."""
    year = int(m.group(7))
    if m.group(1):
        n = _ORDINAL[m.group(1)]
        return year, (n * 3 if m.group(2) == "quarter" else min(n, 2) * 6)
    quarter = m.group(3) or m.group(4)
    if quarter:
        return year, int(quarter) * 3
    return year, int(m.group(5) or m.group(6)) * 6


def _month_only(m: re.Match[str]) -> bool:
    return not any(c.isdigit() for c in m.group(0)[: m.start(2) - m.start()])


_DAY_OF = patterns.compile(r"(\d{1,2}),?\s+(?:19|20)\d{2}$")
_RECENT_DAYS = 31  # a day-precise date this close before the release is its news told late
# what dates an earlier announcement, right before the date: "announced on January 7, 2021 that …"
_ANNOUNCED_ON = patterns.compile(r"\b" + _ANNOUNCING + r"\s+(?:on\s+)?$")


def _is_past(m: re.Match[str], release: date, low: str = "") -> bool:
    """A month and year before the release's month; a day-precise date more than about a
    month before it ("granted … on December 24, 2020" in a January 13, 2021 release is the
    news told a few weeks late, as a date earlier in the release's own month is) — unless
    it dates an earlier announcement ("announced on January 7, 2021 that …")."""
    year, month = int(m.group(2)), month_number(m.group(1))
    if (year, month) >= (release.year, release.month):
        return False
    day = _DAY_OF.search(m.group(0))
    if day is not None and not _ANNOUNCED_ON.search(low, max(0, m.start() - 24), m.start()):
        try:
            return (release - date(year, month, int(day.group(1)))).days > _RECENT_DAYS
        except ValueError:
            return True
    return True


def is_hypothetical(clause: str) -> bool:
    return word_search(_HYPOTHETICAL, lowered(clause)) is not None


# a product defined by the release in words: a name then what it is, or what it is then the name
_WHAT_IT_IS = (
    r"(?:product|candidate|drug|therapy|therapeutic|treatment|vaccine|compound|formulation|device|implant|"
    r"antibody|inhibitor|agonist|antagonist|modulator|peptide|molecule|medicine|"
    # a dosage form: "DSUVIA, a 30 mcg sufentanil sublingual tablet"
    r"tablet|capsule|injection|patch|cream|ointment|nasal\s+spray)s?\b"
)
_ROUTES = ("oral", "intravenous", "topical", "intranasal", "subcutaneous", "inhaled", "intrathecal")
_A_NAME = r"([A-Z][A-Za-z0-9]*+(?:-[A-Za-z0-9]++)*+)(?:\s?[™®])?"  # (an all-capitals word is filtered out below)
# the same starting a word: "\b" before the capital, checked after it (the engine then
# skips ahead to capitals instead of trying the pattern at every position)
_A_NAME_AT_WORD = r"([A-Z](?<!\w[A-Z])[A-Za-z0-9]*+(?:-[A-Za-z0-9]++)*+)(?:\s?[™®])?"
_WHAT_HINTS = ("product", "candidate", "drug", "therap", "treatment", "vaccine", "compound", "formulation", "device",
               "implant", "antibod", "inhibitor", "agonist", "antagonist", "modulator", "peptide", "molecule",
               "medicine", "tablet", "capsule", "injection", "patch", "cream", "ointment", "spray")  # fmt: skip
# "Acmerin is a naturally derived, exosome-based therapeutic"
_IS_A = patterns.compile(_A_NAME_AT_WORD + r"\s+is\s+(?:a|an)\s+(?:[\w-]+,?\s+){0,8}?" + _WHAT_IT_IS)
_DEFINITIONS = (
    # "Acmerin, a potential treatment for ALS", "Acmerin, Acme's lead product"
    # (not "Acme Limited, a clinical-stage company specialising in cell therapeutics")
    (_WHAT_HINTS, patterns.compile(
        _A_NAME_AT_WORD + r",\s+(?:a|an|our|its|their|the\s+company['’]s|[A-Z][\w-]*['’]s)\s+"
               r"(?:(?!compan|corporation|firm|group|business)[\w-]+,?\s+){0,6}?" + _WHAT_IT_IS)),
    (_WHAT_HINTS, _IS_A),
    # "our first product, Acmerin,", "its lead drug candidate, Acmerin."
    (_WHAT_HINTS, patterns.compile(word_led("our|its|their") + r"\s+(?:[\w-]+\s+){0,3}?" + _WHAT_IT_IS
                             + r"(?:\s+candidate)?,\s+" + _A_NAME + r"[,.]")),
    # "the Acmerin device", "oral Acmerin": a device by its name, a drug by its route
    (("device", "implant", "system"),
     patterns.compile(word_led("the") + r"\s+" + _A_NAME + r"\s+(?:device|implant|system)\b")),
    (_ROUTES, patterns.compile(word_led("|".join(_ROUTES)) + r"\s+" + _A_NAME)),
)  # fmt: skip
# what every match holds in a text whose only spacing is the plain space (a printable one):
# the pattern is not run on such a text without it ("Acmerin is a …")
_SPACED_LITERAL = {_IS_A: " is "}
# the same, the patterns sharing hints together (in order: the names found are a set)
_DEFINITIONS_BY_HINTS: tuple[tuple[tuple[str, ...], tuple[re.Pattern[str], ...]], ...] = tuple(
    (hints, tuple(p for h, p in _DEFINITIONS if h == hints)) for hints in dict.fromkeys(h for h, _ in _DEFINITIONS)
)
# words a definition may open with that name no product
_NOT_DEFINED = frozenset((
    "this", "that", "these", "there", "which", "what", "today", "phase", "company", "patients", "treatment",
    "therapy", "the", "it", "its", "our", "limited", "corporation", "holdings", "group", "plc", "ltd", "inc",
    "corp", "gmbh", "llc", "oyj", "asa", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
))  # fmt: skip

# A drug named by a lower-case word no INN stem marks ("a Phase 3 trial of ensifentrine",
# "aramchol, an oral SCD1 modulator"): found where a drug stands — the object of a trial, a
# dose or a designation, after its route, before what it is — when the word is none of the
# field's common words (common_words.txt, built from the tuning corpus), has no English
# word's ending, and the release says it twice or more.
# (not a word qualifying the noun after it: "investigational bacteriophage therapy")
_LOWER_NAME = (
    r"([a-z]{6,})(?![\w-])(?!\s+(?:therap|treatment|product|vaccine|platform|technolog|program|drug|"
    r"candidate|compound|poisoning|infection|disease|syndrome|cell|based|class|approach))"
)
_LOWER_SLOTS = (
    patterns.compile(
        r"\b(?:(?:trials?|stud(?:y|ies)|dos(?:e|es|ed|ing)|administration)\s+(?:of|with)\s+"
        r"(?:(?:oral|nebuli[sz]ed|inhaled|intravenous|topical|subcutaneous|single|multiple|daily|once-daily|"
        r"investigational)\s+)?"
        r"|(?:nebuli[sz]ed|oral|intravenous|inhaled|topical|subcutaneous|intranasal|intrathecal|investigational|"
        r"candidate|compound)\s+"
        # (a designation "for" names the disease)
        r"|(?:designations?|clearance|approval)\s+to\s+"
        r"|(?:study|evaluate|evaluating|test|testing|investigate|investigating)\s+(?=[a-z]{6,}\s+(?:in|for|as)\b))"
        + _LOWER_NAME
    ),
    patterns.compile(
        r"(?<![\w-])" + _LOWER_NAME + r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+,?\s+){0,6}?" + _WHAT_IT_IS),
    patterns.compile(
        r"(?<![\w-])" + _LOWER_NAME + r",\s+(?:a|an|our|its|the\s+company['’]s)\s+(?:[\w-]+,?\s+){0,6}?"
        + _WHAT_IT_IS
    ),
)
_LOOKALIKES = tuple(ASCII_LOOKALIKES)  # (as holds_any reads them)
# the words every match of the first slot starts with (see :func:`~.products.led_matches`:
# a pattern led by "\b" and a list of words is otherwise tried at every position)
LOWER_SLOT_LEADS = (
    "trial", "stud", "dos", "administration", "nebuli", "oral", "intravenous", "inhaled", "topical", "subcutaneous",
    "intranasal", "intrathecal", "candidate", "compound", "designation", "clearance", "approval", "evaluat", "test",
    "investigat",
)  # fmt: skip


def lower_slot_matches(text: str) -> list[re.Match[str]]:
    """``finditer`` of each of ``_LOWER_SLOTS`` in turn, each tried only where a match can
    start: the first at its lead words, the others at a lower-case word right before what
    must follow the name ("ensifentrine is a", "aramchol, an"; led by no literal, the two
    would be tried at every letter)."""
    found = list(led_matches(_LOWER_SLOTS[0], LOWER_SLOT_LEADS, text, text))
    is_starts: list[int] = []
    for m in _IS_AFTER_NAME.finditer(text):
        j = m.start()
        if j and text[j - 1].isspace():  # (the name's "\s+" before "is")
            while j and text[j - 1].isspace():
                j -= 1
            is_starts.append(_lower_word_start(text, j))
    comma_starts: list[int] = []
    i = text.find(",")
    while i >= 0:
        comma_starts.append(_lower_word_start(text, i))
        i = text.find(",", i + 1)
    # (each list rises: a word ends before the next one's comma or "is")
    found += matches_at(_LOWER_SLOTS[1], text, is_starts)
    found += matches_at(_LOWER_SLOTS[2], text, comma_starts)
    return found


# what follows a name of the second slot, after its spaces
_IS_AFTER_NAME = patterns.compile(r"(?:is|was)\s")


def _lower_word_start(text: str, end: int) -> int:
    """The start of the run of ASCII lower-case letters ending at ``end``."""
    j = end
    while j and "a" <= text[j - 1] <= "z":
        j -= 1
    return j


def lower_case_names(text: str) -> set[str]:
    """Drug names written as lower-case words no INN stem marks (see ``_LOWER_SLOTS``)."""
    found = {m.group(1) for m in lower_slot_matches(text)}
    if not found:
        return found
    # (a word the lower-cased text holds once is said once: its own pattern, a compilation
    # each, is not needed — but for a text holding a letter IGNORECASE reads as another)
    low = text.lower() if text.isascii() or not holds_any(text, _LOOKALIKES) else None
    return {
        w
        for w in found
        if not is_common_word(w)
        and (low is None or low.count(w) >= 2)
        and len(re.findall(r"(?<![\w-])" + w + r"(?![\w-])", text, re.IGNORECASE)) >= 2
    }


_LEAD_WORDS = 8  # fewer words than this make a dateline, not the lead sentence
_DATELINE_REACH = 250  # characters of a first body sentence that may be its dateline and issuer
# the words of a company's name: "Protox(TM) Therapeutics Inc." → Protox, TM, Therapeutics, Inc
_COMPANY_WORD = patterns.compile(r"[^\w-]+")


_TOLD_TODAY = patterns.compile(r"\btoday\b|\bannounc\w*", re.IGNORECASE)
#: "today", in English and the other languages the rules read (what a sentence says is news)
TODAY = r"today|i\s+dag|idag|heute|aujourd['’]hui|oggi|hoy|vandaag"
_SAID_TODAY = patterns.compile(r"\b(?:" + TODAY + r")\b")


@dataclass
class Context:
    """The release as a whole, seen from one rule."""

    sentences: tuple[Sentence, ...]
    release: date | None
    issuer_key: str
    company: str | None = None
    _products: dict[int, list[Mention]] = field(default_factory=dict)
    _all_products: dict[int, list[Mention]] = field(default_factory=dict)
    _agencies: dict[int, list[Mention]] = field(default_factory=dict)
    _counts: Counter[str] | None = None  # (a Counter costs a Python call to make)
    _news_counts: Counter[str] | None = None
    _canon: dict[str, str] = field(default_factory=dict)
    _not_products: frozenset[str] | None = None
    _kind_names: frozenset[str] | None = None
    _trial_names: dict[int, list[Mention]] = field(default_factory=dict)
    _recalled: dict[int, bool] = field(default_factory=dict)
    _products_in: dict[int, list[Mention]] = field(default_factory=dict)
    _is_not_product: dict[str, bool] = field(default_factory=dict)
    _trial_sentences: list[tuple[Sentence, str]] | None = None
    _prefixes: frozenset[str] = frozenset()
    _prefixes_read: bool = False
    _lexicon: list[str] | None = None
    _defined: list[str] | None = None
    _year: int | None = -1
    _periodic: bool | None = None

    def recalled_at(self, s: Sentence, start: int, end: int) -> bool:
        """:func:`recalled_at` for a mention in a sentence of this release."""
        return recalled_at(s, start, end, self.release, self._latest_year())

    def dated_before(self, s: Sentence, start: int, end: int) -> bool:
        """:func:`dated_before` for a mention in a sentence of this release."""
        return dated_before(s, start, end, self.release, self._latest_year())

    def _latest_year(self) -> int | None:
        if self._year == -1:
            self._year = None if self.release else latest_year(" ".join(x.text for x in self.sentences))
        return self._year

    @property
    def lead_sentences(self) -> list[Sentence]:
        """The headline (its first sentences), or the lead sentence of a copy without one."""
        return [s for s in self.sentences[:6] if s.section == "headline"] or list(self.sentences[:1])

    @property
    def dateline(self) -> str:
        """The start of the release's first body sentence, where its dateline names the
        issuer's city and country ("Tosu city, Saga Prefecture, Japan")."""
        first = next((s for s in self.sentences[:40] if s.section == "body"), None)
        return first.text[:_DATELINE_REACH] if first else ""

    @property
    def lead(self) -> list[Sentence]:
        """What a release says its news is: its headline (and sub-headline) and the first
        sentence of its dateline paragraph — not the background the paragraph goes on to."""
        body = [s for s in self.sentences[:40] if s.section == "body"]
        lead: list[Sentence] = []
        for s in body:  # (a dateline cut off as a sentence of its own is not the lead yet)
            if s.block != body[0].block:
                break
            lead.append(s)
            if len(s.text.split()) >= _LEAD_WORDS:
                break
        return [*(s for s in self.sentences[:6] if s.section == "headline"), *lead]

    @property
    def opening(self) -> list[Sentence]:
        """What a release leads with: its headline and its dateline paragraph (the first
        body paragraph's first sentences)."""
        body = [s for s in self.sentences[:40] if s.section == "body"]
        lead = [s for s in body if s.block == body[0].block][:3] if body else []
        return [*(s for s in self.sentences[:6] if s.section == "headline"), *lead]

    @property
    def periodic_report(self) -> bool:
        """The release is a periodic report (quarterly or annual results, a business
        update, a letter to shareholders): the milestones it lists are the period's,
        recalled — a designation in it is not announced here (docs/labelling.md)."""
        if self._periodic is None:
            # every title line (a copy may put a page's clutter before the headline:
            # "Login to your account", "Half Yearly Report", …), then the lead sentence
            titles = [s.text for s in self.sentences[:25] if s.section == "headline"]
            if not titles:  # (a copy with no dateline read as all body: its first lines are its title)
                titles = [s.text for s in self.sentences[:6]]
            lead = next((s.text for s in self.sentences[:40] if s.section == "body"), "")
            head = " ".join(titles)[:1500] + " " + lead[:600]
            low = lowered(head)
            if holds_any(low, LOOKALIKE_LETTERS):
                self._periodic = _PERIODIC.search(head) is not None
            else:
                self._periodic = _PERIODIC_LOW.search(low) is not None
        return self._periodic

    def is_title(self, s: Sentence) -> bool:
        """``s`` is the release's title: the first headline line of five words or more (a
        sub-headline's bullet recalls; the title tells the news)."""
        for x in self.sentences[: s.index]:
            if x.section == "headline" and len(x.text.split()) >= _TITLE_WORDS:
                return False
        return s.section == "headline" and len(s.text.split()) >= _TITLE_WORDS

    def in_the_news(self, s: Sentence) -> bool:
        """The sentence stands where the release tells its news: its headline, its lead, or a
        sentence saying "today" or "announced" (never an About section)."""
        if s.section == "background":
            return False
        return s.section == "headline" or s in self.lead or _TOLD_TODAY.search(s.lower) is not None

    def of_the_period(self, s: Sentence) -> bool:
        """A periodic report's sentence that does not say "today": what it tells happened in the
        period, news in its own release and background here (docs/labelling.md)."""
        return self.periodic_report and _SAID_TODAY.search(s.lower) is None

    def told_as_news(self, s: Sentence) -> bool:
        """:meth:`in_the_news`, and neither recalled nor dated before the release.  (An event of
        a catalyst kind is announced only there.)"""
        return self.in_the_news(s) and not (self.recalled(s) or self.dated_before(s, 0, len(s.text)))

    def recall_cue(self, s: Sentence) -> bool:
        """The sentence holds a recall cue ("previously", "had received", …), dates aside."""
        return _recall_cue(s.lower) is not None

    def recall_cue_at(self, s: Sentence, start: int, end: int) -> bool:
        """A recall cue bears on the mention at ``s.text[start:end]`` (see :func:`_scoped_recall_cue`;
        dates aside)."""
        begin, finish = _clause(s.lower, start, end)
        return _scoped_recall_cue(s.lower, begin, start, end, finish)

    def begun_elsewhere(self, s: Sentence) -> bool:
        """The release says in another sentence that the trial of the phase ``s`` names has
        already begun ("Acme has already begun its Phase IIa clinical trial in Israel"): a
        clearance or a plan for it in a new country starts no trial (docs/labelling.md)."""
        named = {p.text for p in phases(s.text)}
        if not named:
            return False
        for other in self.sentences:
            if other is s or other.section != "body" or "already" not in other.lower:
                continue
            for m in _ALREADY_BEGUN.finditer(other.lower):
                if normalise_phase(m.group(1)) in named:
                    return True
        return False

    def told_as_past(self, s: Sentence) -> bool:
        """The whole sentence is told as past, whatever its recall cues say (a date before
        the release, no "today"; a recall word in Chinese or Japanese): :meth:`recalled`
        without the cues, for a rule that reads them for its own mention (:meth:`recalled_at`)."""
        return _told_as_past(s.lower, self.release)

    def recalled(self, s: Sentence) -> bool:
        """:func:`is_recalled` for a sentence of this release (computed once)."""
        found = self._recalled.get(s.index)
        if found is None:
            found = self._recalled[s.index] = is_recalled(s.text, self.release)
        return found

    def trial_names_in(self, s: Sentence) -> list[Mention]:
        """:func:`~.products.trial_names` of a sentence (computed once)."""
        found = self._trial_names.get(s.index)
        if found is None:
            found = self._trial_names[s.index] = trial_names(s.text)
        return found

    @property
    def not_products(self) -> frozenset[str]:
        """Product-shaped names that are not products (as :func:`product_key` keys): the
        issuer's own name ("Allogene" looks like an INN) and the release's named trials
        ("the Phase 1 trial, CALDER-1, ...")."""
        if self._not_products is None:
            names = {_key(w) for w in _COMPANY_WORD.split(self.company or "") if len(w) > 3}
            for s in self.sentences:  # only a product-shaped name can be mistaken
                if s.section != "fls" and ("trial" in s.lower or "stud" in s.lower) and self._unfiltered(s):
                    names.update(_key(m.text) for m in self.trial_names_in(s))
            self._not_products = frozenset(n for n in names if n)
        return self._not_products

    def _unfiltered(self, s: Sentence) -> list[Mention]:
        found = self._all_products.get(s.index)
        if found is None:
            found = [] if s.section == "fls" else products(s.text)
            self._all_products[s.index] = found
        return found

    def _product_mentions(self, text: str) -> list[Mention]:
        return self._without_non_products(products(text))

    def _without_non_products(self, found: list[Mention]) -> list[Mention]:
        if not found:
            return found
        return [m for m in found if not self._not_product(_key(m.text)) and not names_a_disease(m.text)]

    def _not_product(self, key: str) -> bool:
        """``key in self.not_products``, reading only what can tell: a trial name is
        part of its sentence, so its key is part of the sentence's letters and digits;
        only the sentences holding ``key`` are read for trial names, and only those
        naming a trial of that key for products."""
        hit = self._is_not_product.get(key)
        if hit is None:
            if self._not_products is not None:
                hit = key in self._not_products
            else:
                hit = bool(key) and (key in self._company_keys() or self._names_a_trial(key))
            if hit and key in self._kind_named():
                hit = False  # "candidate botanical new drug ACM-X" before "ACM-X is a phase I study"
            self._is_not_product[key] = hit
        return hit

    def _kind_named(self) -> frozenset[str]:
        if self._kind_names is None:
            text = "\n".join(s.text for s in self.sentences if s.section != "fls")
            self._kind_names = frozenset(_key(n) for n in named_by_kind(text))
        return self._kind_names

    def _company_keys(self) -> set[str]:
        return {_key(w) for w in _COMPANY_WORD.split(self.company or "") if len(w) > 3}

    def _names_a_trial(self, key: str) -> bool:
        if self._trial_sentences is None:  # the sentences :attr:`not_products` reads
            self._trial_sentences = [
                (s, _alnum(s.lower))
                for s in self.sentences
                if s.section != "fls"
                and ("trial" in s.lower or "stud" in s.lower or holds_any(s.lower, OTHER_TRIAL_WORDS))
            ]
        for s, alnum in self._trial_sentences:
            if key not in alnum:
                continue
            named = [m for m in self.trial_names_in(s) if _key(m.text) == key and not _drug_in_parens(s.text, m)]
            if named and self._unfiltered(s):
                return True
        return False

    def _raw_products(self, s: Sentence) -> list[Mention]:
        found = self._products.get(s.index)
        if found is None:
            found = self._without_non_products(self._unfiltered(s))
            self._products[s.index] = found
        return found

    @property
    def counts(self) -> Counter[str]:
        """How often each product is named in the release (computed on first use)."""
        if self._counts is None:  # one pass over the text, not one per sentence
            self._counts = self.news_counts + self._named_in(("background",))
        return self._counts

    def _named_in(self, sections: tuple[str, ...]) -> Counter[str]:
        text = "\n".join(s.text for s in self.sentences if s.section in sections)
        # (a name never runs from one sentence into the next: "… of CD-001" + "CD (Suzhou) …")
        return Counter(m.text for m in self._product_mentions(text) if "\n" not in m.text)

    def products_in(self, s: Sentence) -> list[Mention]:
        """The products a sentence names (computed once; do not change the list)."""
        out = self._products_in.get(s.index)
        if out is None:
            out = []
            for m in self._raw_products(s):
                spaced = _SPACED_ACRONYM.search(s.text, max(0, m.start - 3), m.start + 1)
                out.append(Mention(self.canonical(m.text), m.start) if spaced else m)
            if not out and "-" in s.text:
                out = self._prefixed(s)
            self._products_in[s.index] = out
            if not out and s.words:  # (only where a rule may look: the lexicon costs a pass)
                out = self._named_before(s) or _find_names(s, self.defined_names)
                self._products_in[s.index] = out
        return out

    def _named_before(self, s: Sentence) -> list[Mention]:
        """Products the release names in its opening (headline, dateline paragraph) or
        by shape anywhere, found again where a sentence writes them in another case
        ("Gallium Maltolate" in the headline, "gallium maltolate (GaM)" in the body).
        The opening's names are tried first; the whole text's only when they are absent."""
        if self._lexicon is None:
            names = {m.text for x in self.opening if x.index != s.index for m in self.products_in(x)}
            self._lexicon = sorted((n for n in names if len(n) >= 4), key=len, reverse=True)
        found = _find_names(s, self._lexicon)
        if not found:
            rest = [n for n in sorted(self.counts, key=len, reverse=True) if len(n) >= 4 and n not in self._lexicon]
            found = _find_names(s, rest)
        return found

    @property
    def defined_names(self) -> list[str]:
        """Names the release itself says are a product, whatever their shape: "Acmerin, a
        potential treatment for ALS", "Acmerin is a naturally derived … therapeutic", "our first
        product, Acmerin," (longest first; computed on first use, outside forward-looking
        statements)."""
        if self._defined is None:
            names: set[str] = set()
            said = [x for x in self.sentences if x.section != "fls"]
            # (each pattern only where the words every match holds occur: the hint lists the
            # release holds none of, looked for once in the whole text, are not read again)
            whole = "\n".join(x.lower for x in said)
            held = [(hints, patterns) for hints, patterns in _DEFINITIONS_BY_HINTS if holds_any(whole, hints)]
            for x in said if held else ():
                low = x.lower
                for hints, patterns in held:  # (each hint list looked for once)
                    if holds_any(low, hints):
                        for pattern in patterns:
                            literal = _SPACED_LITERAL.get(pattern)
                            if literal is not None and literal not in x.text and x.text.isprintable():
                                continue
                            names.update(m.group(1) for m in pattern.finditer(x.text))
            company = set(_COMPANY_WORD.split(self.company or ""))
            text = "\n".join(x.text for x in said) if names else ""
            # (a word the text also writes in lower case is English, not a name: "Review", "Limited")
            self._defined = sorted(
                (
                    n
                    for n in names
                    if len(n) >= 4
                    # (an acronym names a body, a disease or a product: not told here — but a brand
                    # some companies write in capitals, "DSUVIA, a 30 mcg sublingual tablet", is
                    # five letters or more and never set in parentheses as an abbreviation)
                    and (not n.isupper() or (len(n) >= 5 and "(" + n + ")" not in text))
                    and n not in company
                    and n.lower() not in _NOT_DEFINED
                    and (
                        re.search(r"(?<![\w-])" + re.escape(n.lower()) + r"(?![\w-])", text) is None
                        # (unless it is no word of the field's: a drug's name the text also writes
                        # in lower case, "Carisbamate is an anti-seizure therapy … of carisbamate")
                        or not is_common_word(n.lower())
                    )
                ),
                key=len,
                reverse=True,
            )
            lower = lower_case_names("\n".join(x.text for x in said)) - set(self._defined)
            if lower:
                self._defined = sorted((*self._defined, *lower), key=len, reverse=True)
        return self._defined

    def _prefixed(self, s: Sentence) -> list[Mention]:
        """Names that carry the prefix of the release's product codes but no digit
        ("GEO-MVA" beside "GEO-CM04S1"): the company's naming, so its products."""
        if not self._prefixes_read:
            self._prefixes_read = True
            text = "\n".join(x.text for x in self.sentences if x.section != "fls")
            self._prefixes = frozenset(m.group(1) for m in _PREFIXED_CODE.finditer(text) if is_code(m.group(0)))
        if not self._prefixes:
            return []
        # (no match of another prefix's shape overlaps one of the release's: a prefix runs
        # from a word start to the name's only hyphen)
        found = [
            Mention(m.group(0), m.start()) for m in _PREFIXED_NAME.finditer(s.text) if m.group(1) in self._prefixes
        ]
        return self._without_non_products(found)

    def canonical(self, product: str) -> str:
        """Repair a product name cut by a spaced-out acronym ("S tudy of O PT-302" →
        "OPT-302"): a longer, at least as frequent name ending with this one wins."""
        cached = self._canon.get(product)
        if cached is not None:
            return cached
        best = product
        counts = self.counts
        for other, n in counts.most_common(50):
            longer = other != product and len(other) > len(best)
            if longer and other.endswith(product) and n >= counts[product]:
                best = other
        self._canon[product] = best
        return best

    def product_near(self, s: Sentence, back: int = 6, *, fallback: bool = True) -> str | None:
        """The product a sentence refers to without naming it: the next sentence of the
        same block, else the nearest earlier sentence naming one, else (``fallback``) the
        headline's, else the release's most mentioned product."""
        nxt = s.index + 1
        if nxt < len(self.sentences) and self.sentences[nxt].block == s.block:
            found = own_products(self.products_in(self.sentences[nxt]), self.sentences[nxt].text)
            if found:
                return found[0].text
        for i in range(s.index - 1, max(-1, s.index - 1 - back), -1):
            # (not a drug named there only as a comparator or a combination partner)
            found = own_products(self.products_in(self.sentences[i]), self.sentences[i].text)
            if found:
                return found[-1].text
        if not fallback:
            return None
        for other in self.sentences:
            if other.section == "headline":
                found = self.products_in(other)
                if found:
                    return found[0].text
        # the product the news names most: never one named only in an About section
        # (a company's lead product is not what an unnamed study of today's news tests)
        news = self.news_counts
        if news:
            return self.canonical(news.most_common(1)[0][0])
        # else the name the release defines as its product and says most in its news
        said = Counter(
            m.text
            for x in self.sentences
            if x.section in ("headline", "body", "recap")
            for m in _find_names(x, self.defined_names)
        )
        return said.most_common(1)[0][0] if said else None

    @property
    def news_counts(self) -> Counter[str]:
        """How often each product is named outside About sections, footers and
        forward-looking text (computed on first use)."""
        if self._news_counts is None:
            self._news_counts = self._named_in(("headline", "body", "recap"))
        return self._news_counts

    def agency_near(self, s: Sentence) -> str | None:
        """The nearest agency named in this or an earlier sentence."""
        for i in range(s.index, -1, -1):
            found = self.agencies_in(self.sentences[i])
            if found:
                return found[-1].text
        return None

    def agencies_in(self, s: Sentence) -> list[Mention]:
        found = self._agencies.get(s.index)
        if found is None:
            found = [] if s.section == "fls" else agencies(s.text)
            self._agencies[s.index] = found
        return found
