"""Extraction quality on the real corpus: precision, recall and F1 per event kind,
ticker, date and window accuracy against the gold labels.

    .venv/bin/python bench/extract_quality.py [CORPUS_DIR] [--verbose]

CORPUS_DIR defaults to ``shared/corpus`` beside the repository.  The matching rules
are documented in :mod:`ir_feed.extract.evaluation`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.extract.evaluation import CorpusScore, Counts, corpus_text, score_release

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def score_corpus(corpus: Path) -> CorpusScore:
    scores = []
    for gold_path in sorted((corpus / "releases").glob("*.gold.json")):
        name = gold_path.name.split(".")[0]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = corpus_text((corpus / "releases" / f"{name}.txt").read_text(encoding="utf-8"))
        scores.append(score_release(name, extract(text), gold))
    return CorpusScore(scores)


def _row(label: str, c: Counts) -> str:
    return f"{label:<24} P={c.precision:5.3f}  R={c.recall:5.3f}  F1={c.f1:5.3f}   (tp={c.tp} fp={c.fp} fn={c.fn})"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    if not (corpus / "releases").is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 1
    score = score_corpus(corpus)
    n = len(score.releases)
    print(f"extractor {EXTRACTOR_VERSION} on {n} releases from {corpus.resolve()}")
    print(_row("designation", score.designations))
    print(_row("designation (recalled)", score.background_designations))
    print(_row("ind_clearance", score.ind_clearances))
    print(_row("trial_start", score.trial_starts))
    w_ok, w_n = score.windows
    a_ok, a_n = score.ind_announced
    print(f"{'tickers exact':<24} {score.tickers_exact}/{n}")
    print(f"{'dates exact':<24} {score.dates_exact}/{n}")
    print(f"{'windows exact':<24} {w_ok}/{w_n} matched trials ({(w_ok / w_n if w_n else 1.0):.0%})")
    print(f"{'IND announced flag':<24} {a_ok}/{a_n} matched clearances with a gold flag")
    if "--verbose" in argv:
        for r in score.releases:
            for miss in r.misses:
                print(f"  {r.name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
