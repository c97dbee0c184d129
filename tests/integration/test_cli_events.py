"""The event query commands and reprocess, through the real CLI entry point on
SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from ir_feed.cli import main
from ir_feed.events import Designation, IndClearance, TrialStart
from ir_feed.models import PressRelease, Ticker
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow
from tests.support.releases import press_release, store_release

NOW = datetime(2026, 3, 1, tzinfo=UTC)
FT_TEXT = (
    "BOSTON, Mass., Feb. 2, 2026 (GLOBE NEWSWIRE) -- Harbor Lane Bio, Inc. (Nasdaq: HLBX) today announced "
    "that the U.S. Food and Drug Administration (FDA) has granted Fast Track designation to HLB-201 for the "
    "treatment of amyotrophic lateral sclerosis (ALS)."
)


def release(rid: str, published: datetime, tickers: tuple[Ticker, ...], text: str = "Body.") -> PressRelease:
    return press_release(rid, published, tickers, text=text, url=f"https://example.test/{rid}")


def store(engine: Engine, pr: PressRelease, events: tuple[Any, ...], company: str) -> None:
    store_release(engine, pr, events, company=company, now=NOW)


@pytest.fixture
def config(tmp_path: Path, db_url: str, engine: Engine) -> Path:
    nwbt, clrq = (Ticker("NASDAQ", "NWBT"),), (Ticker("NASDAQ", "CLRQ"), Ticker("TSX", "CLR"))
    store(
        engine,
        release("1", datetime(2026, 1, 12, tzinfo=UTC), nwbt),
        (
            Designation(
                True,
                "FDA",
                "fast_track",
                "NWB-101",
                "idiopathic pulmonary fibrosis",
                "granted",
                "NWB-101 got Fast Track.",
                "nwbt|d|ft|nwb101|ipf",
            ),
            Designation(
                False,
                "FDA",
                "orphan_drug",
                "NWB-101",
                "IPF",
                "granted",
                "NWB-101 has Orphan Drug.",
                "nwbt|d|od|nwb101|ipf",
            ),
        ),
        "Northwind Bio",
    )
    store(
        engine,
        release("2", datetime(2026, 2, 3, tzinfo=UTC), clrq),
        (
            IndClearance(
                True, "FDA", "CRX-220", None, "cleared", "FDA cleared the IND for CRX-220.", "clrq|ind|crx220"
            ),
            TrialStart(
                True,
                "CRX-220",
                "CALDER-1",
                "1",
                ("pancreatic cancer",),
                "mid-2026",
                date(2026, 4, 1),
                date(2026, 9, 30),
                "planned",
                "Dosing expected mid-2026.",
                "clrq|t|crx220|calder1",
            ),
        ),
        "Calder Ridge",
    )
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\n")
    return cfg


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_events_json_newest_first_with_filters(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "events", "-c", str(config), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["product"] for r in rows] == ["CRX-220", "CRX-220", "NWB-101", "NWB-101"]
    assert {r["kind"] for r in rows[:2]} == {"ind_clearance", "trial_start"}
    code, out = cli(
        capsys, "events", "-c", str(config), "--ticker", "tsx:clr", "--kind", "trial_start", "--format", "json"
    )
    (trial,) = json.loads(out)
    assert (trial["trial"], trial["window_start"], trial["issuer"]["tickers"]) == (
        "CALDER-1",
        "2026-04-01",
        ["NASDAQ:CLRQ", "TSX:CLR"],
    )
    _, out = cli(capsys, "events", "-c", str(config), "--designation", "orphan_drug", "--format", "json")
    assert [r["announced"] for r in json.loads(out)] == [False]
    _, out = cli(capsys, "events", "-c", str(config), "--since", "2026-02-01", "--format", "json")
    assert {r["product"] for r in json.loads(out)} == {"CRX-220"}
    _, out = cli(
        capsys,
        "events",
        "-c",
        str(config),
        "--until",
        "2026-02-01",
        "--status",
        "granted",
        "--agency",
        "FDA",
        "--format",
        "json",
    )
    assert len(json.loads(out)) == 2


def test_events_csv_and_table(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = cli(capsys, "events", "-c", str(config), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and rows[0]["tickers"] == "NASDAQ:CLRQ TSX:CLR"
    code, out = cli(capsys, "events", "-c", str(config))
    assert code == 0 and "4 event(s)" in out and "CALDER-1" in out and "recalled" in out


def test_event_detail_with_sources_and_history(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    code, out = cli(capsys, "event", "-c", str(config), "clrq|t|crx220|calder1", "--format", "json")
    assert code == 0
    detail = json.loads(out)
    assert detail["event"]["status"] == "planned"
    assert [s["release"] for s in detail["sources"]] == ["globenewswire.com:2"]
    assert detail["sources"][0]["evidence"] == "Dosing expected mid-2026."
    assert [h["type"] for h in detail["history"]] == ["event.created"]
    # the same event found by one of its diff ids, as a table
    diff_id = detail["history"][0]["id"]
    code, out = cli(capsys, "event", "-c", str(config), diff_id)
    assert code == 0 and "supporting releases" in out and "history" in out
    code = main(["event", "-c", str(config), "no-such-key"])
    assert code == 1


def test_diffs_lists_what_was_published(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = cli(capsys, "diffs", "-c", str(config), "--format", "json")
    diffs = json.loads(out)
    assert [d["type"] for d in diffs] == ["event.created"] * 4
    assert diffs[0]["data"]["release"]["id"] == "globenewswire.com:1"
    _, out = cli(capsys, "diffs", "-c", str(config), "--type", "event.updated", "--format", "json")
    assert json.loads(out) == []


def test_reprocess_records_only_what_changed_and_is_repeatable(
    tmp_path: Path, db_url: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    # A release stored by an older extractor that found nothing in it.
    pr = release("9", datetime(2026, 2, 2, tzinfo=UTC), (Ticker("NASDAQ", "HLBX"),), text=FT_TEXT)
    store(engine, pr, (), "Harbor Lane Bio, Inc.")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\n")
    code, out = cli(capsys, "reprocess", "-c", str(cfg))
    assert code == 0 and "releases read: 1; events created: 1, updated: 0, retracted: 0" in out
    code, out = cli(capsys, "reprocess", "-c", str(cfg), "--ticker", "HLBX", "--since", "2026-01-01")
    assert "releases read: 1; events created: 0, updated: 0, retracted: 0" in out
    code, out = cli(capsys, "reprocess", "-c", str(cfg), "--ticker", "NOPE")
    assert "releases read: 0" in out
    with session_factory(engine)() as s:
        (d,) = s.scalars(select(DiffRow)).all()
        assert d.cause == "reprocess" and d.event["designation"] == "fast_track" and d.extractor_version != "test"


@pytest.mark.parametrize(
    ("command", "option", "value", "reason"),
    [
        ("events", "--since", "0001-01-01T00:00:00+05:00", "out of range"),
        ("events", "--until", "9999-12-31T23:00:00-05:00", "out of range"),
        ("releases", "--since", "0001-01-01T00:00:00+05:00", "out of range"),
        ("diffs", "--since", "0001-01-01T00:00:00+05:00", "out of range"),
        ("releases", "--limit", "99999999999999999999", "must be at most 9223372036854775807"),
        ("events", "--limit", "9223372036854775808", "must be at most 9223372036854775807"),
        ("diffs", "--limit", "99999999999999999999", "must be at most 9223372036854775807"),
        ("releases", "--limit", "many", "not an integer"),
    ],
)
def test_out_of_range_options_are_one_line_usage_errors(
    config: Path, capsys: pytest.CaptureFixture[str], command: str, option: str, value: str, reason: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "-c", str(config), option, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: {reason}" in err and "Traceback" not in err


def test_the_extreme_times_and_limits_that_are_accepted_work(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    most = str(2**63 - 1)
    code, out = cli(capsys, "releases", "-c", str(config), "--since", "0001-01-01T00:00:00-05:00", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out = cli(capsys, "releases", "-c", str(config), "--limit", most, "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out = cli(capsys, "events", "-c", str(config), "--limit", most, "--until", "9999-12-31", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 4
    code, out = cli(capsys, "diffs", "-c", str(config), "--limit", most, "--format", "json")
    assert code == 0 and len(json.loads(out)) == 4


@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--ticker", "😀"],
        ["releases", "--ticker", "A" * 100_000],
        ["events", "--ticker", "NASDAQ:"],
        ["reprocess", "--ticker", "rm -rf /"],
        ["releases", "--limit", "0"],
        ["events", "--limit", "-1"],
        ["diffs", "--limit", "0"],
        ["events", "--no-such-option"],
    ],
)
def test_bad_arguments_are_one_error_line(config: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*argv[:1], "-c", str(config), *argv[1:]])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ir-feed: error: ") and err.count("\n") == 1 and "usage:" not in err
    assert len(err) < 400  # a 100,000-character value is not echoed back


def test_a_ticker_filter_may_name_any_known_exchange_label(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "events", "-c", str(config), "--ticker", "Nasdaq:NWBT", "--format", "json")
    assert code == 0 and json.loads(out)
    code, same = cli(capsys, "events", "-c", str(config), "--ticker", "NASDAQ:NWBT", "--format", "json")
    assert json.loads(same) == json.loads(out)


def test_calendar_lists_windows_as_a_table_json_and_icalendar(
    config: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = cli(
        capsys, "calendar", "-c", str(config), "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"
    )
    assert code == 0
    (entry,) = json.loads(out)  # the one event with a window (designations and clearances have none)
    assert (entry["start"], entry["end"], entry["event"]["product"]) == ("2026-04-01", "2026-09-30", "CRX-220")
    assert entry["title"] == "CLRQ: Phase 1 trial CALDER-1 of CRX-220: planned (mid-2026)"
    assert entry["release_url"] == "https://example.test/2"
    code, out = cli(
        capsys, "calendar", "-c", str(config), "--from", "2026-01-01", "--to", "2026-03-31", "--format", "json"
    )
    assert (code, json.loads(out)) == (0, [])
    code, out = cli(capsys, "calendar", "-c", str(config), "--from", "2026-01-01", "--ticker", "TSX:CLR")
    assert code == 0 and "2026-04-01" in out and "CALDER-1" in out and "mid-2026" in out
    ics = tmp_path / "catalysts.ics"
    code, _ = cli(
        capsys, "calendar", "-c", str(config), "--from", "2026-01-01", "--format", "ics", "--output", str(ics)
    )
    body = ics.read_text()
    assert code == 0 and body.startswith("BEGIN:VCALENDAR") and "UID:clrq|t|crx220|calder1@ir-feed" in body
    assert "DTSTART;VALUE=DATE:20260401" in body and "DTEND;VALUE=DATE:20261001" in body


def test_calendar_refuses_a_backwards_range(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["calendar", "-c", str(config), "--from", "2026-05-01", "--to", "2026-04-01"])
    err = capsys.readouterr().err
    assert code != 0 and "ir-feed: error: --to must not be before --from" in err
