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
    assert "FDA Fast Track" in out  # (the kind's label, as the web pages write it)
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


def test_extract_loads_no_store_api_or_network_stack(tmp_path: Path) -> None:
    """`ir-feed extract` is how people and scripts check a release: it imports the
    extractor and nothing of the daemon (its cold start was 2-4 s of such imports)."""
    import subprocess
    import sys

    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    probe = (
        "import sys\n"
        "from ir_feed.cli import main\n"
        f"assert main(['extract', {str(path)!r}, '--format', 'json']) == 0\n"
        "heavy = ('sqlalchemy', 'fastapi', 'aiohttp', 'httpx', 'apscheduler', 'ir_feed.store', "
        "'ir_feed.api', 'ir_feed.delivery', 'ir_feed.services', 'rich')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"events"' in done.stdout


def test_version_and_help_still_know_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from ir_feed.cli import COMMANDS

    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("ir-feed ")
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
