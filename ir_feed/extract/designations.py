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
indication): a list of indications introduced by ":" gives one event per item, and
so does a listed "for SLE, IIM and SSc" (:func:`split_indications`) unless the list
describes one indication or one population.  An indication may follow a bare "for"
or "in" when it reads as a disease ("… its gene therapy for Duchenne muscular
dystrophy").  An agency written right before the designation ("EMA PRIME and FDA
Orphan Drug Designation") is that designation's only agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.events import product_key
from ir_feed.extract.context import OTHER_FACT, TODAY, Context, is_hypothetical
from ir_feed.extract.dates import MONTH_NAME
from ir_feed.extract.products import (
    AGENCY_PATTERNS,
    LIST_JOIN,
    Mention,
    agencies,
    nearest,
    own_products,
    products,
)
from ir_feed.extract.sentences import Cue, Sentence, by_first_char, holds_any, lowered, word_search

_P = re.IGNORECASE
# (kind, pattern, cased): lower-case literal-led patterns run on the lower-cased
# sentence (see :func:`~.sentences.word_search`); a cased one runs on the text.
# "designation" after the name, or after a list of names ("Fast Track and Orphan Drug
# designations", "Orphan Drug, Fast Track and Rare Pediatric Disease designations")
_DESIGNATION = (
    r"(?:[\s-]+(?:designation|status)s?\b|(?=(?:\s*(?:,|and|&|/|or)\s*|\s+)"
    r"(?:[\w()-]+,?\s+){0,7}?(?:designation|status)s?\b))"
)
VOCABULARY: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("fast_track", patterns.compile(r"(?:fast[\s-]track(?:ed)?" + _DESIGNATION + r"|\(ftds?\)|"
                              # "designated ACM-101 as a Fast Track product"
                              r"as\s+an?\s+fast[\s-]track\s+(?:product|drug|development\s+program(?:me)?)\b|"
                              # fr, es, it, nl word order: "la désignation Fast Track"
                              r"(?:désignation|designaci[óo]n|designazione|statut|estatus)\s+(?:de\s+)?"
                              r"[«\"“]?\s*fast[\s-]track\b)"), False),
    ("breakthrough_device", patterns.compile(r"breakthrough\s+device(?:\s+designation)?s?\b"), False),
    ("breakthrough_therapy", patterns.compile(r"(?:breakthrough\s+therapy(?:\s+designation)?s?\b|btd\b)"), False),
    ("orphan_drug", patterns.compile(
        r"(?:orphan[\s-](?:drug|medicinal\s+product)?[\s-]*(?:designation|status)s?\b|"
        r"orphan[\s-](?:drug|medicinal\s+product)\s+applications?\b|"
        r"(?:as|designated)\s+an\s+orphan\s+(?:drug|medicinal\s+product)\b|"
        r"orphan[\s-]drug" + _DESIGNATION + r"|odd\b|"
        # the same in other languages of the corpus (it, es, fr, nl)
        r"farmaco\s+orfano|medicamento\s+hu[ée]rfano|m[ée]dicament\s+orphelin|weesgeneesmiddel\w*|"
        r"orphan[\s-]?arzneimittel\w*)"), False),
    ("rare_pediatric_disease", patterns.compile(
        r"(?:rare\s+pa?ediatric\s+disease(?:\s+designations?\b|" + _DESIGNATION + r")|rpdd\b|"
        r"as\s+a\s+drug\s+for\s+a\s+rare\s+pa?ediatric\s+disease\b|"
        r"malattia\s+pediatrica\s+rara|enfermedad\s+pedi[áa]trica\s+rara|maladie\s+p[ée]diatrique\s+rare)"), False),
    ("rmat", patterns.compile(r"(?:regenerative\s+medicine\s+advanced\s+therapy\b|rmat\b)"), False),
    # PRIME the scheme, not "the PRIME study": named with what it is, or granted
    ("prime", patterns.compile(
        r"\bPRIME\b(?=[\s-]+(?:[Dd]esignation|[Ss]tatus|[Ee]ligibility|[Ss]cheme|[Ss]upport|[Pp]rogram)|\s*\))|"
        # fr, es, it, de, nl, sv word order: "le statut PRIME", "la designación PRIME"
        r"(?:[Ss]tatut|[Ss]tatus|[Ee]status|[Dd][ée]signation|[Dd]esignaci[óo]n|[Dd]esignazione|[Ss]tato)\s+(?:de\s+)?PRIME\b|"
        r"\b(?i:priority\s+medicines)\b|"
        r"(?:EMA['’]s|[Gg]ranted|[Rr]eceived?s?|[Aa]ccess\s+to(?:\s+the)?|[Ee]ligible\s+for)\s+PRIME\b"), True),
    ("priority_review", patterns.compile(r"priority\s+review(?!\s+vouchers?)(?:\s+designation)?\b"), False),
    ("accelerated_approval", patterns.compile(
        r"accelerated\s+approval(?!\s+(?:pathway|path|program|route))\b"), False),
    ("qidp", patterns.compile(r"(?:qualified\s+infectious\s+disease\s+product\b|qidp\b)"), False),
    ("ilap", patterns.compile(r"innovation\s+passport\b"), False),
    ("sakigake", patterns.compile(r"sakigake\b"), False),
    # a kind's acronym in the plural, written in capitals ("following the previous ODDs for
    # A and B"; not "against the odds")
    ("orphan_drug", patterns.compile(r"\bODDs\b"), True),
    ("breakthrough_therapy", patterns.compile(r"\bBTDs\b"), True),
    ("rare_pediatric_disease", patterns.compile(r"\bRPDDs\b"), True),
)  # fmt: skip

KEYWORDS = frozenset(
    [
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
    ]
)

