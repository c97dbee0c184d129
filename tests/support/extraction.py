"""What a test compares of an extraction: each event's kind, designation, product (in
capitals), status and whether it is announced — not its wording of evidence or keys."""

from __future__ import annotations

from datetime import date
from typing import Any

from ir_feed.events import Fact
from ir_feed.extract import extract
from ir_feed.kinds import KINDS

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


def fact_of(event: dict[str, Any], **change: Any) -> Fact:
    """The :class:`~ir_feed.events.Fact` an example event in the contract's shape denotes
    (``tests/unit/delivery/builders.py``), with ``change`` applied."""
    data = {**event, **change}
    spec = KINDS[data["kind"]]
    values = tuple(
        (name, _typed(spec.type_of(name), data.get(name)))
        for name in spec.fields
        if name not in ("product", "status")
    )
    return Fact(data["kind"], data["announced"], data["product"], data["status"], values, data["evidence"], data["key"])


def _typed(kind: str, value: Any) -> Any:
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "texts":
        return tuple(value or ())
    return value
