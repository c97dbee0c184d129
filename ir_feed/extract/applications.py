"""Marketing applications: an NDA, BLA, MAA, NDS … submitted or accepted for review, with
priority review or not and the target action (PDUFA) date.  Pure: no I/O.

A sentence tells of an application when it names one ("New Drug Application", "sBLA",
"Marketing Authorisation Application") or its review clock ("PDUFA date", "target action
date"), and says it was accepted (accepted for filing or review, validated, under review,
a PDUFA date assigned, set or extended) or submitted (submitted, filed, the rolling
submission completed).  A plan to submit is no application yet; an approval of one is an
approval (another kind).  The regulator is the one the sentence names, else the one the
application's name implies (NDA, BLA, PDUFA: FDA; MAA: EMA; NDS: Health Canada); one
finding per regulator named ("the FDA and the EMA accepted the BLA and the MAA").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context
from ir_feed.extract.products import nearest, own_products
from ir_feed.extract.sentences import LowerCased, Sentence, holds_any, may_match
from ir_feed.extract.windows import Timing, find_timings

__all__ = ["KEYWORDS", "RELEASE_WORDS", "Found", "find"]

_P = re.IGNORECASE

#: Words one of which a sentence telling of an application holds (the keyword pre-scan).
KEYWORDS = frozenset({"application", "nda", "snda", "bla", "sbla", "maa", "anda", "pdufa", "action date", "goal date",
                      "nds", "new drug submission"})
#: The same, as the release-level pre-check reads them.
RELEASE_WORDS = frozenset({"application", "pdufa", "action date", "goal date", "nda", "bla", "maa", "nds",
                           "new drug submission"})
_HINTS = tuple(sorted(KEYWORDS))

# an application named in words, or by its acronym (as written: upper case)
_NAMED = patterns.compile(
    r"\b(?<!investigational\s)(?:supplemental\s+)?(?:new\s+drug|biologics?\s+licen[cs]e|abbreviated\s+new\s+drug|marketing\s+"
    r"authori[sz]ation)\s+applications?\b|\b(?:supplemental\s+)?new\s+drug\s+submissions?\b",
    _P,
)
_ACRONYM = patterns.compile(r"\b(s?NDA|s?BLA|ANDA|MAA|s?NDS|J-NDA)s?\b")
_ACRONYM_PARTS = ("NDA", "BLA", "MAA", "NDS")  # (every match of _ACRONYM holds one)
_CLOCK = patterns.compile(r"\b(?:pdufa|target\s+action\s+date|action\s+date|goal\s+date)\b", _P)
_ACCEPTED = patterns.compile(
    r"\b(?:accept(?:ed|s|ance)|validat(?:ed|es|ion)|under\s+(?:priority\s+|standard\s+)?review|"
    r"(?:assign\w*|set|established?|extend\w*|granted)\s+(?:\w+\s+){0,4}?(?:pdufa|target\s+action|action|goal)\s+date|"
    r"(?:pdufa|target\s+action|action|goal)\s+date\s+(?:of|is|was|has\s+been|for|to|set)\b|"
    r"(?:pdufa|target\s+action|action|goal)\s+date\b)",
    _P,
)
_SUBMITTED = patterns.compile(
    r"\b(?:submitted(?!\s+(?:with|in\s+support|as\s+part))|submits|filed|files|submission\s+of|"
    r"completed\s+(?:the\s+|its\s+)?(?:rolling\s+)?submission)\b",
    _P,
)
# a submission still to come, or begun only, is no application yet
_PLANNED = patterns.compile(
    r"\b(?:(?:plans?|intends?|expects?|anticipates?|aims?|prepar\w+)\s+to\s+(?:submit|file)|will\s+(?:submit|file)|"
    r"on\s+track\s+to\s+(?:submit|file)|to\s+be\s+(?:submitted|filed)|(?:initiat|start|began|begun)\w*\s+(?:a|the|its)\s+"
    r"rolling|rolling\s+submission\s+(?:of|for)\b|planned\s+(?:submission|filing)|sections?\s+of\s+(?:the|its|an?)\s+|"
    r"(?:potential|possible|early|eventual|future)\s+(?:\w+\s+)?(?:submission|filing)|rolling\s+review)",
    _P,
)
# a regulatory term read as a name is no product: "accepted … the Complete Response for X"
_NOT_A_PRODUCT = patterns.compile(r"^(?:complete\s+response|review|priority\s+review|resubmission|application)$", _P)
_REACH = 80  # characters between a status cue and the application it is about
# the product an application is for, by position: "the NDA for acmezumab", "the Acmerin NDA"
_FOR_PRODUCT = patterns.compile(
    r"(?:applications?|\b(?:s?NDA|s?BLA|MAA|s?NDS)s?\b|resubmission|submission)(?:\s*\([^)]{1,12}\))?"
    r"\s+(?:for|of)\s+(?:its\s+|the\s+|our\s+)?([A-Za-z][\w-]*[\w](?:\s*[®™])?)"
)
_PRODUCT_BEFORE = patterns.compile(r"\b([A-Z][\w-]*\w)(?:\s*[®™])?\s+(?:s?NDA|s?BLA|MAA|s?NDS)\b")
_NO_NAME = frozenset({
    "the", "its", "a", "an", "treatment", "prevention", "approval", "review", "marketing", "accelerated", "priority",
    "full", "use", "patients", "adults", "children", "our", "their", "this", "that", "fda", "ema", "company", "u.s.",
    "us", "new", "supplemental", "with", "in", "which", "filing",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})  # fmt: skip
# an application named as the matter of an advisory committee's meeting (that kind's rules read
# the sentence)
_ANOTHER_EVENT = patterns.compile(r"\badvisory\s+committee", _P)
_COUNTRY = (("china", "NMPA"), ("japan", "PMDA"), ("europe", "EMA"), ("canada", "Health Canada"))
_APPROVED = patterns.compile(r"\bapprov(?:ed|es|al)\b", _P)
_PRIORITY = patterns.compile(r"\b(?:priority\s+review|accelerated\s+assessment)\b", _P)
_NOT_PRIORITY = patterns.compile(
    r"\b(?:eligib\w+|request\w*|may|could|potential(?:ly)?)\s+(?:\w+\s+){0,3}?priority\b", _P)
_STANDARD = patterns.compile(r"\bstandard\s+review\b", _P)
_INDICATION = patterns.compile(r"\bfor\s+(?:the\s+)?(?:treatment|prevention)\s+of\s+([^,.;()]{3,120})", _P)
_KNOWN = patterns.compile(
    r"\b(?:previously|earlier|already)\s+(?:\w+\s+)?(?:submitted|filed|accepted|announced)\b|"
    r"\bfollow\w*\s+(?:the\s+)?(?:fda['’]s\s+)?(?:acceptance|submission|filing)\b",
    _P,
)
# the regulator an application's name implies
_IMPLIED = {"NDA": "FDA", "BLA": "FDA", "ANDA": "FDA", "SNDA": "FDA", "SBLA": "FDA", "MAA": "EMA",
            "NDS": "Health Canada", "SNDS": "Health Canada", "J-NDA": "PMDA"}  # fmt: skip
_WORDS_IMPLIED = (("marketing author", "EMA"), ("new drug submission", "Health Canada"))

# the same, for lowered text (see LowerCased)
_ACCEPTED_LOW = LowerCased(_ACCEPTED)
_SUBMITTED_LOW = LowerCased(_SUBMITTED)
_PLANNED_LOW = LowerCased(_PLANNED)
_CLOCK_LOW = LowerCased(_CLOCK)


@dataclass(frozen=True, slots=True)
class Found:
    """An application one sentence tells of, for one regulator."""

    agency: str
    application: str | None
    product: str
    indication: str | None
    priority_review: bool | None
    timing: Timing | None
    status: str  # submitted | accepted
    announced: bool
    body: bool
    evidence: str
    position: int


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The applications one sentence tells of (one per regulator it names)."""
    low = s.lower
    if s.section == "fls" or not holds_any(low, _HINTS):
        return []
    # (each pattern only where the words every match spells occur: see may_match)
    if may_match(low, "advisory") and _ANOTHER_EVENT.search(s.text):
        return []
    named = _NAMED.search(s.text) if may_match(low, "application") or may_match(low, "submission") else None
    found = list(_ACRONYM.finditer(s.text)) if holds_any(s.text, _ACRONYM_PARTS) else []
    acronyms = [m.group(1) for m in found]
    clock = _CLOCK_LOW.search(low) if "pdufa" in low or "date" in low or not low.isascii() else None
    if named is None and not acronyms and clock is None:
        return []
    spans = [m.span() for m in (named, clock, *found) if m is not None]
    accepted = next((m for m in _ACCEPTED_LOW.finditer(low) if _near(m.span(), spans)), None)
    submitted = next((m for m in _SUBMITTED_LOW.finditer(low) if _near(m.span(), spans)), None)
    completed = submitted is not None and low.startswith("completed", submitted.start())
    if accepted is None and (submitted is None or (_PLANNED_LOW.search(low) and not completed)):
        return []  # nothing happened to it yet: a plan to submit, a rolling submission begun
    if accepted is None and (_APPROVED.search(low) or "complete response" in low):
        return []  # an application approved, or answered by a CRL: that decision is the news
    timings = find_timings(s.text, ctx.release)
    if (
        accepted is None
        and submitted is not None
        and ctx.release is not None
        and low.startswith("submission", submitted.start())
        and any(t.start > submitted.start() and t.window_start and t.window_start > ctx.release for t in timings)
    ):
        # a submission dated ahead of the release is a plan: "focusing on the submission of
        # the NDA to the FDA in the first quarter of 2018" (in an August 2017 release)
        return []
    status = "accepted" if accepted is not None else "submitted"
    cue = (accepted or submitted).start()  # type: ignore[union-attr]
    prods = [m for m in own_products(ctx.products_in(s), s.text) if not _NOT_A_PRODUCT.match(m.text)]
    mention = nearest(prods, cue)
    product = mention.text if mention else (_positioned(s.text) or ctx.product_near(s))
    if product is None or _NOT_A_PRODUCT.match(product):
        return []
    # (an acronym as written: "sNDA", "BLA", "J-NDA")
    kinds: list[str | None] = list(acronyms) or [_named_kind(m.group(0)) for m in _NAMED.finditer(s.text)]
    agencies = [m.text for m in ctx.agencies_in(s)] or [_implied(ctx, s, kinds, named.group(0) if named else "")]
    priority = None if _NOT_PRIORITY.search(low) else (True if _PRIORITY.search(low) else None)
    if _STANDARD.search(low):
        priority = False
    indication = _INDICATION.search(s.text)
    timing = _target(timings, clock.start() if clock else None)
    announced = _announced(ctx, s)
    out = []
    for i, agency in enumerate(dict.fromkeys(agencies)):
        # (two regulators, two applications named in the same order: "the FDA and the EMA
        # accepted the BLA and the MAA")
        kind = kinds[i] if len(kinds) == len(agencies) else (kinds[0] if len(set(kinds)) == 1 else None)
        out.append(
            Found(
                agency=agency,
                application=kind,
                product=product,
                indication=indication.group(1).strip() if indication else None,
                priority_review=priority,
                timing=timing if agency in ("FDA", agencies[0]) else None,
                status=status,
                announced=announced,
                body=s.is_body,
                evidence=s.quote,
                position=s.index,
            )
        )
    return out


