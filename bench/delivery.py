"""Delivery through the durable outbox, measured.

1. Throughput: N outbox messages (over S subscriptions) delivered by the real
   Deliverer — claim under lease, render, sign, POST over the SSRF-guarded
   client, record every attempt — to a local aiohttp receiver in another
   process; next to bare POSTs of the same bodies over the same client, in the
   same run.
2. End-to-end latency: items published into a local GlobeNewswire-style feed at
   random moments, the real daemon (``run_daemon``) polling it and delivering;
   the receiver stamps each webhook's arrival.  Median and p99 of (arrival -
   publication), with the poll interval stated.

Only 127.0.0.1 is contacted; every loop is bounded and stops by itself.

Logging runs at the daemon's default level (INFO), written to /dev/null, so
its cost is counted.  The process's garbage collector is tuned as ``ir-feed run``
tunes the daemon's (``ir_feed.runtime.tune_gc``), before both the bare POSTs and
the outbox run.  The outbox is a SQLite file unless ``--database`` names
a PostgreSQL URL (a scratch schema is made there and dropped afterwards).

Run: .venv/bin/python bench/delivery.py [--messages 5000] [--subscriptions 20]
                                         [--e2e-items 30] [--e2e-interval 10]
                                         [--database postgresql+psycopg://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import create_engine, insert, make_url, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.daemon import run_daemon
from ir_feed.delivery import build_request, generate_secret, make_client
from ir_feed.logs import configure
from ir_feed.runtime import tune_gc
from ir_feed.services.delivering import Deliverer, make_dispatcher
from ir_feed.settings import DeliverySettings, LoggingSettings, parse_settings
from ir_feed.store import outbox
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.subscriptions import to_delivery
from ir_feed.store.tables import DiffRow, EventRow, MessageRow, SubscriptionRow
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response

SECRET = generate_secret()


def _receiver(conn: Connection) -> None:
    """A fast receiver in its own process; on request it sends back arrival stamps."""
    from aiohttp import web

    arrivals: dict[str, float] = {}

    async def handler(request: web.Request) -> web.Response:
        await request.read()
        arrivals.setdefault(request.headers.get("webhook-id", ""), time.time())
        return web.Response(status=204)

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=2048)
        await site.start()
        conn.send(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        loop = asyncio.get_running_loop()
        while True:
            cmd = await loop.run_in_executor(None, conn.recv)
            if cmd == "arrivals":
                conn.send(dict(arrivals))
            else:
                break
        await runner.cleanup()

    asyncio.run(main())


@contextlib.contextmanager
def _outbox_database(url: str | None, tmp: str) -> Iterator[str]:
    """A SQLite file in ``tmp``, or a scratch schema in the PostgreSQL database at ``url``."""
    if not url:
        yield f"sqlite:///{tmp}/outbox.db"
        return
    schema = f"bench_delivery_{os.getpid()}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _fill_outbox(engine_url: str, url: str, n: int, subscriptions: int) -> None:
    engine = make_engine(engine_url)
    upgrade(engine)
    now = datetime.now(UTC)
    event = {
        "kind": "designation",
        "key": "nwbt|designation|fda|fast-track|nwb101|ipf",
        "announced": True,
        "agency": "FDA",
        "designation": "fast_track",
        "product": "NWB-101",
        "indication": "idiopathic pulmonary fibrosis (IPF)",
        "status": "granted",
        "evidence": "Northwind Biotherapeutics today announced that the U.S. Food and Drug Administration has "
        "granted Fast Track designation to NWB-101 for the treatment of idiopathic pulmonary fibrosis. " * 8,
        "issuer": {"company": "Northwind Biotherapeutics, Inc.", "tickers": ["NASDAQ:NWBT"]},
    }
    release = {
        "id": "globenewswire.com:5100101",
        "url": "https://example.test/r",
        "title": "Fast Track",
        "published_at": now.isoformat(),
        "tickers": ["NASDAQ:NWBT"],
    }
    with engine.begin() as conn:
        conn.execute(
            insert(SubscriptionRow),
            [
                {
                    "name": f"s{i}",
                    "url": f"{url}/s{i}",
                    "format": "webhook",
                    "secrets": [SECRET],
                    "filters": {},
                    "enabled": True,
                    "origin": "cli",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(subscriptions)
            ],
        )
        conn.execute(
            insert(EventRow),
            [
                {
                    "key": event["key"],
                    "kind": "designation",
                    "company": "Northwind",
                    "tickers": ["NASDAQ:NWBT"],
                    "product": "NWB-101",
                    "status": "granted",
                    "indications": [],
                    "announced": True,
                    "evidence": "e",
                    "retracted": False,
                    "occurred_at": now,
                    "extractor_version": "b",
                    "first_seen_at": now,
                    "updated_at": now,
                }
            ],
        )
        conn.execute(
            insert(DiffRow),
            [
                {
                    "public_id": f"dif_bench{i:020d}",
                    "type": "event.created",
                    "event_id": 1,
                    "event_key": event["key"],
                    "release_id": None,
                    "release_version": 1,
                    "changes": {},
                    "event": event,
                    "release": release,
                    "cause": "poll",
                    "extractor_version": "b",
                    "created_at": now,
                }
                for i in range(n)
            ],
        )
        conn.execute(
            insert(MessageRow),
            [
                {
                    "public_id": outbox.new_message_id(now),
                    "subscription_id": 1 + i % subscriptions,
                    "diff_id": i + 1,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(n)
            ],
        )
    if engine.dialect.name == "postgresql":
        # Statistics as autovacuum keeps them on a live database: a freshly made table has
        # none, and the planner, guessing a handful of waiting messages, sorts them all.
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    engine.dispose()


async def _through_outbox(engine_url: str, settings: DeliverySettings) -> tuple[float, int]:
    engine = make_engine(engine_url)
    dispatcher, client = make_dispatcher(settings, user_agent="ir-feed-bench")
    async with client:
        deliverer = Deliverer(settings, engine, dispatcher)
        t = time.perf_counter()
        result = await deliverer.deliver_due(max_rounds=100_000)
        elapsed = time.perf_counter() - t
    engine.dispose()
    return result.delivered / elapsed, result.delivered


def _signed_requests(engine_url: str, n: int) -> list[Any]:
    """The first ``n`` outbox messages as the signed requests the deliverer would send."""
    engine = make_engine(engine_url)
    with session_factory(engine)() as s:
        rows = list(
            s.execute(
                MessageRow.__table__.select().limit(n)  # type: ignore[attr-defined]
            ).mappings()
        )
        subs = {r.id: to_delivery(r) for r in s.query(SubscriptionRow)}
        diffs = {d.id: d for d in s.query(DiffRow)}
        requests = [
            build_request(
                outbox.diff_message(r["public_id"], diffs[r["diff_id"]]), subs[r["subscription_id"]], datetime.now(UTC)
            )
            for r in rows
        ]
    engine.dispose()
    return requests


async def _bare_posts(requests: list[Any], settings: DeliverySettings) -> float:
    """The same signed bodies, POSTed over the same client at the same concurrency, no outbox."""
    client = make_client(allow_private_networks=True, max_connections=settings.max_concurrency)
    sem = asyncio.Semaphore(settings.max_concurrency)
    async with client:

        async def one(req: object) -> None:
            async with sem:
                r = await client.post(req.url, content=req.body, headers=req.headers)  # type: ignore[attr-defined]
                assert r.status_code == 204

        await one(requests[0])
        t = time.perf_counter()
        await asyncio.gather(*(one(r) for r in requests))
        return len(requests) / (time.perf_counter() - t)


async def _bare_aiohttp(requests: list[Any], settings: DeliverySettings) -> float:
    """The baseline: a plain aiohttp session POSTing the same signed requests at the same
    concurrency (no SSRF guard, no outbox, no httpx)."""
    connector = aiohttp.TCPConnector(limit=settings.max_concurrency)
    sem = asyncio.Semaphore(settings.max_concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(req: Any) -> None:
            async with sem, session.post(req.url, data=req.body, headers=dict(req.headers)) as r:
                await r.read()
                assert r.status == 204

        await one(requests[0])
        t = time.perf_counter()
        await asyncio.gather(*(one(r) for r in requests))
        return len(requests) / (time.perf_counter() - t)


def _e2e(url: str, items: int, interval: float, conn: Connection) -> tuple[list[float], list[float]]:
    published: dict[str, float] = {}
    feed_items: list[Item] = []
    lock = threading.Lock()
    with LocalHTTPServer() as feed_server, tempfile.TemporaryDirectory() as tmp:

        def handler(_req: Request) -> Response:
            with lock:
                return Response(200, {"Content-Type": "application/rss+xml"}, Feed(list(feed_items)).render())

        feed_server.route("/feed.xml", handler)
        settings = parse_settings(
            {
                "database": {"url": f"sqlite:///{tmp}/e2e.db"},
                "http": {"per_host_interval": 0},
                "polling": {"tick": 0.1, "min_interval": 1},
                "logging": {"level": "ERROR"},
                "feeds": [
                    {
                        "name": "bench",
                        "url": feed_server.url("/feed.xml"),
                        "interval": interval,
                        "jitter": 0,
                        "full_text": False,
                    }
                ],
                "delivery": {
                    "tick": 0.05,
                    "allow_private_networks": True,
                    "subscriptions": [{"name": "hook", "url": f"{url}/e2e", "secret": SECRET}],
                },
            },
            base_dir=Path(tmp),
            env={},
        )
        stop = asyncio.Event()

        async def publisher() -> None:
            await asyncio.sleep(interval + 1)  # after the first (empty) poll
            rng = random.Random(3)
            for i in range(items):
                await asyncio.sleep(rng.uniform(0, 2 * interval * 30 / max(items, 1) / 10 + 0.2))
                rid = str(7_000_000 + i)
                item = Item(
                    rid,
                    f"Bench Bio {i} Receives FDA Fast Track Designation",
                    f"Bench Bio {i}, Inc. (Nasdaq: BB{i}) today announced that the U.S. Food and Drug "
                    f"Administration (FDA) has granted Fast Track designation to BB-{100 + i} for the "
                    "treatment of amyotrophic lateral sclerosis (ALS).",
                    tickers=(f"Nasdaq:BB{i}",),
                    issuer=f"Bench Bio {i}, Inc.",
                    slug=f"bench-{i}",
                )
                with lock:
                    feed_items.insert(0, item)
                    published[rid] = time.time()
            await asyncio.sleep(interval * 2 + 2)
            stop.set()

        async def main() -> None:
            await asyncio.gather(run_daemon(settings, stop=stop), publisher())

        asyncio.run(main())
        conn.send("arrivals")
        arrivals: dict[str, float] = conn.recv()
        engine = make_engine(settings.database_url)
        with session_factory(engine)() as s:
            sent = {
                m.public_id: (d.release["id"].split(":")[-1], d.created_at.timestamp())
                for m, d in s.query(MessageRow, DiffRow).join(DiffRow, DiffRow.id == MessageRow.diff_id)
            }
        engine.dispose()
    # (feed item published → webhook received, and the diff stored → webhook received)
    return (
        [arrivals[mid] - published[rid] for mid, (rid, _) in sent.items() if mid in arrivals and rid in published],
        [arrivals[mid] - stored for mid, (_, stored) in sent.items() if mid in arrivals],
    )


def _p99(sorted_values: list[float]) -> float:
    return sorted_values[min(len(sorted_values) - 1, round(0.99 * (len(sorted_values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=5000)
    ap.add_argument("--subscriptions", type=int, default=20)
    ap.add_argument("--e2e-items", type=int, default=30)
    ap.add_argument("--e2e-interval", type=float, default=10.0)
    ap.add_argument("--database", help="a PostgreSQL URL for the outbox (default: a SQLite file)")
    args = ap.parse_args()
    configure(LoggingSettings(level="INFO"), stream=open(os.devnull, "w"))  # noqa: SIM115 - for the whole run
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=_receiver, args=(child,), daemon=True)
    proc.start()
    port = parent.recv()
    url = f"http://127.0.0.1:{port}"
    try:
        settings = DeliverySettings(
            allow_private_networks=True, batch=500, max_concurrency=64, max_concurrency_per_subscription=8
        )
        with tempfile.TemporaryDirectory() as tmp, _outbox_database(args.database, tmp) as db:
            _fill_outbox(db, url, args.messages, args.subscriptions)
            requests = _signed_requests(db, min(args.messages, 2000))
            tune_gc()  # as `ir-feed run` does at start; the bare runs below have it too
            bare = asyncio.run(_bare_posts(requests, settings))
            plain = asyncio.run(_bare_aiohttp(requests, settings))
            rate, delivered = asyncio.run(_through_outbox(db, settings))
        print(
            f"{args.messages:,} messages over {args.subscriptions} subscriptions, ~2.6 KB signed bodies, "
            f"local aiohttp receiver in another process, {'PostgreSQL' if args.database else 'SQLite'} outbox"
        )
        print(f"  bare aiohttp POSTs of the same requests (concurrency {settings.max_concurrency}): {plain:,.0f}/s")
        print(f"  the same over our guarded client, no outbox:            {bare:,.0f}/s (ratio {bare / plain:.2f})")
        print(
            f"  through the outbox (claim, send, record):               {rate:,.0f}/s "
            f"(ratio {rate / plain:.2f} to bare aiohttp; {delivered:,} delivered)"
        )
        if args.e2e_items:
            latencies, fan_out = _e2e(url, args.e2e_items, args.e2e_interval, parent)
            latencies.sort()
            fan_out.sort()
            p99 = _p99(latencies)
            print(
                f"end-to-end, feed item → webhook arrival, poll interval {args.e2e_interval:g} s, "
                f"{len(latencies)}/{args.e2e_items} items: median {statistics.median(latencies):.2f} s, "
                f"p99 {p99:.2f} s, max {latencies[-1]:.2f} s (aim: p99 ≤ interval + 0.5 s)"
            )
            print(
                f"release stored → webhook arrival, {len(fan_out)} webhooks: median "
                f"{statistics.median(fan_out) * 1000:.0f} ms, p99 {_p99(fan_out) * 1000:.0f} ms, "
                f"max {fan_out[-1] * 1000:.0f} ms (aim: p99 ≤ 100 ms)"
            )
    finally:
        parent.send("stop")
        proc.join(timeout=5)
        if proc.is_alive():
            proc.terminate()


if __name__ == "__main__":
    main()
