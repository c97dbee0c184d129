"""Many feeds through one poller: a round of N unchanged feeds (every one answered 304 to
its conditional GET), against a bare aiohttp client sending the same N conditional GETs
to the same server, with the same number of requests in flight, in the same run.

    .venv/bin/python bench/scale.py [--feeds 2000] [--concurrency 8] [--rounds 3] [--url DB_URL] [--tick S]

The feed server is aiohttp in a child process (so it is not what limits either side).
ir_feed runs the daemon's own path — ``Poller.tick()`` claims, fetches, records — with
politeness spacing off (``http.per_host_interval: 0``) and ``http.max_concurrency`` and
``per_host_concurrency`` set to ``--concurrency``, as the bare client's connection limit.
A round starts with every feed due (``next_poll_at`` set to now) and ends when every feed
has been polled; the first round (full GETs, releases stored) is not counted.  Prints
polls/s for each round, the best of each side, and the ratio; the CPU time each side spends
per request (this process's, every thread: the server is another process); and this
process's resident memory once the feeds are stored and after each round (the bare rounds
run first, so their memory is in every figure; the growth is ir_feed's).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import func, or_, select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.fetch import Fetcher
from ir_feed.logs import configure
from ir_feed.services import Poller
from ir_feed.settings import LoggingSettings, parse_settings
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.tables import FeedRow
from tests.support.gnw import Feed, Item

ETAG = '"v1"'


def _serve(port: int, ready: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    body = Feed(
        [Item(str(7_000_000 + i), f"Example {i} news", "Example Corp. today announced news.") for i in range(5)]
    ).render()

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=body, headers={"ETag": ETAG, "Content-Type": "application/rss+xml"})

    app = web.Application()
    app.router.add_get("/f/{n}.xml", feed)

    async def main() -> None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def _rss_mb() -> float:
    """This process's resident memory now (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def bare_round(base: str, n: int, concurrency: int) -> tuple[float, float]:
    """(requests/s, CPU µs per request)."""
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int) -> None:
            async with session.get(f"{base}/f/{i}.xml", headers={"If-None-Match": ETAG}) as r:
                await r.read()
                assert r.status == 304

        queue = iter(range(n))

        async def worker() -> None:
            for i in queue:
                await one(i)

        t, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return n / (time.perf_counter() - t), (time.process_time() - cpu) / n * 1e6


def _left(engine: object, since: datetime) -> int:
    """Feeds not polled since the round began."""
    with session_factory(engine)() as s:  # type: ignore[arg-type]
        stmt = select(func.count()).select_from(FeedRow)
        return s.scalar(stmt.where(or_(FeedRow.last_polled_at.is_(None), FeedRow.last_polled_at < since))) or 0


def _all_due(engine: object) -> None:
    with session_factory(engine, write=True).begin() as s:  # type: ignore[arg-type]
        s.execute(update(FeedRow).values(next_poll_at=datetime.now(UTC), lease_until=None))


async def ir_feed_rounds(
    base: str, n: int, concurrency: int, rounds: int, url: str, tick: float
) -> list[tuple[float, float, float]]:
    """(polls/s, CPU µs per poll, resident MB after it) for each counted round, and the first
    round's row (the feeds' releases stored) first."""
    settings = parse_settings(
        {
            "database": {"url": url},
            "http": {"per_host_interval": 0, "max_concurrency": concurrency, "per_host_concurrency": concurrency},
            "feeds": [{"name": f"f{i}", "url": f"{base}/f/{i}.xml", "full_text": False, "jitter": 0} for i in range(n)],
        },
        base_dir=Path("."),
        env={},
    )
    engine = make_engine(url)
    upgrade(engine)
    rates: list[tuple[float, float, float]] = []
    async with Fetcher(settings.http) as fetcher:
        poller = Poller(settings, engine, fetcher)
        poller.sync_feeds()
        for _ in range(rounds + 1):
            await asyncio.to_thread(_all_due, engine)
            began = datetime.now(UTC)
            t, cpu = time.perf_counter(), time.process_time()
            # as the daemon's metronome does, every --tick seconds (polling.tick: 5 s by
            # default; the poller claims more by itself as polls end); the round ends when
            # every feed has been polled
            while True:
                await poller.tick()
                await asyncio.sleep(tick)
                if await asyncio.to_thread(_left, engine, began) == 0:
                    break
            await poller.drain(600)
            # (round 0 stored the feeds' releases: its memory is the daemon's with them)
            rates.append((n / (time.perf_counter() - t), (time.process_time() - cpu) / n * 1e6, _rss_mb()))
    engine.dispose()
    return rates


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--url", help="database URL (default: a fresh SQLite file)")
    ap.add_argument("--tick", type=float, default=0.05, help="seconds between ticks (the daemon's polling.tick: 5)")
    args = ap.parse_args()
    configure(LoggingSettings(level="WARNING"))
    port = _free_port()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(port, ready), daemon=True)
    server.start()
    ready.wait(30)
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = args.url or f"sqlite:///{Path(tmp) / 'scale.db'}"
            bare = [asyncio.run(bare_round(base, args.feeds, args.concurrency)) for _ in range(args.rounds)]
            ours = asyncio.run(ir_feed_rounds(base, args.feeds, args.concurrency, args.rounds, url, args.tick))
    finally:
        server.terminate()
    print(f"{args.feeds} feeds, all unchanged (304); {args.concurrency} requests in flight on both sides; "
          f"database {url.split(':')[0]}; a tick every {args.tick:g} s")  # fmt: skip
    first, counted = ours[0], ours[1:]
    rates, bare_rates = [x[0] for x in counted], [x[0] for x in bare]
    print(f"{'':<34}{'per round (polls/s)':>40}{'best':>10}")
    print(
        f"{'bare aiohttp conditional GETs':<34}{'  '.join(f'{x:8.0f}' for x in bare_rates):>40}{max(bare_rates):>10.0f}"
    )
    print(f"{'ir_feed Poller.tick rounds':<34}{'  '.join(f'{x:8.0f}' for x in rates):>40}{max(rates):>10.0f}")
    best = max(rates)
    print(
        f"ratio ir_feed / bare: {best / max(bare_rates):.2f}; a round of {args.feeds} feeds: {args.feeds / best:.2f} s"
    )
    ours_cpu, bare_cpu = min(x[1] for x in counted), min(x[1] for x in bare)
    print(
        f"CPU per request (best round): ir_feed {ours_cpu:.0f} µs, bare {bare_cpu:.0f} µs ({ours_cpu / bare_cpu:.1f}x)"
    )
    print(f"resident memory: {first[2]:.0f} MB once the first round stored the feeds' releases; after each "
          f"unchanged round {', '.join(f'{x[2]:.0f}' for x in counted)} MB")  # fmt: skip


if __name__ == "__main__":
    main()
