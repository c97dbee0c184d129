"""What a test compares of an extraction: each event's kind, designation, product (in
capitals), status and whether it is announced — not its wording of evidence or keys."""

from __future__ import annotations

from ir_feed.extract import extract

EventFact = tuple[str, str, str, str, bool]

#: The kinds the first extractor knew: tests of their rules (wordings, release shapes, the
#: case files) look at these only — a topline readout the same text states is another kind's
#: business (tests/unit/extract/test_readouts.py).
FIRST_KINDS = frozenset({"designation", "ind_clearance", "trial_start"})


def event_facts(text: str) -> set[EventFact]:
    out = set()
    for e in extract(text).events:
        d = e.to_dict()
        out.add((e.kind, d.get("designation") or "", (d.get("product") or "").upper(), d["status"], d["announced"]))
    return out
