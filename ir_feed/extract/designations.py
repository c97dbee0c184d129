"""Regulatory designations: vocabulary, status cues, product and indication.

A designation is emitted only when a sentence (outside forward-looking text)
names a designation from the vocabulary, a product, and a status cue:

* planned — "plans to seek", "intends to apply for", "will request" (before it);
* applied — "applied for", "submitted a request", "filed an application";
* positive_opinion — "positive opinion", "recommended granting";
* granted — "granted", "received", "awarded", "obtained", "approved its request",
  "FDA-designated".

Definitions ("Fast Track designation is designed to …"), eligibility ("eligible for
Priority Review"), hypotheticals ("may be granted a Priority Review Voucher") and
vouchers or pathways are not designations.  One event per (agency, kind, product,
indication): a list of indications introduced by ":" gives one event per item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed.extract.context import Context, is_hypothetical, is_recalled
from ir_feed.extract.products import nearest
from ir_feed.extract.sentences import Sentence

_P = re.IGNORECASE
VOCABULARY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fast_track", re.compile(r"\bfast[\s-]track(?:ed)?\s+(?:designation|status)s?\b|\(FTDs?\)", _P)),
    ("breakthrough_device", re.compile(r"\bbreakthrough\s+device(?:\s+designation)?s?\b", _P)),
    ("breakthrough_therapy", re.compile(
        r"\bbreakthrough\s+therapy(?:\s+designation)?s?\b|\bBTD\b", _P)),
    ("orphan_drug", re.compile(
        r"\borphan[\s-](?:drug|medicinal\s+product)?\s*(?:designation|status)s?\b|\bODD\b", _P)),
    ("rare_pediatric_disease", re.compile(
        r"\brare\s+pa?ediatric\s+disease\s+designations?\b|\bRPDD\b", _P)),
    ("rmat", re.compile(r"\bregenerative\s+medicine\s+advanced\s+therapy\b|\bRMAT\b", _P)),
    ("prime", re.compile(r"\bPRIME\b|\bPRIority\s+MEdicines\b")),
    ("priority_review", re.compile(r"\bpriority\s+review(?!\s+vouchers?)(?:\s+designation)?\b", _P)),
    ("accelerated_approval", re.compile(
        r"\baccelerated\s+approval(?!\s+(?:pathway|path|program|route))\b", _P)),
    ("qidp", re.compile(r"\bqualified\s+infectious\s+disease\s+product\b|\bQIDP\b", _P)),
    ("ilap", re.compile(r"\binnovation\s+passport\b", _P)),
    ("sakigake", re.compile(r"\bsakigake\b", _P)),
)  # fmt: skip

_ANY = (
    "fast",
    "breakthrough",
    "orphan",
    "pediatric",
    "paediatric",
    "rmat",
    "regenerative",
    "priority",
    "accelerated",
    "qidp",
    "qualified infectious",
    "passport",
    "sakigake",
)
_ANY_CASED = ("PRIME", "PRIority", "FTD", "BTD", "ODD", "RPDD")

_HINTS: dict[str, tuple[str, ...]] = {
    "fast_track": ("fast", "ftd"), "breakthrough_device": ("breakthrough",),
    "breakthrough_therapy": ("breakthrough", "btd"), "orphan_drug": ("orphan", "odd"),
    "rare_pediatric_disease": ("pediatric", "paediatric", "rpdd"),
    "rmat": ("rmat", "regenerative"), "prime": ("prime", "priority medicines"),
    "priority_review": ("priority",), "accelerated_approval": ("accelerated",),
    "qidp": ("qidp", "qualified infectious"), "ilap": ("passport",), "sakigake": ("sakigake",),
}  # fmt: skip

# Kinds that only one agency grants; others may come from any agency.
_ONLY_AGENCY = {
    "fast_track": "FDA", "breakthrough_therapy": "FDA", "breakthrough_device": "FDA",
    "rare_pediatric_disease": "FDA", "rmat": "FDA", "qidp": "FDA", "priority_review": "FDA",
    "accelerated_approval": "FDA", "prime": "EMA", "ilap": "MHRA", "sakigake": "PMDA",
}  # fmt: skip
# Kinds that are only designations when "granted" with a strong verb (not mere mention).
_STRICT = frozenset({"priority_review", "accelerated_approval"})

_PLANNED = re.compile(
    r"\b(?:plans?|planning|intends?|intending|expects?|anticipates?|will|aims?|to)\s+"
    r"(?:to\s+)?(?:seek|apply|submit|request|file|pursue)\w*\b",
    _P,
)
_APPLIED = re.compile(
    r"\b(?:applied\s+for|(?:submitted|filed)\s+(?:an?\s+|its\s+|the\s+)?(?:request|application)|"
    r"requested)\b",
    _P,
)
_OPINION = re.compile(r"\bpositive\s+opinion\b|\brecommended\s+(?:the\s+)?grant", _P)
_GRANTED = re.compile(
    r"\b(?:grant(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|award(?:s|ed)?|obtain(?:s|ed)?|"
    r"approved\s+(?:its|the|our|a)\s+request|designated|secured|earned|achieved)\b",
    _P,
)
_STRONG_GRANT = re.compile(r"\b(?:granted|received|receives|awarded|obtained)\b", _P)
_INDICATION = re.compile(
    r"\b(?:for\s+the\s+(?:treatment|prevention)\s+of|"
    r"for\s+treating|"
    r"in\s+(?:adult\s+|pa?ediatric\s+)?(?:patients|individuals|people|subjects|children|adults)\s+with)"
    r"\s*"
)
_LEAD_IN = re.compile(
    r"^(?:(?:adult|pa?ediatric)\s+)?(?:patients|individuals|people|subjects|children|adults)\s+"
    r"(?:with|suffering\s+from)\s*:?\s*",
    _P,
)
_INDICATION_END = re.compile(
    r"[.;:]\s*$|,\s+(?:which|a|an|the|designed|as|to|while|where|and\s+(?:the|to|is))\b|"
    r"\s+(?:from|by)\s+the\s+",
    _P,
)
_LIST_TAIL = re.compile(r"[;,.]?\s*(?:and|or)?\s*$", _P)


@dataclass(frozen=True, slots=True)
class Found:
    """A designation as found in one sentence (before keys and merging)."""

    agency: str
    designation: str
    product: str
    indication: str | None
    status: str
    announced: bool
    body: bool
    evidence: str
    position: int


def _status(text: str, start: int, kind: str) -> str | None:
    before = text[max(0, start - 120) : start]
    if is_hypothetical(text[max(0, start - 60) : start + 30]):
        return None
    if _PLANNED.search(before):
        return "planned"
    if _APPLIED.search(before):
        return "applied"
    if _OPINION.search(text):
        return "positive_opinion"
    strong = _STRONG_GRANT if kind in _STRICT else _GRANTED
    return "granted" if strong.search(text) else None


def indication_after(text: str, start: int) -> str | None:
    """The indication stated after ``start`` ("for the treatment of X", "in patients with X")."""
    m = _INDICATION.search(text, start)
    if m is None:
        return None
    rest = text[m.end() :]
    end = _INDICATION_END.search(rest)
    value = _LEAD_IN.sub("", (rest[: end.start()] if end else rest).strip())
    value = value.strip(" ,;:“”\"'")
    if not value or len(value) > 240 or value[0] in "(":
        return None
    return value


def _bullet_indication(item: str) -> str:
    return _LIST_TAIL.sub("", item.strip()).strip()


def _agencies_for(ctx: Context, s: Sentence, kind: str) -> list[str]:
    only = _ONLY_AGENCY.get(kind)
    named = [m.text for m in ctx.agencies_in(s)]
    if only:
        return [only]
    if named:
        return named
    return [ctx.agency_near(s) or "FDA"]


def find(ctx: Context, s: Sentence) -> list[Found]:
    """Designations stated in one sentence."""
    if s.section == "fls" or not (s.has_any(_ANY) or any(w in s.text for w in _ANY_CASED)):
        return []
    text = s.text
    hits: list[tuple[int, int, str]] = []
    low = s.lower
    for kind, pattern in VOCABULARY:
        if not any(h in low for h in _HINTS[kind]):
            continue
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in hits):
                hits.append((m.start(), m.end(), kind))
    if not hits:
        return []
    prods = ctx.products_in(s)
    if not prods:
        return []
    announced = s.is_body and not is_recalled(text, ctx.release)
    out: list[Found] = []
    for start, end, kind in sorted(hits):
        status = _status(text, start, kind)
        if status is None:
            continue
        product = nearest(prods, start)
        if product is None:
            continue
        if s.bullets:
            indications: list[str | None] = [_bullet_indication(b) for b in s.bullets]
        else:
            indications = [indication_after(text, max(end, product.start + len(product.text)))]
        for agency in _agencies_for(ctx, s, kind):
            for indication in indications:
                evidence = f"{text} {indication}" if s.bullets and indication else text
                out.append(
                    Found(agency, kind, product.text, indication or None, status,
                          announced, s.is_body, evidence, s.index)
                )  # fmt: skip
    return out
