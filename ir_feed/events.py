"""Event value types: what the extractor finds in a press release.

Events are frozen slotted dataclasses checked when built.  The first three kinds have
value objects of their own (the extractor's rules build them field by field):

* :class:`Designation` — a regulatory designation (Fast Track, Orphan Drug, PRIME…)
  for one product and one indication;
* :class:`IndClearance` — an IND clearance or a foreign equivalent (CTA, NOL, CTN);
* :class:`TrialStart` — a clinical trial that is planned, initiated or first dosed;

and an event of any other kind is a :class:`Fact`: its kind's fields as its spec
(:mod:`ir_feed.kinds`) lists and types them, checked against that spec — adding a kind
adds no class here.

Each event carries ``announced`` (True when this release announces it, False when
the release only recalls it), ``evidence`` (the sentence it came from) and ``key``,
a stable natural key.  The key identifies the *fact*: it is built only from fields
that do not change as the fact evolves (issuer, kind, agency, designation, product,
trial, indication), never from status, timing, evidence or ``announced``, so that
a later release or a corrected version of the same fact gets the same key and the
change becomes an "updated" diff downstream.  Key format (``|``-separated,
each part lower case with punctuation and spacing removed by :func:`key_part`)::

    <issuer>|designation|<agency>|<designation>|<product>|<indication>
    <issuer>|ind_clearance|<agency>|<product>
    <issuer>|trial_start|<product>|<trial name, else "phase-" + phase>

``<issuer>`` is the symbol of the issuer's primary listing (``allo``) when the
release names one, else the normalised company name.  The symbol, not the listing:
a company that moves from OTC to Nasdaq, or a feed that files the same listing under
``Other OTC`` while the release says ``Nasdaq``, keeps its facts' keys; the listings
travel with each event as data (its ``tickers``).  ``<indication>`` is :func:`indication_key`: the
parenthesised acronyms of the indication when it has some (``"... lupus (SLE)"``
→ ``sle``), else its normalised words.

:class:`ReleaseFacts` holds what the release says about itself (issuer, tickers,
date) and :class:`Extraction` is the whole result; ``to_dict()`` on each gives the
JSON shape of the ``ir-feed extract`` contract.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

from ir_feed.kinds import kind_of
from ir_feed.models import Ticker

DesignationStatus = Literal["granted", "applied", "planned", "positive_opinion"]
IndStatus = Literal["cleared", "submitted", "planned"]
TrialStatus = Literal["planned", "initiated", "first_patient_dosed"]

DESIGNATION_STATUSES: frozenset[str] = frozenset({"granted", "applied", "planned", "positive_opinion"})
IND_STATUSES: frozenset[str] = frozenset({"cleared", "submitted", "planned"})
TRIAL_STATUSES: frozenset[str] = frozenset({"planned", "initiated", "first_patient_dosed"})

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7})\)")
# (a defined acronym may stand in quotes: 'severe combined immunodeficiency ("SCID")'; not in
# keys, which stay as they were stored)
_DEFINED_ACRONYM = re.compile(r"\([\"“']?([A-Z][A-Za-z0-9]{1,7})[\"”']?\)")
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "with",
        "and",
        "or",
        "in",
        "to",
        "patients",
        "patient",
        "adult",
        "adults",
        "individuals",
        "people",
        "subjects",
        "treatment",
        "prevention",
        "active",
    ]
)


def key_part(text: str | None) -> str:
    """Normalise one key component: lower case, punctuation and spacing removed
    between words, words joined by ``-``.  ``" ALLO-329 "`` → ``"allo-329"``."""
    if not text:
        return ""
    return "-".join(w for w in _NON_ALNUM.split(text.lower()) if w)


_ALIAS_TAIL = re.compile(r"\s*\([^()]*\)\s*$")


def product_key(product: str) -> str:
    """``"ALLO-329"``, ``"allo 329"`` and ``"ALLO329"`` all give ``"allo329"``; an alias
    in parentheses is not part of the key (``"RLS-0071 (pegtarazimod)"`` → ``"rls0071"``)."""
    return _NON_ALNUM.sub("", _ALIAS_TAIL.sub("", product).lower())


def indication_key(indication: str | None) -> str:
    """A wording-tolerant key for an indication (see the module docstring)."""
    if not indication:
        return ""
    acronyms = sorted({m.group(1).lower() for m in _PAREN_ACRONYM.finditer(indication)})
    if acronyms:
        return "-".join(acronyms)
    words = [w for w in _NON_ALNUM.split(indication.lower()) if w and w not in _FILLER]
    return "-".join(words)


def same_indication(a: str | None, b: str | None) -> bool:
    """True when two wordings name one indication: equal keys, a shared parenthesised
    acronym, or the words of one (less filler) all among the other's
    ("Graft-versus-Host Disease (GvHD)" ~ "GvHD" ~ "graft-versus-host disease")."""
    if indication_key(a) == indication_key(b):
        return True
    if not a or not b:
        return False
    acr_a = {m.group(1).lower() for m in _DEFINED_ACRONYM.finditer(a)}
    acr_b = {m.group(1).lower() for m in _DEFINED_ACRONYM.finditer(b)}
    words_a, words_b = _indication_words(a), _indication_words(b)
    if acr_a & (acr_b | words_b) or acr_b & words_a:
        return True
    if _initials(a) == _bare_acronym(b) or _initials(b) == _bare_acronym(a):
        return True  # "Sickle Cell Disease" ~ "SCD"
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


_ACRONYM_ONLY = re.compile(r"[A-Z][A-Za-z0-9]{1,7}")


def _bare_acronym(text: str) -> str:
    t = text.strip()
    return t.lower() if _ACRONYM_ONLY.fullmatch(t) and sum(c.isupper() for c in t) >= 2 else ""


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text.strip()) if w]
    return "".join(w[0] for w in words).lower() if 2 <= len(words) <= 8 else "-"


def _indication_words(text: str) -> set[str]:
    return {w for w in _NON_ALNUM.split(text.lower()) if w and w not in _FILLER}


MAX_KEY = 400  # the events.key column holds 500


def _join_key(*parts: str) -> str:
    """The parts joined with ``|``; a key that would be longer than :data:`MAX_KEY`
    (an issuer or indication of hundreds of characters) keeps its first 300 characters
    and ends with a hash of the whole, so it stays unique and stable."""
    key = "|".join(parts)
    if len(key) <= MAX_KEY:
        return key
    return f"{key[:300]}|sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def designation_key(issuer: str, agency: str, designation: str, product: str, indication: str | None) -> str:
    return _join_key(
        key_part(issuer),
        "designation",
        key_part(agency),
        key_part(designation),
        product_key(product),
        indication_key(indication),
    )


def ind_clearance_key(issuer: str, agency: str, product: str) -> str:
    return _join_key(key_part(issuer), "ind_clearance", key_part(agency), product_key(product))


def trial_start_key(
    issuer: str, product: str, trial: str | None, phase: str | None, indication: str | None = None
) -> str:
    """``indication`` is given for one of several trials a sentence plans at once, one
    per indication ("Phase 2 trials in A, B and C"): each is a trial of its own."""
    which = key_part(trial) if trial else (f"phase-{key_part(phase)}" if phase else "")
    if indication is None:
        return _join_key(key_part(issuer), "trial_start", product_key(product), which)
    return _join_key(key_part(issuer), "trial_start", product_key(product), which, indication_key(indication))


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _check_common(announced: bool, evidence: str, key: str) -> None:
    _require(isinstance(announced, bool), "announced must be a bool")
    _require(bool(evidence.strip()), "evidence must not be empty")
    _require(bool(key), "key must not be empty")


@dataclass(frozen=True, slots=True)
class Designation:
    """A regulatory designation for one product and one indication."""

    kind: ClassVar[str] = "designation"

    announced: bool
    agency: str  # "FDA", "EMA", "MHRA", "Health Canada", ...
    designation: str  # "fast_track", "orphan_drug", "prime", ...
    product: str
    indication: str | None
    status: DesignationStatus
    evidence: str
    key: str

    def __post_init__(self) -> None:
        _check_common(self.announced, self.evidence, self.key)
        _require(self.status in DESIGNATION_STATUSES, f"bad designation status {self.status!r}")
        _require(bool(self.agency and self.designation and self.product), "empty designation field")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "announced": self.announced,
            "agency": self.agency,
            "designation": self.designation,
            "product": self.product,
            "indication": self.indication,
            "status": self.status,
            "evidence": self.evidence,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class IndClearance:
    """An IND clearance (FDA) or a foreign equivalent (CTA, NOL, CTN)."""

    kind: ClassVar[str] = "ind_clearance"

    announced: bool
    agency: str
    product: str
    indication: str | None
    status: IndStatus
    evidence: str
    key: str

    def __post_init__(self) -> None:
        _check_common(self.announced, self.evidence, self.key)
        _require(self.status in IND_STATUSES, f"bad IND status {self.status!r}")
        _require(bool(self.agency and self.product), "empty IND clearance field")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "announced": self.announced,
            "agency": self.agency,
            "product": self.product,
            "indication": self.indication,
            "status": self.status,
            "evidence": self.evidence,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class TrialStart:
    """A clinical trial start: planned, initiated or first patient dosed.

    ``timing_text`` is the timing as written; ``window_start``/``window_end`` the
    date window it denotes (both None when undated)."""

    kind: ClassVar[str] = "trial_start"

    announced: bool
    product: str
    trial: str | None
    phase: str | None  # "1", "1/2", "2b", "3", ...
    indications: tuple[str, ...]
    timing_text: str | None
    window_start: date | None
    window_end: date | None
    status: TrialStatus
    evidence: str
    key: str

    def __post_init__(self) -> None:
        _check_common(self.announced, self.evidence, self.key)
        _require(self.status in TRIAL_STATUSES, f"bad trial status {self.status!r}")
        _require(bool(self.product), "empty trial product")
        _require(
            (self.window_start is None) == (self.window_end is None),
            "window_start and window_end are both set or both None",
        )
        if self.window_start is not None and self.window_end is not None:
            _require(self.window_start <= self.window_end, "window_start after window_end")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "announced": self.announced,
            "product": self.product,
            "trial": self.trial,
            "phase": self.phase,
            "indications": list(self.indications),
            "timing_text": self.timing_text,
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "window_end": self.window_end.isoformat() if self.window_end else None,
            "status": self.status,
            "evidence": self.evidence,
            "key": self.key,
        }


_OWN_CLASS = frozenset({"designation", "ind_clearance", "trial_start"})


@dataclass(frozen=True, slots=True)
class Fact:
    """An event of a kind defined by its spec alone: ``values`` holds its fields but the
    product and the status, as (name, value) in the spec's order (a ``date`` field a
    :class:`~datetime.date`, a ``texts`` field a tuple of texts).  A field reads as an
    attribute (``fact.indication``)."""

    kind: str
    announced: bool
    product: str
    status: str
    values: tuple[tuple[str, Any], ...]
    evidence: str
    key: str

    def __post_init__(self) -> None:
        _check_common(self.announced, self.evidence, self.key)
        spec = kind_of(self.kind)
        _require(spec is not None and self.kind not in _OWN_CLASS, f"no spec-only kind {self.kind!r}")
        assert spec is not None  # (for the type checker)
        _require(self.status in spec.status_rank, f"bad {self.kind} status {self.status!r}")
        _require(bool(self.product), f"empty {self.kind} product")
        own = [name for name in spec.fields if name not in ("product", "status")]
        _require([name for name, _ in self.values] == own, f"{self.kind} fields are {own}")
        for name, value in self.values:
            _require(_typed(spec.type_of(name), value), f"bad {self.kind} {name} {value!r}")

    def __getattr__(self, name: str) -> Any:
        for field_name, value in object.__getattribute__(self, "values"):
            if field_name == name:
                return value
        raise AttributeError(name)

    def to_dict(self) -> dict[str, Any]:
        spec = kind_of(self.kind)
        assert spec is not None
        values = dict(self.values)
        out: dict[str, Any] = {"kind": self.kind, "announced": self.announced}
        for name in spec.fields:
            value = self.product if name == "product" else self.status if name == "status" else values[name]
            if isinstance(value, date):
                value = value.isoformat()
            out[name] = list(value) if isinstance(value, tuple) else value
        out["evidence"] = self.evidence
        out["key"] = self.key
        return out


def _typed(kind: str, value: Any) -> bool:
    """Whether ``value`` is what a field of :data:`~ir_feed.kinds.spec.FieldType` ``kind`` holds."""
    if kind == "name":
        return isinstance(value, str) and bool(value.strip())
    if kind == "texts":
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    if kind == "date":
        return value is None or isinstance(value, date)
    if kind == "flag":
        return value is None or isinstance(value, bool)
    return value is None or isinstance(value, str)


def fact_key(issuer: str, kind: str, product: str, *parts: str | None) -> str:
    """The natural key of a :class:`Fact`: ``<issuer>|<kind>|<product>|<part>|…``, the
    product as :func:`product_key` writes it, each other part as :func:`key_part` (the
    parts are the fields that name the fact, never its status or timing)."""
    return _join_key(key_part(issuer), kind, product_key(product), *(key_part(p) for p in parts))


Event = Designation | IndClearance | TrialStart | Fact


@dataclass(frozen=True, slots=True)
class ReleaseFacts:
    """What a release says about itself."""

    company: str | None
    date: date | None
    tickers: tuple[Ticker, ...] = ()

    @property
    def issuer_key(self) -> str:
        """The issuer part of event keys: the primary listing's symbol, else the company."""
        primary = primary_ticker(self.tickers)
        if primary is not None:
            return primary.symbol
        return self.company or "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "date": self.date.isoformat() if self.date else None,
            "tickers": [{"exchange": t.exchange, "symbol": t.symbol} for t in self.tickers],
        }


# Lower rank = more primary.  Rank, not listing order, so the issuer key does not
# change when a release lists the same listings in another order.
_EXCHANGE_RANK: dict[str, int] = {
    "NASDAQ": 0,
    "NYSE": 0,
    "NYSE AMERICAN": 1,
    "TSX": 2,
    "ASX": 2,
    "LSE": 2,
    "TSXV": 3,
    "CSE": 3,
    "AIM": 3,
}


def primary_ticker(tickers: tuple[Ticker, ...]) -> Ticker | None:
    """The listing used as issuer identity: a major exchange before a venture
    exchange before OTC/foreign quotations; ties go to the first listed."""
    if not tickers:
        return None
    ranked = sorted(
        enumerate(tickers),
        key=lambda it: (_EXCHANGE_RANK.get(it[1].exchange or "", 5 if it[1].exchange else 9), it[0]),
    )
    return ranked[0][1]


@dataclass(frozen=True, slots=True)
class Extraction:
    """The result of extracting one release."""

    release: ReleaseFacts
    events: tuple[Event, ...]
    extractor_version: str

    def of_kind(self, kind: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "release": self.release.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "extractor_version": self.extractor_version,
        }
