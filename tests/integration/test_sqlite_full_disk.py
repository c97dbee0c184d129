"""A full disk under the SQLite file: the daemon (``run_daemon``, in this process,
with the API on a real socket, a real feed server and a real webhook receiver), and
its deliverer alone, while the database's writes fail with SQLITE_FULL ("database
or disk is full").

Two disks.  SQLite's own ``max_page_count``, set on every connection the daemon
takes from its pool, lets the file grow by no page: every write that needs one
fails, in the middle of a poll's transaction, where SQLite may roll the whole
transaction back by itself (the nastiest place).  And, where the tests may mount
one (as root), a real tmpfs filled to its last byte: then the write-ahead log
cannot grow, and even a feed's claim fails.  The business clock is a fake the
test moves; the metronome ticks in real time (every 0.1 s)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import subprocess
import threading
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import structlog
from sqlalchemy import Engine, event, func, select

from ir_feed.api import ApiServer
from ir_feed.daemon import run_daemon
from ir_feed.events import Designation
from ir_feed.logs import configure
from ir_feed.models import Ticker
from ir_feed.services.delivering import Deliverer, make_dispatcher
from ir_feed.settings import DeliverySettings, LoggingSettings, Settings, parse_settings
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.tables import AttemptRow, DiffRow, FeedEntryRow, FeedRow, MessageRow, ReleaseRow
from tests.support.daemon import until
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response
from tests.support.releases import press_release, store_release

T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
SECRET = "whsec_" + "A" * 43 + "="
# Long enough that storing one release needs new pages (overflow pages of its text).
BODY = "Northwind today announced that the FDA granted Fast Track designation to NWB-{n} for IPF. " * 60


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Disk:
    """The room left for the SQLite file, through ``PRAGMA max_page_count`` on every
    connection the engine hands out: ``fill()`` lets the file grow by no page at all."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._room = int(self._pragma("VACUUM") or self._pragma("PRAGMA max_page_count"))  # (VACUUM: no free
        self._limit = self._room  # pages are left inside the file to write into)
        event.listen(engine, "checkout", self._apply)

    def _pragma(self, sql: str) -> Any:
        raw = self._engine.raw_connection()  # outside any transaction (VACUUM needs that)
        try:
            row = raw.driver_connection.execute(sql).fetchone()  # type: ignore[union-attr]
            return row[0] if row else None
        finally:
            raw.close()

    def _apply(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {self._limit}")

    def fill(self) -> None:
        self._limit = int(self._pragma("PRAGMA page_count"))

    def free(self) -> None:
        self._limit = self._room


def items(count: int) -> list[Item]:
    return [
        Item(str(3200000 + n), f"Northwind Receives Fast Track for NWB-{n}", BODY.format(n=n), slug=f"nwb-{n}")
        for n in range(count)
    ]


def daemon_settings(db_url: str, server: LocalHTTPServer) -> Settings:
    feed = {"interval": 60, "jitter": 0, "full_text": False}
    return parse_settings(
        {
            "database": {"url": db_url},
            "polling": {"tick": 0.1},
            "delivery": {
                "tick": 0.1,
                "allow_private_networks": True,
                "subscriptions": [{"name": "desk", "url": server.url("/hook"), "secret": SECRET}],
            },
            "api": {"port": 0},
            "logging": {"format": "json"},
            "feeds": [
                {"name": "news", "url": server.url("/news.xml")} | feed,
                {"name": "quiet", "url": server.url("/quiet.xml")} | feed,
            ],
        },
        base_dir=Path("."),
    )


def count(engine: Engine, table: Any) -> int:
    with session_factory(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def delivered(engine: Engine) -> int:
    with session_factory(engine)() as s:
        return int(s.scalar(select(func.count()).where(MessageRow.status == "delivered")) or 0)


def polls(engine: Engine, name: str) -> int:
    with session_factory(engine)() as s:
        return int(s.scalar(select(FeedRow.polls).where(FeedRow.name == name)) or 0)


def feed(engine: Engine, name: str) -> FeedRow:
    with session_factory(engine)() as s:
        row = s.scalar(select(FeedRow).where(FeedRow.name == name))
        assert row is not None
        return row


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


def json_log() -> io.StringIO:
    """The daemon's log, as JSON lines, captured for the test to read."""
    stream = io.StringIO()
    configure(LoggingSettings(level="INFO", format="json"), stream=stream)
    return stream


def request_counter(server: LocalHTTPServer) -> Callable[[str], int]:
    return lambda path: len(server.requests_to(path))


def run_and_check_the_log(
    scenario: Callable[[], Awaitable[None]], stream: io.StringIO, reader: Engine, engine: Engine
) -> None:
    """Run a daemon scenario, then: not one traceback in its log from start to stop, and a clean stop."""
    try:
        asyncio.run(scenario())
    finally:
        structlog.reset_defaults()
        reader.dispose()
        engine.dispose()
    everything = lines(stream)
    assert not [x for x in everything if "exception" in x]
    assert [x["clean"] for x in everything if x["event"] == "daemon_stopped"] == [True]


def test_a_full_disk_fails_each_poll_in_one_line_keeps_serving_and_recovers_when_space_is_back(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    db_url = f"sqlite:///{tmp_path / 'ir_feed.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    disk = Disk(engine)
    reader = make_engine(db_url)  # the test's own connections (no page limit on them)
    carried = {"news": 1}
    lock = threading.Lock()

    def news(_req: Request) -> Response:
        with lock:
            return Response(200, {}, Feed(items(carried["news"])).render())

    http_server.route("/news.xml", news)

    def quiet(req: Request) -> Response:  # a feed with nothing new: 304 to its ETag
        if req.headers.get("if-none-match") == '"q1"':
            return Response(304, {"ETag": '"q1"'})
        return Response(200, {"ETag": '"q1"'}, Feed([]).render())

    http_server.route("/quiet.xml", quiet)
    http_server.route("/hook", Response(204))
    settings = daemon_settings(db_url, http_server)
    clock = Clock()
    stream = json_log()
    requests = request_counter(http_server)

    async def scenario() -> None:
        stop = asyncio.Event()
        stack = contextlib.AsyncExitStack()
        started: list[ApiServer] = []
        daemon = asyncio.create_task(
            run_daemon(settings, stop=stop, engine=engine, on_api_started=started.append, clock=clock)
        )
        try:
            await until(
                lambda: polls(reader, "news") == polls(reader, "quiet") == 1 and delivered(reader) == 1,
                "the first polls, and the one diff delivered",
            )
            assert count(reader, ReleaseRow) == 1
            api = await stack.enter_async_context(httpx.AsyncClient(base_url=started[0].url, timeout=10))

            async def next_polls(*, failed: bool) -> None:
                """Move the clock to the feeds' next poll; wait until both are recorded."""
                before = {name: feed(reader, name).polls for name in ("news", "quiet")}
                clock.now = feed(reader, "news").next_poll_at
                await until(
                    lambda: all(feed(reader, n).polls == before[n] + 1 for n in before), "the next polls recorded"
                )
                assert (feed(reader, "news").last_outcome == "store_error") is failed

            # -- the disk fills; the news feed now carries three new releases ------------
            disk.fill()
            with lock:
                carried["news"] = 4
            mark = len(lines(stream))
            for n in (1, 2):
                await next_polls(failed=True)
                row = feed(reader, "news")
                assert (row.consecutive_failures, row.last_error) == (n, "database error: database or disk is full")
                assert row.next_poll_at == clock.now + timedelta(seconds=60)  # its interval: no backoff
                # nothing of the failed poll was kept, and no item was taken as refused
                assert (count(reader, ReleaseRow), count(reader, FeedEntryRow)) == (1, 1)
                assert (count(reader, DiffRow), count(reader, MessageRow)) == (1, 1)
                # the daemon keeps serving: health, reads, the other feed's polls
                assert (await api.get("/healthz")).status_code == 200
                feeds = {f["name"]: f for f in (await api.get("/v1/feeds")).json()["data"]}
                assert (feeds["news"]["last_outcome"], feeds["news"]["healthy"]) == ("store_error", False)
                assert (feeds["quiet"]["last_outcome"], feeds["quiet"]["healthy"]) == ("not_modified", True)
                assert (await api.get("/v1/events")).status_code == 200
            # ticks go on, but nothing is due: no poll, no line, no busy loop
            polled = requests("/news.xml")
            await asyncio.sleep(0.5)
            assert requests("/news.xml") == polled == 3 and not daemon.done()
            full = lines(stream)[mark:]
            loud = [(x["event"], x.get("outcome"), x.get("error")) for x in full if x["level"] in ("error", "critical")]
            assert loud == [("feed_poll_failed", "store_error", "database error: database or disk is full")] * 2
            assert not [x for x in full if x["level"] == "warning" or "exception" in x]
            assert not [x for x in full if x["event"] in ("release_stored", "release_rejected")]

            # -- space is back: the next poll stores what the feed carries ---------------
            disk.free()
            await next_polls(failed=False)
            row = feed(reader, "news")
            assert (row.last_outcome, row.consecutive_failures) == ("ok", 0)
            assert count(reader, ReleaseRow) == 4 and count(reader, FeedEntryRow) == 4
            await until(lambda: requests("/hook") == 4, "the three new diffs delivered")
            ids = [r.headers["webhook-id"] for r in http_server.requests_to("/hook")]
            assert len(set(ids)) == 4  # each once
            assert (await api.get("/readyz")).status_code == 200
        finally:
            await stack.aclose()
            stop.set()
            await asyncio.wait_for(daemon, timeout=30)

    run_and_check_the_log(scenario, stream, reader, engine)


def test_a_full_disk_while_delivering_is_one_line_per_batch_and_the_messages_go_again_after_their_lease(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """Attempts that cannot be recorded: their requests went out, so each such message
    is sent again once its lease is over — under the same ``webhook-id`` — and recorded
    once there is room.  Nothing is sent again before the lease ends, and the attempts
    that were recorded keep their schedule."""
    db_url = f"sqlite:///{tmp_path / 'ir_feed.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    with session_factory(engine, write=True).begin() as s:
        subs.add(s, name="desk", url=http_server.url("/hook"), format="webhook", secret=SECRET, filters={}, now=T0)
    products = [f"NWB-{100 + n}" for n in range(6)]
    events = [
        Designation(True, "FDA", "fast_track", p, "IPF", "granted", f"{p} got Fast Track.", f"nwbt|d|{p}")
        for p in products
    ]
    release = press_release("3210000", T0, (Ticker("NASDAQ", "NWBT"),), text="Fast Track.", issuer="Northwind")
    assert store_release(engine, release, events, company="Northwind", now=T0) == 6
    disk = Disk(engine)
    reader = make_engine(db_url)
    # Each attempt records the first KiB of the answer: no more than three fit in the
    # page the (empty) attempts table has, and the file may not grow.
    busy = Response(503, {"Content-Type": "text/plain", "Retry-After": "3600"}, "busy " * 205)
    http_server.route("/hook", busy)
    settings = DeliverySettings(allow_private_networks=True, timeout=5, lease=120)
    clock = Clock()
    stream = io.StringIO()
    configure(LoggingSettings(level="INFO", format="json"), stream=stream)

    def sent() -> int:
        return len(http_server.requests_to("/hook"))

    async def scenario() -> int:
        dispatcher, client = make_dispatcher(settings, user_agent="ir-feed-test")
        async with client:
            deliverer = Deliverer(settings, engine, dispatcher, clock=clock)
            disk.fill()
            first = await deliverer.deliver_due()
            recorded = first.sent
            assert sent() == 6 and recorded <= 3  # all six went out; three at most were recorded
            assert await asyncio.to_thread(count, reader, AttemptRow) == recorded
            clock.now = T0 + timedelta(seconds=119)  # the leases still hold: nothing goes again
            assert (await deliverer.deliver_due()).sent == 0 and sent() == 6
            disk.free()
            http_server.route("/hook", Response(204))
            clock.now = T0 + timedelta(seconds=121)  # the unrecorded ones, again, and recorded now
            assert (await deliverer.deliver_due()).delivered == 6 - recorded
            clock.now = T0 + timedelta(seconds=3600)  # the recorded ones' next attempt (Retry-After)
            assert (await deliverer.deliver_due()).delivered == recorded
            return recorded

    try:
        recorded = asyncio.run(scenario())
    finally:
        structlog.reset_defaults()
    received = [r.headers["webhook-id"] for r in http_server.requests_to("/hook")]
    with session_factory(reader)() as s:
        messages = list(s.scalars(select(MessageRow)))
        tries = {
            m.public_id: [a.number for a in s.scalars(select(AttemptRow).where(AttemptRow.message_id == m.id))]
            for m in messages
        }
    assert sorted(received) == sorted(2 * [m.public_id for m in messages])  # each twice, under its own id
    assert all(m.status == "delivered" for m in messages)
    assert sorted(map(len, tries.values())) == [1] * (6 - recorded) + [2] * recorded
    logged = lines(stream)
    assert not [x for x in logged if "exception" in x]
    unrecorded = [x for x in logged if x["event"] == "delivery_batch_unrecorded"]
    assert unrecorded and all(
        x["level"] == "error" and x["error"] == "database error: database or disk is full" for x in unrecorded
    )
    assert sum(x["messages"] for x in unrecorded) == 6 - recorded
    reader.dispose()
    engine.dispose()


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "4m") -> Iterator[Path]:
    """A real filesystem of ``size`` at ``path``; skips the test where none can be mounted."""
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (root only): {mounted.stderr.strip()[:100]}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def fill(directory: Path) -> Path:
    """Write a file until the filesystem is full; remove it to give the space back."""
    filler = directory / "filler"
    # (unbuffered: a buffered file would flush what the full disk refused again at close,
    # and raise there, depending on how the last write happened to fall)
    with filler.open("wb", buffering=0) as out:
        try:
            while out.write(b"\0" * 65536):
                pass
        except OSError:  # ENOSPC: full
            pass
    return filler


def test_a_real_full_disk_fails_in_one_line_per_tick_keeps_serving_and_recovers_when_space_is_back(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        db_url = f"sqlite:///{disk / 'ir_feed.db'}"
        engine = make_engine(db_url)
        upgrade(engine)
        reader = make_engine(db_url)
        carried = {"news": 1}
        http_server.route("/news.xml", lambda _req: Response(200, {}, Feed(items(carried["news"])).render()))
        http_server.route("/quiet.xml", Response(200, {}, Feed([]).render()))
        http_server.route("/hook", Response(204))
        settings = daemon_settings(db_url, http_server)
        clock = Clock()
        stream = json_log()
        requests = request_counter(http_server)

        def failures() -> list[dict[str, Any]]:
            return [x for x in lines(stream)[mark:] if x["level"] in ("error", "critical")]

        mark = 0

        async def scenario() -> None:
            nonlocal mark
            stop = asyncio.Event()
            started: list[ApiServer] = []
            daemon = asyncio.create_task(
                run_daemon(settings, stop=stop, engine=engine, on_api_started=started.append, clock=clock)
            )
            try:
                await until(lambda: polls(reader, "news") == 1 and delivered(reader) == 1, "the first poll delivered")
                filler = fill(disk)
                carried["news"] = 4
                mark = len(lines(stream))
                fetched = requests("/news.xml")
                clock.now = feed(reader, "news").next_poll_at  # both feeds due: each tick now fails
                await until(
                    lambda: (
                        any(x.get("feed") == "news" for x in failures())
                        or sum(x["event"] == "tick_failed" for x in failures()) >= 3
                    ),
                    "its due poll failed, or the ticks claiming it",
                )
                async with httpx.AsyncClient(base_url=started[0].url, timeout=10) as api:
                    assert (await api.get("/healthz")).status_code == 200
                    assert (await api.get("/v1/events")).status_code == 200
                assert not daemon.done()
                # one line per failed tick or poll, naming the cause, never a traceback
                for line in failures():
                    assert line["event"] in ("tick_failed", "feed_poll_failed"), line
                    assert "database or disk is full" in line["error"] and "exception" not in line
                assert not [x for x in lines(stream)[mark:] if x["event"] in ("release_stored", "release_rejected")]
                assert requests("/news.xml") <= fetched + 1  # at most its one due poll: no fetch per tick
                assert (count(reader, ReleaseRow), count(reader, FeedEntryRow), count(reader, DiffRow)) == (1, 1, 1)
                # -- space is back ----------------------------------------------------------
                filler.unlink()
                clock.now = max(clock.now, feed(reader, "news").next_poll_at)
                await until(lambda: count(reader, ReleaseRow) == 4 and requests("/hook") == 4, "stored, delivered")
                assert feed(reader, "news").last_outcome == "ok"
            finally:
                stop.set()
                await asyncio.wait_for(daemon, timeout=30)

        run_and_check_the_log(scenario, stream, reader, engine)
