"""``ir-feed run``: the long-lived process.

Opens the database (bringing an embedded SQLite file to the schema head by
itself), makes the feeds and config subscriptions match the config, and lets
the metronome tick — polling feeds and delivering the outbox — until SIGINT
or SIGTERM.  A stop request lets running polls and deliveries finish (each is
bounded by its deadline) and starts nothing new.
"""

from __future__ import annotations

import asyncio
import signal

from sqlalchemy import Engine

from ir_feed.fetch import Fetcher
from ir_feed.logs import get_logger
from ir_feed.scheduler import Metronome
from ir_feed.services import Poller, utcnow
from ir_feed.services.delivering import Deliverer, make_dispatcher, sync_subscriptions
from ir_feed.settings import Settings
from ir_feed.store.engine import prepare


async def run_daemon(settings: Settings, *, stop: asyncio.Event | None = None, engine: Engine | None = None) -> None:
    log = get_logger(component="daemon")
    stop = stop or asyncio.Event()
    owned = engine is None
    db: Engine = engine if engine is not None else await asyncio.to_thread(prepare, settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread / platform
            pass
    dispatcher, client = make_dispatcher(settings.delivery, user_agent=settings.http.user_agent)
    try:
        async with Fetcher(settings.http) as fetcher, client:
            poller = Poller(settings, db, fetcher)
            await asyncio.to_thread(poller.sync_feeds)
            await sync_subscriptions(settings.delivery, db, now=utcnow())
            deliverer = Deliverer(settings.delivery, db, dispatcher)
            metronome = Metronome()
            metronome.every(settings.polling.tick, "poll", poller.poll_due)
            metronome.every(settings.delivery.tick, "deliver", deliverer.deliver_due)
            metronome.start()
            log.info(
                "daemon_started",
                feeds=len(settings.feeds),
                subscriptions=len(settings.delivery.subscriptions),
                tick=settings.polling.tick,
            )
            try:
                await stop.wait()
            finally:
                log.info("daemon_stopping")
                poller.stopping.set()
                deliverer.stopping.set()
                finished = await metronome.stop(timeout=max(settings.http.deadline, settings.delivery.timeout) + 5)
                log.info("daemon_stopped", clean=finished)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        if owned:
            db.dispose()
