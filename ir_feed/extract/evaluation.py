"""Scoring an :class:`~ir_feed.events.Extraction` against a gold label (pure).

Used by ``bench/extract_quality.py`` and the corpus acceptance tests.  The gold
format is the corpus's ``NAME.gold.json`` (``docs/labelling.md``).  The matching
rules are those of the project's yardstick, ``shared/tools/score_extract.py``, so
that our figures and an outside scorer's agree:

* **designations** — *announced* predictions vs ``designations``, greedily in gold
  order: a pair matches when the kind is equal, the agencies agree (``US FDA`` ~
  ``FDA``, "Läkemedelsverket (Swedish MPA)" ~ "Swedish Medical Products Agency": one
  regulator however written, see ``_AGENCY_NAMES``; a missing one agrees), the products match and the indications agree
  (token overlap ≥ half of the shorter, or a shared acronym, or one side unlabelled).
  A recalled gold designation (``background_designations``) that matches an
  announced prediction is counted as *recalled reported as new*.
* **IND clearances** — *every* prediction (announced or not) vs ``ind_clearances``,
  leaving out predictions that match a ``background_ind_clearances`` entry; a pair
  matches on agency and product (any product when the gold names none).
* **trial starts** — announced predictions vs ``trial_starts``: the products match
  or the trial names do, and the statuses are equal.  Windows are compared on
  matched pairs whose gold has a window.
* products match when, upper-cased with everything but letters and digits removed,
  one contains the other.

Tickers are exact when the (exchange, symbol) sets are equal; dates when equal.
Precision with nothing predicted, and recall with nothing to find, count as 1.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ir_feed.events import Extraction

Gold = Mapping[str, Any]
Pred = Mapping[str, Any]

_STOP = frozenset(
    "the of and for in with a an to or patients treatment adult adults disease active associated".split()  # noqa: SIM905
)
_AGENCY_ALIAS = {"USFDA": "FDA", "EUROPEANMEDICINESAGENCY": "EMA", "FOODANDDRUGADMINISTRATION": "FDA"}
# One regulator written several ways by labellers and releases ("Läkemedelsverket (Swedish
# MPA)", "MPA (Medical Products Agency, Sweden)", "Swedish Medical Products Agency"): a
# label naming one of these is that regulator.  Japan's ministry and its agency act
# together on designations ("PMDA / MHLW"), so they are one here.
_AGENCY_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("SE-MPA",
         r"l[äa]kemedelsverket|medical\s+products\s+agency|\bMPA\b.*\bswed|\bswed\w*\s+MPA\b|\bMPA\s*\(sweden"),
        ("DK-DKMA", r"danish\s+medicines\s+agency|l[æa]gemiddelstyrelsen|\bDKMA\b"),
        ("NO-NOMA", r"norwegian\s+medicines\s+agency|legemiddelverk|\bNoMA\b"),
        ("FI-FIMEA", r"\bfimea\b|finnish\s+medicines\s+agency"),
        ("JP",
         r"\bPMDA\b|\bMHLW\b|pharmaceuticals\s+and\s+medical\s+devices\s+agency|ministry\s+of\s+health,?\s+labou?r"),
        ("TW-TFDA", r"\bTFDA\b|taiwan\s+(?:FDA|food)"),
        ("KR-MFDS", r"\bMFDS\b|ministry\s+of\s+food\s+and\s+drug\s+safety"),
        ("DE-PEI", r"paul[-\s]ehrlich|\bPEI\b"),
        ("IL-MOH", r"israel\w*\s+ministry\s+of\s+health|ministry\s+of\s+health\s+(?:of|in)\s+israel|israeli\s+MoH"),
        ("AT-BASG",
         r"\bBASG\b|bundesamt\s+f[üu]r\s+sicherheit|federal\s+office\s+for\s+safety\s+in\s+health|\baustria"),
        ("NL-CBG", r"\bCBG\b|college\s+ter\s+beoordeling|medicines\s+evaluation\s+board"),
        ("CN-NMPA", r"\bNMPA\b|national\s+medical\s+products\s+administration|\bCFDA\b|\bCDE\b|"
                r"china\s+food\s+and\s+drug\s+administration"),
        ("EU-EMA", r"\bEMA\b|european\s+medicines\s+agency|\bCHMP\b|\bCOMP\b|european\s+commission"),
        ("US-FDA", r"(?<!taiwan )(?<!china )(?:\bFDA\b|food\s+(?:and|&)\s+drug\s+administration)"),
    )
)


def _code(text: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def products_match(a: str | None, b: str | None) -> bool:
    """Both empty, or one's letters and digits inside the other's."""
    x, y = _code(a), _code(b)
    if not x or not y:
        return not x and not y
    return x in y or y in x


def _tokens(text: str | None) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", (text or "").lower()) if t not in _STOP and len(t) > 1}


def _acronyms(text: str | None) -> set[str]:
    s = text or ""
    return set(re.findall(r"\(([A-Za-z0-9-]{2,10})\)", s)) | set(re.findall(r"\b[A-Z][A-Za-z]*[A-Z]+\b", s))


def texts_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # unlabelled on one side: not judged
    if _acronyms(a) & _acronyms(b):
        return True
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return True
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.5


def _agency(text: str | None) -> str:
    for name, pattern in _AGENCY_NAMES:
        if text and pattern.search(text):
            return name
    x = _code(text)
    return _AGENCY_ALIAS.get(x, x)


def agencies_agree(a: str | None, b: str | None) -> bool:
    """The same regulator, however written (see ``_AGENCY_NAMES``); a missing one agrees."""
    return not _code(a) or not _code(b) or _agency(a) == _agency(b)


def same_designation(g: Gold, p: Pred) -> bool:
    return (
        g.get("kind") == p.get("designation")
        and agencies_agree(g.get("agency"), p.get("agency"))
        and products_match(g.get("product"), p.get("product"))
        and texts_agree(g.get("indication"), p.get("indication"))
    )


def same_clearance(g: Gold, p: Pred) -> bool:
    product = not g.get("product") or products_match(g.get("product"), p.get("product"))
    return product and agencies_agree(g.get("agency"), p.get("agency"))


def same_trial(g: Gold, p: Pred) -> bool:
    product = bool(g.get("product")) and products_match(g.get("product"), p.get("product"))
    trial = bool(g.get("trial")) and products_match(g.get("trial"), p.get("trial"))
    return (product or trial) and g.get("status") == p.get("status")


def _match(golds: Sequence[Gold], preds: Sequence[Pred], same: Callable[[Gold, Pred], bool]) -> list[tuple[Gold, Pred]]:
    used: set[int] = set()
    pairs = []
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and same(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


@dataclass
class Counts:
    """Hits, predictions and gold entries; added up over releases (micro-average)."""

    hit: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.hit += other.hit
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.hit / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ReleaseScore:
    """One release's agreement with its gold label."""

    name: str
    designations: Counts
    ind_clearances: Counts
    trial_starts: Counts
    recalled_as_new: int
    tickers_exact: bool
    date_exact: bool
    windows_exact: int
    windows_total: int
    announced_events: int  # announced events of any kind (for releases that announce none)
    misses: list[str] = field(default_factory=list)


