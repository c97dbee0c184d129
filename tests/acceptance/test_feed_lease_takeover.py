"""A daemon killed (SIGKILL) in the middle of polling a slow feed: the feed's claim is a
lease the dead daemon can no longer renew, so the next daemon polls the feed once that
lease has run out, and not before (``polling.lease``, 60 s by default, 6 s here).

On SQLite a new daemon takes over the file after the kill (one daemon per file); on
PostgreSQL a second daemon runs beside the first all along, as several daemons share one
database: it leaves the feed alone while the first is alive and renewing its lease, and
takes it once the first is dead and the lease has lapsed."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ir_feed.store.engine import make_engine, session_factory
from ir_feed.store.tables import FeedRow, ReleaseRow
from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response

LEASE = 6.0  # seconds: the smallest polling.lease allowed is 5


def _feed(db_url: str) -> FeedRow:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            row = s.scalar(select(FeedRow).where(FeedRow.name == "slow"))
            assert row is not None
            return row
    finally:
        engine.dispose()


def _releases(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            return int(s.scalar(select(func.count()).select_from(ReleaseRow)) or 0)
    finally:
        engine.dispose()


def test_a_killed_daemons_feed_is_polled_by_the_next_daemon_once_its_lease_has_lapsed(
    tmp_path: Path, http_server: LocalHTTPServer, db_url: str
) -> None:
    held = threading.Event()  # the first request is held until the test ends: a poll in flight
    arrivals: list[datetime] = []
    body = Feed([Item("3170001", "Northwind Receives Fast Track", "Northwind today announced Fast Track.")]).render()

    def slow_feed(_request: Request) -> Response:
        arrivals.append(datetime.now(UTC))
        return Response(200, {"Content-Type": "application/rss+xml"}, body, wait=held if len(arrivals) == 1 else None)

    http_server.route("/slow.xml", slow_feed)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {{url: '{db_url}'}}\n"
        f"polling: {{tick: 0.1, lease: {LEASE}}}\n"
        "http: {deadline: 300, read_timeout: 300}\n"  # the held fetch does not time out by itself
        "api: {enabled: false}\nlogging: {format: json}\n"
        f"feeds: [{{name: slow, url: '{http_server.url('/slow.xml')}', interval: 3600, jitter: 0, full_text: false}}]\n"
    )
    postgres = db_url.startswith("postgresql")
    if postgres:  # a PostgreSQL schema is upgraded by the operator, not by a daemon
        upgrade_database(config)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    tail = lambda: first_log.read_text()[-2000:] + "\n--- second ---\n" + second_log.read_text()[-2000:]  # noqa: E731
    second_log.touch()
    first = start_daemon(config, first_log)
    second: subprocess.Popen[bytes] | None = None
    try:
        wait_for(lambda: len(arrivals) == 1, 60, context=tail)  # the first daemon is polling the feed
        claimed = _feed(db_url).lease_until
        assert claimed is not None
        if postgres:  # the second daemon runs beside a live first one
            second = start_daemon(config, second_log)
            wait_for(lambda: '"daemon_started"' in second_log.read_text(), 60, context=tail)
            time.sleep(LEASE * 1.5)  # more than a lease: the first renews its claim, the second leaves it alone
            assert len(arrivals) == 1, tail()
        # renewed (every third of the lease) while the fetch is held
        wait_for(lambda: (_feed(db_url).lease_until or claimed) > claimed, LEASE * 3, context=tail)

        os.kill(first.pid, signal.SIGKILL)  # mid-poll: the fetch is still waiting for its answer
        first.wait(timeout=10)
        killed_at = datetime.now(UTC)
        left = _feed(db_url)
        assert left.lease_until is not None and left.polls == 0  # the dead daemon's claim, nothing recorded
        if second is None:  # SQLite: the file is free once the first daemon is gone
            second = start_daemon(config, second_log)

        wait_for(lambda: _feed(db_url).polls == 1, LEASE + 60, context=tail)  # a generous bound
    finally:
        held.set()
        if first.poll() is None:
            first.kill()
            first.wait()
        if second is not None:
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=30) == 0, tail()

    assert len(arrivals) == 2  # polled again once, by the second daemon
    # not before the lease the dead daemon left had run out, and within about one lease of the kill
    assert arrivals[1] >= left.lease_until, (arrivals, left.lease_until)
    assert arrivals[1] - killed_at < timedelta(seconds=LEASE + 30), (arrivals, killed_at)
    print(  # the figures docs/reliability.md quotes
        f"polled again {(arrivals[1] - killed_at).total_seconds():.1f} s after the kill, "
        f"{(arrivals[1] - left.lease_until).total_seconds():.2f} s after the lease it left had run out"
    )
    row = _feed(db_url)
    assert row.last_outcome == "ok" and row.lease_until is None and row.polls == 1
    assert _releases(db_url) == 1
    assert '"event": "feed_polled"' not in first_log.read_text()  # the killed poll recorded nothing
    polled = [line for line in second_log.read_text().splitlines() if '"event": "feed_polled"' in line]
    assert len(polled) == 1 and '"feed": "slow"' in polled[0] and '"outcome": "ok"' in polled[0]
