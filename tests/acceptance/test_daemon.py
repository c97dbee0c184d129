"""The daemon as a user runs it: a real ``ir-feed run`` subprocess, a real local
feed server, a real SQLite file; stopped with signals, restarted."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from ir_feed.store.engine import make_engine, session_factory
from ir_feed.store.tables import FeedRow, ReleaseRow
from tests.support.daemon import run_daemon_to_exit, start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response

REPO = Path(__file__).resolve().parents[2]


def stop(proc: subprocess.Popen[bytes], sig: signal.Signals) -> int:
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


def feed_row(db_url: str) -> FeedRow:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            row = s.scalar(select(FeedRow))
            assert row is not None
            return row
    finally:
        engine.dispose()


def test_run_polls_stops_on_signals_and_resumes_the_schedule(
    tmp_path: Path, http_server: LocalHTTPServer, db_url: str
) -> None:
    items = [Item("3150001", "Northwind Receives Fast Track", "Northwind today announced Fast Track.")]
    http_server.route("/feed.xml", Response(200, {"ETag": '"v1"'}, Feed(items).render()))
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {{url: '{db_url}'}}\n"
        "polling: {tick: 0.1}\n"
        "api: {port: 0}\n"  # never a fixed port in tests
        "logging: {format: json}\n"
        f"feeds: [{{name: f, url: '{http_server.url('/feed.xml')}', interval: 3600, jitter: 0, full_text: false}}]\n"
    )
    log = tmp_path / "daemon.log"
    upgrade = subprocess.run(
        [sys.executable, "-m", "ir_feed", "db", "upgrade", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    assert "database upgraded: empty -> " in upgrade.stdout

    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/feed.xml")) == 1)
        wait_for(lambda: feed_row(db_url).polls == 1)
        time.sleep(1.0)  # ten ticks: the feed is not due again
        assert len(http_server.requests_to("/feed.xml")) == 1
    finally:
        status = stop(proc, signal.SIGTERM)
    assert status == 0
    text = log.read_text()
    assert '"event": "daemon_stopped"' in text and '"clean": true' in text
    assert '"event": "feed_polled"' in text

    # Restart: the schedule lives in the database, so nothing is polled early.
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: log.read_text().count('"event": "daemon_started"') == 2)
        time.sleep(1.0)
        assert len(http_server.requests_to("/feed.xml")) == 1
        assert feed_row(db_url).polls == 1
    finally:
        status = stop(proc, signal.SIGINT)
    assert status == 0

    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        assert [r.key for r in s.scalars(select(ReleaseRow))] == ["globenewswire.com:3150001"]
    engine.dispose()


def test_invalid_config_starts_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("feeds:\n  - {name: 'bad name', url: 'gopher://x'}\nhttp: {deadline: -1}\n")
    proc = run_daemon_to_exit(config)
    assert proc.returncode == 1
    assert "feeds[0].name" in proc.stderr and "feeds[0].url" in proc.stderr and "http.deadline" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "data").exists()


def test_readme_demo_poll_once(tmp_path: Path) -> None:
    """The demo the README's first command runs, polled once into a scratch copy."""
    import shutil

    demo = tmp_path / "examples"
    shutil.copytree(REPO / "examples", demo, ignore=shutil.ignore_patterns("*.db*"))
    run = [sys.executable, "-m", "ir_feed"]
    poll = subprocess.run(
        [*run, "poll", "--once", "--config", str(demo / "demo.yaml")], capture_output=True, text=True, timeout=120
    )
    assert poll.returncode == 0, poll.stderr
    listing = subprocess.run(
        [*run, "releases", "--config", str(demo / "demo.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    import json

    releases = json.loads(listing.stdout)
    assert len(releases) == 5
    assert all(r["full_text"] for r in releases)  # every page fetched from examples/releases/
    assert {t["symbol"] for r in releases for t in r["tickers"]} >= {"NWBT", "CLRQ", "TMSN", "OSLQ", "BWMQ"}


def test_a_second_daemon_on_one_sqlite_file_is_refused_with_one_line(tmp_path: Path) -> None:
    """SQLite serves one daemon: a second `ir-feed run` on the same file says so at once
    (one `ir-feed: error:` line, status 1) instead of idling on the write lock; once
    the first stops, the file is free again."""
    db = tmp_path / "data" / "ir_feed.db"
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {{url: 'sqlite:///{db}'}}\npolling: {{tick: 0.1}}\napi: {{enabled: false}}\nfeeds: []\n"
    )
    log = tmp_path / "first.log"
    first = start_daemon(config, log)
    try:
        wait_for(lambda: "daemon_started" in log.read_text())
        second = run_daemon_to_exit(config)
        assert second.returncode == 1
        lines = [ln for ln in second.stderr.splitlines() if ln.strip()]
        assert lines[-1].startswith("ir-feed: error: another ir-feed daemon is running on")
        assert "Traceback" not in second.stderr
    finally:
        assert stop(first, signal.SIGTERM) == 0
    again = start_daemon(config, tmp_path / "again.log")  # the lock went with the first daemon
    try:
        wait_for(lambda: "daemon_started" in (tmp_path / "again.log").read_text())
    finally:
        assert stop(again, signal.SIGTERM) == 0


def test_sigterm_stops_a_daemon_whose_feed_hangs_and_gives_the_feed_back(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """A feed that never answers (within its 60 s deadline) does not hold a stop: the
    daemon gives its polls a few seconds, stops them, gives their feeds' leases back
    and exits cleanly, well inside a process manager's grace."""
    import threading

    never = threading.Event()
    http_server.route("/hang.xml", Response(200, {}, b"<rss/>", wait=never))
    db = tmp_path / "ir_feed.db"
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {{url: 'sqlite:///{db}'}}\npolling: {{tick: 0.1}}\napi: {{enabled: false}}\n"
        "logging: {format: json}\nhttp: {deadline: 60, read_timeout: 60}\n"
        f"feeds: [{{name: hang, url: '{http_server.url('/hang.xml')}', interval: 3600, jitter: 0}}]\n"
    )
    log = tmp_path / "daemon.log"
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/hang.xml")) == 1)
        proc.send_signal(signal.SIGTERM)
        status = proc.wait(timeout=20)  # (the fetch alone would hold it 60 s)
    finally:
        never.set()
        if proc.poll() is None:
            proc.kill()
    assert status == 0
    assert '"event": "polls_abandoned"' in log.read_text()
    row = feed_row(f"sqlite:///{db}")
    assert row.lease_until is None and row.polls == 0  # given back, nothing recorded


def _fast_track_daemon(tmp_path: Path, http_server: LocalHTTPServer, db_url: str, deliver_tick: float) -> Path:
    """A daemon's config (its database upgraded): one feed carrying one Fast Track release,
    one webhook subscription to ``/hook`` (answered 204), the deliver tick ``deliver_tick``."""
    from ir_feed.delivery import generate_secret

    lead = (
        "HOUSTON, Sept. 11, 2026 (GLOBE NEWSWIRE) -- Northwind Biotherapeutics, Inc. (Nasdaq: NWBT) today "
        "announced that the U.S. Food and Drug Administration has granted Fast Track designation to NWB-101 "
        "for the treatment of idiopathic pulmonary fibrosis."
    )
    items = [Item("3150002", "Northwind Receives FDA Fast Track Designation for NWB-101", lead)]
    http_server.route("/feed.xml", Response(200, {}, Feed(items).render()))
    http_server.route("/hook", Response(204))
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {{url: '{db_url}'}}\n"
        "polling: {tick: 0.1}\n"
        "api: {enabled: false}\n"
        "logging: {format: json}\n"
        f"feeds: [{{name: f, url: '{http_server.url('/feed.xml')}', interval: 3600, jitter: 0, full_text: false}}]\n"
        f"delivery:\n  tick: {deliver_tick}\n  lease: {3 * deliver_tick}\n  allow_private_networks: true\n"
        f"  subscriptions: [{{name: hook, url: '{http_server.url('/hook')}', secret: '{generate_secret()}'}}]\n"
    )
    upgrade_database(config)
    return config


def test_a_stored_diff_is_delivered_at_once_not_at_the_next_deliver_tick(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """Instant fan-out in one process: the deliver tick is 20 s here, yet the webhook for a
    release the first poll stores arrives within seconds (the poll wakes the deliverer)."""
    config = _fast_track_daemon(tmp_path, http_server, f"sqlite:///{tmp_path / 'wake.db'}", deliver_tick=20)
    log = tmp_path / "daemon.log"
    started = time.monotonic()
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/hook")) >= 1, 15, context=lambda: log.read_text()[-2000:])
        took = time.monotonic() - started
    finally:
        assert stop(proc, signal.SIGTERM) == 0
    assert took < 20, took  # (the next deliver tick would come 20 s after the first, found nothing)
    body = http_server.requests_to("/hook")[0].body
    assert b"fast_track" in body and b"NWB-101" in body


def test_messages_queued_by_another_process_wake_the_daemon_on_postgresql(
    tmp_path: Path, http_server: LocalHTTPServer, pg_url: str
) -> None:
    """Instant fan-out across processes: on PostgreSQL a replay run from the CLI (another
    process) queues messages, and the daemon — its deliver tick 30 s — sends them within
    seconds, woken by NOTIFY at the replay's commit."""
    config = _fast_track_daemon(tmp_path, http_server, pg_url, deliver_tick=30)
    run = [sys.executable, "-m", "ir_feed"]
    log = tmp_path / "daemon.log"
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/hook")) >= 1, 15, context=lambda: log.read_text()[-2000:])
        time.sleep(0.5)  # the first delivery recorded; the next deliver tick is ~30 s away
        replayed = time.monotonic()
        replay = subprocess.run(
            [*run, "deliveries", "replay", "--config", str(config), "--subscription", "hook", "--since", "2000-01-01"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert replay.returncode == 0, replay.stderr
        wait_for(lambda: len(http_server.requests_to("/hook")) >= 2, 15, context=lambda: log.read_text()[-2000:])
        took = time.monotonic() - replayed
    finally:
        assert stop(proc, signal.SIGTERM) == 0
    assert took < 10, took  # (without the wake: at the next deliver tick, up to 30 s later)
    first, again = http_server.requests_to("/hook")[:2]
    assert first.headers["webhook-id"] == again.headers["webhook-id"]  # the same message, sent again