_FIRST_KINDS = frozenset({"designation", "ind_clearance", "trial_start"})  # (the catalysts are scored apart)


def score_release(name: str, got: Extraction, gold: Gold) -> ReleaseScore:
    """Compare one extraction with its gold label (see the module docstring)."""
    events = [e.to_dict() for e in got.events]
    new = [e for e in events if e.get("announced", True)]
    d_pred = [e for e in new if e["kind"] == "designation"]
    t_pred = [e for e in new if e["kind"] == "trial_start"]
    i_pred = [e for e in events if e["kind"] == "ind_clearance"]
    i_bg = list(gold.get("background_ind_clearances", []))
    if i_bg:
        i_pred = [p for p in i_pred if not any(same_clearance(b, p) for b in i_bg)]

    g_d = list(gold.get("designations", []))
    g_i = list(gold.get("ind_clearances", []))
    g_t = list(gold.get("trial_starts", []))
    m_d = _match(g_d, d_pred, same_designation)
    m_i = _match(g_i, i_pred, same_clearance)
    m_t = _match(g_t, t_pred, same_trial)

    windows_exact = windows_total = 0
    for g, p in m_t:
        if g.get("window_start"):
            windows_total += 1
            want = (g.get("window_start"), g.get("window_end"))
            windows_exact += want == (p.get("window_start"), p.get("window_end"))
    recalled = [b for b in gold.get("background_designations", []) if any(same_designation(b, p) for p in d_pred)]

    gold_tickers = {(t.get("exchange"), t.get("symbol")) for t in gold.get("tickers", [])}
    got_tickers = {(t.exchange, t.symbol) for t in got.release.tickers}
    got_date = got.release.date.isoformat() if got.release.date else None

    misses: list[str] = []
    for label, preds, golds, matched in (
        ("designation", d_pred, g_d, m_d),
        ("ind_clearance", i_pred, g_i, m_i),
        ("trial_start", t_pred, g_t, m_t),
    ):
        hit_p = {id(p) for _, p in matched}
        hit_g = {id(g) for g, _ in matched}
        misses += [f"FP {label}: {_brief(p)}" for p in preds if id(p) not in hit_p]
        misses += [f"FN {label}: {_brief(g)}" for g in golds if id(g) not in hit_g]
    misses += [f"recalled reported as new: {_brief(b)}" for b in recalled]
    if gold_tickers != got_tickers:
        misses.append(f"tickers: got {sorted(got_tickers, key=str)} want {sorted(gold_tickers, key=str)}")
    if got_date != gold.get("date"):
        misses.append(f"date: got {got_date} want {gold.get('date')}")

    return ReleaseScore(
        name=name,
        designations=Counts(len(m_d), len(d_pred), len(g_d)),
        ind_clearances=Counts(len(m_i), len(i_pred), len(g_i)),
        trial_starts=Counts(len(m_t), len(t_pred), len(g_t)),
        recalled_as_new=len(recalled),
        tickers_exact=gold_tickers == got_tickers,
        date_exact=got_date == gold.get("date"),
        windows_exact=windows_exact,
        windows_total=windows_total,
        announced_events=sum(e["kind"] in _FIRST_KINDS for e in new),
        misses=misses,
    )


