"""``ir-feed extract`` keeps the extractor's compiled patterns in the user's cache
directory (``ir_feed.cli._patterns``): the first run writes them, later runs read them
and answer the same, and a cache that cannot be used changes nothing but the time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RELEASE = (
    "Zentara Bio Receives FDA Fast Track Designation for ZTB-204\n"
    "BOSTON, March 03, 2025 (GLOBE NEWSWIRE) -- Zentara Bio, Inc. (Nasdaq: ZNTB) today announced "
    "that the FDA has granted Fast Track designation to ZTB-204 for the treatment of primary biliary "
    "cholangitis. The Company expects to initiate the Phase 2 HARBOR trial of ZTB-204 in the second "
    "half of 2025.\n"
)


def _extract(tmp_path: Path, cache: Path | str, **env: str) -> dict[str, object]:
    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if k != "IR_FEED_NO_PATTERN_CACHE"}
    out = subprocess.run(
        [sys.executable, "-m", "ir_feed", "extract", "--format", "json", str(release)],
        capture_output=True, text=True, check=True, env={**environ, "XDG_CACHE_HOME": str(cache), **env},
    )  # fmt: skip
    assert out.stderr == ""
    answer: dict[str, object] = json.loads(out.stdout)
    return answer


def _file(cache: Path) -> Path:
    found = list((cache / "ir-feed").glob("patterns-*.json"))
    assert len(found) == 1, found
    return found[0]


def test_the_first_run_writes_the_patterns_and_the_next_reads_them(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _extract(tmp_path, cache)
    kept = _file(cache)
    table = json.loads(kept.read_text(encoding="utf-8"))
    assert table["stamp"] and len(table["programs"]) > 400
    written = kept.stat().st_mtime_ns
    assert _extract(tmp_path, cache) == first
    assert kept.stat().st_mtime_ns == written  # (nothing was missing: nothing written)
    kinds = sorted(str(e["kind"]) for e in first["events"])  # type: ignore[attr-defined]
    assert kinds == ["designation", "trial_start"]


@pytest.mark.parametrize(
    "damaged",
    [b"not json at all", b"[]", b'{"stamp": "another Python", "programs": []}', b"{\"stamp\": 1, \"programs\": [[1]]}"],
    ids=["garbage", "a-list", "another-python", "bad-rows"],
)
def test_a_damaged_cache_answers_the_same_and_is_written_anew(tmp_path: Path, damaged: bytes) -> None:
    want = _extract(tmp_path, tmp_path / "clean")
    cache = tmp_path / "cache"
    (cache / "ir-feed").mkdir(parents=True)
    (cache / "ir-feed" / _file(tmp_path / "clean").name).write_bytes(damaged)
    assert _extract(tmp_path, cache) == want
    assert len(json.loads(_file(cache).read_text(encoding="utf-8"))["programs"]) > 400


def test_a_cache_that_cannot_be_written_or_is_turned_off_changes_nothing(tmp_path: Path) -> None:
    want = _extract(tmp_path, tmp_path / "clean")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert _extract(tmp_path, blocker) == want  # (XDG_CACHE_HOME names a file: nothing can be kept)
    off = tmp_path / "off"
    assert _extract(tmp_path, off, IR_FEED_NO_PATTERN_CACHE="1") == want
    assert not off.exists()
