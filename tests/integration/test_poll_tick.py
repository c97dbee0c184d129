"""The daemon's tick starts due polls and returns: a feed that falls due while
a slow one is still being polled is not kept waiting for it."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from ir_feed.fetch import Fetcher
from ir_feed.services import Poller
from ir_feed.settings import Settings, parse_settings
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


def test_a_tick_claims_what_it_can_start_and_claims_more_as_polls_end(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    """Ten feeds due, two fetch slots: a tick claims twice the slots (four), the others
    stay unleased for another daemon, and a stop has four claims to finish, not ten.  As
    polls end, the poller claims the next due feeds itself, without waiting for the next
    tick (which would cap it at four polls a tick): all ten are polled after one tick."""
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

    def leases_and_polls() -> tuple[int, int]:
        with session_factory(engine)() as s:
            rows = list(s.scalars(select(FeedRow)))
            return sum(r.lease_until is not None for r in rows), sum(r.polls for r in rows)

    async def scenario() -> tuple[int, int, int, int]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=Clock())
            await asyncio.to_thread(poller.sync_feeds)
            first = await poller.tick()
            held, _ = await asyncio.to_thread(leases_and_polls)
            second = await poller.tick()  # no slot has freed: nothing more is claimed
            release.set()
            most = 0
            for _ in range(500):  # no more ticks: the poller refills itself
                leased, polled = await asyncio.to_thread(leases_and_polls)
                most = max(most, leased)
                if polled == 10:
                    break
                await asyncio.sleep(0.02)
            await poller.drain(timeout=30)
            return first, held, second, most

    first, held, second, most = asyncio.run(scenario())
    assert (first, held, second) == (4, 4, 0)
    assert most <= 4  # never more claims than twice the fetch slots
    assert [len(http_server.requests_to(f"/f{i}.xml")) for i in range(10)] == [1] * 10


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


def _unchanged_feeds(http_server: LocalHTTPServer, n: int, **http: Any) -> Settings:
    """``n`` feeds ``f0``..., each answering 304 once polled (its ETag sent back)."""
    from tests.support.httpserver import Request

    def conditional(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, {"ETag": '"v1"'}, Feed([Item(req.route[2:-4], "R", "x")]).render())

    for i in range(n):
        http_server.route(f"/f{i}.xml", conditional)
    feeds = [
        {"name": f"f{i}", "url": http_server.url(f"/f{i}.xml"), "interval": 300, "jitter": 0, "full_text": False}
        for i in range(n)
    ]
    return parse_settings({"http": {"per_host_interval": 0, **http}, "feeds": feeds}, base_dir=Path("/"), env={})


def test_polls_answered_304_are_recorded_together(
    engine: Engine, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty feeds unchanged since their last poll (each answered 304): every one is
    recorded as a poll — not modified, due again after its interval, no lease, its
    validators kept — and the polls that end while a write runs are written together by
    the next (each write is slowed here, so that the grouping does not hang on timing)."""
    import time

    from sqlalchemy import select

    from ir_feed.store import feeds as feed_store
    from ir_feed.store.engine import session_factory
    from ir_feed.store.tables import FeedRow

    n = 20
    settings = _unchanged_feeds(http_server, n, max_concurrency=8, per_host_concurrency=8)
    writes: list[int] = []
    record = feed_store.record_not_modified

    def slow_record(session: Any, polls: Any, *, now: datetime) -> None:
        writes.append(len(polls))
        time.sleep(0.3)
        record(session, polls, now=now)

    clock = Clock()

    async def scenario() -> list[str]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=clock)
            await asyncio.to_thread(poller.sync_feeds)
            names = [f"f{i}" for i in range(n)]
            await poller.poll_due(names)  # full GETs: releases stored, validators kept
            clock.now = T0 + timedelta(seconds=301)
            monkeypatch.setattr(feed_store, "record_not_modified", slow_record)
            return [r.outcome for r in await poller.poll_due(names)]

    outcomes = asyncio.run(scenario())
    assert outcomes == ["not_modified"] * n
    with session_factory(engine)() as s:
        rows = list(s.scalars(select(FeedRow)))
    assert all(r.polls == 2 and r.last_outcome == "not_modified" and r.last_status == 304 for r in rows)
    assert all(r.lease_until is None and r.etag == '"v1"' and r.consecutive_failures == 0 for r in rows)
    assert all(r.next_poll_at == T0 + timedelta(seconds=601) for r in rows)
    assert sum(writes) == n and len(writes) < n // 2, writes  # groups, not one write per poll


def test_a_failed_group_write_fails_each_of_its_polls_with_one_line(
    engine: Engine, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database refuses the write of a group of 304s (a full disk, say): every poll of
    the group is a store_error, recorded as the failure it is, and the feed stays due."""
    from sqlalchemy import select
    from sqlalchemy.exc import OperationalError

    from ir_feed.store import feeds as feed_store
    from ir_feed.store.engine import session_factory
    from ir_feed.store.tables import FeedRow

    settings = _unchanged_feeds(http_server, 3)
    clock = Clock()

    def full_disk(*_a: object, **_k: object) -> None:
        raise OperationalError("UPDATE feeds", {}, Exception("database or disk is full"))

    async def scenario() -> list[tuple[str, str | None]]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=clock)
            await asyncio.to_thread(poller.sync_feeds)
            await poller.poll_due()
            clock.now = T0 + timedelta(seconds=301)
            monkeypatch.setattr(feed_store, "record_not_modified", full_disk)
            return [(r.outcome, r.error) for r in await poller.poll_due()]

    results = asyncio.run(scenario())
    assert results == [("store_error", "database error: database or disk is full")] * 3
    with session_factory(engine)() as s:
        rows = list(s.scalars(select(FeedRow)))
    assert all(r.polls == 2 and r.last_outcome == "store_error" and r.lease_until is None for r in rows)
