"""Advisory committee meetings on a product: scheduled (with its date), the vote for or
against, or the meeting cancelled.  Pure: no I/O.

A sentence tells of one when it names an advisory committee (an FDA "… Advisory Committee",
ODAC, "AdCom") and says it will meet or review, is scheduled or planned for a date, voted
("voted 8 to 6 in support of", "voted favorably", "voted against"), or was cancelled.  "No
advisory committee meeting is planned" is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context
from ir_feed.extract.products import nearest, own_products
from ir_feed.extract.sentences import Sentence
from ir_feed.extract.windows import Timing, find_timings

__all__ = ["KEYWORDS", "Found", "find"]

_P = re.IGNORECASE

#: Words one of which a sentence telling of a meeting holds (the keyword pre-scan).
KEYWORDS = frozenset({"advisory committee", "adcom", "odac"})

_COMMITTEE = patterns.compile(
    r"\b(?:[A-Z][\w,&-]*\s+){0,8}?(?:Drugs?\s+)?Advisory\s+Committees?(?:\s*\((?:[A-Z]{2,8})\))?|\bODAC\b|\bAdCom\b|"
    r"\badvisory\s+committee\b",
    _P,
)
_VOTED_FOR = patterns.compile(
    r"\bvot\w*\s+(?:\w+\s+){0,4}?(?:favou?rabl\w*|in\s+(?:favou?r|support)|to\s+(?:support|recommend)|unanimously|yes)|"
    r"\bvoted\s+\d+\s*(?:-|to)\s*\d+\s+(?:in\s+(?:favou?r|support)|that)|\bpositive\s+vote\b|\brecommended\s+approval\b",
    _P,
)
_VOTED_AGAINST = patterns.compile(
    r"\bvot\w*\s+(?:\w+\s+){0,4}?against|\bnegative\s+vote\b|\bdid\s+not\s+(?:support|recommend)\b|"
    r"\bvoted\s+\d+\s*(?:-|to)\s*\d+\s+against\b|"
    # a vote on a question answered no: "voted 8 to 4 that the benefits … do not outweigh its risks"
    r"\bvoted\s+\d+\s*(?:-|to)\s*\d+\s+that\b[^.;]{0,160}?\b(?:do|does|did|were|was|is|are)\s+not\b",
    _P,
)
_CANCELLED = patterns.compile(r"\bcancel\w*\b|\bno\s+longer\s+(?:plans?|planning|scheduled)\b|\bpostpon\w*\b", _P)
_SCHEDULED = patterns.compile(
    r"\b(?:scheduled|will\s+(?:meet|convene|review|discuss)|to\s+(?:meet|convene|review|discuss)|planned|"
    r"tentatively|is\s+expected\s+to\s+(?:meet|review)|meeting\s+(?:on|date)|invited)\b",
    _P,
)
_NONE_PLANNED = patterns.compile(r"\b(?:no|not)\s+(?:\w+\s+){0,4}?(?:planning|plan|planned|required|necessary)\b", _P)


@dataclass(frozen=True, slots=True)
class Found:
    """An advisory committee meeting one sentence tells of."""

    agency: str
    committee: str | None
    product: str
    timing: Timing | None
    status: str  # scheduled | voted_for | voted_against | cancelled
    announced: bool
    body: bool
    evidence: str
    position: int


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The meeting one sentence tells of (at most one)."""
    low = s.lower
    if s.section == "fls" or not ("advisory committee" in low or "adcom" in low or "odac" in low):
        return []
    committee = _COMMITTEE.search(s.text)
    if committee is None or _NONE_PLANNED.search(low):
        return []
    status = (
        "voted_against" if _VOTED_AGAINST.search(low)
        else "voted_for" if _VOTED_FOR.search(low)
        else "cancelled" if _CANCELLED.search(low)
        else "scheduled" if _SCHEDULED.search(low)
        else None
    )  # fmt: skip
    if status is None:
        return []
    prods = own_products(ctx.products_in(s), s.text)
    mention = nearest(prods, committee.end())
    product = mention.text if mention else ctx.product_near(s)
    if product is None:
        return []
    agency = next((m.text for m in ctx.agencies_in(s)), None) or "FDA"
    # (the meeting's date follows its committee's name: not the dateline's)
    timings = [
        t for t in find_timings(s.text, ctx.release) if t.window_start is not None and t.start >= committee.start()
    ]
    timing = timings[0] if timings and status in ("scheduled", "cancelled") else None
    name = committee.group(0).strip()
    # (a meeting whose own date is past was held: "points raised at the Advisory Committee
    # meeting on May 6, 2021" in a July release schedules nothing)
    held = (
        status == "scheduled" and timing is not None and ctx.release is not None
        and timing.window_end is not None and timing.window_end < ctx.release
    )  # fmt: skip
    announced = (
        s.section != "background"
        and (status == "scheduled" or ctx.in_the_news(s))
        and not held
        and not (ctx.recalled(s) or (status != "scheduled" and ctx.dated_before(s, 0, len(s.text))))
    )
    return [
        Found(
            agency=agency,
            committee=None if name.lower() in ("advisory committee", "the advisory committee") else name,
            product=product,
            timing=timing,
            status=status,
            announced=announced,
            body=s.is_body,
            evidence=s.quote,
            position=s.index,
        )
    ]
