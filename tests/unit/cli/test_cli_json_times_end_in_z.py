"""No JSON the CLI prints writes ``+00:00``: times are RFC 3339 in UTC ending in ``Z``,
as the API and the webhooks write them (ir_feed/timestamps.py ``utc_text``; issue 13).

Every command with ``--format json`` (found in the parser, so that a new one is not
missed) runs on the long demo (conftest.py)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from ir_feed.cli import build_parser, main
from ir_feed.cli._common import print_json
from tests.unit.cli.conftest import EXAMPLES, FAST_TRACK, LONG_SUBSCRIPTION, LongDemo

PAGE = EXAMPLES / "releases" / "northwind-biotherapeutics-receives-fda-fast-track-designation-for-nwb-101.html"
JSON_COMMANDS: dict[str, tuple[str, ...]] = {
    "feeds": ("feeds",),
    "releases": ("releases",),
    "events": ("events",),
    "event": ("event", FAST_TRACK),
    "diffs": ("diffs",),
    "calendar": ("calendar", "--from", "2000-01-01", "--to", "2099-12-31"),
    "subscriptions list": ("subscriptions", "list"),
    "subscriptions test": ("subscriptions", "test", LONG_SUBSCRIPTION),
    "deliveries": ("deliveries",),
    "deliveries show": ("deliveries", "show", "{dead_id}"),
    "db prune": ("db", "prune", "--dry-run"),
    "extract": ("extract", str(PAGE)),
}
NO_TIMES = {"subscriptions test", "db prune", "extract"}  # their JSON has no time (extract: dates)

A_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
Z_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
AN_OFFSET = re.compile(r"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:?\d{2}")


def _json_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> set[str]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _json_commands(sub, (*path, name))
        elif "--format" in action.option_strings and "json" in (action.choices or ()):
            found.add(" ".join(path))
    return found


def test_every_command_with_json_output_is_run_here() -> None:
    assert _json_commands(build_parser()) == set(JSON_COMMANDS)


def _times(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [t for v in data.values() for t in _times(v)]
    if isinstance(data, list):
        return [t for v in data for t in _times(v)]
    return [data] if isinstance(data, str) and A_TIME.match(data) else []


@pytest.mark.parametrize("command", list(JSON_COMMANDS))
def test_no_json_output_writes_plus_00_00(
    command: str, long_demo: LongDemo, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(dead_id=long_demo.dead_id) for a in JSON_COMMANDS[command]]
    if command != "extract":
        argv += ["-c", str(long_demo.config)]
    code = main([*argv, "--format", "json"])
    # the test message goes to a closed port: its answer is printed, then the command fails
    assert code == (1 if command == "subscriptions test" else 0)
    out = capsys.readouterr().out
    assert "+00:00" not in out
    assert not AN_OFFSET.search(out), AN_OFFSET.search(out)
    times = _times(json.loads(out))
    assert bool(times) == (command not in NO_TIMES), out
    bad = [t for t in times if not Z_TIME.fullmatch(t)]
    assert not bad


def test_events_csv_writes_no_plus_00_00(long_demo: LongDemo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "-c", str(long_demo.config), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and "+00:00" not in out and all(Z_TIME.fullmatch(r["occurred_at"]) for r in rows)


def test_print_json_writes_aware_times_in_utc_with_z(capsys: pytest.CaptureFixture[str]) -> None:
    print_json(
        {
            "utc": datetime(2026, 1, 12, 13, 0, tzinfo=UTC),
            "paris": datetime(2026, 1, 12, 14, 30, 0, 250000, tzinfo=timezone(timedelta(hours=1))),
            "day": date(2026, 1, 12),
            "stored": ["2026-01-12T13:00:00+00:00"],  # a diff's stored JSON
        }
    )
    assert json.loads(capsys.readouterr().out) == {
        "utc": "2026-01-12T13:00:00Z",
        "paris": "2026-01-12T13:30:00.250000Z",
        "day": "2026-01-12",
        "stored": ["2026-01-12T13:00:00Z"],
    }
