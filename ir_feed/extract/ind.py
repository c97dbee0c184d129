"""IND clearances and their foreign equivalents (CTA, CTN, NOL).

A sentence yields one when it names the application (IND, CTA, CTN, No Objection
Letter) with a clearance, submission or plan cue, or when a regulator's clearance
or authorisation to begin a trial is stated ("received clearance from the FDA to
begin a Phase 1 trial", "has been cleared to initiate", "Study May Proceed
letter", "authorization from Health Canada … can now begin").

Not clearances: marketing approvals (NDA/BLA/MAA), ethics-committee submissions
with no regulator named, conditional phrasing ("subject to acceptance of the CTN
by the TGA"), and data-monitoring-committee decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed.extract.context import CONDITIONAL, Context, is_recalled
from ir_feed.extract.designations import indication_after
from ir_feed.extract.products import nearest
from ir_feed.extract.sentences import Sentence

_P = re.IGNORECASE
_IND = re.compile(r"\bINDs?\b|Investigational\s+New\s+Drug", 0)
_CTA = re.compile(
    r"\bCTAs?\b|\bCTNs?\b|\bNOL\b|clinical\s+trial\s+(?:application|notification|authori[sz]ation)|"
    r"no\s+objection\s+letter",
    _P,
)
_CLEARED = re.compile(
    r"\b(?:clear(?:ed|ance|s)|may\s+proceed|accept(?:ed|ance)|(?:went|go|gone)\s+into\s+effect|"
    r"(?:is|became)\s+(?:now\s+)?(?:in\s+)?effective|approv(?:ed|al)|authori[sz](?:ed|ation)|"
    r"allow(?:ed|s)\s+to\s+proceed|no\s+objection)\b",
    _P,
)
_PLANNED = re.compile(
    r"\b(?:plans?|planning|intends?|expects?|anticipates?|on\s+track|will|aims?)\s+"
    r"(?:to\s+)?(?:submit|file)\w*\b",
    _P,
)
_SUBMITTED = re.compile(r"\b(?:submit(?:ted|s)?|submission|fil(?:ed|ing|es))\b", _P)
_TRIAL_GO = re.compile(
    r"\b(?:clear(?:ed|ance)|authori[sz](?:ation|ed)|(?:approval|permission)\s+to\s+"
    r"(?:begin|initiate|start|commence|proceed|conduct)|may\s+proceed)\b",
    _P,
)
_TRIAL_WORD = re.compile(r"\b(?:trial|study|enrol\w*|dosing|patients|human\s+testing|first[-\s]in[-\s]human)\b", _P)
_ANY = (
    "investigational new",
    "clinical trial app",
    "clinical trial not",
    "clinical trial auth",
    "objection",
    "cleared",
    "clearance",
    "authoriz",
    "authoris",
    "may proceed",
    "permission to",
    "approval to",
)
_ANY_CASED = ("IND", "CTA", "CTN", "NOL")
_SELF_CLEARED = re.compile(r"\bcleared\s+to\s+(?:initiate|begin|start|commence|proceed)", _P)
_NOT_IND = re.compile(
    r"marketing\s+authori|\bNDA\b|\bBLA\b|\bMAA\b|commerciali|Data\s+(?:Safety\s+)?Monitoring|"
    r"\bDMC\b|\bDSMB\b|\bIDMC\b",
    _P,
)
_ETHICS = re.compile(r"ethics\s+committee|\bHREC\b|\bIRB\b|institutional\s+review\s+board", _P)
_COUNTRY_AGENCY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bCanad", _P), "Health Canada"),
    (re.compile(r"\bAustralia", _P), "TGA"),
    (re.compile(r"\bU\.?K\.?\b|United\s+Kingdom", 0), "MHRA"),
    (re.compile(r"\bEurop|\bEU\b", 0), "EMA"),
)


@dataclass(frozen=True, slots=True)
class Found:
    agency: str
    product: str
    indication: str | None
    status: str
    announced: bool
    body: bool
    evidence: str
    position: int


def _status(text: str) -> str | None:
    if _PLANNED.search(text):
        return "planned"
    cleared = _CLEARED.search(text)
    if cleared:
        if CONDITIONAL.search(text[: cleared.start()]):
            return None
        return "cleared"
    return "submitted" if _SUBMITTED.search(text) else None


def _agency(ctx: Context, s: Sentence, ind_named: bool) -> str | None:
    named = [m.text for m in ctx.agencies_in(s)]
    if named:
        return named[0]
    for pattern, agency in _COUNTRY_AGENCY:
        if pattern.search(s.text):
            return agency
    if ind_named:
        return "FDA"  # an IND is an FDA application
    return ctx.agency_near(s)


def find(ctx: Context, s: Sentence) -> list[Found]:
    """IND/CTA events stated in one sentence (at most one per sentence)."""
    text = s.text
    if s.section == "fls" or not (any(w in text for w in _ANY_CASED) or s.has_any(_ANY)):
        return []
    if _NOT_IND.search(text):
        return []
    ind_named = bool(_IND.search(text))
    cta_named = bool(_CTA.search(text))
    if ind_named or cta_named:
        status = _status(text)
    elif _TRIAL_GO.search(text) and _TRIAL_WORD.search(text) and (ctx.agencies_in(s) or _SELF_CLEARED.search(text)):
        go = _TRIAL_GO.search(text)
        status = None if go and CONDITIONAL.search(text[: go.start()]) else "cleared"
    else:
        return []
    if status is None:
        return []
    if _ETHICS.search(text) and not ctx.agencies_in(s):
        return []
    agency = _agency(ctx, s, ind_named)
    if agency is None:
        return []
    prods = ctx.products_in(s)
    anchor = next((m.start() for m in (_IND.search(text), _CTA.search(text)) if m), 0)
    mention = nearest(prods, anchor)
    product = mention.text if mention else ctx.product_near(s)
    if product is None:
        return []
    indication = indication_after(text, mention.start + len(mention.text)) if mention else None
    announced = s.is_body and not is_recalled(text, ctx.release)
    return [Found(agency, product, indication, status, announced, s.is_body, text, s.index)]
