"""Complete Response Letters: the FDA declines an application as it stands (the EMA's CHMP:
a negative opinion), with the reason the release gives.  Pure: no I/O.

A sentence tells of one when it names a Complete Response Letter (a "CRL", or "issued a
complete response") or a negative CHMP opinion, received or issued.  An oncology trial's
"complete response" (a tumour's) is none; a letter told as the past of a resubmission ("in
response to the CRL", "addressed the CRL", "a resubmission following the CRL") is recalled.
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

#: Words one of which a sentence telling of a CRL holds (the keyword pre-scan).
KEYWORDS = frozenset({"complete response", "crl", "negative opinion"})

_CRL = patterns.compile(
    r"\bcomplete\s+response\s+letter|\bCRL\b|\bissu\w+\s+(?:a\s+)?complete\s+response\b|\bnegative\s+opinion\b", _P
)
_TOLD = patterns.compile(r"\b(?:receiv\w*|issu\w*|announc\w*|sent|has\s+(?:been\s+)?given|adopted)\b", _P)
# the letter as the past of what the release tells: a resubmission, its answer
_PAST = patterns.compile(
    r"\b(?:in\s+response\s+to|respon\w+\s+to|address\w*|following|after|resubmi\w*|requested\s+by|previously|"
    r"earlier|prior)\b",
    _P,
)
_REASONS = (
    ("manufacturing", patterns.compile(r"\b(?:manufactur\w*|cmc|facilit\w+|inspection|third[\s-]party)\b", _P)),
    ("safety", patterns.compile(r"\bsafety\b", _P)),
    ("clinical", patterns.compile(
        r"\b(?:additional\s+(?:clinical\s+)?(?:trial|study|data)|efficacy|clinical\s+data)\b", _P)),
    ("labeling", patterns.compile(r"\blabel\w*\b", _P)),
)


# the product a letter is for, by position: "a CRL … regarding its NDA for X", "CRL for X"
_FOR_PRODUCT = patterns.compile(
    r"(?:letter|\bCRL\b)\s*(?:\([^)]{1,10}\)\s*)?(?:\s*from\s+(?:the\s+)?[\w.\s()]{2,60}?)?\s+(?:for|regarding|on)\s+"
    r"(?:its\s+|the\s+|their\s+)?(?:(?:new\s+drug|biologics\s+licen[cs]e)\s+application\s*(?:\([^)]{1,10}\)\s*)?|"
    r"(?:s?NDA|s?BLA)\s+)?(?:for\s+)?(?!(?:the|its|our|a|an|their)\b)([A-Z][\w-]*\w(?:\s+[A-Z][\w-]*\w){0,2})",
    _P,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A Complete Response Letter one sentence tells of."""

    agency: str
    product: str
    reason: str | None
    announced: bool
    body: bool
    evidence: str
    position: int


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The CRL one sentence tells of (at most one)."""
    low = s.lower
    if s.section == "fls" or not ("complete response" in low or "crl" in low or "negative opinion" in low):
        return []
    crl = _CRL.search(s.text)
    if crl is None:
        return []
    negative = "negative opinion" in crl.group(0).lower()
    agency = "EMA" if negative else (next((m.text for m in ctx.agencies_in(s)), None) or "FDA")
    prods = own_products(ctx.products_in(s), s.text)
    # the product the letter is for: one named just after it, else by position ("a CRL … for
    # its NDA for X"), else the nearest named (not a dateline's city far before it)
    after = [m for m in prods if 0 <= m.start - crl.end() <= 120]
    positioned = _FOR_PRODUCT.search(s.text, crl.start())
    mention = after[0] if after else (None if positioned else nearest(prods, crl.end()))
    product = mention.text if mention else (positioned.group(1) if positioned else ctx.product_near(s))
    if product is None:
        return []
    told = _TOLD.search(low)
    past = _PAST.search(low, max(0, crl.start() - 60), crl.start())
    reason = next((name for name, pattern in _REASONS if pattern.search(low)), None)
    announced = told is not None and past is None and ctx.told_as_news(s)
    return [Found(agency, product, reason, announced, s.is_body, s.quote, s.index)]
