"""Topline readouts: a trial's results the release promises for a period (``expected``) or
reports (``reported``).  Pure: no I/O.

A sentence tells of a readout when it names a trial's results — "topline data", "interim
results", "a data readout", "the primary endpoint" — and either promises them ("are expected
in the first half of 2027", "on track to report", "will announce", "anticipated … in Q3") or
reports them ("announced positive topline results", "met its primary endpoint", "did not meet").
Never a readout: a company's financial results, preclinical or animal data, a conference
call about results, results "from" an earlier trial given as a reason ("based on the
results of the Phase 2 trial, …").

Reported results are news in the headline, in the release's opening or when the release
says "today"; elsewhere they are recalled (a history, an About section), as is anything
dated before the release or told as known ("previously reported").  A promise is news
wherever the release states it outside forward-looking statements and About sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context
from ir_feed.extract.products import listed_with, nearest, own_products, phases
from ir_feed.extract.sentences import LowerCased, Sentence, holds_any
from ir_feed.extract.windows import Timing, find_timings

__all__ = ["KEYWORDS", "TRIAL_WORDS", "Found", "find"]

_P = re.IGNORECASE

#: Words one of which a sentence holding a readout holds (the keyword pre-scan).
KEYWORDS = frozenset({"data", "results", "readout", "read-out", "read out", "topline", "top-line", "endpoint"})

# what a readout is of: a trial's results (never a data monitoring board)
_RESULTS = patterns.compile(
    r"\b(?:(?:top[\s-]?line|headline|interim|final|primary|initial|preliminary|early|clinical|efficacy|"
    r"key|pivotal|full|first)\s+)?(?:data(?!\s+(?:safety\s+)?monitor|\s+collection)(?:\s+read[\s-]?outs?)?"
    r"|results?|read[\s-]?outs?)\b",
    _P,
)
# an endpoint met or missed is a result told
_ENDPOINT = patterns.compile(
    r"\b(?:met|achieved|meets|achieves|did\s+not\s+(?:meet|achieve)|failed\s+to\s+(?:meet|achieve))\s+"
    r"(?:both\s+|all\s+|its\s+|the\s+|their\s+)?(?:co-)?(?:primary|key\s+secondary)\b",
    _P,
)
_TELL = r"(?:report|announce|release|present|share|disclose|provide|read\s+out|have|unveil|publish)"
# a promise of results: "expected", "on track to report", "will announce", "anticipates … data"
_EXPECTED = patterns.compile(
    r"\b(?:expected|anticipated|projected|planned|scheduled|slated|due|on\s+track|targeted|forthcoming|upcoming"
    r"|to\s+be\s+(?:reported|announced|released|presented|available|disclosed|shared)"
    r"|(?:expects?|anticipates?|plans?|intends?|aims?|set|poised|prepared)\s+(?:that\s+(?:\w+\s+){0,12}?)?to\s+"
    r"(?:\w+\s+and\s+)?" + _TELL +
    r"|will\s+(?:\w+\s+and\s+)?(?:" + _TELL + r"|be\s+(?:reported|announced|released|available|presented))"
    r"|look(?:s|ing)?\s+forward\s+to|coming\s+up"
    # a purpose: "our overarching goal is to report meaningful clinical data"
    r"|\b(?:goal|aim|objective|intention|priority)\s+(?:\w+\s+){0,2}?is\s+to\s+" + _TELL +
    r"|(?:expects?|anticipates?|plans?|intends?)\s+(?:\w+ing\s+and\s+)?(?:reporting|announcing|presenting|releasing"
    r"|sharing)"
    r"|\band\s+to\s+" + _TELL +
    r"|\b(?:we|company|it|they)\s+(?:now\s+|also\s+|still\s+|continue\s+to\s+)?(?:expects?|anticipates?)"
    # the results as the object: "Acme expects topline data from the Phase 2 trial in 2H 2026"
    r"|(?:expects?|anticipates?)\s+(?:the\s+|its\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:data|results|read[\s-]?outs?))\b",
    _P,
)
# results as a plan's second step: "on track to complete dosing by year-end and have data in 1H 2027"
_SECOND_STEP = patterns.compile(
    r"\b(?:on\s+track|expects?|plans?|intends?|anticipates?|will)\b[^.;]{1,120}?\band\s+"
    r"(?:have|report|present|announce|share|release)\s+(?:\w+[\s-]+){0,2}?(?:data|results)\b",
    _P,
)
# a milestone to come, listed as a task: "Report interim Phase 1/2 data for ACM-101 in 4Q 2026"
_TASK = patterns.compile(r"(?:^|[;:•·]\s*)[\W\d]*(?:report|announce|release|present|share|deliver|read\s+out)\s", _P)
# results told as reported: "announced positive topline results", "met its primary endpoint"
_REPORTED = patterns.compile(
    # (a verb, not its noun: "the reporting of topline results in June" is a milestone to come)
    r"\b(?:announc(?:e|es|ed)|report(?:s|ed)?|present(?:s|ed)|releas(?:e|es|ed)|shar(?:e|es|ed)|unveil(?:s|ed)?|"
    r"disclos(?:e|es|ed))\s+(?:\w+[\s-]+){0,6}?"
    r"(?:data(?!\s+(?:safety\s+)?monitor)|results?|read[\s-]?outs?)\b"
    r"|\b(?:positive|negative|encouraging|promising|favorable|statistically\s+significant)\s+(?:\w+[\s-]+){0,3}?"
    r"(?:data|results?|read[\s-]?outs?)\s+(?:from|of|in|for)\b",
    _P,
)
# what a trial's results are not
_NOT_A_TRIAL = patterns.compile(
    r"\b(?:financial|operating|fiscal|quarter(?:ly)?\s+results|results\s+of\s+operations|earnings|revenue"
    r"|pre-?clinical|non-?clinical|in\s+vivo|in\s+vitro|animal|mice|mouse|rats?\b|primates?|murine|canine"
    r"|(?:months|quarter|year|period|half[\s-]year)\s+ended|half[\s-]year(?:ly)?\s+(?:report|results)"
    r"|conference\s+call|(?:today['’]s|the|this)\s+call\b|webcast|dial[\s-]?in|replay|market\s+research|survey)",
    _P,
)
#: Words one of which a sentence telling of a trial's results holds.
TRIAL_WORDS = frozenset(
    {"trial", "stud", "phase", "cohort", "patient", "participant", "subject", "endpoint", "clinical",
     "topline", "top-line", "readout", "read-out", "read out", "efficacy"}
)  # fmt: skip
_TRIAL_WORD_LIST = tuple(sorted(TRIAL_WORDS))
# results, then (however far) the verb that promises them: "Topline results of the Phase 2
# trial, ACME-2, evaluating … are expected in Q1 2027"
_ARE_EXPECTED = patterns.compile(
    r"\b(?:are|is|remain|remains)\s+(?:now\s+|still\s+)?(?:expected|anticipated|planned|scheduled|on\s+track)\b", _P
)
# results given as the reason for something else: "based on the results of the Phase 2 trial"
_AS_A_REASON = patterns.compile(
    r"\b(?:based\s+on|following|after|given|supported\s+by|building\s+on|in\s+light\s+of|on\s+the\s+basis\s+of"
    r"|informed\s+by|encouraged\s+by|pending|depend\w*\s+on|subject\s+to|contingent\s+on)\s+(?:\w+[\s-]+){0,6}?"
    r"(?:data|results?|read[\s-]?outs?)\b"
    r"|\b(?:data|results?)\s+(?:required|needed|necessary)\b",
    _P,
)
_KNOWN = patterns.compile(
    r"\b(?:previously|earlier|recently|already)\s+(?:\w+\s+)?(?:reported|announced|presented|disclosed)\b"
    r"|^\W*recent\b|\bthe\s+recent\b"
    # results told again: "announced today updated results from an ongoing Phase 1 study"
    r"|\bupdated\s+(?:\w+\s+){0,2}?(?:data|results)\b",
    _P,
)
_TODAY = patterns.compile(r"\btoday\b", _P)


@dataclass(frozen=True, slots=True)
class Found:
    """A readout one sentence tells of."""

    product: str
    trial: str | None
    phase: str | None
    timing: Timing | None
    status: str  # expected | reported
    announced: bool
    body: bool
    evidence: str
    position: int


def _status(low: str) -> tuple[str, int] | None:
    """``expected`` or ``reported`` and where its cue stands; a promise outranks a report
    in the same sentence only when it comes first ("expects to report … data"), or when it
    is a task to come ("Report interim data … in 4Q 2026")."""
    met = _ENDPOINT_LOW.search(low)
    found = [m.span() for m in _RESULTS_LOW.finditer(low) if not _in_a_reason(low, m.start())]
    if not found:
        return ("reported", met.end()) if met else None
    task = _TASK_LOW.search(low)
    if task is not None:
        return "expected", task.end()
    promise = next(
        (m for m in _EXPECTED_LOW.finditer(low) if _near(m.span(), found) and not _OTHER_PLAN_LOW.match(low, m.end())),
        None,
    )
    if promise is None and (verb := _ARE_EXPECTED_LOW.search(low, found[0][1])) is not None:
        promise = verb
    if promise is None:
        promise = _SECOND_STEP_LOW.search(low)
    told = next((m for m in _REPORTED_LOW.finditer(low) if _near(m.span(), found)), None) or met
    if promise is not None and (told is None or promise.start() < told.start()):
        return "expected", promise.end()
    if told is not None:
        return "reported", told.end()
    return None


_REACH = 60  # characters between a cue and the results it is about
# a promise of something else than results: "on track to commence a Phase 3 study"
_OTHER_PLAN = patterns.compile(r"\s+to\s+(?:commence|initiat|start|begin|complet|enrol|submit|file|launch|dose)", _P)

# the same, for lowered text (see LowerCased)
_NOT_A_TRIAL_LOW = LowerCased(_NOT_A_TRIAL)
_RESULTS_LOW = LowerCased(_RESULTS)
_ENDPOINT_LOW = LowerCased(_ENDPOINT)
_EXPECTED_LOW = LowerCased(_EXPECTED)
_REPORTED_LOW = LowerCased(_REPORTED)
_TASK_LOW = LowerCased(_TASK)
_OTHER_PLAN_LOW = LowerCased(_OTHER_PLAN)
_SECOND_STEP_LOW = LowerCased(_SECOND_STEP)
_ARE_EXPECTED_LOW = LowerCased(_ARE_EXPECTED)
_AS_A_REASON_LOW = LowerCased(_AS_A_REASON)
_KNOWN_LOW = LowerCased(_KNOWN)


def _near(cue: tuple[int, int], results: list[tuple[int, int]]) -> bool:
    """The cue is about one of the results: it overlaps one, or one lies just before it
    ("topline data are expected") or just after it ("expects to report topline data")."""
    start, end = cue
    return any(
        (r_start < end and start < r_end) or 0 <= start - r_end <= _REACH or 0 <= r_start - end <= _REACH
        for r_start, r_end in results
    )


def _in_a_reason(low: str, at: int) -> bool:
    """Results named as the reason for what the sentence tells ("based on the results of
    the Phase 2 trial", "following KEYNOTE-689 results")."""
    return any(m.start() <= at < m.end() for m in _AS_A_REASON_LOW.finditer(low, max(0, at - 80), at + 40))


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The readout one sentence tells of (at most one)."""
    low = s.lower
    if s.section == "fls" or not s.has_any(KEYWORDS):
        return []
    if not holds_any(low, _TRIAL_WORD_LIST) and not _of_the_trial_before(ctx, s):
        return []
    if _NOT_A_TRIAL_LOW.search(low):
        return []
    hit = _status(low)
    if hit is None:
        return []
    status, cue = hit
    prods = own_products(ctx.products_in(s), s.text)
    mention = nearest(prods, cue)
    names = ctx.trial_names_in(s)
    if (
        mention is not None
        and _CODE_SHAPED.fullmatch(mention.text)
        and _NAMES_A_TRIAL.search(s.text, max(0, mention.start - 30), mention.start)
    ):
        # a code set right after the trial word names the trial: "top line data for the Phase 3
        # trial ACME-300 is expected" (the product is another, named or the release's)
        names = [mention, *(n for n in names if n.text != mention.text)]
        prods = [p for p in prods if p.text != mention.text]
        mention = nearest(prods, cue)
    product = mention.text if mention else ctx.product_near(s)
    if product is None:
        return []
    name = nearest(names, cue)
    phase = nearest(phases(s.text), cue)
    timings = find_timings(s.text, ctx.release)
    if status == "reported" and ctx.release is not None and any(
        t.window_start is not None and t.window_start > ctx.release and 0 <= t.start - cue <= _REACH for t in timings
    ):
        status = "expected"  # results "announced … in Q4 2026": a date to come is a promise
    timing = _timing(timings, cue, ctx, status)
    announced = _announced(ctx, s, status)
    # one readout per product of a list: "topline data from our ACM-101 and ACM-202 trials" …
    listed = [m.text for m in listed_with(prods, mention, s.text)] if mention else [product]
    if len(listed) > 1:
        told: list[tuple[str, str | None]] = [(one, None) for one in listed]
    else:
        # … and one per trial of a list of one product's trials: "The HALO and HALO-Kids studies
        # are fully recruited, with topline results anticipated in the first half of 2021"
        trials: list[str | None] = [m.text for m in listed_with(names, name, s.text)] if name else [None]
        told = [(product, one) for one in trials]
    return [
        Found(
            product=one,
            trial=trial,
            phase=phase.text if phase else None,
            timing=timing,
            status=status,
            announced=announced,
            body=s.is_body,
            evidence=s.quote,
            position=s.index,
        )
        for one, trial in told
    ]


# a trial word right before a name: "the Phase 3 Efficacy trial ACME-300"
_NAMES_A_TRIAL = patterns.compile(r"\b(?:trial|study)\s+$", _P)
# (a code, not an INN: "In a Phase 2a study zentaglurant met its primary endpoint")
_CODE_SHAPED = patterns.compile(r"[A-Z][A-Za-z]*-?\d[\w-]*")


def _timing(timings: list[Timing], cue: int, ctx: Context, status: str) -> Timing | None:
    """A promise's timing: the first after its cue (else the last before it) whose window
    ends after the release — results are never promised for a period already over, nor
    for the release's own day (its dateline)."""
    if status == "reported":
        return None
    if ctx.release is not None:
        timings = [t for t in timings if t.window_end is None or t.window_end > ctx.release]
    later = [t for t in timings if t.start >= cue]
    return later[0] if later else (timings[-1] if timings else None)


def _announced(ctx: Context, s: Sentence, status: str) -> bool:
    if s.section == "background":
        return False
    if status == "expected":  # (a promise restated, "as previously indicated", is still one)
        return True
    if _KNOWN_LOW.search(s.lower) or ctx.recalled(s) or ctx.dated_before(s, 0, len(s.text)):
        return False
    return s.section == "headline" or s in ctx.lead or bool(_TODAY.search(s.lower)) or ctx.periodic_report


# results promised with no trial named, the subject of their sentence: "Preliminary results
# are expected in the second half of 2027" after a sentence about the study
_RESULTS_EXPECTED = patterns.compile(
    r"^\W*(?:(?:top[\s-]?line|interim|final|initial|preliminary|first|full)\s+)?(?:data|results)\s+"
    r"(?:are|is)\s+(?:now\s+|still\s+)?(?:expected|anticipated|planned|scheduled)\b"
)


def _of_the_trial_before(ctx: Context, s: Sentence) -> bool:
    """A sentence naming no trial tells of the trial its paragraph's previous sentence names,
    when its subject is results promised ("Preliminary results are expected in 2H 2027")."""
    if s.index == 0 or not _RESULTS_EXPECTED.match(s.lower):
        return False
    before = ctx.sentences[s.index - 1]
    return before.block == s.block and holds_any(before.lower, _TRIAL_WORD_LIST) and not _NOT_A_TRIAL.search(
        before.lower
    )
