"""The CLI's JSON (and CSV) write times as the API and the webhooks do: RFC 3339 in
UTC ending in ``Z`` (issue 13) — the command's own fields, the store's public shapes
and the JSON stored with each diff alike."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from ir_feed.cli import main
from ir_feed.cli._common import utc_times
from tests.integration.conftest import READ_COMMANDS, Demo

A_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _times(data: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in _times(v, f"{path}.{k}")]
    if isinstance(data, list):
        return [t for n, v in enumerate(data) for t in _times(v, f"{path}[{n}]")]
    return [(path, data)] if isinstance(data, str) and A_TIME.match(data) else []


@pytest.mark.parametrize("command", list(READ_COMMANDS))
def test_every_time_in_the_json_is_utc_with_z(demo: Demo, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(failed_id=demo.failed_id) for a in READ_COMMANDS[command]]
    assert main([*argv, "-c", str(demo.config), "--format", "json"]) == 0
    out = capsys.readouterr().out
    times = _times(json.loads(out))
    assert times, out  # every one of these shapes carries times
    assert "+00:00" not in out
    for path, value in times:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z", value), (path, value)


def test_the_diffs_stored_json_is_written_with_z_too(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diffs", "-c", str(demo.config), "--format", "json"]) == 0
    diff = json.loads(capsys.readouterr().out)[0]
    assert diff["timestamp"].endswith("Z")
    assert diff["data"]["event"]["occurred_at"].endswith("Z")
    assert diff["data"]["release"]["published_at"].endswith("Z")


def test_events_csv_writes_times_with_z(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "-c", str(demo.config), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["occurred_at"].endswith("Z") and "+" not in r["occurred_at"] for r in rows)


def test_utc_times_rewrites_times_only() -> None:
    assert utc_times(
        {
            "at": "2026-01-12T13:00:00+00:00",
            "east": "2026-01-12T14:30:00.250000+01:30",
            "date": "2026-01-12",
            "z": "2026-01-12T13:00:00Z",
            "text": "published 2026-01-12T13:00:00+00:00",
            "floor": "0001-01-01T00:00:00+05:00",  # before year 1 in UTC: left as it is
            "list": ["2026-01-12T13:00:00+00:00", 3, None, True],
        }
    ) == {
        "at": "2026-01-12T13:00:00Z",
        "east": "2026-01-12T13:00:00.250000Z",
        "date": "2026-01-12",
        "z": "2026-01-12T13:00:00Z",
        "text": "published 2026-01-12T13:00:00+00:00",
        "floor": "0001-01-01T00:00:00+05:00",
        "list": ["2026-01-12T13:00:00Z", 3, None, True],
    }