def _named_kind(words: str) -> str | None:
    low = " ".join(words.lower().split())
    supplemental = low.startswith("supplemental")
    for needle, code in (("new drug submission", "NDS"), ("abbreviated new drug", "ANDA"), ("new drug", "NDA"),
                         ("biologic", "BLA"), ("marketing author", "MAA")):  # fmt: skip
        if needle in low:
            return ("s" + code) if supplemental and code in ("NDA", "BLA", "NDS") else code
    return None


def _names_an_application(text: str) -> bool:
    return _NAMED.search(text) is not None or _ACRONYM.search(text) is not None or _CLOCK.search(text) is not None


def _positioned(text: str) -> str | None:
    """The product an application names by position when no name has a product's shape."""
    for pattern in (_FOR_PRODUCT, _PRODUCT_BEFORE):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name.lower() not in _NO_NAME and not _NOT_A_PRODUCT.match(name):
                return name
    return None


def _near(cue: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """The status cue is about one of the application's mentions (within :data:`_REACH`)."""
    start, end = cue
    return any((a < end and start < b) or 0 <= start - b <= _REACH or 0 <= a - end <= _REACH for a, b in spans)


def _implied(ctx: Context, s: Sentence, kinds: list[str | None], words: str) -> str:
    """The regulator of an application whose sentence names none: the country it names
    ("accepted in China"), else the application's own ("NDA": FDA), else the regulator the
    release named last before it."""
    low = s.lower
    for country, agency in _COUNTRY:
        if f"in {country}" in low:
            return agency
    for kind in kinds:
        if kind and kind.upper() in _IMPLIED:
            return _IMPLIED[kind.upper()]
    named = words.lower()
    implied = next((agency for needle, agency in _WORDS_IMPLIED if needle in named), None)
    return implied or ctx.agency_near(s) or "FDA"


def _target(timings: list[Timing], clock: int | None) -> Timing | None:
    """The target action date: the first date after the review clock's name (else none)."""
    if clock is None:
        return None
    later = [t for t in timings if t.start >= clock and t.window_start is not None]
    return later[0] if later else None


def _announced(ctx: Context, s: Sentence) -> bool:
    """News where the release leads with an application (its headline or dateline paragraph
    names one), or in that opening itself; a body sentence of a release whose news is another
    (an advisory committee's meeting, a financing) restates what is known."""
    if s.section == "background":
        return False
    opening = ctx.opening
    if s not in opening and not any(
        _names_an_application(x.text) and not _ANOTHER_EVENT.search(x.text) for x in opening
    ):
        return False
    return not (_KNOWN.search(s.lower) or ctx.recalled(s) or ctx.dated_before(s, 0, len(s.text)))
