"""Scoring an :class:`~ir_feed.events.Extraction` against a gold label (pure).

Used by ``bench/extract_quality.py`` and the corpus acceptance test.  The gold
format is the corpus's ``NNN.gold.json`` (see ``shared/corpus/README.md``).

How predicted events are matched to gold events (greedy one-to-one, best pair first):

* **designations** — *announced* predictions vs ``designations``; recalled ones
  (``announced=False``) vs ``background_designations``, scored separately.  A pair
  matches when agency and kind are equal and the products match; among candidates
  the one with the most similar indication wins.
* **IND clearances** — *every* prediction vs ``ind_clearances`` +
  ``background_ind_clearances`` (the gold lists a recalled clearance under
  ``ind_clearances`` with ``new_in_release: false``), matched on agency and
  product.  Whether ``announced`` agrees is reported on matched pairs whose gold
  says (``new_in_release`` true/false, or a background entry).
* **trial starts** — announced predictions vs ``trial_starts``; a pair matches
  when the products match or the trial names are equal; trial name, phase and
  product agreement rank candidates.  Windows are compared on matched pairs
  (both ends equal, ``None`` included).
* products match when, lower-cased with everything but letters and digits removed,
  one contains the other (``CHIKV VLP`` ~ ``CHIKV VLP (chikungunya … candidate)``).

Tickers are exact when the (exchange, symbol) sets are equal; dates when equal.
Precision with nothing predicted, and recall with nothing to find, count as 1.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ir_feed.events import Designation, Event, Extraction, IndClearance, TrialStart

Gold = Mapping[str, Any]
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm(text: str | None) -> str:
    return _NON_ALNUM.sub("", (text or "").lower())


def products_match(a: str | None, b: str | None) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))


def _words(text: str | None) -> set[str]:
    return {w for w in re.split(r"[^0-9a-z]+", (text or "").lower()) if len(w) > 2}


def _similarity(a: str | None, b: str | None) -> float:
    x, y = _words(a), _words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


@dataclass
class Counts:
    """True/false positives and false negatives; micro-averaged when added."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ReleaseScore:
    """One release's agreement with its gold label."""

    name: str
    designations: Counts
    background_designations: Counts
    ind_clearances: Counts
    trial_starts: Counts
    tickers_exact: bool
    date_exact: bool
    windows_exact: int
    windows_total: int
    ind_announced_agree: int
    ind_announced_total: int
    misses: list[str] = field(default_factory=list)


