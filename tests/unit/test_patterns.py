"""``ir_feed.patterns``: a pattern built from a program kept by an earlier process is the
pattern ``re.compile`` gives, and a table that does not fit is never used."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from ir_feed import patterns

# every pattern the extractor compiles at import, kept, exported, taken back and rebuilt,
# in a new interpreter (this one has imported the extractor already)
_ROUND_TRIP = """
import json, re, sys
from ir_feed import patterns
patterns.preload(None)
import ir_feed.extract
table, missed = patterns.export()
table = json.loads(json.dumps(table))  # what the file holds
rows = table["programs"]
taken = patterns.preload(table)
rebuilt = [patterns.compile(p, f) for p, f, *_ in rows]
again, missed_again = patterns.export()
same = sum(r == re.compile(p, f) and r.groupindex == re.compile(p, f).groupindex
           for r, (p, f, *_) in zip(rebuilt, rows))
print(json.dumps({"kept": len(rows), "missed": missed, "taken": taken, "same": same,
                  "missed_again": missed_again, "again": len(again["programs"])}))
"""


@pytest.fixture(autouse=True)
def _not_keeping() -> Iterator[None]:
    yield
    patterns.export()  # (a test that preloaded leaves the module as it found it)


def test_every_pattern_of_the_extractor_rebuilt_from_its_program_is_the_one_compiled() -> None:
    out = subprocess.run([sys.executable, "-c", _ROUND_TRIP], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got["kept"] > 400, got  # (553 with extractor 2026.12.104)
    # (Pattern equality compares the flags, the pattern and the program itself)
    assert got["same"] == got["taken"] == got["kept"] == got["again"], got
    assert got["missed"] == got["kept"] and got["missed_again"] == 0, got


def _table(*specs: tuple[str, int]) -> dict[str, object]:
    patterns.preload(None)
    for pattern, flags in specs:
        patterns.compile(pattern, flags)
    table, _ = patterns.export()
    return json.loads(json.dumps(table))


def test_without_a_preload_it_is_re_compile_and_keeps_nothing() -> None:
    assert patterns.compile(r"(?P<n>\d+)x") == re.compile(r"(?P<n>\d+)x")
    table, missed = patterns.export()
    assert table["programs"] == [] and missed == 0


def test_a_pattern_found_in_the_table_is_not_compiled_again() -> None:
    table = _table((r"(?P<year>(?:19|20)\d\d)-(\d\d)", re.IGNORECASE), ("plans?|planned", 0))
    assert patterns.preload(table) == 2
    built = patterns.compile(r"(?P<year>(?:19|20)\d\d)-(\d\d)", re.IGNORECASE)
    twice = patterns.compile(r"(?P<year>(?:19|20)\d\d)-(\d\d)", re.IGNORECASE)  # (two modules may share one)
    assert built == twice == re.compile(r"(?P<year>(?:19|20)\d\d)-(\d\d)", re.IGNORECASE)
    assert built.groupindex == {"year": 1} and built.groups == 2
    m = built.search("on 2024-05")
    assert m is not None and m.group("year", 2) == ("2024", "05")
    assert patterns.compile("another") == re.compile("another")  # (not in the table: compiled)
    _, missed = patterns.export()
    assert missed == 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda t: {**t, "stamp": "cpython-99 another Python"}, id="another-python"),
        pytest.param(lambda t: {**t, "programs": "not a list"}, id="not-a-list"),
        pytest.param(lambda t: {**t, "programs": [[1, 2, 3]]}, id="short-row"),
        pytest.param(lambda t: {**t, "programs": [[*t["programs"][0][:3], "%%%", *t["programs"][0][4:]]]},
                     id="not-base64"),
        # a program the engine's validator refuses (its code cut short)
        pytest.param(lambda t: {**t, "programs": [[*t["programs"][0][:3], t["programs"][0][3][:8],
                                                   *t["programs"][0][4:]]]}, id="cut-program"),
        pytest.param(lambda t: {**t, "programs": [[*t["programs"][0][:4], "x", *t["programs"][0][5:]]]},
                     id="bad-groups"),
        pytest.param(lambda t: [], id="not-a-table"),
    ],
)  # fmt: skip
def test_a_table_that_does_not_fit_leaves_the_pattern_compiled_as_usual(damage: object) -> None:
    table = _table((r"\b(first)\s+patient\b", 0))
    assert callable(damage)
    patterns.preload(damage(table))
    built = patterns.compile(r"\b(first)\s+patient\b")
    assert built == re.compile(r"\b(first)\s+patient\b")
    m = built.search("the first patient")
    assert m is not None and m.group(1) == "first"
