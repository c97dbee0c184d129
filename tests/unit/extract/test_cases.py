"""Data-driven trap cases: each ``cases/NAME.txt`` is a fictional release and
``cases/NAME.json`` what must come out of it.

``NAME.json``: ``events`` lists expected events by the fields that matter (every
listed field must equal the extracted value); ``exact: true`` means no other
event may come out; ``release`` (optional) lists release facts the same way.
Adding a case means adding two files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ir_feed.extract import extract
from tests.support.extraction import FIRST_KINDS

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.json"))


def _subset(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(got.get(k) == v for k, v in expected.items())


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str) -> None:
    spec = json.loads((CASES / f"{name}.json").read_text("utf-8"))
    result = extract((CASES / f"{name}.txt").read_text("utf-8")).to_dict()
    release = spec.get("release", {})
    assert _subset(release, result["release"]), (release, result["release"])
    remaining = [e for e in result["events"] if e["kind"] in FIRST_KINDS]  # (the cases are about these)
    for want in spec["events"]:
        hit = next((e for e in remaining if _subset(want, e)), None)
        assert hit is not None, f"missing {want}\n got {json.dumps(result['events'], indent=1)}"
        remaining.remove(hit)
    if spec.get("exact"):
        assert not remaining, f"unexpected {json.dumps(remaining, indent=1)}"


def test_every_case_has_its_text() -> None:
    assert NAMES
    for name in NAMES:
        assert (CASES / f"{name}.txt").is_file(), name