def _match(
    preds: Sequence[Event],
    golds: Sequence[Gold],
    score: Callable[[Event, Gold], float | None],
) -> list[tuple[Event, Gold]]:
    pairs: list[tuple[float, int, int]] = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            s = score(p, g)
            if s is not None:
                pairs.append((s, pi, gi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((preds[pi], golds[gi]))
    return out


def _designation_score(p: Event, g: Gold) -> float | None:
    if not isinstance(p, Designation):
        return None
    if norm(p.agency) != norm(g.get("agency")) or p.designation != g.get("kind"):
        return None
    if not products_match(p.product, g.get("product")):
        return None
    return _similarity(p.indication, g.get("indication"))


def _ind_score(p: Event, g: Gold) -> float | None:
    if not isinstance(p, IndClearance):
        return None
    if norm(p.agency) != norm(g.get("agency")) or not products_match(p.product, g.get("product")):
        return None
    return 0.0


def _trial_score(p: Event, g: Gold) -> float | None:
    if not isinstance(p, TrialStart):
        return None
    same_product = products_match(p.product, g.get("product"))
    same_trial = bool(p.trial) and norm(p.trial) == norm(g.get("trial"))
    if not (same_product or same_trial):
        return None
    same_phase = bool(p.phase) and norm(p.phase) == norm(g.get("phase"))
    return 2.0 * same_trial + 1.0 * same_phase + 1.0 * same_product


def _counts(matched: int, preds: int, golds: int) -> Counts:
    return Counts(tp=matched, fp=preds - matched, fn=golds - matched)


def score_release(name: str, got: Extraction, gold: Gold) -> ReleaseScore:
    """Compare one extraction with its gold label (see the module docstring)."""
    events = got.events
    d_ann = [e for e in events if isinstance(e, Designation) and e.announced]
    d_bg = [e for e in events if isinstance(e, Designation) and not e.announced]
    inds = [e for e in events if isinstance(e, IndClearance)]
    t_ann = [e for e in events if isinstance(e, TrialStart) and e.announced]

    g_d = list(gold.get("designations", []))
    g_dbg = list(gold.get("background_designations", []))
    g_ind_bg = [dict(g, new_in_release=False) for g in gold.get("background_ind_clearances", [])]
    g_ind = list(gold.get("ind_clearances", [])) + g_ind_bg
    g_t = list(gold.get("trial_starts", []))

    m_d = _match(d_ann, g_d, _designation_score)
    m_dbg = _match(d_bg, g_dbg, _designation_score)
    m_ind = _match(inds, g_ind, _ind_score)
    m_t = _match(t_ann, g_t, _trial_score)

    windows_exact = 0
    for p, g in m_t:
        assert isinstance(p, TrialStart)
        got_w = (
            p.window_start.isoformat() if p.window_start else None,
            p.window_end.isoformat() if p.window_end else None,
        )
        windows_exact += got_w == (g.get("window_start"), g.get("window_end"))

    ann_agree = ann_total = 0
    for p, g in m_ind:
        flag = g.get("new_in_release")
        if isinstance(flag, bool):
            ann_total += 1
            ann_agree += p.announced == flag

    gold_tickers = {(t.get("exchange"), t.get("symbol")) for t in gold.get("tickers", [])}
    got_tickers = {(t.exchange, t.symbol) for t in got.release.tickers}
    got_date = got.release.date.isoformat() if got.release.date else None

    misses: list[str] = []
    for label, preds, golds, matched in (
        ("designation", d_ann, g_d, m_d),
        ("ind_clearance", inds, g_ind, m_ind),
        ("trial_start", t_ann, g_t, m_t),
    ):
        hit_p = {id(p) for p, _ in matched}
        hit_g = {id(g) for _, g in matched}
        misses += [f"FP {label}: {p.key}" for p in preds if id(p) not in hit_p]
        misses += [f"FN {label}: {g.get('product')!r} {g.get('kind') or g.get('trial') or ''}"
                   for g in golds if id(g) not in hit_g]  # fmt: skip
    if gold_tickers != got_tickers:
        misses.append(f"tickers: got {sorted(got_tickers, key=str)} want {sorted(gold_tickers, key=str)}")
    if got_date != gold.get("date"):
        misses.append(f"date: got {got_date} want {gold.get('date')}")

    return ReleaseScore(
        name=name,
        designations=_counts(len(m_d), len(d_ann), len(g_d)),
        background_designations=_counts(len(m_dbg), len(d_bg), len(g_dbg)),
        ind_clearances=_counts(len(m_ind), len(inds), len(g_ind)),
        trial_starts=_counts(len(m_t), len(t_ann), len(g_t)),
        tickers_exact=gold_tickers == got_tickers,
        date_exact=got_date == gold.get("date"),
        windows_exact=windows_exact,
        windows_total=len(m_t),
        ind_announced_agree=ann_agree,
        ind_announced_total=ann_total,
        misses=misses,
    )


@dataclass
class CorpusScore:
    """Micro-averaged scores over a corpus."""

    releases: list[ReleaseScore]
    designations: Counts = field(default_factory=Counts)
    background_designations: Counts = field(default_factory=Counts)
    ind_clearances: Counts = field(default_factory=Counts)
    trial_starts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        for r in self.releases:
            self.designations.add(r.designations)
            self.background_designations.add(r.background_designations)
            self.ind_clearances.add(r.ind_clearances)
            self.trial_starts.add(r.trial_starts)

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

    @property
    def ind_announced(self) -> tuple[int, int]:
        return (sum(r.ind_announced_agree for r in self.releases),
                sum(r.ind_announced_total for r in self.releases))  # fmt: skip


def corpus_text(raw: str) -> str:
    """A corpus release file's text: its first line is the source URL when it has one."""
    first, _, rest = raw.partition("\n")
    return rest if first.strip().startswith(("http://", "https://")) else raw


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
