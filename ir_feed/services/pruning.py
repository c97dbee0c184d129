"""Pruning: the retention settings applied, one small transaction at a time.

::

    prune(engine, retention, now)
      store.retention.cutoffs            the settings read at ``now``                  [pure]
      for each kind, oldest rows first:  delivered messages (with their attempts),
                                         dead messages (with theirs), diffs no message
                                         needs any more, replaced versions' text
        store.retention.prune_*          at most ``retention.batch`` rows             [one short write txn]
        a short pause                    other writers of an SQLite file get their turn

:class:`Pruner` is the daemon's: ``tick`` runs ``prune`` in a worker thread every
``retention.interval``, logs one ``retention_pruned`` line per run with its counts
and feeds the metrics.  A run that fails is one ``retention_failed`` line (the
batches committed before it stay done) and the next run tries again; polling and
delivering never wait for it.  A stop request ends a run between two batches.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.services.clock import utcnow
from ir_feed.settings import RetentionSettings
from ir_feed.store import engine as store_engine
from ir_feed.store import retention as retention_store
from ir_feed.store.retention import PruneCounts

PAUSE = 0.05  # seconds between two batches

# One batch: (what it deleted, how many of its kind's rows — the count that says whether
# a full batch was taken, so there may be more).
_Step = Callable[[Session], tuple[PruneCounts, int]]


@dataclass(frozen=True, slots=True)
class PruneResult:
    """What one run did (or, for a dry run, would do)."""

    counts: PruneCounts
    batches: int  # write transactions committed (0 for a dry run)
    complete: bool  # False: a stop request ended it early (what was done stays done)
    dry_run: bool = False


def _steps(retention: RetentionSettings, now: datetime) -> list[_Step]:
    c = retention_store.cutoffs(retention, now)
    limit = retention.batch
    steps: list[_Step] = []

    def messages(status: str, before: datetime) -> _Step:
        kind = "delivered_messages" if status == "delivered" else "dead_messages"

        def step(session: Session) -> tuple[PruneCounts, int]:
            n, attempts = retention_store.prune_messages(session, status, before, limit=limit)
            return PruneCounts(**{kind: n, "delivery_attempts": attempts}), n

        return step

    if c.delivered_messages is not None:
        steps.append(messages("delivered", c.delivered_messages))
    if c.dead_messages is not None:
        steps.append(messages("dead", c.dead_messages))
    # after the messages: a diff goes only once no message refers to it
    if (diffs_before := c.diffs) is not None:

        def diffs(session: Session) -> tuple[PruneCounts, int]:
            n = retention_store.prune_diffs(session, diffs_before, limit=limit)
            return PruneCounts(diffs=n), n

        steps.append(diffs)
    if (texts_before := c.version_texts) is not None:

        def texts(session: Session) -> tuple[PruneCounts, int]:
            n = retention_store.prune_version_texts(session, texts_before, limit=limit, now=now)
            return PruneCounts(version_texts=n), n

        steps.append(texts)
    return steps


def prune(
    engine: Engine,
    retention: RetentionSettings,
    *,
    now: datetime,
    dry_run: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[PruneCounts], None] | None = None,
    pause: float = PAUSE,
) -> PruneResult:
    """Delete what ``retention`` says is old at ``now``, at most ``retention.batch`` rows
    of a kind per transaction (a message's attempts go with it).  ``progress`` is told
    each committed batch's counts.  Safe to run twice and from several processes at once
    (each batch skips rows another holds; a row is deleted and counted once).

    ``dry_run``: count what would go, in one read transaction, and delete nothing."""
    if dry_run:
        with store_engine.session_factory(engine)() as session:
            counts = retention_store.prunable(session, retention_store.cutoffs(retention, now))
        return PruneResult(counts, batches=0, complete=True, dry_run=True)
    write = store_engine.session_factory(engine, write=True)
    total, batches = PruneCounts(), 0
    for step in _steps(retention, now):
        while True:
            if should_stop():
                return PruneResult(total, batches, complete=False)
            with write.begin() as session:
                done, rows = step(session)
            batches += 1
            total += done
            if progress is not None and done.total:
                progress(done)
            if rows < retention.batch:
                break  # this kind is done (or what is left is held by another process)
            if pause > 0:
                time.sleep(pause)
    return PruneResult(total, batches, complete=True)


@dataclass
class Pruner:
    """The daemon's pruning job (``retention.interval``)."""

    settings: RetentionSettings
    engine: Engine
    clock: Callable[[], datetime] = utcnow
    metrics: Metrics | None = None
    # set by the daemon at a stop: the running batch is the last (read from the worker thread)
    stopping: threading.Event = field(default_factory=threading.Event)
    pause: float = PAUSE

    def __post_init__(self) -> None:
        self._log = get_logger(component="pruner")

    async def tick(self) -> PruneResult | None:
        """One run; None when it failed (logged, counted; the next run tries again)."""
        now = self.clock()
        started = time.monotonic()
        done = PruneCounts()  # committed so far: what a failed run still did

        def progress(batch: PruneCounts) -> None:
            nonlocal done
            done += batch
            if self.metrics is not None:
                self.metrics.rows_pruned(batch.as_dict())

        try:
            result = await asyncio.to_thread(
                prune,
                self.engine,
                self.settings,
                now=now,
                should_stop=self.stopping.is_set,
                progress=progress,
                pause=self.pause,
            )
        except Exception as exc:
            fields = {**done.as_dict(), "seconds": round(time.monotonic() - started, 3)}
            reason = store_engine.database_failure(exc)
            if reason is None:  # not the database failing: a bug, with its traceback
                self._log.exception("retention_failed", **fields)
            else:
                self._log.error("retention_failed", error=f"database error: {reason}", **fields)
            if self.metrics is not None:
                self.metrics.prune_finished("failed")
            return None
        self._log.info(
            "retention_pruned",
            **result.counts.as_dict(),
            batches=result.batches,
            complete=result.complete,
            seconds=round(time.monotonic() - started, 3),
        )
        if self.metrics is not None:
            self.metrics.prune_finished("ok" if result.complete else "stopped", at=time.time())
        return result
