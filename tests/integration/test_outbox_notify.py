"""Messages queued in one process wake the deliverers of every daemon on the same
PostgreSQL database at once (NOTIFY at commit, ir_feed/store/notify.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from ir_feed.events import Designation
from ir_feed.models import Ticker
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.notify import OutboxListener, announce
from tests.support.releases import press_release, store_release

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def pg(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    upgrade(engine)
    yield engine
    engine.dispose()


class Woken:
    def __init__(self) -> None:
        self.count = 0
        self.event = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self.event.set()

    def wait(self, timeout: float) -> bool:
        got = self.event.wait(timeout)
        self.event.clear()
        return got


@pytest.fixture
def listening(pg: Engine) -> Iterator[tuple[OutboxListener, Woken]]:
    woken = Woken()
    listener = OutboxListener(pg, woken, retry=0.2)
    listener.start()
    assert listener.listening.wait(10)
    yield listener, woken
    listener.stop()


def test_a_commit_that_queues_messages_wakes_a_listener_and_a_rollback_does_not(
    pg: Engine, listening: tuple[OutboxListener, Woken]
) -> None:
    _, woken = listening
    with session_factory(pg, write=True)() as s, s.begin():
        announce(s)
        s.rollback()
    assert not woken.wait(1.0)  # taken back: nobody is told
    with session_factory(pg, write=True).begin() as s:
        announce(s)
        assert not woken.event.is_set()  # not before the commit
    assert woken.wait(5.0)


def test_only_this_schemas_notifications_wake_it(pg: Engine, listening: tuple[OutboxListener, Woken]) -> None:
    """Channels are the database's: a deployment (or a test run) in another schema of the
    same database must not wake this one; a bare NOTIFY, as a release before the payload
    sent, still does."""
    _, woken = listening
    with pg.begin() as conn:
        conn.execute(text("SELECT pg_notify('ir_feed_outbox', 'another_deployment')"))
    assert not woken.wait(1.0)
    with pg.begin() as conn:
        conn.execute(text("NOTIFY ir_feed_outbox"))
    assert woken.wait(5.0)
    with session_factory(pg, write=True).begin() as s:
        announce(s)  # this schema's
    assert woken.wait(5.0)


def test_stored_diffs_a_replay_and_a_retry_wake_the_listener(
    pg: Engine, listening: tuple[OutboxListener, Woken]
) -> None:
    _, woken = listening
    with session_factory(pg, write=True).begin() as s:
        subscription_store.add(s, name="hooks", url="https://hooks.example/x", format="webhook",
                               secret=None, filters={}, now=NOW, origin="api")  # fmt: skip
    with session_factory(pg, write=True).begin() as s:
        assert outbox.replay(s, subscription="hooks", since=NOW, ticker=None, now=NOW) == 0
    with session_factory(pg, write=True).begin() as s:
        assert not outbox.retry(s, "msg_NONE", NOW)
    assert not woken.wait(0.5)  # nothing queued: nothing to tell

    ft = Designation(True, "FDA", "fast_track", "NWB-101", "IPF", "granted", "NWB-101 got Fast Track.", "nwbt|ft")
    store_release(pg, press_release("1", NOW, (Ticker("NASDAQ", "NWBT"),)), (ft,), company="Northwind", now=NOW)
    assert woken.wait(5.0)  # a poll's diffs queued a message
    with session_factory(pg, write=True).begin() as s:
        assert outbox.replay(s, subscription="hooks", since=NOW, ticker=None, now=NOW) == 1
    assert woken.wait(5.0)
    with session_factory(pg)() as s:
        (message,) = outbox.list_messages(s, subscription="hooks")
    with session_factory(pg, write=True).begin() as s:
        assert outbox.retry(s, message.public_id, NOW)
    assert woken.wait(5.0)


def test_the_listener_comes_back_after_its_connection_is_cut(
    pg: Engine, listening: tuple[OutboxListener, Woken]
) -> None:
    listener, woken = listening
    with pg.connect() as conn:
        listeners = "SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        killed = conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM ({listeners}) AS l")).all()
        conn.commit()
    assert killed
    assert woken.wait(10)  # back: it looks once, something may have been queued meanwhile
    deadline = time.monotonic() + 10
    while not listener.listening.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    with session_factory(pg, write=True).begin() as s:
        announce(s)
    assert woken.wait(5.0)


def test_listening_needs_postgresql(tmp_path: object) -> None:
    sqlite = make_engine("sqlite://")
    with pytest.raises(ValueError, match="PostgreSQL"):
        OutboxListener(sqlite, lambda: None)
    with session_factory(sqlite, write=True).begin() as s:
        announce(s)  # nothing to do on SQLite, and no error
    sqlite.dispose()
