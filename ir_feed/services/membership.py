"""Membership: which daemons share this database, so they share each feed host's budget.

Every ``polling.heartbeat`` seconds (10 by default) a daemon records that it is alive and counts
the daemons seen within three and a half beats; its fetcher then leaves that many times
``http.per_host_interval`` between request starts to one server
(:meth:`~ir_feed.fetch.Fetcher.share_hosts`), so three daemons put the load of one on a wire
host, not three times it.  A daemon that stops cleanly leaves at once; a killed one stops
counting within three and a half beats, and the others speed back up.  A daemon that cannot
reach the database keeps the last count it had.

SQLite holds one daemon per file (``store.engine.daemon_lock``): nothing to share, and no job.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from ir_feed.fetch import Fetcher
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.services.clock import utcnow
from ir_feed.store import daemons as daemon_store
from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory

__all__ = ["ALIVE_BEATS", "Membership"]

ALIVE_BEATS = 3.5  # a daemon is alive while its last beat is this many beats old: a slow beat is no death
FORGET_AFTER = timedelta(days=1)  # a killed daemon's row is deleted after this


@dataclass
class Membership:
    """This daemon's heartbeat job; :meth:`tick` every ``heartbeat`` seconds."""

    engine: Engine
    fetcher: Fetcher
    heartbeat: float = 10.0
    clock: Callable[[], datetime] = utcnow
    metrics: Metrics | None = None
    daemon_id: str = field(default_factory=lambda: secrets.token_hex(16))
    daemons: int = 1

    def __post_init__(self) -> None:
        self._log = get_logger(component="membership")
        self._started_at = self.clock()
        self._write = session_factory(self.engine, write=True)

    def _beat(self) -> int:
        now = self.clock()
        within = timedelta(seconds=self.heartbeat * ALIVE_BEATS)
        with self._write.begin() as session:  # (one short write transaction a beat)
            daemon_store.beat(session, self.daemon_id, hostname=socket.gethostname(), pid=os.getpid(),
                              started_at=self._started_at, now=now)  # fmt: skip
            session.flush()
            return daemon_store.live(session, now, within, forget_after=FORGET_AFTER)

    async def tick(self) -> int:
        """Beat, count the daemons alive and share the hosts among them; the count."""
        try:
            count = await asyncio.to_thread(self._beat)
        except Exception as exc:
            reason = store_engine.database_failure(exc)
            if reason is None:
                raise
            self._log.error("heartbeat_failed", error=f"database error: {reason}", daemons=self.daemons)
            return self.daemons
        self.fetcher.share_hosts(count)
        if count != self.daemons:
            self._log.info("daemons_seen", daemons=count, host_interval=self.fetcher.host_interval)
        self.daemons = count
        if self.metrics is not None:
            self.metrics.daemons_seen(count)
        return count

    async def leave(self) -> None:
        """This daemon stops: the others count it out at their next beat (never raises)."""

        def gone() -> None:
            with self._write.begin() as session:
                daemon_store.leave(session, self.daemon_id)

        try:
            await asyncio.to_thread(gone)
        except Exception as exc:  # the database is gone: the row simply ages out
            self._log.warning("heartbeat_leave_failed", error=str(exc)[:200])
