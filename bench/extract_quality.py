"""Extraction quality on the labelled real corpora: precision, recall and F1 per event
kind, recalled designations reported as new, false events on releases that announce
none, ticker and date accuracy — for each part separately.

    .venv/bin/python bench/extract_quality.py [--test] [--verbose]

Parts:

* ``shared``  — ``../shared/corpus/releases``: the 20 releases the first extractor was
  written from (not a measure of generalisation);
* ``tune``    — ``tests/corpus/releases`` in the tuning part: rules are written from these;
* ``test``    — ``tests/corpus/releases`` in the test part (``corpus_part``, a hash of the
  source URL): never read to write rules; the figure to believe;
* each part's full-length releases (``"length": "full"``: through About, forward-looking
  statements, contacts) again on their own.

The test part is printed only with ``--test``: while rules are being written, not even
its totals are looked at (a figure watched at every change is a figure tuned to).

Matching rules: :mod:`ir_feed.extract.evaluation` (the same as
``shared/tools/score_extract.py``).  ``--verbose`` lists every miss of the shared and
tuning parts — never of the test part.
"""

from __future__ import annotations

import sys

from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.extract.evaluation import (
    CATALYST_LISTS,
    CatalystScore,
    CorpusScore,
    Counts,
    ReleaseScore,
    announces_no_catalyst,
    announces_nothing,
    score_catalysts,
    score_release,
)
from tests.corpus import PROJECT, SHARED, Labelled, load


def _row(label: str, c: Counts) -> str:
    counts = f"({c.hit}/{c.pred}/{c.gold} hit/pred/gold)"
    return f"  {label:<20} P={c.precision:4.2f} R={c.recall:4.2f} F1={c.f1:4.2f}  {counts}"


def report(title: str, items: list[Labelled], scores: dict[str, ReleaseScore]) -> None:
    if not items:
        print(f"{title}: no releases")
        return
    s = CorpusScore([scores[i.name] for i in items])
    n = len(items)
    quiet = [i for i in items if announces_nothing(i.gold)]
    noisy = sum(scores[i.name].announced_events > 0 for i in quiet)
    w_ok, w_n = s.windows
    print(f"{title}: {n} releases ({sum(i.full for i in items)} full-length, {len(quiet)} announcing none)")
    print(_row("designation", s.designations))
    print(_row("ind_clearance", s.ind_clearances))
    print(_row("trial_start", s.trial_starts))
    print(f"  recalled designations reported as new: {s.recalled_as_new}"
          f"   releases announcing none with an event: {noisy}/{len(quiet)}")  # fmt: skip
    print(f"  tickers exact {s.tickers_exact}/{n} ({s.tickers_exact / n:.0%})   dates exact "
          f"{s.dates_exact}/{n} ({s.dates_exact / n:.0%})   windows exact {w_ok}/{w_n}")  # fmt: skip


def report_catalysts(title: str, items: list[Labelled], scores: dict[str, CatalystScore]) -> None:
    """The catalyst kinds (issue 12) on the releases of ``items`` read for them."""
    read = [i for i in items if i.catalysts is not None]
    if not read:
        return
    total = CatalystScore()
    for i in read:
        total.add(scores[i.name])
    quiet = [i for i in read if i.catalysts is not None and announces_no_catalyst(i.catalysts)]
    noisy = sum(scores[i.name].announced_events > 0 for i in quiet)
    print(f"{title}, catalyst kinds: {len(read)} releases read for them ({len(quiet)} announcing none)")
    for kind in CATALYST_LISTS:
        print(_row(kind, total.kinds[kind]) + f"  recalled as new {total.recalled_as_new[kind]}")
    print(f"  releases announcing none with a catalyst event: {noisy}/{len(quiet)}"
          f"   windows exact {total.windows_exact}/{total.windows_total}")  # fmt: skip


def main(argv: list[str]) -> int:
    items = (load(SHARED, "shared") if SHARED.is_dir() else []) + (load(PROJECT, None) if PROJECT.is_dir() else [])
    if not items:
        print(f"no corpus at {SHARED} or {PROJECT}", file=sys.stderr)
        return 1
    got = {i.name: extract(i.text) for i in items}
    scores = {i.name: score_release(i.name, got[i.name], i.gold) for i in items}
    catalysts = {i.name: score_catalysts(got[i.name], i.catalysts) for i in items if i.catalysts is not None}
    print(f"extractor {EXTRACTOR_VERSION}")
    for part in ("shared", "tune", "test") if "--test" in argv else ("shared", "tune"):
        members = [i for i in items if i.part == part]
        report(part, members, scores)
        if part != "shared":
            report(f"{part}, full-length only", [i for i in members if i.full], scores)
            report_catalysts(part, members, catalysts)
    if "--verbose" in argv:
        for i in items:
            if i.part == "test":
                continue  # the test part is never read to write rules
            for miss in scores[i.name].misses + (catalysts[i.name].misses if i.name in catalysts else []):
                print(f"  {i.part} {i.name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