def _brief(e: Mapping[str, Any]) -> str:
    fields = ("agency", "kind", "designation", "product", "trial", "phase", "indication", "status", "timing_text")
    return " ".join(f"{k}={e[k]!r}" for k in fields if e.get(k) and not (k == "kind" and "designation" in e))


@dataclass
class CorpusScore:
    """Micro-averaged scores over a set of releases."""

    releases: list[ReleaseScore]
    designations: Counts = field(default_factory=Counts)
    ind_clearances: Counts = field(default_factory=Counts)
    trial_starts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        for r in self.releases:
            self.designations.add(r.designations)
            self.ind_clearances.add(r.ind_clearances)
            self.trial_starts.add(r.trial_starts)

    @property
    def recalled_as_new(self) -> int:
        return sum(r.recalled_as_new for r in self.releases)

    @property
    def tickers_exact(self) -> int:
        return sum(r.tickers_exact for r in self.releases)

    @property
    def dates_exact(self) -> int:
        return sum(r.date_exact for r in self.releases)

    @property
    def windows(self) -> tuple[int, int]:
        return (sum(r.windows_exact for r in self.releases),
                sum(r.windows_total for r in self.releases))  # fmt: skip


# -- the catalyst kinds (issue 12): labels in tests/corpus/catalysts/NAME.json ----------------

#: Each catalyst kind with the list its labels are in (docs/labelling.md, "Catalyst labels").
CATALYST_LISTS: Mapping[str, str] = {
    "application_accepted": "applications",
    "advisory_committee": "advisory_committees",
    "approval": "approvals",
    "complete_response": "complete_responses",
    "clinical_hold": "clinical_holds",
    "topline_readout": "topline_readouts",
}


def _names_it(g: Gold, p: Pred) -> bool:
    """The product matches, or (where the label names one) the trial does."""
    product = bool(g.get("product")) and products_match(g.get("product"), p.get("product"))
    return product or (bool(g.get("trial")) and products_match(g.get("trial"), p.get("trial")))


