"""Clinical holds: a regulator stops a product's trials, part of them, or lets them resume.
Pure: no I/O.

A sentence tells of a hold when it names a clinical hold (or a hold on an IND or a trial) and
says it was placed ("placed", "imposed", "issued", "put on", "is on clinical hold"), that it
is partial ("partial clinical hold"), or that it was lifted ("lifted", "removed", "released",
"may resume").  A hold the company sets on its own trials ("voluntarily paused") is none, nor
one only feared ("could place", "risk of").  A hold lifted is news with the hold it ends told
as its background ("lifted the clinical hold previously placed …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context
from ir_feed.extract.products import nearest, own_products
from ir_feed.extract.sentences import Sentence

__all__ = ["KEYWORDS", "Found", "find"]

_P = re.IGNORECASE

#: Words one of which a sentence telling of a hold holds (the keyword pre-scan).
KEYWORDS = frozenset({"clinical hold", "partial hold", "full hold", "on hold"})

_HOLD = patterns.compile(r"\b(?:(?:partial|full|complete)\s+)?(?:clinical\s+)?hold\b", _P)
_LIFTED = patterns.compile(
    r"\b(?:lift(?:ed|s|ing)?|remov(?:ed|es|al|ing)|releas(?:ed|es)\s+(?:\w+\s+){0,3}?from|resolv(?:ed|es)|"
    r"(?:may|can|to)\s+resume|no\s+longer\s+on)\b",
    _P,
)
_PLACED = patterns.compile(
    r"\b(?:plac(?:ed|es|ing)|impos(?:ed|es|ing)|issu(?:ed|es)|put|puts|(?:is|are|was|were|remains?|been)\s+on|"
    r"received\s+(?:\w+\s+){0,3}?notice|notified|announc\w*|reports?|informed)\b",
    _P,
)
# a lifting still to come: "until the partial clinical hold is resolved", "before removed"
_NOT_YET = patterns.compile(r"\b(?:until|before|once|if|when|pending|unless|seek\w*|request\w*|aim\w*)\b", _P)
# the product a hold is on, by position: "Clinical Hold on Acmerin", "Hold Affecting the ACMX"
_ON_PRODUCT = patterns.compile(
    r"\bhold\s+(?:on|of|affecting|for)\s+(?:the\s+|its\s+|our\s+)?"
    r"(?!(?:this|that|these|those|all|each|both|any|further|new|clinical|patients?|enrol\w*|dosing)\b)([A-Z][\w-]*\w)",
    _P,
)
_PARTIAL = patterns.compile(r"\bpartial\s+(?:clinical\s+)?hold\b", _P)
# a hold no regulator set, or one only feared
_NOT_A_HOLD = patterns.compile(
    r"\b(?:voluntar\w*|self-imposed|could|may\s+place|might|risk\s+of|if\s+the\s+fda|no\s+clinical\s+hold|"
    r"without\s+(?:a\s+)?clinical\s+hold|avoid\w*)\b",
    _P,
)
_KNOWN = patterns.compile(
    r"\b(?:previously|earlier|had\s+been|was\s+placed\s+on\s+\w+\s+\d|as\s+(?:announced|reported|disclosed)\s+(?:on|in)\b)",
    _P,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A hold one sentence tells of."""

    agency: str
    product: str
    trial: str | None
    status: str  # partial | placed | lifted
    announced: bool
    body: bool
    evidence: str
    position: int


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The hold one sentence tells of (at most one)."""
    low = s.lower
    if s.section == "fls" or "hold" not in low:
        return []
    hold = _HOLD.search(s.text)
    if hold is None or ("clinical" not in hold.group(0).lower() and not _partial_or_full(hold.group(0))):
        return []
    window = low[max(0, hold.start() - 90) : hold.end() + 60]
    if _NOT_A_HOLD.search(window):
        return []
    lifted = _LIFTED.search(window)
    if lifted is not None and _NOT_YET.search(window, max(0, lifted.start() - 60), lifted.start()):
        lifted = None  # "no new patients until the hold is resolved": still on hold
    placed = _PLACED.search(window)
    partial = _PARTIAL.search(low)
    if lifted is None and placed is None and partial is None:
        return []
    status = "lifted" if lifted is not None else ("partial" if partial else "placed")
    prods = own_products(ctx.products_in(s), s.text)
    after = [m for m in prods if m.start >= hold.end()]  # (the hold is on what follows it)
    mention = after[0] if after and after[0].start - hold.end() < 80 else nearest(prods, hold.start())
    positioned = _ON_PRODUCT.search(s.text, hold.start())
    product = mention.text if mention else (positioned.group(1) if positioned else ctx.product_near(s))
    if product is None:
        return []
    names = ctx.trial_names_in(s)
    name = nearest(names, hold.start())
    agency = next((m.text for m in ctx.agencies_in(s)), None) or ctx.agency_near(s) or "FDA"
    announced = (
        s.section != "background"
        and (status == "lifted" or ctx.in_the_news(s))
        and not (_KNOWN.search(low) and status != "lifted")
        and not ctx.dated_before(s, hold.start(), hold.end())  # (the hold's own clause)
    )
    return [
        Found(
            agency=agency,
            product=product,
            trial=name.text if name else None,
            status=status,
            announced=announced,
            body=s.is_body,
            evidence=s.quote,
            position=s.index,
        )
    ]


def _partial_or_full(said: str) -> bool:
    return said.lower().split()[0] in ("partial", "full", "complete")
