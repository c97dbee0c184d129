"""PostgreSQL restarted under a running daemon: every connection the daemon holds is cut
(as by a crash, a failover or an upgrade); the daemon keeps running, keeps serving
``/healthz``, loses nothing it had stored, and stores what the feed carries next once the
server is back — without a restart of its own.

The server is the test's own (tests/support/pgserver.py): restarting the shared one would
cut every other test's connections.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ir_feed.store.engine import make_engine, session_factory
from ir_feed.store.tables import ReleaseRow
from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.pgserver import PrivatePostgres, postgres_bin

pytestmark = pytest.mark.postgres


def _releases(url: str) -> int:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            return int(s.scalar(select(func.count()).select_from(ReleaseRow)) or 0)
    except Exception:  # the server is down or coming back: nothing to count yet
        return -1
    finally:
        engine.dispose()


def _item(n: int) -> Item:
    return Item(
        f"90000{n:02d}",
        f"Northwind Reports Item {n}",
        f"HOUSTON, Sept. 11, 2026 (GLOBE NEWSWIRE) -- Northwind Biotherapeutics, Inc. (Nasdaq: NWBT) "
        f"today announced item {n} of its corporate news.",
        slug=f"item-{n}",
    )


def _api_port(log: Path) -> int | None:
    for line in log.read_text(errors="replace").splitlines():
        if '"api_listening"' in line or '"api_started"' in line:
            record = json.loads(line)
            for key in ("port", "url", "address"):
                if key in record:
                    value = record[key]
                    return int(value) if key == "port" else int(str(value).rsplit(":", 1)[1].split("/")[0])
    return None


def test_a_postgresql_restart_under_a_running_daemon_loses_nothing_and_polling_resumes(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    if postgres_bin() is None:
        if os.environ.get("IR_FEED_REQUIRE_PG") == "1":
            pytest.fail("IR_FEED_REQUIRE_PG=1 but no initdb / pg_ctl on this machine")
        pytest.skip("no initdb / pg_ctl on this machine to run a PostgreSQL server of the test's own")
    feed = Feed(items=[_item(1), _item(2)])
    http_server.route(
        "/feed.xml", lambda _request: Response(200, {"Content-Type": "application/rss+xml"}, feed.render())
    )
    with PrivatePostgres() as pg:
        config = tmp_path / "restart.yaml"
        config.write_text(
            f"database: {{url: '{pg.url}'}}\n"
            "polling: {tick: 0.2, min_interval: 1}\n"
            "api: {port: 0}\n"
            "logging: {format: json}\n"
            f"feeds: [{{name: wire, url: '{http_server.url('/feed.xml')}', interval: 10, jitter: 0, "
            "full_text: false}]\n"
        )
        upgrade_database(config)
        log = tmp_path / "daemon.log"
        tail = lambda: log.read_text(errors="replace")[-3000:] + "\n--- server ---\n" + pg.log_tail()  # noqa: E731
        proc = start_daemon(config, log)
        try:
            wait_for(lambda: _releases(pg.url) == 2, 60, context=tail)

            pg.restart()  # every connection of the daemon's pool is cut
            feed.items.append(_item(3))  # news arrives while the daemon's connections are dead
            restarted = time.monotonic()
            wait_for(lambda: _releases(pg.url) == 3, 60, context=tail)
            resumed_after = time.monotonic() - restarted

            assert proc.poll() is None, tail()  # still running: no crash, no exit for a supervisor to restart
            port = _api_port(log)
            if port is not None:  # the API answers on the same process
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                    assert answer.status == 200
            # one feed interval (10 s) bounds the wait once the server is back; the figure is printed
            print(f"stored the next item {resumed_after:.1f} s after the restart")
        finally:
            proc.send_signal(signal.SIGTERM)
            status = proc.wait(timeout=30)
        assert status == 0, tail()
        text = log.read_text(errors="replace")
        assert "Traceback" not in text, tail()
        assert _releases(pg.url) == 3  # nothing stored twice, nothing lost