_HINTS: dict[str, tuple[str, ...]] = {
    "fast_track": ("fast", "ftd"), "breakthrough_device": ("breakthrough",),
    "breakthrough_therapy": ("breakthrough", "btd"),
    "orphan_drug": ("orphan", "odd", "rfano", "orphelin", "weesgeneesmiddel"),
    "rare_pediatric_disease": ("pediatric", "paediatric", "rpdd", "trica rara", "diatrique rare"),
    "rmat": ("rmat", "regenerative"), "prime": ("prime", "priority medicines"),
    "priority_review": ("priority",), "accelerated_approval": ("accelerated",),
    "qidp": ("qidp", "qualified infectious"), "ilap": ("passport",), "sakigake": ("sakigake",),
}  # fmt: skip

KEYWORDS = KEYWORDS | {h for hints in _HINTS.values() for h in hints}
_KINDS_BY_HINT: dict[str, tuple[str, ...]] = {
    h: tuple(k for k, hints in _HINTS.items() if h in hints) for hints in _HINTS.values() for h in hints
}

# Kinds that only one agency grants; others may come from any agency.
_ONLY_AGENCY = {
    "fast_track": "FDA", "breakthrough_therapy": "FDA", "breakthrough_device": "FDA",
    "rare_pediatric_disease": "FDA", "rmat": "FDA", "qidp": "FDA", "priority_review": "FDA",
    "accelerated_approval": "FDA", "prime": "EMA", "ilap": "MHRA", "sakigake": "PMDA",
}  # fmt: skip
_ALSO_GIVEN_BY = {
    "breakthrough_therapy": ("NMPA",),
    "priority_review": ("NMPA", "Health Canada", "PMDA", "MHLW"),
}
# Kinds that are only designations when "granted" with a strong verb (not mere mention).
_STRICT = frozenset({"priority_review", "accelerated_approval"})
_PRIME_ELIGIBLE = patterns.compile(
    r"\b(?:is|are|was|were|been)\s+eligible\s+for\s+prime\b|"
    r"\b(?:granted|awarded|confirmed|received)\s+(?:the\s+)?prime\s+eligibility\b|"
    r"\bprime\s+eligibility\s+(?:has\s+been\s+|was\s+)?(?:granted|awarded|confirmed)\b|"
    # a place in the scheme: "selected for the EMA's PRIME scheme", "accepted into … (PRIME)"
    r"\b(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+)(?:selected|accepted|admitted|included)\s+(?:for|into|in|to)\b"
    r"[^.;]{0,80}?\bprime\b"
)

_PLANNED = Cue(
    patterns.compile(
        r"(?:plans?|planning|intends?|intending|expects?|anticipates?|will|aims?|to)\s+"
        r"(?:to\s+)?(?:seek|apply|submit|request|file|pursue)\w*\b"
    ),
    ("seek", "apply", "submit", "request", "file", "pursue"),
)
_APPLIED = Cue(
    patterns.compile(
        # ("has applied to the FDA for", "applied with the EMA for")
        r"(?:applied\s+(?:(?:to|with)\s+(?:the\s+)?[^.;]{1,60}?\s+)?for|submitted\s+(?:an?\s+|its\s+|the\s+)?(?:request|application)|"
        r"filed\s+(?:an?\s+|its\s+|the\s+)?(?:request|application)|filed\s+for|requested|"
        # "has also asked the FDA to designate the application for Priority Review"
        r"asked\s+(?:the\s+)?[^.;]{1,40}?\bto\s+(?:designate|grant))\b"
    ),
    ("applied", "submitted", "filed", "requested", "asked"),
)
# the request told after the designation's name: "Priority Review was requested"
_APPLIED_AFTER = patterns.compile(
    r"[\w\s()-]{0,40}?\b(?:designation\s+|status\s+)?(?:was|has\s+been|have\s+been|were|is\s+being)\s+"
    r"(?:formally\s+)?(?:requested|applied\s+for|sought)\b"
)
_OPINION = Cue(
    patterns.compile(
        r"(?:positive\s+opinion|recommended\s+(?:the\s+)?grant|"
        # de, fr, es, it: the COMP "empfiehlt / hat … empfohlen", "avis favorable / positif", "opinión
        # positiva", "parere positivo"
        r"empfiehlt|empfohlen|empfehlung|avis\s+(?:favorable|positif)|opini[óo]n\s+positiva|parere\s+positivo)"
    ),
    ("positive", "recommended", "empf", "avis", "opini", "parere"),
)
_GRANTED = patterns.compile(
    by_first_char(
        r"grant(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|receipt|award(?:s|ed)?|obtain(?:s|ed)?|"
        r"approved\s+(?:its|the|our|a|the\s+company['’]s|[\w-]+['’]s)\s+request|designated|secured|earned|achieved|"
        # it, fr, es, de, nl, sv
        r"concess[oa]|ottenut[oa]|ricev(?:e|uto|uta)|accettat[oa]|accord[ée]e?|obtenu\w*|re[çc]u\w*|"
        r"octroy[ée]\w*|concedid[oa]|otorgad[oa]|recibid[oa]|obtenid[oa]|erhalten|erteilt|gew[äa]hrt|verleend|"
        r"toegekend|gekregen|verkregen|zuerkannt|verliehen|beviljats|tildelt|modtaget|mottatt|gitt|givet|innvilget|"
        r"tilldelats|tilldelat|"
        r"ontvangen|beviljat|erh[åa]llit"
    )
    + r"\b"
)
# "following" right before a designation, a determiner and a few words between: what the news follows
_FOLLOWING_IT = patterns.compile(r"\bfollowing\s+(?:(?:the|its|an?|our|their)\s+)?(?:[\w.'’-]+\s+){0,3}$")
# what a grant rests on, said before a committee's opinion: "granted …, following a positive opinion from the COMP"
_GROUNDS_BEFORE = patterns.compile(
    r"\b(?:following|after|upon|based\s+on|on\s+the\s+basis\s+of)\s+(?:an?\s+|the\s+|its\s+)?$"
)
# an application accepted with its priority review: "accepted … for priority review", "acceptance of
# the BLA for X … for Priority Review", "accepted for filing with a Priority Review classification",
# "the FDA has designated this application as a priority review" (literal-led, for word_search)
_WITH_PRIORITY = (
    r"accept(?:ed|ance)\b[^.;]{0,140}?\b(?:for|with)\s+(?:an?\s+)?priority\s+review|"
    r"designated\s+(?:this|the|its)\s+(?:application|nda|bla|snda|sbla)\b[^.;]{0,60}?\s+(?:as|for)\s+(?:an?\s+)?"
    r"priority\s+review"
)
_STRONG_GRANT = patterns.compile(
    r"(?:granted|grants|received|receives|awarded|awards|obtained|" + _WITH_PRIORITY + r")\b"
)
# … the acceptance's news, whatever its tense
_ACCEPTED_WITH_PRIORITY = patterns.compile(r"\b(?:" + _WITH_PRIORITY + r")\b")
_INDICATION = patterns.compile(
    r"\b(?:(?:for|in)\s+(?:the\s+)?(?:treatment|prevention)\s+of|"
    r"for\s+treating|"
    # "for the indication of chronic thromboembolic pulmonary hypertension"
    r"for\s+the\s+indications?\s+of|"
    r"(?:in|for)\s+(?:adult\s+|pa?ediatric\s+)?(?:patients|individuals|people|subjects|children|adults)\s+with)"
    r"\s*"
)
_INDICATION_HINTS = ("treatment", "prevention", "treating", "with", "indication")
# a program named by its disease: "granted RMAT designation for the acute respiratory distress syndrome (ARDS) program"
# what names a disease: an acronym, or a disease's word
_DISEASE_NAME = patterns.compile(
    r"(?-i:\b[A-Z]{2,}\b)|\b(?:syndrome|disease|cancer|disorder|deficiency|infection|tumou?rs?|\w+itis|\w+omas?|\w+emia|"
    r"\w+opathy|\w+plasia|failure|injury|dystrophy|atrophy|fibrosis|sclerosis)\b",
    _P,
)
_GROUNDS = patterns.compile(r"\b(?:based\s+on|supported\s+by|results\s+(?:from|of)|data\s+(?:from|of))\b")
_PROGRAM = patterns.compile(
    r"\bfor\s+(?:the|its|our)\s+([^.;,]{3,90}?)\s+program(?:me)?\b", _P)  # every match holds one
