"""The daemon's tick starts due polls and returns: a feed that falls due while
a slow one is still being polled is not kept waiting for it."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ir_feed.fetch import Fetcher
from ir_feed.services import Poller
from ir_feed.settings import parse_settings
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response

T0 = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_a_feed_due_later_starts_while_a_slow_one_is_in_flight(engine: Engine, http_server: LocalHTTPServer) -> None:
    release = threading.Event()
    http_server.route("/slow.xml", Response(200, {}, Feed([Item("1", "Slow", "Slow one.")]).render(), wait=release))
    http_server.route("/fast.xml", Response(200, {}, Feed([Item("2", "Fast", "Fast one.")]).render()))
    settings = parse_settings(
        {
            "http": {"per_host_interval": 0, "deadline": 30, "read_timeout": 30},
            "feeds": [
                {"name": "slow", "url": http_server.url("/slow.xml"), "interval": 300, "jitter": 0, "full_text": False},
                {"name": "fast", "url": http_server.url("/fast.xml"), "interval": 300, "jitter": 0, "full_text": False},
            ],
        },
        base_dir=Path("/"),
        env={},
    )

    async def scenario() -> tuple[int, int, int, bool]:
        clock = Clock()
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=clock)
            await asyncio.to_thread(poller.sync_feeds)
            first = await poller.tick()  # both due: both start; the tick does not wait
            await asyncio.to_thread(http_server.wait_for_requests, 2)
            # the fast feed finished and falls due again while the slow one still hangs
            for _ in range(200):
                if len(poller._in_flight) == 1:  # only the slow poll is left
                    break
                await asyncio.sleep(0.02)
            clock.now = T0 + timedelta(seconds=301)
            second = await poller.tick()
            for _ in range(200):
                if len(poller._in_flight) == 1:
                    break
                await asyncio.sleep(0.02)
            # past the slow poll's lease: it is still running here, so it is not started twice
            clock.now = T0 + timedelta(seconds=1000)
            third = await poller.tick()
            release.set()
            drained = await poller.drain(timeout=30)
            return first, second, third, drained

    first, second, third, drained = asyncio.run(scenario())
    assert (first, second, third, drained) == (2, 1, 1, True)
    assert len(http_server.requests_to("/fast.xml")) == 3
    assert len(http_server.requests_to("/slow.xml")) == 1


def test_a_tick_claims_what_it_can_start_and_leaves_the_rest_free(engine: Engine, http_server: LocalHTTPServer) -> None:
    """Ten feeds due, two fetch slots: a tick claims twice the slots (four), the others
    stay unleased for the next tick or another daemon; a stop then has four claims to
    finish, not ten."""
    from sqlalchemy import select

    from ir_feed.store.engine import session_factory
    from ir_feed.store.tables import FeedRow

    release = threading.Event()
    for i in range(10):
        http_server.route(f"/f{i}.xml", Response(200, {}, Feed([Item(str(i), f"R{i}", "x")]).render(), wait=release))
    settings = parse_settings(
        {
            "http": {"per_host_interval": 0, "deadline": 30, "read_timeout": 30, "max_concurrency": 2,
                     "per_host_concurrency": 2},
            "feeds": [
                {"name": f"f{i}", "url": http_server.url(f"/f{i}.xml"), "interval": 300, "jitter": 0,
                 "full_text": False}
                for i in range(10)
            ],
        },
        base_dir=Path("/"),
        env={},
    )  # fmt: skip

    def leased() -> int:
        with session_factory(engine)() as s:
            return sum(r.lease_until is not None for r in s.scalars(select(FeedRow)))

    async def scenario() -> tuple[int, int, int, int, bool]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=Clock())
            await asyncio.to_thread(poller.sync_feeds)
            first = await poller.tick()
            held = await asyncio.to_thread(leased)
            second = await poller.tick()  # no slot has freed: nothing more is claimed
            release.set()
            drained = await poller.drain(timeout=30)
            third = await poller.tick()  # the next batch
            await poller.drain(timeout=30)
            return first, held, second, third, drained

    first, held, second, third, drained = asyncio.run(scenario())
    assert (first, held, second, third, drained) == (4, 4, 0, 4, True)


def test_a_running_poll_renews_its_lease_and_gives_it_up_when_done(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    """A poll that outlasts its lease keeps its feed (renewed every third of the lease):
    another daemon's claim finds nothing; once the poll has recorded its result the
    feed holds no lease. (A dead daemon renews nothing: its feeds are free within one
    lease, tests/integration/test_feed_claims.py.)"""
    from sqlalchemy import select

    from ir_feed.services import utcnow
    from ir_feed.store import feeds as feed_store
    from ir_feed.store.engine import session_factory
    from ir_feed.store.tables import FeedRow

    release = threading.Event()
    http_server.route("/slow.xml", Response(200, {}, Feed([Item("1", "Slow", "Slow one.")]).render(), wait=release))
    settings = parse_settings(
        {
            "http": {"per_host_interval": 0, "deadline": 30, "read_timeout": 30},
            "feeds": [{"name": "slow", "url": http_server.url("/slow.xml"), "interval": 300, "full_text": False}],
        },
        base_dir=Path("/"),
        env={},
    )
    lease = timedelta(seconds=0.6)

    def other_daemon_claims() -> list[str]:
        with session_factory(engine, write=True).begin() as s:
            return [d.name for d in feed_store.claim_due(s, utcnow(), lease=lease, limit=10, names=["slow"])]

    async def scenario() -> tuple[int, list[str], bool]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, lease=lease)  # the real clock
            await asyncio.to_thread(poller.sync_feeds)
            started = await poller.tick()
            await asyncio.sleep(1.5)  # more than two leases: renewed meanwhile
            taken = await asyncio.to_thread(other_daemon_claims)
            release.set()
            return started, taken, await poller.drain(timeout=30)

    started, taken, drained = asyncio.run(scenario())
    assert (started, taken, drained) == (1, [], True)
    with session_factory(engine)() as s:
        row = s.scalar(select(FeedRow))
        assert row is not None and row.lease_until is None and row.polls == 1


def test_a_locked_sqlite_file_fails_a_tick_with_one_line_and_the_next_tick_polls(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the SQLite file's write lock past the busy timeout: the
    tick fails with one `tick_failed` line (no traceback), the daemon keeps ticking,
    and once the lock is gone the feed is polled."""
    import sqlite3

    import structlog

    from ir_feed.scheduler import Metronome
    from ir_feed.store import engine as store_engine

    monkeypatch.setattr(store_engine, "SQLITE_BUSY_TIMEOUT_MS", 200)  # (10 s by default)
    db = tmp_path / "locked.db"
    engine = store_engine.make_engine(f"sqlite:///{db}")
    store_engine.upgrade(engine)
    http_server.route("/f.xml", Response(200, {}, Feed([Item("1", "One", "One.")]).render()))
    settings = parse_settings(
        {
            "http": {"per_host_interval": 0},
            "feeds": [{"name": "f", "url": http_server.url("/f.xml"), "interval": 300, "full_text": False}],
        },
        base_dir=Path("/"),
        env={},
    )
    logged: list[dict[str, object]] = []

    def keep(_logger: object, _method: str, event: dict[str, object]) -> dict[str, object]:
        logged.append(dict(event))
        raise structlog.DropEvent

    async def scenario() -> None:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher)
            await asyncio.to_thread(poller.sync_feeds)
            other = sqlite3.connect(db)
            other.execute("BEGIN EXCLUSIVE")  # another process's write lock
            metronome = Metronome()
            metronome.every(0.3, "poll", poller.tick)
            metronome.start()
            try:
                for _ in range(100):
                    if any(e.get("event") == "tick_failed" for e in logged):
                        break
                    await asyncio.sleep(0.05)
                other.rollback()
                other.close()
                await asyncio.to_thread(http_server.wait_for_requests, 1)
            finally:
                await metronome.stop(timeout=5)
                await poller.drain(timeout=10)

    structlog.configure(processors=[keep])
    try:
        asyncio.run(scenario())
    finally:
        structlog.reset_defaults()
        engine.dispose()
    failed = [e for e in logged if e.get("event") == "tick_failed"]
    assert failed and failed[0]["job"] == "poll" and "database is locked" in str(failed[0]["error"])
    assert "\n" not in str(failed[0]["error"])  # one line, no SQL or traceback
    assert len(http_server.requests_to("/f.xml")) >= 1
