"""Marketing approvals: a regulator authorises a product (FDA, European Commission, Health
Canada, PMDA / MHLW, NMPA, MHRA, TGA, ...), and the CHMP's positive opinion before the
Commission's decision.  Pure: no I/O.

A sentence tells of an approval when a regulator (named in it, or "in Europe" / "in Japan")
approves, grants or issues a marketing authorisation, approval or notice of compliance for
a product, or the company received one.  Never an approval: a trial's or an IND's go-ahead
(approval "to begin a trial", a CTA), a device clearance, a listing or a board's vote, an
approval hoped for ("if approved", "seeking approval", "potential approval", a PDUFA date),
or a product described as approved ("an FDA-approved therapy", "X, approved in 2019 for …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context
from ir_feed.extract.products import nearest, own_products
from ir_feed.extract.sentences import LowerCased, Sentence, holds_any

__all__ = ["KEYWORDS", "Found", "find"]

_P = re.IGNORECASE

#: Words one of which a sentence telling of an approval holds (the keyword pre-scan).
KEYWORDS = frozenset({"approv", "authoris", "authoriz", "positive opinion", "notice of compliance"})
_HINTS = tuple(sorted(KEYWORDS))

_APPROVED = patterns.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:approved|approves|granted\s+(?:\w+\s+){0,3}?(?:approval|authori[sz]ation)|"
    r"(?:received|receives|receiving|obtained|obtains|secured|secures|announces?|announced|granted|grants|issued|"
    r"issues)\s+"
    r"(?:\w+[\s-]+){0,5}?(?:approval|authori[sz]ation|notice\s+of\s+compliance)|"
    r"(?:approval|authori[sz]ation)(?:\s+in\s+\w+)?\s+(?:of|for)\b|approved\s+(?:in|by)\b)",
    _P,
)
_OPINION = patterns.compile(
    r"\bpositive\s+opinion\b|\brecommend(?:ed|s|ing|ation)?\s+(?:that\s+(?:\S+\s+){1,4}?be\s+|to\s+|the\s+)?"
    r"(?:approval|granting|grant|granted)\b",
    _P,
)
# what is approved that is no product's marketing: a trial, an IND, a device, a listing, a vote
_NOT_MARKETING = patterns.compile(
    r"\b(?:to\s+(?:begin|start|initiate|commence|conduct|proceed|enrol\w*|expand|resume)|clinical\s+trial|"
    r"\btrial\b|\bstudy\b|\bind\b|\bctas?\b|\bctns?\b|protocol|ethics|510\s*\(k\)|de\s+novo|\bpma\b|ce\s+mark|clearance|"
    # a plant, a name, a licence to make or sell: "approved the manufacturing facility", "… the proprietary name"
    r"facilit(?:y|ies)|approv\w*\s+(?:the|its)\s+(?:proprietary|trade|brand)\s*names?|establishment\s+licen[cs]e|"
    r"listing|shareholders?|board|stockholders?|reimburs\w*|pricing|price|budget|merger|acquisition|"
    r"orphan|designation|fast\s+track|breakthrough|priority\s+review|pa?ediatric\s+(?:investigation|committee)|"
    r"\bpip\b|\bpdco\b|specifications?|"
    r"tentative\w*|approvable|advisory\s+committee|not\s+(?:to\s+)?recommend|compassionate|expanded\s+access|investigational|\bita\b|humanitarian|\bhde\b|"
    r"phase\s+[1-3i]|voucher|dosing|\bdoses?\b|special\s+access|"
    # a device's approval (a PMA is a device clearance) — the device the approval's object, not a drug
    # approved with its companion diagnostic or in an autoinjector — a test's emergency use, a clinical
    # evaluation
    r"approv\w*\s+(?:of\s+)?(?:the\s+|its\s+|an?\s+)?(?:[\w,-]+\s+){0,4}?(?:devices?|implants?|implantable|catheters?|"
    r"stents?|assays?|test\s+kits?|(?:diagnostic|screening|pcr|antigen|antibody|molecular)\s+tests?)\b|"
    r"emergency\s+use\s+authori[sz]ation\b[^.;]{0,80}?\b(?:tests?|assays?|kits?|diagnostics?)\b|"
    r"clinical\s+(?:evaluation|investigation|testing)|"
    # an agency's yes to a request, a plan or a proposal: "approved the company's request for a Type B meeting"
    r"approv\w*\s+(?:the\s+|its\s+|our\s+|their\s+|an?\s+)?(?:company['’]s\s+|[\w-]+['’]s\s+)?"
    r"(?:request|plan|proposal)s?\b)",
    _P,
)
# what the approval is for, however far after it: a trial ("… to conduct a phase 2 study")
_FOR_A_TRIAL = patterns.compile(
    r"\bto\s+(?:begin|start|initiate|commence|conduct|run|proceed\s+with)\s+(?:\w+[\s-]+){0,5}?(?:trial|study)", _P
)
# a trial's application as the subject of a passive approval, however long the subject runs
_PASSIVE = patterns.compile(r"\b(?:been|was|were)\s+approved\b", _P)
_TRIAL_APPLICATION = patterns.compile(
    r"\b(?:clinical\s+trial\s+applications?|ind\s+applications?|investigational\s+new\s+drug|ctas?|ctns?)\b", _P
)
# an approval hoped for, not given
_HOPED = patterns.compile(
    r"\b(?:if|once|upon|when|until|pending|potential(?:ly)?|possible|seek\w*|support\w*|toward|towards|"
    r"for\s+(?:the\s+)?(?:potential\s+)?approval|path\s+to|expects?|expected|anticipates?|anticipated|hopes?|"
    r"may|could|would|will|"
    r"plans?\s+to|intends?\s+to|pdufa|action\s+date|application\s+for|should|cannot|can|assuming|pursu\w*|"
    r"obtain|aim\w*|achiev\w*|depend\w*|authority\s+to|decision|led\s+to|who\s+receives?|no\s+(?:\w+\s+)?drugs)\b",
    _P,
)
# a product described as approved: "an FDA-approved therapy", "X, approved in the U.S. for …"
_DESCRIBED = patterns.compile(
    # (not a regulator's act: "the FDA has approved")
    r"(?:\b(?:an?|the|only|first|other|currently|already|previously|commercially)\s+"
    r"(?:(?!(?:has|have|had)\b)\w+[\s-]+){0,2}?approved\b|"
    r"-approved\b|,\s*(?:which\s+(?:was|is|has\s+been)\s+)?approved\s+(?:in|for|by)\b|\bapproved\s+(?:drugs?|"
    r"therap\w+|treatments?|products?|medicines?|indications?|labels?)\b|\bwhich\s+(?:was|were|is|are|has\s+been)"
    r"\s+approved\b|\bapproved\s+in\s+\d+\s+countries|\b(?:drugs?|therap\w+|treatments?|products?)\s+approved\s+by\b)",
    _P,
)
# a regulator's act in the bare past, not a product described: "the FDA approved X" (but "the only
# FDA approved formulation" describes one)
_ACT_IN_THE_PAST = patterns.compile(
    r"\bthe\s+(?:u\.s\.\s+)?(?:fda|european\s+commission|commission|ema|agency|nmpa|mhra|pmda|mhlw|tga|"
    r"food\s+and\s+drug\s+administration)\s+(?:\(\w+\)\s+)?approved\s+(?!(?:drugs?|therap\w+|treatments?|products?|"
    r"medicines?|indications?|labels?|formulations?|doses?)\b)",
    _P,
)
_KNOWN = patterns.compile(r"\b(?:previously|earlier|already|was|were|had\s+been)\s+(?:\w+\s+)?approved\b", _P)

# the same, for lowered text (see LowerCased)
_APPROVED_LOW = LowerCased(_APPROVED)
_OPINION_LOW = LowerCased(_OPINION)
_NOT_MARKETING_LOW = LowerCased(_NOT_MARKETING)
_HOPED_LOW = LowerCased(_HOPED)

_PLACE = (
    ("in europe", "EC"), ("eu approval", "EC"), ("european approval", "EC"), ("european union", "EC"),
    ("in japan", "MHLW"), ("in china", "NMPA"), ("in canada", "Health Canada"), ("in australia", "TGA"),
)  # fmt: skip
# the product an approval names by position when no name has a product's shape: "approved
# ACMERIN Oral Suspension", "Approval for Acmetrol Oral Solution"
_AFTER_CUE = patterns.compile(
    r"(?:approved|approval|authori[sz]ation)(?:\s+in\s+\w+)?(?:\s+(?:for|of|to))?\s+(?:the\s+|its\s+|our\s+)?"
    # (never the company named by itself: "approved the Company's application")
    r"((?:(?!(?:For|In|And|Of|To|The|With|From|By|On|Nda|Bla|Maa|Company)\b)[A-Z][\w/-]*(?:\s*[®™])?\s*){1,4})"
)
_FDA = patterns.compile(r"\bfda\b", _P)
_COMMISSION = patterns.compile(r"\beuropean\s+commission\b|\(\s*EC\s*\)", _P)
_CHMP = patterns.compile(r"\bCHMP\b|committee\s+for\s+medicinal\s+products", _P)
_PATHWAYS = (("accelerated approval", "accelerated"), ("conditional", "conditional"),
             ("full approval", "full"), ("regular approval", "full"), ("traditional approval", "full"))  # fmt: skip
_INDICATION = patterns.compile(
    r"\bfor\s+(?:the\s+)?(?:treatment|prevention|diagnosis|management)\s+of\s+([^,.;()]{3,120})", _P
)


@dataclass(frozen=True, slots=True)
class Found:
    """An approval one sentence tells of."""

    agency: str
    product: str
    indication: str | None
    pathway: str | None
    status: str  # positive_opinion | approved
    announced: bool
    body: bool
    evidence: str
    position: int


def find(ctx: Context, s: Sentence) -> list[Found]:
    """The approval one sentence tells of (at most one per regulator it names)."""
    low = s.lower
    if s.section == "fls" or not holds_any(low, _HINTS):
        return []
    opinion = _OPINION_LOW.search(low) if _CHMP.search(s.text) or "positive opinion" in low else None
    approved = _APPROVED_LOW.search(low)
    cue = opinion or approved
    if cue is None:
        return []
    window = low[max(0, cue.start() - 80) : cue.end() + 80]
    if _NOT_MARKETING_LOW.search(window) or _HOPED_LOW.search(low, max(0, cue.start() - 40), cue.end() + 10):
        return []
    if (
        approved is cue
        and _PASSIVE.search(low, max(0, cue.start() - 12), cue.end())
        and _TRIAL_APPLICATION.search(low, 0, cue.start())
    ):
        return []  # "the clinical trial application for X, …, has been approved by the NMPA": a trial's
    if _FOR_A_TRIAL.search(low, cue.start()):
        return []  # "received approval from … , respectively, to conduct a phase 2 study": a trial's
    if (
        opinion is None
        and _DESCRIBED.search(low, max(0, cue.start() - 30), cue.end() + 12)
        and not _ACT_IN_THE_PAST.search(low, max(0, cue.start() - 50), cue.end() + 20)
    ):
        return []
    agencies = _agencies(ctx, s, opinion is not None)
    if not agencies:
        return []  # (an approval with no regulator: a board's, a partner's, a listing's)
    # (never a drug named only as given with the product: "approval of Acmelea in combination with
    # carboplatin", whatever else the sentence names)
    prods = own_products(ctx.products_in(s), s.text, all_if_none=False)
    # the product approved: one named just after the cue, else the nearest (never a dateline's
    # city in capitals far before it when the cue names one by position)
    after = [m for m in prods if 0 <= m.start - cue.end() <= 120]
    positioned = _AFTER_CUE.search(s.text, max(0, cue.start() - 5))
    closest = nearest(prods, cue.end())
    mention = after[0] if after else (None if positioned else closest)
    product = (
        mention.text
        if mention
        else positioned.group(1).strip()
        if positioned
        else closest.text
        if closest
        else ctx.product_near(s, fallback=s.section == "headline")
    )
    if product is None:
        return []
    indication = _INDICATION.search(s.text)
    pathway = next((p for needle, p in _PATHWAYS if needle in low), None)
    announced = ctx.told_as_news(s) and not _KNOWN.search(low)
    return [
        Found(
            agency=agency,
            product=product,
            indication=indication.group(1).strip() if indication else None,
            pathway=pathway,
            status="positive_opinion" if opinion is not None else "approved",
            announced=announced,
            body=s.is_body,
            evidence=s.quote,
            position=s.index,
        )
        for agency in agencies
    ]


def _agencies(ctx: Context, s: Sentence, opinion: bool) -> list[str]:
    """The regulators that approve: the CHMP's opinion is the EMA's, the Commission's
    decision the EC's (a release naming both the EMA and the Commission means the
    Commission's); otherwise those the sentence names, else the place it names."""
    if opinion:
        return ["EMA"]
    named = [m.text for m in ctx.agencies_in(s)]
    if _COMMISSION.search(s.text):
        named = ["EC" if a == "EMA" else a for a in named] or ["EC"]
    if named:
        return list(dict.fromkeys(named))
    low = s.lower
    placed = [agency for place, agency in _PLACE if place in low][:1]
    return placed or (["FDA"] if _FDA.search(low) else [])  # (a headline's "Fda", read in title case)