_LEAD_IN = patterns.compile(
    r"^(?:(?:adult|pa?ediatric)\s+)?(?:patients|individuals|people|subjects|children|adults)\s+"
    r"(?:with|suffering\s+from)\s*:?\s*",
    _P,
)
# what follows an indication but is not part of it: "…, following a positive opinion of the COMP"
_AFTERWORD = (
    r",\s+(?:following|based\s+on|after|pending|subject\s+to|according\s+to|respectively|marking|making|bringing|"
    r"underscoring|highlighting|reflecting|building)\b|"
)
# a headline run into its dateline ("… During Liver Transplantation TORONTO, February 15, 2022")
_DATELINE_NEXT = (
    r"(?-i:\s+[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*,\s+(?:[A-Z][\w.]*,?\s+)*(?:[–—-]\s+)?(?:" + MONTH_NAME
    + r")\.?\s+\d)|"
)
_INDICATION_END = patterns.compile(
    _AFTERWORD + _DATELINE_NEXT + r"[.;:]\s*$|,?[\"”](?=\s)|"
    r",\s+(?:which|a|an|the|designed|as|to|while|where|also|and\s+(?:the|to|is))\b|"
    r"\s+(?:that|which|who)\s+(?:is|are|was|were|works?|has|have|affects?|causes?|can|may|will)\b|"
    r"\s+(?:from|by)\s+the\s+|"
    # the other, held facts the news adds to: "… infections, and adds to the prior QIDP designation"
    r",?\s+(?:and\s+)?(?:" + OTHER_FACT + r")|"
    # the grant's date after it: "… (CTEPH) as of June 20", "… on June 20, 2016"
    r"\s+(?:as\s+of|on|effective)\s+(?:" + MONTH_NAME + r")\b|"
    # a headline run into the date of its dateline: "… (MPS IIIA) Jan. 21, 2022 — Acme …"
    r"\s+(?:(?:" + MONTH_NAME + r")\.?\s+\d{1,2},|\d{1,2}\s+(?:" + MONTH_NAME + r"))\s+(?:19|20)\d\d\s*[—–-]",
    _P,
)
# an aside after a dash: "… localized scleroderma—a chronic, debilitating genetic skin disorder"
# (not inside a parenthesis: "(hepatocellular carcinoma -- HCC)")
_DASH_ASIDE = patterns.compile(r"\s*—|\s+–\s+")
_ANAPHORIC = patterns.compile(r"(?:these|this|those|such|that)\s", _P)
_BOTH = patterns.compile(r"^(?:both|either)\s+", _P)
_LIST_TAIL = patterns.compile(r"(?:[;,.]|\s(?:and|or|as\s+well\s+as))*\s*$", _P)
_PLAIN = patterns.compile(r"\b(?:for|in)\s+(?!the\s|an?\s|its\s|their\s|our\s)")
_PLAIN_END = patterns.compile(
    _AFTERWORD + r"[.;:]|,\s+(?:which|a|an|the|its|designed|as|to|while|where|also|and\s+(?:the|to|is))\b|"
    r"\s+(?:that|which|who)\s+(?:is|are|was|were|works?|has|have|affects?|causes?|can|may|will)\b|"
    r"\s+(?:from|by|to|with|under|through)\s+|\s+(?:in|on|during)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|"
    r"\s+(?:in|on)\s+(?:the\s+)?(?:U\.S|United|Europe|EU\b|Japan|China)",
)
_QUALIFIER = patterns.compile(
    r"\b(?:specifically|including|includes|such\s+as|e\.g\.|i\.e\.|namely|comprising|"
    r"excluding|other\s+than)\b",
    _P,
)
_LIST_SEP = patterns.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+")
_PAREN_ANY = patterns.compile(r"\([^()]*\)")
_ACRONYM = patterns.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z]{1,6}")
_DISEASE_WORDS = frozenset(
    """disease diseases disorder disorders syndrome syndromes cancer cancers tumor tumors tumour
    tumours lupus infection infections deficiency failure injury epilepsy palsy dystrophy atrophy
    hypertension obesity diabetes asthma psoriasis scleroderma leukemia leukaemia malaria dementia
    addiction insufficiency defect defects""".split()  # noqa: SIM905
)
_DISEASE_ENDINGS = ("itis", "osis", "emia", "aemia", "pathy", "oma", "omas", "plasia", "trophy", "ism", "iasis")
_COUNT = patterns.compile(r"\b(two|three|four|five|six|2|3|4|5|6)\s+(?:[\w.]+\s+){0,3}$", _P)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_QUALIFIES = patterns.compile(r"(?:\s*\([A-Z]{2,6}\))?(?:['’]s)?[\s-]*(?:(?:and|or|&|/)\s+(?:the\s+)?[\w.\s()]{2,30})?")
_AGENCY_PATTERN = dict(AGENCY_PATTERNS)
# a region standing for its agency when none is named ("European Orphan Status",
# "Orphan Designation … in Europe")
_REGION_AGENCY: tuple[tuple[re.Pattern[str], str], ...] = (
    (patterns.compile(r"\bEurop(?:e|ean)\b|\bEU\b"), "EMA"),
    (patterns.compile(r"\bJapan(?:ese)?\b"), "PMDA"),
    (patterns.compile(r"\bChin(?:a|ese)\b"), "NMPA"),
    (patterns.compile(r"\bU\.?S\.?\b|\bUnited\s+States\b"), "FDA"),
)


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
    section: str = "body"
    # a headline that tells the grant ("X Receives Orphan Drug Designation"): the news
    # when the body never states it (an excerpt cut after the headline)
    headline_news: bool = False


