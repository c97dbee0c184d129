"""Check the labelled corpus files against docs/labelling.md (schema, first line, names),
and the catalyst labels beside them (``tests/corpus/catalysts/NAME.json``).

    python3 tests/corpus/check.py [DIR]      # DIR defaults to tests/corpus/releases

Prints one line per problem and exits 1 if there is any; prints a summary otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = re.compile(r"^[a-z][0-9]{3}$")
KINDS = {"fast_track", "breakthrough_therapy", "orphan_drug", "rare_pediatric_disease", "rmat", "prime",
         "priority_review"}
D_STATUS = {"granted", "applied", "positive_opinion"}
T_STATUS = {"planned", "initiated", "first_patient_dosed"}
TOP = {"source", "source_repo", "wire", "length", "language", "tickers", "date", "company", "category",
       "designations", "background_designations", "ind_clearances", "background_ind_clearances",
       "trial_starts", "non_start_trial_mentions", "notes"}
OPTIONAL = {"other_designations"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_one(gold_path: Path) -> list[str]:
    name = gold_path.name.split(".")[0]
    errs: list[str] = []
    say = errs.append
    if not NAME.match(name):
        say(f"{name}: file name must be a letter and three digits")
    txt = gold_path.with_name(f"{name}.txt")
    if not txt.is_file():
        return [f"{name}: no {name}.txt beside the gold file"]
    raw = txt.read_text("utf-8")
    first, _, body = raw.partition("\n")
    if not first.startswith(("http://", "https://")):
        say(f"{name}: line 1 of the .txt must be the source URL")
    if len(body.strip()) < 200:
        say(f"{name}: the release text is under 200 characters")
    if len(raw.encode()) > 61_440:
        say(f"{name}: the .txt is over 60 KB")
    try:
        g = json.loads(gold_path.read_text("utf-8"))
    except ValueError as e:
        return [*errs, f"{name}: gold is not JSON: {e}"]
    missing = TOP - set(g)
    if missing:
        say(f"{name}: gold lacks {sorted(missing)}")
    if g.get("source") != first.strip():
        say(f"{name}: gold 'source' differs from line 1 of the .txt")
    if g.get("length") not in {"full", "excerpt"}:
        say(f"{name}: length must be full or excerpt")
    if g.get("category") not in {"positive", "negative", "tricky"}:
        say(f"{name}: category must be positive, negative or tricky")
    if g.get("date") is not None and not DATE.match(str(g.get("date"))):
        say(f"{name}: date must be YYYY-MM-DD or null")
    for t in g.get("tickers", []):
        if set(t) < {"exchange", "symbol", "raw"} or (t["exchange"] and t["exchange"] != t["exchange"].upper()):
            say(f"{name}: ticker {t} needs exchange (upper case or null), symbol, raw")
        elif t.get("raw") and t["raw"] not in body:
            say(f"{name}: ticker raw {t['raw']!r} is not in the text")
    for key in ("designations", "background_designations"):
        for d in g.get(key, []):
            if d.get("kind") not in KINDS:
                say(f"{name}: {key} kind {d.get('kind')!r} unknown")
            if d.get("status") not in D_STATUS:
                say(f"{name}: {key} status {d.get('status')!r} unknown")
            if not d.get("agency") or not d.get("product"):
                say(f"{name}: {key} entry needs agency and product: {d}")
    for key in ("ind_clearances", "background_ind_clearances"):
        for c in g.get(key, []):
            if not c.get("agency"):
                say(f"{name}: {key} entry needs agency: {c}")
    for t in g.get("trial_starts", []):
        if t.get("status") not in T_STATUS:
            say(f"{name}: trial status {t.get('status')!r} unknown")
        if not (t.get("product") or t.get("trial")):
            say(f"{name}: trial start needs a product or a trial name")
        for k in ("window_start", "window_end"):
            if t.get(k) is not None and not DATE.match(str(t[k])):
                say(f"{name}: trial {k} must be YYYY-MM-DD or null")
        if not isinstance(t.get("indications", []), list):
            say(f"{name}: trial indications must be a list")
    for key in OPTIONAL & set(g):
        for d in g[key]:
            if not (d.get("kind") and d.get("product")):
                say(f"{name}: {key} entry needs kind and product: {d}")
    has_event = g.get("designations") or g.get("ind_clearances") or g.get("trial_starts")
    if g.get("category") == "positive" and not has_event:
        say(f"{name}: category positive but no event labelled")
    if g.get("category") != "positive" and has_event:
        say(f"{name}: events labelled but category is {g.get('category')}")
    return errs


# the catalyst labels: each list's entry fields and statuses (docs/labelling.md, "Catalyst labels")
CATALYST_FIELDS = {
    "applications": ({"agency", "product", "indication", "application", "status", "priority_review",
                      "target_action_text", "target_action_start", "target_action_end"}, {"submitted", "accepted"}),
    "advisory_committees": ({"agency", "product", "indication", "committee", "status", "date_text", "window_start",
                             "window_end"}, {"scheduled", "voted_for", "voted_against", "cancelled", None}),
    "approvals": ({"agency", "product", "indication", "status", "pathway"}, {"approved", "positive_opinion"}),
    "complete_responses": ({"agency", "product", "indication", "reason"}, None),
    "clinical_holds": ({"agency", "product", "trial", "status"}, {"placed", "partial", "lifted"}),
    "topline_readouts": ({"product", "trial", "phase", "status", "timing_text", "window_start", "window_end"},
                         {"expected", "reported"}),
}  # fmt: skip
CATALYST_TOP = {"release", "notes"} | set(CATALYST_FIELDS) | {f"background_{k}" for k in CATALYST_FIELDS}


def check_catalysts(path: Path, releases: Path) -> list[str]:
    """Problems with one catalyst label file (an advisory committee's status may be null:
    a meeting held whose outcome the text does not give)."""
    name = path.stem
    errs: list[str] = []
    say = errs.append
    if not (releases / f"{name}.txt").is_file():
        return [f"{name}: catalyst labels for a release that is not in {releases}"]
    try:
        c = json.loads(path.read_text("utf-8"))
    except ValueError as e:
        return [f"{name}: catalyst labels are not JSON: {e}"]
    if set(c) != CATALYST_TOP or c.get("release") != name:
        say(f"{name}: catalyst file keys {sorted(set(c) ^ CATALYST_TOP)} differ from the guide, or 'release' is wrong")
    for key, (fields, statuses) in CATALYST_FIELDS.items():
        for entry in [*c.get(key, []), *c.get(f"background_{key}", [])]:
            if set(entry) != fields:
                say(f"{name}: {key} entry fields {sorted(set(entry) ^ fields)} differ from the guide")
            if statuses is not None and entry.get("status") not in statuses:
                say(f"{name}: {key} status {entry.get('status')!r} unknown")
            for k, v in entry.items():
                if (k.endswith(("_start", "_end")) and v is not None) and not DATE.match(str(v)):
                    say(f"{name}: {key} {k} must be YYYY-MM-DD or null")
    return errs


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else HERE / "releases"
    golds = sorted(root.glob("*.gold.json"))
    errs = [e for p in golds for e in check_one(p)]
    sources = Counter(json.loads(p.read_text("utf-8")).get("source") for p in golds if p.is_file())
    errs += [f"source used twice: {s}" for s, n in sources.items() if n > 1]
    orphans = {p.name.split(".")[0] for p in root.glob("*.txt")} - {p.name.split(".")[0] for p in golds}
    errs += [f"{n}: .txt without a gold file" for n in sorted(orphans)]
    errs += [e for p in sorted((root.parent / "catalysts").glob("*.json")) for e in check_catalysts(p, root)]
    for e in errs:
        print(e)
    if errs:
        return 1
    gs = [json.loads(p.read_text("utf-8")) for p in golds]
    print(f"{len(gs)} releases ok: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(g['category'] for g in gs).items()))
          + f"; full-length {sum(g['length'] == 'full' for g in gs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
