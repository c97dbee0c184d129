"""``ir-feed db prune [--dry-run] [--format json]`` through the real CLI entry point, on
SQLite and PostgreSQL: a dry run counts and deletes nothing, a run deletes what it
counted and says so, a second run finds nothing, and kinds kept for ever say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ir_feed.cli import main
from ir_feed.services import utcnow
from ir_feed.store.tables import AttemptRow, DiffRow, MessageRow
from tests.integration.test_retention import T0, corrected, count, publish, settle, subscribe, texts_kept
from tests.support.tables import table_rows


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables at a known width, whatever terminal the suite runs in: these tests read what
    a row says (test_cli_tables holds how tables fit 80 and 200 columns)."""
    monkeypatch.setenv("COLUMNS", "200")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def config(tmp_path: Path, db_url: str, engine: Engine) -> Path:
    """Defaults, but diffs kept 30 days (the default keeps them for ever)."""
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\nretention: {{diffs_days: 30, batch: 2}}\n")
    return cfg


def seed(engine: Engine) -> None:
    """Years-old data of every kind, and some of today's."""
    subscribe(engine)
    delivered = publish(engine, "1", "NWB-1", "NWB-2", "NWB-3")
    dead = publish(engine, "2", "NWB-4")
    publish(engine, "3", "NWB-5")  # still pending: stays, and so does its diff
    settle(engine, delivered, "delivered", T0, attempts=2)
    settle(engine, dead, "dead", T0, attempts=3)
    today = publish(engine, "4", "NWB-6", at=utcnow())
    settle(engine, today, "delivered", utcnow())
    corrected(engine, "9", seen=[T0, T0 + (utcnow() - T0) / 2, utcnow()])  # v1 replaced long ago, v2 lately


def test_a_dry_run_deletes_nothing_and_the_run_deletes_what_it_counted(
    config: Path, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(engine)
    before = (count(engine, MessageRow), count(engine, AttemptRow), count(engine, DiffRow), texts_kept(engine))

    code, out, err = cli(capsys, "db", "prune", "--dry-run", "-c", str(config))

    assert (code, err) == (0, "")
    assert out.splitlines()[0].strip() == "dry run: nothing deleted"
    expected = {
        "delivered messages": "3",
        "dead messages": "1",
        "delivery attempts": "9",
        "diffs": "4",
        "old version texts": "1",
    }
    assert {row[0]: row[1] for row in table_rows(out)} == expected
    assert (count(engine, MessageRow), count(engine, AttemptRow), count(engine, DiffRow), texts_kept(engine)) == before

    code, out, _ = cli(capsys, "db", "prune", "-c", str(config))

    assert code == 0
    assert out.splitlines()[0].strip().startswith("deleted in ")
    assert "of at most 2 row(s) of a kind" in out
    assert {row[0]: row[1] for row in table_rows(out)} == expected
    assert count(engine, MessageRow) == 2 and count(engine, AttemptRow) == 1  # the pending one, today's
    assert count(engine, DiffRow) == 2 and texts_kept(engine) == before[3] - 1  # release 9's v1

    code, out, _ = cli(capsys, "db", "prune", "--format", "json", "-c", str(config))
    assert code == 0
    again = json.loads(out)
    assert again["deleted"] == dict.fromkeys(
        ("delivered_messages", "dead_messages", "delivery_attempts", "diffs", "version_texts"), 0
    )
    assert (again["dry_run"], again["complete"]) == (False, True)
    assert again["retention_days"] == {"delivered_messages": 30, "dead_messages": 90, "diffs": 30, "version_texts": 180}


def test_kinds_kept_for_ever_say_so_and_are_not_counted(
    tmp_path: Path, db_url: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(engine)
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\nretention: {{dead_messages_days: 0}}\n")

    code, out, _ = cli(capsys, "db", "prune", "--dry-run", "-c", str(cfg))

    assert code == 0
    rows = {row[0]: row[1:] for row in table_rows(out)}
    assert rows["dead messages"] == ["-", "kept for ever (retention.dead_messages_days: 0)"]
    assert rows["diffs"] == ["-", "kept for ever (retention.diffs_days: 0)"]  # the default
    assert rows["delivered messages"] == ["3", "delivered over 30 days ago"]
    code, out, _ = cli(capsys, "db", "prune", "--dry-run", "--format", "json", "-c", str(cfg))
    dry = json.loads(out)
    assert dry["dry_run"] is True and dry["batches"] == 0
    assert dry["would_delete"]["dead_messages"] == 0 and dry["would_delete"]["delivery_attempts"] == 6
    assert dry["retention_days"]["dead_messages"] is None and dry["retention_days"]["diffs"] is None