def _status(low: str, start: int, kind: str) -> str | None:
    # (PRIME is granted as an eligibility: "X is eligible for PRIME", "PRIME eligibility
    # granted" are grants; "may be eligible for PRIME" stays hypothetical)
    granted_prime = kind == "prime" and _PRIME_ELIGIBLE.search(low) is not None
    if _APPLIED_AFTER.match(low, start) is not None:
        return "applied"  # "Priority Review was requested, which, if granted, would …"
    if not granted_prime and is_hypothetical(low[max(0, start - 60) : start + 30]):
        return None
    begin = max(0, start - 120)
    if word_search(_PLANNED, low, begin, start):
        return "planned"
    if word_search(_APPLIED, low, begin, start):
        return "applied"
    opinion = word_search(_OPINION, low)
    if opinion is not None and not (
        _GROUNDS_BEFORE.search(low, max(0, opinion.start() - 40), opinion.start()) and word_search(_STRONG_GRANT, low)
    ):
        return "positive_opinion"  # (not the grounds of a grant told: "granted …, following a positive opinion")
    if granted_prime:
        return "granted"
    strong = _STRONG_GRANT if kind in _STRICT else _GRANTED
    return "granted" if word_search(strong, low) else None


def indication_after(text: str, start: int) -> str | None:
    """The indication stated after ``start`` ("for the treatment of X", "in patients with X")."""
    found = _indication(text, start)
    return found[0] if found else None


def _indication(text: str, start: int, stop: int | None = None, low: str | None = None) -> tuple[str, bool] | None:
    """(indication, whether it is worded as one population: "patients with X and Y"),
    read between ``start`` and ``stop``; ``low`` is ``text`` :func:`lowered` (offset for
    offset, so a match's span holds in ``text``) when the caller has it."""
    stop = len(text) if stop is None else stop
    low = lowered(text) if low is None else low
    m = _INDICATION.search(low, start, stop) if holds_any(low[start:stop], _INDICATION_HINTS) else None
    if m is None:
        program = _PROGRAM.search(text, start, stop) if "program" in low[start:stop] else None
        if program is None or not _DISEASE_NAME.search(program.group(1)):
            return None  # (not "for the development program")
        return program.group(1).strip(), False
    rest = text[m.end() : stop]
    end = _INDICATION_END.search(rest)
    raw = (rest[: end.start()] if end else rest).strip()
    for dash in _DASH_ASIDE.finditer(raw):
        if raw.count("(", 0, dash.start()) == raw.count(")", 0, dash.start()):
            raw = raw[: dash.start()].strip()
            break
    value = _BOTH.sub("", _LEAD_IN.sub("", raw))
    population = value != raw or "with" in m.group(0)
    value = _LIST_TAIL.sub("", value).strip(" ,;:“”\"'")
    if not value or len(value) > 240 or value[0] in "(" or _ANAPHORIC.match(value):
        return None  # (not "these gynecological cancers": the one named before)
    return value, population


def plain_indication_after(text: str, start: int, stop: int | None = None) -> str | None:
    """An indication after a bare "for"/"in" ("… designations from the FDA for SLE,
    IIM and SSc", "… gene therapy for Duchenne muscular dystrophy"): taken only when
    every listed item reads as a disease (see :func:`_is_disease`)."""
    stop = len(text) if stop is None else stop
    for m in _PLAIN.finditer(text, start, min(stop, start + 240)):
        rest = text[m.end() : stop]
        end = _PLAIN_END.search(rest)
        value = _LIST_TAIL.sub("", rest[: end.start()] if end else rest).strip(" ,;:“”\"'")
        if value and len(value) <= 240 and value[0] != "(" and all(_is_disease(i) for i in _items(value)):
            return value
    return None