def _same_status(g: Gold, p: Pred) -> bool:
    return g.get("status") is None or g.get("status") == p.get("status")  # (a null: not told)


def same_catalyst(kind: str) -> Callable[[Gold, Pred], bool]:
    """The matching rule of one catalyst kind: its product (or trial) and its status, and
    its regulator where it has one, as for the first kinds."""

    def same(g: Gold, p: Pred) -> bool:
        agency = "agency" not in g or agencies_agree(g.get("agency"), p.get("agency"))
        status = kind == "complete_response" or _same_status(g, p)
        return agency and status and _names_it(g, p)

    return same


def _window(kind: str, g: Gold) -> tuple[Any, Any]:
    if kind == "application_accepted":
        return g.get("target_action_start"), g.get("target_action_end")
    return g.get("window_start"), g.get("window_end")


@dataclass
class CatalystScore:
    """One release's (or, added up, a corpus's) agreement with its catalyst labels."""

    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in CATALYST_LISTS})
    recalled_as_new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATALYST_LISTS, 0))
    windows_exact: int = 0
    windows_total: int = 0
    announced_events: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: CatalystScore) -> None:
        for k in CATALYST_LISTS:
            self.kinds[k].add(other.kinds[k])
            self.recalled_as_new[k] += other.recalled_as_new[k]
        self.windows_exact += other.windows_exact
        self.windows_total += other.windows_total


def score_catalysts(got: Extraction, labels: Gold) -> CatalystScore:
    """Compare one extraction's catalyst events with a release's catalyst labels: per
    kind, its announced predictions against the label's list (greedily, in label
    order); a ``background_…`` entry matched by an announced prediction is a recalled
    catalyst reported as new; date windows compared on matched pairs with one."""
    out = CatalystScore()
    events = [e.to_dict() for e in got.events]
    for kind, listed in CATALYST_LISTS.items():
        same = same_catalyst(kind)
        preds = [e for e in events if e["kind"] == kind and e.get("announced", True)]
        golds = list(labels.get(listed, []))
        matched = _match(golds, preds, same)
        out.kinds[kind] = Counts(len(matched), len(preds), len(golds))
        out.announced_events += len(preds)
        background = labels.get(f"background_{listed}", [])
        out.recalled_as_new[kind] = sum(any(same(b, p) for p in preds) for b in background)
        for g, p in matched:
            start, end = _window(kind, g)
            if start:
                out.windows_total += 1
                out.windows_exact += (start, end) == (p.get("window_start"), p.get("window_end"))
        hit_p = {id(p) for _, p in matched}
        hit_g = {id(g) for g, _ in matched}
        out.misses += [f"FP {kind}: {_brief(p)}" for p in preds if id(p) not in hit_p]
        out.misses += [f"FN {kind}: {_brief(g)}" for g in golds if id(g) not in hit_g]
    return out


def announces_no_catalyst(labels: Gold) -> bool:
    """True for a release whose catalyst labels announce nothing."""
    return not any(labels.get(listed) for listed in CATALYST_LISTS.values())


def announces_nothing(gold: Gold) -> bool:
    """True for a release whose gold has no new event of any kind."""
    return not (gold.get("designations") or gold.get("ind_clearances") or gold.get("trial_starts"))


def corpus_text(raw: str) -> str:
    """A corpus release file's text: its first line is the source URL when it has one."""
    first, _, rest = raw.partition("\n")
    return rest if first.strip().startswith(("http://", "https://", "seed:", "source:")) else raw


def corpus_source(raw: str) -> str:
    """A corpus release file's source URL (its first line)."""
    return raw.partition("\n")[0].strip()


TEST_SHARE = 45
"""Percent of the corpus held out as the test part (by :func:`corpus_part`)."""


def corpus_part(source: str) -> str:
    """``"test"`` or ``"tune"``: which part of the corpus a release belongs to.

    Fixed once, before any rule was written from the corpus: a hash of the release's
    source URL (its file's first line), so adding releases never moves old ones and
    nobody chooses where a release lands.  Rules are tuned on ``"tune"`` only.
    """
    digest = hashlib.sha256(source.strip().encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 100 < TEST_SHARE else "tune"
