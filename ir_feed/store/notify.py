"""Waking every daemon's deliverer when messages are queued, on PostgreSQL.

A poll (or a replay, or a retry) that queues messages tells the database, in its own
transaction, with a notification on ``ir_feed_outbox`` (:func:`announce`): it leaves at
commit — never for work a rollback took back — and reaches every daemon on the same
database that listens.  Its payload is the schema the messages were queued in: channels
are the database's, so a listener heeds only its own schema's (another deployment, or a
test, in another schema of the same database wakes no one here) and an empty payload
(an older release's bare ``NOTIFY``).  :class:`OutboxListener` is that listening: a thread holding one
connection of its own (outside the pool) in ``LISTEN``, which calls ``on_notify`` for
each notification, and reconnects (every ``retry`` seconds) when the connection is lost,
calling ``on_notify`` once it is back (a notification sent while it was away is lost,
and the deliverer's tick would otherwise be the first to look).

SQLite has no such thing and needs none: one daemon per file, and a poll wakes its own
process's deliverer directly.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ir_feed.logs import get_logger

CHANNEL = "ir_feed_outbox"


def announce(session: Session) -> None:
    """Tell the listening daemons, at this transaction's commit, that messages are due
    (nothing on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, current_schema())"), {"channel": CHANNEL})


class OutboxListener:
    """``LISTEN ir_feed_outbox`` in a thread of its own (see the module docstring)."""

    def __init__(self, engine: Engine, on_notify: Callable[[], None], *, retry: float = 2.0) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("LISTEN/NOTIFY needs PostgreSQL")
        self._engine = engine
        self._on_notify = on_notify
        self._retry = retry
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-listener", daemon=True)
        self._log = get_logger(component="deliverer")
        self.listening = threading.Event()  # set while a connection is in LISTEN (tests, health)
        self._schema: str | None = None  # the schema this daemon's messages are queued in

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _connect(self) -> Any:
        raw = self._engine.raw_connection()
        conn = raw.driver_connection
        raw.detach()  # its own connection for as long as it listens: never handed back to the pool
        if conn is None:  # (never with psycopg)
            raise RuntimeError("no driver connection to listen on")
        try:
            conn.rollback()  # (the pool's check may have begun a transaction)
            conn.autocommit = True
            row = conn.execute("SELECT current_schema()").fetchone()
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()  # detached: nothing else would close it
            raise
        self._schema = row[0] if row else None
        return conn

    def _heeds(self, payload: str) -> bool:
        """A notification for this daemon's schema (or from a release that named none)."""
        return not payload or payload == self._schema

    def _tell(self) -> None:
        try:
            self._on_notify()
        except Exception:  # (the daemon's loop is closing): the listener itself goes on
            self._log.warning("outbox_wake_failed", exc_info=True)

    def _run(self) -> None:
        lost = False
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception as exc:  # the server is down or refusing: try again
                self._log.warning("outbox_listen_failed", error=_first_line(exc))
                lost = True
                self._stop.wait(self._retry)
                continue
            self.listening.set()
            if lost:  # back after a gap: look once, something may have been queued meanwhile
                self._log.info("outbox_listen_resumed")
                self._tell()
                lost = False
            try:
                while not self._stop.is_set():
                    # (a short timeout: a stop is seen within it)
                    for notification in conn.notifies(timeout=0.5, stop_after=1):
                        if self._heeds(notification.payload):
                            self._tell()
            except Exception as exc:  # the connection was lost
                self._log.warning("outbox_listen_lost", error=_first_line(exc))
                lost = True
            finally:
                self.listening.clear()
                with contextlib.suppress(Exception):  # (already gone)
                    conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__