Hit = tuple[int, int, str, Mention, list[str | None]]


def _respective_products(hit: Hit, own: list[Mention], text: str) -> list[Hit]:
    """One designation per listed product, each with its own indication, when the
    products and the indications are listed alike and paired "respectively"."""
    start, end, kind, product, indications = hit
    at = next((i for i, m in enumerate(own) if m.start == product.start), None)
    if at is None or len(indications) < 2:
        return [hit]
    listed = [own[at]]
    for cur in own[at + 1 :]:
        prev = listed[-1]
        if not LIST_JOIN.match(text[prev.start + len(prev.text) : cur.start]):
            break
        listed.append(cur)
    if len(listed) != len(indications):
        return [hit]
    return [(start, end, kind, m, [ind]) for m, ind in zip(listed, indications, strict=True)]


_PRODUCT_FOR = patterns.compile(r"^(?:and\s+)?(\S+(?:\s\d{2,4})?)\s+(?:for|in)\s+(?:the\s+treatment\s+of\s+)?(\S.*)$")


def _product_for_pairs(hit: Hit) -> list[Hit]:
    """A list of products each with its own indication ("ACM-101 for GM1, ACM-202 for FTD-GRN
    and ACM-303 for Krabbe disease"), read as one item list: one designation per product."""
    start, end, kind, product, indications = hit
    out: list[Hit] = []
    for indication in indications:
        m = _PRODUCT_FOR.match(indication) if indication else None
        named = own_products(products(m.group(1)), m.group(1)) if m else []
        if m and named and named[0].text == m.group(1):
            out.append((start, end, kind, Mention(named[0].text, product.start), [m.group(2)]))
        else:
            out.append((start, end, kind, product, [indication]))
    return out


# a further product and its indication given to the same grant: "… to ACM-101 for A and to ACM-202 for B"
_AND_TO_PAIR = patterns.compile(
    r"(?:,\s*|\s+)(?:and\s+)?to\s+(?:its\s+|the\s+company['’]s\s+)?(\S+(?:\s\d{2,4})?)\s+for\s+"
    r"(?:the\s+treatment\s+of\s+)?([^,;.]+?)(?=\s*(?:[,;.]|\s+and\s+to\s|$))",
    re.IGNORECASE,
)


def _to_product_for_pairs(hit: Hit, text: str, low: str, stop: int) -> list[Hit]:
    """The hit, then one more for each further "to X for Y" that follows its product (before
    ``stop``, where the sentence's next grant begins)."""
    start, end, kind, product, _ = hit
    out = [hit]
    after = product.start + len(product.text)
    if after <= end or "to " not in low[after:]:
        return out
    pos = text.find(" for ", after)  # (past the hit's own indication)
    if pos < 0:
        return out
    for m in _AND_TO_PAIR.finditer(text, pos + 5, stop):
        named = own_products(products(m.group(1)), m.group(1))
        if not named or named[0].text != m.group(1).rstrip(",;"):
            break
        out.append((start, end, kind, Mention(named[0].text, m.start(1)), [m.group(2).strip()]))
    return out


def split_indications(value: str, count: int | None, *, population: bool = False) -> list[str]:
    """One indication per listed item ("for SLE, IIM and SSc"), unless the list
    describes one indication ("pancreatic cancer, including metastatic disease",
    "locally advanced and metastatic cancer", "hemophilia A and B") or one population
    ("in patients with SLE and lupus nephritis").  A count ("three designations")
    equal to the number of items always splits."""
    items = _items(value)
    if len(items) < 2 or _QUALIFIER.search(value):
        return [value]
    if count == len(items) or (not population and all(_is_disease(i) for i in items)):
        return items
    return [value]


def _items(value: str) -> list[str]:
    masked = _PAREN_ANY.sub(lambda m: "_" * len(m.group(0)), value)
    out, start = [], 0
    for m in _LIST_SEP.finditer(masked):
        out.append(value[start : m.start()].strip())
        start = m.end()
    out.append(value[start:].strip())
    # "for A and for B": each item without its own preposition
    return [_ITEM_LEAD.sub("", i) for i in out if i]


_ITEM_LEAD = patterns.compile(r"^(?:for|in|both)\s+(?:the\s+treatment\s+of\s+)?", _P)


def _is_disease(item: str) -> bool:
    """An acronym ("SLE", "SSc", "IgAN") or words naming a disease ("… fibrosis",
    "… syndrome", "ulcerative colitis", "… muscular dystrophy (DMD)")."""
    bare = _PAREN_ANY.sub("", item).strip()
    if _ACRONYM.fullmatch(bare):
        return True
    words = bare.lower().replace("-", " ").split()
    return bool(words) and any(w in _DISEASE_WORDS or w.endswith(_DISEASE_ENDINGS) for w in words)


def _count(text: str, start: int, end: int) -> int | None:
    """The number of designations a plural mention announces ("three Fast Track Designations")."""
    m = _COUNT.search(text[max(0, start - 40) : start])
    if m is None or not text[start:end].rstrip().lower().endswith("s"):
        return None
    return _NUMBERS[m.group(1).lower()]


def _bullet_indication(item: str) -> str:
    return _LIST_TAIL.sub("", item.strip()).strip()


