"""The kill -9 soak (bench/soak.py), short: three kills of a real ``ir-feed run`` while the
feeds keep growing (just after a commit, while a webhook is in flight, and inside a poll's
store transaction: on PostgreSQL seen in pg_stat_activity, on SQLite just after the last
release page the poll needed), a restart after each, then every release, event, diff and
message accounted for. The soak checks its invariants itself and exits 1 naming any that
failed (tests/unit/test_soak_checks.py plants each fault it names). Where a kill lands is a
race: the test holds the invariants after every kill, not the moment each one hit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = 24  # its three kills: just after a commit, while a webhook is in flight, in a store transaction


def test_three_kills_lose_nothing_and_send_again_only_under_the_same_webhook_id(tmp_path: Path, db_url: str) -> None:
    tally_file = tmp_path / "tally.json"
    soak = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "soak.py"),
            *("--kills", "3", "--seed", str(SEED), "--settle", "120"),
            *("--database-url", db_url, "--json", str(tally_file)),
        ],
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert soak.returncode == 0, soak.stdout[-5000:] + soak.stderr[-3000:]
    tally = json.loads(tally_file.read_text())
    assert tally["failures"] == []
    assert tally["kills"] == 3
    kills = tally["kills_detail"]
    assert [k["moment"] for k in kills] == ["after a stored release", "while delivering", "in a store transaction"]
    # each moment came (else the kill is at a timeout); the soak's own account says which did not
    assert all(k["triggered"] for k in kills), soak.stdout[-5000:]
    # On PostgreSQL the third kill is aimed at a poll's store transaction, seen in pg_stat_activity
    # just before it; whether it lands inside is a race the aim usually (not always) wins — the
    # 20-kill runs in docs/reliability.md count how many did. When it did, the poll is never committed.
    if "a poll's store transaction open (releases, events, diffs, messages)" in kills[2]["at"]:
        assert "a poll not committed" in kills[2]["at"], kills[2]
    print("third kill landed:", kills[2]["at"])
    published, stored = tally["published"], tally["stored"]
    assert stored["releases"] == published["releases"] > 0  # each release once
    assert stored["entries_awaiting_page"] == 0
    assert tally["events"]["active"] == published["releases"]  # one designation each, at its last version
    outbox, receiver = tally["outbox"], tally["receiver"]
    assert outbox["delivered"] == outbox["messages"] == receiver["webhook_ids"] > 0  # every message, delivered
    assert receiver["not_in_database"] == 0 and receiver["bad_signatures"] == 0
    assert receiver["requests"] == receiver["webhook_ids"] + receiver["extra_requests"]  # repeats kept their id
    assert tally["tracebacks"] == 0 and tally["stopped_cleanly"] is True
