"""Every table of the CLI reads at 80 columns, and at 200 (issue 13).

On the ``demo`` database (tests/integration/conftest.py: the README demo polled,
three subscriptions delivered to — 204, 500, connection refused), each table
command is run at ``COLUMNS=80`` and ``200``: no line is wider than that, nothing
is cut to ``…``, and the short columns — a message's status, attempts, last HTTP
status and error, a feed's outcome and next poll, an event's status — are there,
whole.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ir_feed.cli import main
from tests.integration.conftest import EXAMPLES, READ_COMMANDS, Demo
from tests.support.tables import table_rows, widest_line

WIDTHS = (80, 200)


def _table(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    code = main([*argv, "-c", str(demo.config)])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


TABLE_COMMANDS: dict[str, tuple[str, ...]] = {
    **READ_COMMANDS,
    "poll": ("poll", "--once", "--all"),
    "extract": ("extract",),
    "db prune": ("db", "prune", "--dry-run"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(TABLE_COMMANDS))
def test_every_table_fits_the_width_and_cuts_nothing(
    demo: Demo, width: int, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(failed_id=demo.failed_id) for a in TABLE_COMMANDS[command]]
    if command == "extract":  # no database: one release file
        monkeypatch.setenv("COLUMNS", str(width))
        page = EXAMPLES / "releases" / "tamsin-biologics-doses-first-patient-in-phase-2-tidal-trial-of-tmb-310.html"
        assert main(["extract", str(page)]) == 0
        out = capsys.readouterr().out
    else:
        out = _table(demo, width, monkeypatch, capsys, *argv)
    assert widest_line(out) <= width, out
    assert "…" not in out, out  # folded or wrapped, never cut short
    assert table_rows(out), out


def _json(demo: Demo, capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "-c", str(demo.config), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("width", WIDTHS)
def test_deliveries_show_status_attempts_last_status_and_error(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = _json(demo, capsys, "deliveries")
    assert {m["status"] for m in messages} == {"delivered", "retrying"}
    out = _table(demo, width, monkeypatch, capsys, "deliveries")
    rows = {cells[0 if width == 80 else 1]: cells for cells in table_rows(out)}
    header = out.splitlines()[1]
    for m in messages:
        cells = rows[m["id"]]  # the id whole, on one line
        shown_status = "failed" if m["last_status"] != 200 and m["status"] == "retrying" else m["status"]
        assert shown_status in cells and str(m["attempts"]) in cells, cells
        assert str(m["last_status"] or "-") in cells, cells
        if m["last_error"]:
            assert " ".join(m["last_error"].split()[:2]) in " ".join(out.split()), m["last_error"]
        assert m["subscription"] in out and m["diff"]["event_key"] in "".join(out.split())
    assert {"status", "attempts", "last", "last error"} <= set(header.split("  ")) | set(header.split())
    if width == 80:  # the least needed go first, and the caption says so
        assert "hidden to fit 80 columns: created, next attempt" in out
        assert "message / subscription / diff" in out
    else:
        assert "hidden" not in out
        assert all(cells[0].startswith("20") for cells in rows.values())  # created, then the id


@pytest.mark.parametrize("width", WIDTHS)
def test_one_message_shows_each_attempt_whole(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _table(demo, width, monkeypatch, capsys, "deliveries", "show", demo.failed_id)
    ((number, _started_date, *rest),) = table_rows(out)
    assert number == "1" and "500" in rest and "HTTP 500" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_feeds_show_outcome_failures_and_next_poll(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (feed,) = _json(demo, capsys, "feeds")
    out = _table(demo, width, monkeypatch, capsys, "feeds")
    ((name, enabled, outcome, status, *rest),) = table_rows(out)
    assert (name, enabled, outcome, status) == ("demo-biotech", "yes", feed["last_outcome"], str(feed["last_status"]))
    assert feed["last_outcome"] in {"ok", "not_modified"}  # polled once, and again by the poll table
    assert "0" in rest  # failures
    next_poll = feed["next_poll_at"][:16].replace("T", " ")
    assert next_poll in out or next_poll.split()[0] in rest


@pytest.mark.parametrize("width", WIDTHS)
def test_events_show_every_events_product_and_status(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _json(demo, capsys, "events")
    out = _table(demo, width, monkeypatch, capsys, "events")
    rows = table_rows(out)
    assert len(rows) == len(events)
    for cells, e in zip(rows, events, strict=True):
        assert cells[0] == e["occurred_at"][:10] and cells[1].startswith(e["issuer"]["tickers"][0])
        assert e["product"] in cells, cells
        assert any(c.startswith(e["status"][:13]) for c in cells), cells  # first_patient_dosed folds at 80


@pytest.mark.parametrize("width", WIDTHS)
def test_subscriptions_show_name_format_and_state(
    demo: Demo, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _table(demo, width, monkeypatch, capsys, "subscriptions", "list")
    rows = {cells[0]: cells[1:3] for cells in table_rows(out)}
    names = ("analytics-ok", "refused-endpoint", "research-desk-webhook")
    assert rows == {name: ["webhook", "yes"] for name in names}
