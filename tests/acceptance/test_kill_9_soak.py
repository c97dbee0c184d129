"""The kill -9 soak (bench/soak.py), short: three kills of a real ``ir-feed run`` while the
feeds keep growing (just after a commit, while a webhook is in flight, and inside a poll's
store transaction: on PostgreSQL seen in pg_stat_activity, on SQLite seen holding SQLite's
write lock after the last release page a poll needed, the daemon stopped before the kill),
a restart after each, then every release, event, diff and message accounted for. The soak
checks its invariants itself and exits 1 naming any that failed
(tests/unit/test_soak_checks.py plants each fault it names). On PostgreSQL where a kill lands
is a race the test does not hold; on SQLite the third kill comes only with the daemon stopped
inside a write transaction (the soak watches poll after poll until one is seen, for at most
a minute), and the test holds that."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.soak import WRITE_TRANSACTION, SqliteWriteLock, freeze

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
    if tally["backend"] == "sqlite":
        # The daemon was stopped, seen holding SQLite's write lock (/proc/locks) after a poll's last
        # page, then killed: the kill landed inside a write transaction, the poll it followed not
        # committed.  (The soak watched as many polls as it took, for at most a minute:
        # "triggered" above says it saw one.)
        assert WRITE_TRANSACTION in kills[2]["at"], soak.stdout[-5000:]
        assert "a poll not committed" in kills[2]["at"], kills[2]
        assert kills[2]["held"] is not None and kills[2]["windows"] >= 1
    print("third kill landed:", kills[2]["at"], "after", kills[2]["windows"], "last page(s)")
    published, stored = tally["published"], tally["stored"]
    assert stored["releases"] == published["releases"] > 0  # each release once
    assert stored["entries_awaiting_page"] == 0
    assert tally["events"]["active"] == published["releases"]  # one designation each, at its last version
    outbox, receiver = tally["outbox"], tally["receiver"]
    assert outbox["delivered"] == outbox["messages"] == receiver["webhook_ids"] > 0  # every message, delivered
    assert receiver["not_in_database"] == 0 and receiver["bad_signatures"] == 0
    assert receiver["requests"] == receiver["webhook_ids"] + receiver["extra_requests"]  # repeats kept their id
    assert tally["tracebacks"] == 0 and tally["stopped_cleanly"] is True


_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
for line in sys.stdin:
    if line.strip():
        db.execute(line)
    print("done", flush=True)
"""


def test_the_soak_sees_an_sqlite_write_transaction_from_outside_and_nothing_else(tmp_path: Path) -> None:
    """The soak's instrument on SQLite (bench/soak.py ``SqliteWriteLock``): another process's
    write transaction is seen, its read transaction and its idle connection are not, and a
    stopped process keeps the transaction it holds open."""
    path = tmp_path / "t.db"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (x)")
    setup.close()
    lock = SqliteWriteLock(str(path))
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        stdin, stdout = holder.stdin, holder.stdout
        assert stdin is not None and stdout is not None

        def run(sql: str) -> None:
            stdin.write(sql + "\n")
            stdin.flush()
            assert stdout.readline() == "done\n"

        try:
            run("SELECT count(*) FROM t")
            assert not lock.held_by(holder.pid)  # an idle connection
            run("BEGIN")
            run("SELECT count(*) FROM t")
            assert not lock.held_by(holder.pid)  # a read transaction
            run("COMMIT")
            run("BEGIN IMMEDIATE")
            assert lock.held_by(holder.pid)  # a write transaction, as the daemon's writers begin one
            assert not lock.held_by(os.getpid())  # (this process holds nothing)
            assert freeze(holder.pid)
            assert lock.held_by(holder.pid)  # stopped, it keeps its transaction open
            os.kill(holder.pid, signal.SIGCONT)
            run("INSERT INTO t VALUES (1)")
            run("COMMIT")
            assert not lock.held_by(holder.pid)
            run("BEGIN")
            run("INSERT INTO t VALUES (2)")
            assert lock.held_by(holder.pid)  # a deferred transaction's first write takes it too
            run("ROLLBACK")
            assert not lock.held_by(holder.pid)
        finally:
            holder.kill()