def _agencies_for(ctx: Context, s: Sentence, kind: str, start: int, own: str = "") -> list[str]:
    """The agencies of the mention at ``start``; ``own`` is the text from its end to the
    next mention (where "from the FDA" of "Orphan Drug Designation from the FDA and PRIME
    designation from the EMA" stands)."""
    only = _ONLY_AGENCY.get(kind)
    if only:
        # China's NMPA also designates Breakthrough Therapies, and several regulators
        # grant Priority Review: theirs when the sentence names one of them, not the FDA
        others = [m.text for m in ctx.agencies_in(s) if m.text in _ALSO_GIVEN_BY.get(kind, ())]
        if others and not any(m.text == only for m in ctx.agencies_in(s)):
            return others[:1]
        return [only]
    named = [m.text for m in ctx.agencies_in(s)]
    if not named:
        region = next((agency for pattern, agency in _REGION_AGENCY if pattern.search(s.text)), None)
        return [region or ctx.agency_near(s) or "FDA"]
    # an agency right before the mention qualifies it ("EMA PRIME and FDA Orphan Drug
    # Designations", "the FDA's Fast Track designation"): then only that one
    prefix = s.text[max(0, start - 60) : start]
    qualifying = [a for a in named if _qualifies(_AGENCY_PATTERN[a], prefix)]
    if qualifying:
        return qualifying
    # those named as its giver right after it, before the next mention ("… from the FDA and")
    if len(named) > 1 and _GIVER_AFTER.match(own):
        given = [m.text for m in agencies(own) if m.text in named]
        if given:
            return given
    return named


