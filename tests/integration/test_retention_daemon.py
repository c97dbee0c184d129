"""Retention in the daemon, on SQLite and PostgreSQL: the :class:`Pruner` logs one
line per run with its counts and feeds the metrics; a run the database refuses is
one ``retention_failed`` line, deletes nothing and leaves the next run to try again;
and in ``run_daemon`` pruning failing over and over never stops polling or
delivering.

The database refuses a run's deletes through a trigger on ``messages`` that fails
the way a database does (PostgreSQL: ``disk_full``; SQLite: a missing table) —
nothing the poller or the deliverer writes deletes a message."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import Engine, func, select, text

from ir_feed.daemon import run_daemon
from ir_feed.logs import configure
from ir_feed.metrics import Metrics
from ir_feed.services.pruning import Pruner
from ir_feed.settings import LoggingSettings, RetentionSettings, parse_settings
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.retention import PruneCounts
from ir_feed.store.tables import AttemptRow, MessageRow, ReleaseRow
from tests.integration.test_retention import DAY, T0, publish, settle, statuses, subscribe
from tests.support.daemon import until
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response

NOW = T0 + 100 * DAY


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def refuse_deletes(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
                    "END $$"
                )
            )
            conn.execute(
                text("CREATE TRIGGER refuse BEFORE DELETE ON messages FOR EACH ROW EXECUTE FUNCTION refuse_delete()")
            )
        else:
            conn.execute(
                text("CREATE TRIGGER refuse BEFORE DELETE ON messages BEGIN INSERT INTO no_room VALUES (1); END")
            )


def allow_deletes(engine: Engine) -> None:
    with engine.begin() as conn:
        postgresql = engine.dialect.name == "postgresql"
        conn.execute(text("DROP TRIGGER refuse ON messages" if postgresql else "DROP TRIGGER refuse"))


def count(engine: Engine, table: Any) -> int:
    with session_factory(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def json_log() -> io.StringIO:
    stream = io.StringIO()
    configure(LoggingSettings(level="INFO", format="json"), stream=stream)
    return stream


def lines(stream: io.StringIO, event: str | None = None) -> list[dict[str, Any]]:
    logged = [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]
    return [x for x in logged if event is None or x["event"] == event]


def value(m: Metrics, name: str, **labels: str) -> float | None:
    return m.registry.get_sample_value(name, labels)


def test_the_pruner_logs_each_run_counts_it_and_a_refused_run_changes_nothing(engine: Engine) -> None:
    subscribe(engine)
    ids = publish(engine, "1", "NWB-1", "NWB-2", "NWB-3")
    settle(engine, ids[:2], "delivered", T0, attempts=2)
    stream = json_log()  # (before the pruner binds its logger)
    metrics = Metrics()
    pruner = Pruner(RetentionSettings(batch=1), engine, clock=Clock(), metrics=metrics, pause=0)
    try:
        refuse_deletes(engine)
        assert asyncio.run(pruner.tick()) is None
        (failed,) = lines(stream)
        assert (failed["event"], failed["level"]) == ("retention_failed", "error")
        reason = "No space left on device" if engine.dialect.name == "postgresql" else "no such table: main.no_room"
        assert failed["error"].startswith("database error: ") and reason in failed["error"]
        assert "exception" not in failed and failed["delivered_messages"] == 0  # one line, nothing done
        assert count(engine, MessageRow) == 3 and count(engine, AttemptRow) == 4  # the batch rolled back whole
        assert value(metrics, "ir_feed_prune_runs_total", outcome="failed") == 1
        assert value(metrics, "ir_feed_prune_last_success_timestamp_seconds") == 0

        allow_deletes(engine)
        result = asyncio.run(pruner.tick())
        assert result is not None and result.counts == PruneCounts(delivered_messages=2, delivery_attempts=4)
        (pruned,) = lines(stream, "retention_pruned")
        assert (pruned["level"], pruned["delivered_messages"], pruned["delivery_attempts"]) == ("info", 2, 4)
        assert (pruned["dead_messages"], pruned["diffs"], pruned["version_texts"]) == (0, 0, 0)
        assert pruned["complete"] is True and pruned["batches"] >= 3  # one message a batch, then an empty one
        assert statuses(engine) == {ids[2]: "pending"}
        assert value(metrics, "ir_feed_pruned_rows_total", kind="delivered_messages") == 2
        assert value(metrics, "ir_feed_pruned_rows_total", kind="delivery_attempts") == 4
        assert value(metrics, "ir_feed_prune_runs_total", outcome="ok") == 1
        assert (value(metrics, "ir_feed_prune_last_success_timestamp_seconds") or 0) > 0

        pruner.stopping.set()  # a stop request: the run ends before its next batch
        stopped = asyncio.run(pruner.tick())
        assert stopped is not None and not stopped.complete and stopped.batches == 0
        assert value(metrics, "ir_feed_prune_runs_total", outcome="stopped") == 1
    finally:
        structlog.reset_defaults()


def test_a_failing_prune_never_stops_polling_or_delivering(db_url: str, http_server: LocalHTTPServer) -> None:
    engine = make_engine(db_url)  # the test's own connections
    upgrade(engine)
    subscribe(engine, "archive", http_server.url("/archive"))
    old = publish(engine, "1", "NWB-1", "NWB-2", "NWB-3")
    settle(engine, old, "delivered", T0)  # 100 days ago: to be pruned
    waiting = publish(engine, "2", "NWB-4", "NWB-5")  # due: the daemon delivers them
    refuse_deletes(engine)
    http_server.route("/archive", Response(204))
    item = Item("3300001", "Northwind to Present at a Conference", "Northwind will present on Monday.")
    http_server.route("/feed.xml", Response(200, {}, Feed([item]).render()))
    settings = parse_settings(
        {
            "database": {"url": db_url},
            "polling": {"tick": 0.1},
            "delivery": {"tick": 0.1, "allow_private_networks": True},
            "retention": {"interval": 1},
            "api": {"enabled": False},
            "feeds": [{"name": "f", "url": http_server.url("/feed.xml"), "interval": 3600, "full_text": False}],
        },
        base_dir=Path("."),
    )
    stream = json_log()

    async def scenario() -> None:
        stop = asyncio.Event()
        daemon = asyncio.create_task(run_daemon(settings, stop=stop, clock=Clock()))
        try:
            await until(lambda: len(lines(stream, "retention_failed")) >= 2, "pruning failed twice", timeout=30)
            # meanwhile the feed was polled and stored, and the waiting messages delivered
            await until(lambda: count(engine, ReleaseRow) == 3, "the feed's release stored", timeout=30)
            await until(
                lambda: all(statuses(engine)[i] == "delivered" for i in waiting),
                "the waiting messages delivered",
                timeout=30,
            )
            assert len(http_server.requests_to("/archive")) >= 2 and not daemon.done()
            assert len(statuses(engine)) >= 5  # nothing was deleted
            # the database takes deletes again: the next run prunes the old messages only
            await asyncio.to_thread(allow_deletes, engine)
            pruned = (await until(lambda: lines(stream, "retention_pruned"), "a run that pruned", timeout=30))[0]
            assert (pruned["delivered_messages"], pruned["complete"]) == (3, True)
            assert not set(old) & set(statuses(engine)) and set(waiting) <= set(statuses(engine))
        finally:
            stop.set()
            await asyncio.wait_for(daemon, timeout=30)

    try:
        asyncio.run(scenario())
    finally:
        structlog.reset_defaults()
        engine.dispose()
    assert [x["clean"] for x in lines(stream, "daemon_stopped")] == [True]
    assert lines(stream, "daemon_started")[0]["prune_every"] == 1.0
    assert not lines(stream, "tick_failed")
