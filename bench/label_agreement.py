"""How far two people agree when they label the same releases: the ceiling any extractor
is measured under.

    .venv/bin/python bench/label_agreement.py

``tests/corpus/second_labels/`` holds a second, blind labelling of 60 releases of the
tuning part (46 drawn at random from those with a gold event, 14 from those without; a
fixed seed), made from the text and ``docs/labelling.md`` alone by annotators who saw
neither the first labels nor the extractor.  This prints, with the scorer's matching
(:mod:`ir_feed.extract.evaluation`), the agreement of the two labellings, and the
extractor against each: when the extractor's figures sit far below the annotators'
agreement, the gap is the extractor's, not the labels'.  (Only tuning-part releases
were labelled twice: the test part is never read.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.extract import extract
from ir_feed.extract.evaluation import Counts, _match, same_clearance, same_designation, same_trial
from tests.corpus import PROJECT, load

SECOND = PROJECT.parent / "second_labels"
_KINDS = (("designations", same_designation), ("ind_clearances", same_clearance), ("trial_starts", same_trial))


def _as_pred(label: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    # (a designation is matched on the prediction's "designation" against the gold's "kind")
    return {
        "designations": [dict(d, designation=d.get("kind")) for d in label.get("designations", [])],
        "ind_clearances": list(label.get("ind_clearances", [])),
        "trial_starts": list(label.get("trial_starts", [])),
    }


def _extracted(text: str) -> dict[str, list[dict[str, Any]]]:
    events = [e.to_dict() for e in extract(text).events]
    return {
        "designations": [e for e in events if e["kind"] == "designation" and e.get("announced", True)],
        "ind_clearances": [e for e in events if e["kind"] == "ind_clearance"],
        "trial_starts": [e for e in events if e["kind"] == "trial_start" and e.get("announced", True)],
    }


def _add(total: dict[str, Counts], gold: dict[str, Any], pred: dict[str, list[dict[str, Any]]]) -> None:
    for kind, same in _KINDS:
        golds, preds = gold.get(kind, []), pred[kind]
        total[kind].add(Counts(len(_match(golds, preds, same)), len(preds), len(golds)))


def main() -> int:
    firsts = {i.name: i for i in load(PROJECT, None)}
    rows = {
        name: {k: Counts() for k, _ in _KINDS}
        for name in ("second vs first", "extractor vs first", "extractor vs second")
    }
    tickers = dates = n = 0
    for path in sorted(SECOND.glob("*.gold.json")):
        item = firsts[path.name.split(".")[0]]
        assert item.part == "tune", f"{item.name} is not a tuning-part release"
        second = json.loads(path.read_text(encoding="utf-8"))
        got = _extracted(item.text)
        _add(rows["second vs first"], item.gold, _as_pred(second))
        _add(rows["extractor vs first"], item.gold, got)
        _add(rows["extractor vs second"], second, got)
        pairs = [{(t.get("exchange"), t.get("symbol")) for t in lab.get("tickers", [])} for lab in (item.gold, second)]
        tickers += pairs[0] == pairs[1]
        dates += item.gold.get("date") == second.get("date")
        n += 1
    print(f"{n} tuning-part releases labelled twice, blind")
    print(f"{'':<22}{'designation F1':>16}{'IND F1':>10}{'trial start F1':>16}   (hit/pred/gold)")
    for name, counts in rows.items():
        cells = [counts[k] for k, _ in _KINDS]
        detail = "  ".join(f"{c.hit}/{c.pred}/{c.gold}" for c in cells)
        print(f"{name:<22}{cells[0].f1:>16.2f}{cells[1].f1:>10.2f}{cells[2].f1:>16.2f}   {detail}")
    print(f"the two labellings: tickers equal {tickers}/{n}, dates equal {dates}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