_GIVER_AFTER = patterns.compile(
    # (its product may come first: "… designation for TRU-016 from the European Commission")
    r"\W*(?:designations?|status|eligibility)?\s*(?:\([^()]{1,30}\)\s*)?(?:for\s+[^,;]{1,40}?\s+)?(?:from|by)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)


def _qualifies(pattern: re.Pattern[str], prefix: str) -> bool:
    ends = [m.end() for m in pattern.finditer(prefix)]
    return bool(ends) and _QUALIFIES.fullmatch(prefix, ends[-1]) is not None


# the kinds ir_feed reports; the others are matched only so that their words are
# not read as one of these ("Breakthrough Device" is not "Breakthrough Therapy")
REPORTED = frozenset(
    {"fast_track", "breakthrough_therapy", "orphan_drug", "rare_pediatric_disease", "rmat", "prime", "priority_review"}
)
# what may stand between two designation mentions that share what follows them
# ("Fast Track and Orphan Drug designations for X")
_SHARED = patterns.compile(r"^(?:\s*(?:,|and|&|/|or|as\s+well\s+as|designations?|status|\(\w+\)))*\s*$", _P)
_RESTATED = patterns.compile(r"[\s(]*")


def _joined(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One mention for a name and its acronym ("Rare Pediatric Disease Designation
    (RPDD)", "Regenerative Medicine Advanced Therapy (RMAT) designation")."""
    out: list[tuple[int, int, str]] = []
    for start, end, kind in hits:
        if out and out[-1][2] == kind and _RESTATED.fullmatch(text, out[-1][1], start):
            out[-1] = (out[-1][0], max(end, out[-1][1]), kind)
            continue
        out.append((start, end, kind))
    return out


_ALSO_HELD = patterns.compile(
    r"\b(?:(?:has|have)\s+also|also\s+(?:has|have))\s+(?:been\s+)?(?:granted|received|obtained|awarded)\b|"
    r"\b(?:is|are)\s+also\s+designated\b|"
    r"\b(?:was|were)\s+also\s+(?:granted|awarded|given|designated)\b"
)


# a headline telling a grant: "Acme's ACM-101 Receives …", "FDA Grants …", "… Granted …"
_HEADLINE_GRANT = patterns.compile(
    r"\b(?:receives?|granted|grants|awarded|awards|obtains|secures|earns|wins|gets)\b"
)
def _opening_kinds(ctx: Context, s: Sentence | None = None) -> set[str]:
    """The reported designation kinds the release's headline and dateline paragraph name
    (other than in ``s``) — named, not merely hinted at ("the PRIME study", "a fast-growing
    company" name none)."""
    return {k for x in ctx.lead if x is not s and _tells_a_grant(ctx, x) for k in _kinds_named(x)}


# a grant told (or the news said): a lead sentence naming a kind without one describes the
# product ("Fast Track and Orphan Drug Status; No treatment currently exists for …" under a
# headline about an End-of-Phase II meeting)
_GRANT_TOLD = patterns.compile(
    r"\b(?:grant\w*|receiv\w*|award\w*|obtain\w*|secur\w*|designat(?:ed|es|ion\s+(?:to|for))|achiev\w*|earn\w*|"
    r"wins?|won|gets?|got|assign\w*|confer\w*|accept\w*|announc\w*|today)\b"
)


def _tells_a_grant(ctx: Context, s: Sentence) -> bool:
    """A lead sentence tells a grant: the dateline paragraph (its news verb said in any
    language), the title whatever its form ("Fast Track Designation for ACM-101"), or a
    sub-headline with a grant's or the news's verb."""
    return s.section != "headline" or ctx.is_title(s) or _GRANT_TOLD.search(s.lower) is not None


_GENERIC_TEXT = (
    "disease diseases disorder disorders syndrome cancer cancers tumor tumors tumour tumours type patients "
    "treatment treating adult adults pediatric paediatric chronic acute severe advanced metastatic with "
    "from that have been the and for who"
)
_GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
_INDICATION_WORD = patterns.compile(r"[a-z0-9][a-z0-9-]{2,}")


def _other_indications(ctx: Context, s: Sentence, indications: list[str | None]) -> bool:
    """True when every indication of a sentence is a disease the release's lead never
    names (none of its distinctive words appears there)."""
    if not indications or any(i is None for i in indications):
        return False
    lead = " ".join(x.lower for x in ctx.lead if x is not s)
    if not lead:
        return False
    for indication in indications:
        words = {w for w in _INDICATION_WORD.findall(lowered(indication or "")) if w not in _GENERIC_WORDS}
        if not words or any(w in lead for w in words):
            return False
    return True


def _kinds_named(s: Sentence) -> set[str]:
    hinted = {k for w in s.words for k in _KINDS_BY_HINT.get(w, ())} & REPORTED
    named: set[str] = set()
    for kind, pattern, cased in VOCABULARY:
        if kind in hinted and pattern.search(s.text if cased else s.lower):
            named.add(kind)
    return named


# an object that stands for a product named before
# what an agency does in general, said of no product: "grants orphan status to drugs intended to treat …"
_GENERIC = patterns.compile(
    r"\b(?:grants?|granted|provides?|gives?|given|awards?|awarded|designates?)\b[^.;]{0,60}?\bto\s+"
    r"(?:new\s+|novel\s+|investigational\s+|certain\s+|promising\s+)?"
    r"(?:drugs|products|therapies|medicines|treatments|biologics|compounds|sponsors|companies|developers|candidates)\b"
)
_ANAPHOR = patterns.compile(
    r"\b(?:the|this|its|our)\s+(?:company['’]s\s+)?(?:application|nda|bla|snda|sbla|maa|drug|product(?:\s+candidate)?|candidate|"
    r"therapy|compound|vaccine)\b"
)
# the news verb of a release: "today announced", "is pleased to announce", "announces"
_NEWS = patterns.compile(
    r"\b(?:" + TODAY + r"|announc\w*|pleased\s+to|proud\s+to)\b|"
    # the regulator adding to the news: "The FDA also granted Priority Review for the application"
    r"\b(?:fda|ema|agency|commission|mhra|pmda|nmpa)\s+(?:has\s+)?also\s+(?:granted|awarded|assigned)\b"
)


def _is_this_news(ctx: Context, s: Sentence, low: str, kind: str, product: str) -> bool:
    """A designation is this release's news when its sentence is worded as the news, or
    when the release leads with designations (its headline or dateline paragraph names
    one) of its kind or for its product; else the body only recalls one ("X has received
    Orphan Drug designation" in a release about trial data, "ACM-202 has been granted
    Breakthrough Therapy designation" in one about ACM-101's Fast Track designation)."""
    if _NEWS.search(low) is not None:
        return True
    if (
        kind == "priority_review"
        and (_AGENCY_ACT.search(low) or _ACCEPTED_WITH_PRIORITY.search(low))
        and product_key(product) in _opening_products(ctx)
    ):
        # granted with the acceptance of the lead's application: "… accepted for review its
        # BLA for X. The FDA has granted Priority Review to the Company's BLA submission."
        return True
    opening = _opening_kinds(ctx)
    if not opening:
        return False
    if kind in opening:
        # the lead's kind for another product than the lead's: news only as the agency's
        # act ("The FDA has also granted Fast Track to ACM-303"), not as what that product
        # holds ("ACM-101 was granted Fast Track designation for PBC")
        leads = _opening_products(ctx)
        return not leads or product_key(product) in leads or _AGENCY_ACT_NOW.search(low) is not None
    # another kind for the lead's product: news only as the agency's act continuing
    # the lead ("The FDA has also granted Orphan Drug designation to ACM-101"), not as
    # what the product holds ("ACM-101 has been granted Orphan Drug Designation")
    # (told as done now — "has granted", "also granted", "grants" — not in a bare past: "The
    # European Commission granted Orphan Drug Designation to X" in a Fast Track release recalls)
    if product_key(product) not in _opening_products(ctx):
        return False
    if _AGENCY_ACT_NOW.search(low) is not None:
        return True
    # the dateline paragraph adding to its news in a bare past: "… has received Rare
    # Pediatric Disease designation for A. Additionally, the FDA granted X Orphan Drug
    # designation in A." (a date of its own makes it a recall: see recalled_at)
    return _ADDITIVE.match(low) is not None and _AGENCY_ACT.search(low) is not None and any(x is s for x in ctx.opening)


_APPLICATION = patterns.compile(
    r"\b(?:nda|bla|snda|sbla|maa|new\s+drug\s+application|biologics\s+license\s+application)\b")
# a sentence adding to the one before: "Additionally, …", "In addition, …"
_ADDITIVE = patterns.compile(r"(?:additionally|in\s+addition|furthermore|moreover)\s*,?\s")


# a regulator acting, named as its subject: "The FDA has also granted …"
_AGENCY_SUBJECT = (
    r"\b(?:fda|ema|chmp|comp|agency|commission|administration|nmpa|mhra|pmda|mhlw|health\s+canada|tga)\b"
    r"[^.;]{0,30}?\b"
)
_AGENCY_ACT = patterns.compile(
    _AGENCY_SUBJECT
    + r"(?:has\s+|have\s+)?(?:also\s+)?(?:granted|grants|awarded|awards|designated|designates|issued)\b|"
    # the application as the subject of the agency's act: "The NDA was granted Priority Review"
    r"\b(?:the|this|its|our)\s+(?:application|nda|bla|snda|sbla)\s+(?:was|has\s+been)\s+(?:also\s+)?granted\b"
)
# … told as done now ("has granted", "also granted", "grants"), not in a bare past
_AGENCY_ACT_NOW = patterns.compile(
    _AGENCY_SUBJECT + r"(?:(?:has|have)\s+(?:also\s+)?(?:granted|awarded|designated|issued)|"
    r"also\s+(?:granted|awarded|designated)|grants|awards|designates)\b"
)


def _opening_products(ctx: Context) -> set[str]:
    return {product_key(m.text) for x in ctx.opening for m in ctx.products_in(x)}


def find(ctx: Context, s: Sentence) -> list[Found]:
    """Designations stated in one sentence."""
    if s.section == "fls" or not s.has_any(KEYWORDS):
        return []
    text = s.text
    hits: list[tuple[int, int, str]] = []
    low = s.lower
    kinds = {k for w in s.words for k in _KINDS_BY_HINT.get(w, ())}
    for kind, pattern, cased in VOCABULARY:
        if kind not in kinds:
            continue
        subject = text if cased else low
        for m in pattern.finditer(subject):
            inside = m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_")
            if not cased and inside and low[m.start()] != "(":
                continue  # not at a word start
            if not any(a < m.end() and m.start() < b for a, b, _ in hits):
                hits.append((m.start(), m.end(), kind))
    if not hits:
        return []
    prods = ctx.products_in(s)
    if not prods:
        # "The FDA also granted priority review for the application": the product is the
        # one the sentences before named
        anaphor = _ANAPHOR.search(low)
        if anaphor is not None and _GENERIC.search(low):
            return []  # "The FDA's Office of Orphan Drug Products grants orphan status to drugs intended to …"
        if anaphor is not None:
            referent = ctx.product_near(s, back=2, fallback=False)
        elif any(x is s for x in ctx.lead):
            # the lead names the grant and its disease, the next sentence the product
            # ("… received RMAT designation for patients with PAD. … for its ATEV")
            referent = ctx.product_near(s, back=0, fallback=False)
        elif all(kind == "priority_review" for _, _, kind in hits) and s.index and _APPLICATION.search(
            ctx.sentences[s.index - 1].lower
        ):
            # Priority Review is an application's: "The FDA accepted the NDA for X. The FDA
            # granted Priority Review with a PDUFA date of …"
            referent = ctx.product_near(s, back=1, fallback=False)
        else:
            referent = None
        if referent is None:
            return []
        prods = [Mention(referent, anaphor.start() if anaphor is not None else len(text))]
    own = own_products(prods, text)  # never a drug given only in combination
    hits = _joined(text, sorted(hits))
    # each mention's indication is read up to the next mention: in "Fast Track for A,
    # Rare Pediatric Disease for B, and Orphan Drug for C and D" each kind has its own
    found: list[tuple[int, int, str, Mention, list[str | None]]] = []
    for i, (start, end, kind) in enumerate(hits):
        product = nearest(own, start)
        if product is None:
            continue
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        after = max(end, product.start + len(product.text)) if product.start < stop else end
        grounds = _GROUNDS.search(low, end, stop)
        if s.bullets:
            indications: list[str | None] = [_bullet_indication(b) for b in s.bullets]
        elif grounds is not None and grounds.start() < after:
            # the grant's grounds name the product, then their trial's population: "… granted
            # Breakthrough Therapy Designation based on results from its Phase 2 trial of X in
            # patients with Y" (Y is the trial's, not the grant's: the lead's is taken)
            indications = [None]
        else:
            hit = _indication(text, after, stop, low)
            plain = None if hit else plain_indication_after(text, after, stop)
            value, population = hit or (plain, False)
            count = _count(text, start, end)
            indications = list(split_indications(value, count, population=population)) if value else [None]
        found.append((start, end, kind, product, indications))
    if "respectively" in low:  # "to ACM-101 and ACM-202 for PBC and PSC, respectively"
        found = [item for f in found for item in _respective_products(f, own, text)]
    if " for " in text:  # "… candidates: ACM-101 for GM1, ACM-202 for FTD and ACM-303 for Krabbe disease"
        found = [item for f in found for item in _product_for_pairs(f)]
    if " to " in text and " for " in text:  # "… designations to ACM-101 for A and to ACM-202 for B"
        bounds = [next((h[0] for h in found if h[0] > f[0]), len(text)) for f in found]
        found = [
            item for f, stop in zip(found, bounds, strict=True) for item in _to_product_for_pairs(f, text, low, stop)
        ]
    for i in range(len(found) - 2, -1, -1):  # "Fast Track and Orphan Drug designations for X"
        start, end, kind, product, indications = found[i]
        nxt = found[i + 1]
        if indications == [None] and _SHARED.match(text[end : nxt[0]]):
            found[i] = (start, end, kind, product, nxt[4])
    out: list[Found] = []
    # "X has also been granted Orphan Drug designation": a held designation, unless the
    # release leads with that kind (then "also" adds it to the news)
    # (held by the product — "X has also received …" — not the agency's act continuing
    # the news — "The FDA has also granted … to Y")
    held = "also" in low and _ALSO_HELD.search(low) is not None and _AGENCY_ACT.search(low) is None
    starts = [f[0] for f in found]
    for i, (start, end, kind, product, indications) in enumerate(found):
        if kind not in REPORTED:
            continue
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        recalled = (
            ctx.recalled_at(s, start, end)
            # what the news follows came before it: "…, following orphan drug designation from the FDA in 2011"
            or _FOLLOWING_IT.search(low, max(0, start - 60), start) is not None
            # "X has also received Fast Track for A and B" in a release whose news is the
            # Fast Track for C: the lead names this kind, but for other diseases
            or (held and (kind not in _opening_kinds(ctx, s) or _other_indications(ctx, s, indications)))
        )
        status = _status(low, start, kind)
        if status is None and recalled and not is_hypothetical(low[max(0, start - 60) : start + 30]):
            status = "granted"  # held, not newly granted: "its existing Orphan Drug designation"
        if status is None or status == "planned":
            continue  # a plan to apply is no designation
        # (an application is told as it is made — "has also applied for Orphan Drug
        # designation" — in a release about anything: no held state to confuse it with)
        news = status == "applied" or _is_this_news(ctx, s, low, kind, product.text)
        # (a periodic report's milestones are the period's; what it says happened today is news)
        announced = s.is_body and not recalled and not ctx.of_the_period(s) and news
        headline_news = (
            s.section == "headline" and status == "granted" and not recalled and not ctx.periodic_report
            and _HEADLINE_GRANT.search(low) is not None and ctx.is_title(s)
        )  # fmt: skip
        for agency in _agencies_for(ctx, s, kind, start, text[end:stop]):
            for indication in indications:
                evidence = f"{s.quote} {indication}" if s.bullets and indication else s.quote
                out.append(
                    Found(agency, kind, product.text, indication or None, status,
                          announced, s.is_body, evidence, s.index, s.section, headline_news)
                )  # fmt: skip
    return out
