"""The metronome: APScheduler 3 ticks, the database decides what is due.

One interval job asks the poller for due feeds every ``polling.tick``
seconds.  Nothing of the business state lives in APScheduler (its job store
is in memory): a restart resumes from ``feeds.next_poll_at``.  A tick that is
still running when the next is due makes the next a no-op: never run twice at once,
and no warning for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from ir_feed.logs import get_logger


class Metronome:
    """Runs named async jobs on fixed intervals; ``stop`` waits for running ones."""

    def __init__(self) -> None:
        self._log = get_logger(component="scheduler")
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._running: set[asyncio.Task[object]] = set()
        self._busy: set[str] = set()  # jobs with a tick under way

    def every(self, seconds: float, name: str, job: Callable[[], Awaitable[object]]) -> None:
        async def tick() -> None:
            if name in self._busy:
                return  # the last tick is still running: this one is skipped, as designed, without a word
            self._busy.add(name)
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                await job()
            except Exception as exc:  # a tick that fails (the database locked or down) is told, and the next runs
                self._log.error("tick_failed", job=name, error=f"{type(exc).__name__}: {_first_line(exc)}")
            except asyncio.CancelledError:
                # a stop that ran out of time cut this tick short (what it started gives its
                # claims back): one line, not the scheduler's traceback
                self._log.warning("tick_cancelled", job=name)
            finally:
                self._busy.discard(name)
                if task is not None:
                    self._running.discard(task)

        self._scheduler.add_job(
            tick,
            IntervalTrigger(seconds=seconds, timezone=UTC),
            id=name,
            name=name,
            next_run_time=datetime.now(UTC),  # first tick at once
            # (a second instance may start while one runs: tick() skips it; at one, APScheduler
            # itself would skip it with a warning on every tick of a long poll or delivery)
            max_instances=2,
            coalesce=True,
            misfire_grace_time=None,
        )

    def start(self) -> None:
        self._scheduler.start()

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    async def stop(self, *, timeout: float) -> bool:
        """Stop ticking and wait up to ``timeout`` s for running jobs; True if all finished.

        The scheduler is paused first and shut down only after the wait: its shutdown
        cancels the jobs still running, and a tick cut in the middle of a claim would
        have nothing to show for it."""
        if self._scheduler.running:
            self._scheduler.pause()
        pending = set(self._running)
        finished = True
        if pending:
            _done, still = await asyncio.wait(pending, timeout=timeout)
            finished = not still
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        return finished


def _first_line(exc: BaseException) -> str:
    """An error's first line, cut: a driver's message may run to a whole SQL statement."""
    return (str(exc).splitlines() or [""])[0][:300]
