"""``ir-feed extract``: JSON contract, table output, HTML input, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ir_feed.cli import main

RELEASE = (
    "Zentara Bio Receives FDA Fast Track Designation for ZTB-204\n"
    "BOSTON, March 03, 2025 (GLOBE NEWSWIRE) -- Zentara Bio, Inc. (Nasdaq: ZNTB), a "
    "clinical-stage company, today announced that the U.S. Food and Drug Administration (FDA) "
    "has granted Fast Track designation to ZTB-204 for the treatment of primary biliary "
    "cholangitis (PBC).\n"
    "The Company expects to initiate the Phase 2 HARBOR trial of ZTB-204 in the second half "
    "of 2025.\n"
)


def test_json_is_one_object_in_the_contract_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    assert main(["extract", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["release"] == {
        "company": "Zentara Bio, Inc.",
        "date": "2025-03-03",
        "tickers": [{"exchange": "NASDAQ", "symbol": "ZNTB"}],
    }
    kinds = sorted(e["kind"] for e in data["events"])
    assert kinds == ["designation", "trial_start"]
    trial = next(e for e in data["events"] if e["kind"] == "trial_start")
    assert set(trial) >= {
        "kind",
        "announced",
        "product",
        "trial",
        "phase",
        "indications",
        "timing_text",
        "window_start",
        "window_end",
        "status",
        "evidence",
        "key",
    }
    assert (trial["window_start"], trial["window_end"]) == ("2025-07-01", "2025-12-31")
    designation = next(e for e in data["events"] if e["kind"] == "designation")
    assert designation["designation"] == "fast_track"
    assert designation["announced"] is True


def test_stdin_and_feed_tickers(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RELEASE.encode())))
    assert main(["extract", "-", "--format", "json", "--ticker", "FRA:Z1B"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"exchange": "FRA", "symbol": "Z1B"} in data["release"]["tickers"]


def test_table_format_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    assert main(["extract", str(path), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Zentara Bio, Inc." in out
    assert "NASDAQ:ZNTB" in out
    assert "fast_track" in out
    assert "HARBOR" in out


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    captured = capsys.readouterr()
    assert "cannot read" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_html_file_goes_through_the_article_extractor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in RELEASE.splitlines())
    html = f"<!DOCTYPE html><html><head><title>x</title></head><body><article>{paragraphs}</article></body></html>"
    path = tmp_path / "release.html"
    path.write_text(html, encoding="utf-8")
    assert main(["extract", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["release"]["date"] == "2025-03-03"
    assert any(e["kind"] == "designation" and e["product"] == "ZTB-204" for e in data["events"])
