"""``ir-feed run``: the long-lived process.

Opens the database (bringing an embedded SQLite file to the schema head by
itself), makes the feeds and config subscriptions match the config, and lets
the metronome tick — polling feeds, delivering the outbox and, every
``retention.interval``, pruning what the retention settings say is old — until
SIGINT or SIGTERM.  A stop request lets running polls and deliveries finish (each is
bounded by its deadline) and starts nothing new.

With ``api.enabled`` (the default) the HTTP API is served in the same event
loop, beside the metronome; it is started before the first tick (a port that
cannot be bound stops the daemon before it polls) and stopped after the last.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

import httpx
from sqlalchemy import Engine

from ir_feed.api import ApiServer, Health, create_app
from ir_feed.delivery import Dispatcher
from ir_feed.fetch import Fetcher
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.scheduler import Metronome
from ir_feed.services import Poller, utcnow
from ir_feed.services.delivering import Deliverer, make_dispatcher, sync_subscriptions
from ir_feed.services.membership import Membership
from ir_feed.services.pruning import Pruner
from ir_feed.settings import Settings
from ir_feed.signals import stop_on_signals
from ir_feed.store.engine import daemon_lock, database_failure, prepare
from ir_feed.store.notify import OutboxListener

STOP_GRACE = 5.0  # seconds running polls, then deliveries, get to finish at a stop


async def run_daemon(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    engine: Engine | None = None,
    on_api_started: Callable[[ApiServer], None] | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> None:
    """Run until ``stop`` is set (or a signal).  ``on_api_started`` is told the
    listening server (its ``port`` when ``api.port`` is 0).  ``clock`` is the time the
    poller and the deliverer see (tests drive it; the metronome ticks in real time)."""
    metrics = Metrics()
    stop = stop or asyncio.Event()
    owned = engine is None
    db: Engine = engine if engine is not None else await asyncio.to_thread(prepare, settings)
    dispatcher, client = make_dispatcher(settings.delivery, user_agent=settings.http.user_agent)
    try:
        with daemon_lock(db), stop_on_signals(stop):
            await _run(settings, db, stop, metrics, dispatcher, client, on_api_started, clock)
    finally:
        if owned:
            db.dispose()


async def _run(
    settings: Settings,
    db: Engine,
    stop: asyncio.Event,
    metrics: Metrics,
    dispatcher: Dispatcher,
    client: httpx.AsyncClient,
    on_api_started: Callable[[ApiServer], None] | None,
    clock: Callable[[], datetime],
) -> None:
    log = get_logger(component="daemon")
    async with Fetcher(settings.http) as fetcher, client:
        deliverer = Deliverer(settings.delivery, db, dispatcher, clock=clock, metrics=metrics)
        # a poll that stored diffs wakes the deliverer: its webhooks go at once
        poller = Poller(settings, db, fetcher, clock=clock, metrics=metrics, on_diffs=deliverer.wake)
        await asyncio.to_thread(poller.sync_feeds)
        await sync_subscriptions(settings.delivery, db, now=clock())
        listener: OutboxListener | None = None
        membership: Membership | None = None
        if db.dialect.name == "postgresql":
            # the daemons on this database share each feed host's request budget
            membership = Membership(db, fetcher, heartbeat=settings.polling.heartbeat, clock=clock, metrics=metrics)
            await membership.tick()
            # messages queued by any daemon, or by `serve` / the CLI (a replay, a retry),
            # wake this one's deliverer at once: NOTIFY at their commit
            loop = asyncio.get_running_loop()

            def wake() -> None:
                loop.call_soon_threadsafe(deliverer.wake)

            listener = OutboxListener(db, wake)
            listener.start()
        metronome = Metronome()
        metronome.every(settings.polling.tick, "poll", poller.tick)
        metronome.every(settings.delivery.tick, "deliver", deliverer.tick)
        if membership is not None:
            metronome.every(settings.polling.heartbeat, "heartbeat", membership.tick)
        pruner = Pruner(settings.retention, db, clock=clock, metrics=metrics)
        if settings.retention.prunes_anything:  # (its own job: a long run holds up no poll or delivery)
            metronome.every(settings.retention.interval, "prune", pruner.tick)
        api: ApiServer | None = None
        try:
            if settings.api.enabled:
                health = Health(scheduler_running=lambda: metronome.running and not stop.is_set())
                app = create_app(settings, db, health=health, metrics=metrics)
                api = ApiServer(app, host=settings.api.host, port=settings.api.port)
                await api.start()
                if on_api_started is not None:
                    on_api_started(api)
            metronome.start()
            log.info(
                "daemon_started",
                feeds=len(settings.feeds),
                subscriptions=len(settings.delivery.subscriptions),
                tick=settings.polling.tick,
                prune_every=settings.retention.interval if settings.retention.prunes_anything else None,
                api=api.url if api is not None else None,
            )
            await stop.wait()
        finally:
            log.info("daemon_stopping")
            if listener is not None:
                await asyncio.to_thread(listener.stop)
            if membership is not None:
                await membership.leave()  # the others take back the whole host budget
            poller.stopping.set()
            deliverer.stopping.set()
            pruner.stopping.set()  # a pruning run ends after its current batch
            grace = max(settings.http.deadline, settings.delivery.timeout) + 5
            finished = await metronome.stop(timeout=grace)
            # polls get a few seconds to finish; those still fetching are stopped and
            # their feeds given back (a process manager's grace is often 10 to 30 s)
            polled = await poller.drain(timeout=min(grace, STOP_GRACE))
            if not polled:
                given_back = await poller.abandon()
                log.warning("polls_abandoned", feeds=given_back)
            finished = polled and finished
            drained = await deliverer.drain(timeout=min(grace, STOP_GRACE))
            if not drained:  # held messages (a dead endpoint probed one at a time): due again at once
                try:
                    released = await deliverer.release()
                    log.warning("delivery_leases_released", messages=released)
                except Exception as exc:  # the database is gone: the leases simply expire
                    reason = database_failure(exc)
                    if reason is None:
                        log.exception("delivery_leases_unreleased")
                    else:
                        log.error("delivery_leases_unreleased", error=f"database error: {reason}")
            finished = drained and finished
            if api is not None:
                await api.stop()
            log.info("daemon_stopped", clean=finished)
