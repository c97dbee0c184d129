"""Polls per second through the whole poll service, against a bare GET of the
same feed in the same run (a real local HTTP server, a real SQLite file).

Two cases, as the backbone issue asks:
  * 304: the feed is unchanged and the server answers 304 to the conditional GET;
  * 100 items, 1 new: each poll the feed drops its oldest item and gains a new one
    (full_text off, so the figure is parse + store, not page fetching).

Run: .venv/bin/python bench/poll.py [--polls N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.fetch import Fetcher
from ir_feed.logs import configure
from ir_feed.services import Poller
from ir_feed.settings import LoggingSettings, parse_settings
from ir_feed.store.engine import make_engine, upgrade
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response

PARA = (
    "BOSTON, Mass., Jan. 5, 2026 (GLOBE NEWSWIRE) -- Example Bio, Inc. (Nasdaq: EXB) today announced that "
    "the U.S. Food and Drug Administration granted Fast Track designation to EXB-{n}. "
)


def item(n: int) -> Item:
    return Item(str(9_000_000 + n), f"Example Bio {n} Receives Fast Track", PARA.format(n=n) * 10, slug=f"ex-{n}")


async def bare_gets(url: str, n: int, headers: dict[str, str]) -> float:
    async with httpx.AsyncClient() as client:
        t = time.perf_counter()
        for _ in range(n):
            r = await client.get(url, headers=headers)
            r.read()
        return n / (time.perf_counter() - t)


async def service_polls(srv: LocalHTTPServer, path: str, n: int, db: Path) -> float:
    settings = parse_settings(
        {
            "database": {"url": f"sqlite:///{db}"},
            "http": {"per_host_interval": 0},
            "feeds": [{"name": "bench", "url": srv.url(path), "full_text": False}],
        },
        base_dir=db.parent,
        env={},
    )
    engine = make_engine(settings.database_url)
    upgrade(engine)
    async with Fetcher(settings.http) as fetcher:
        poller = Poller(settings, engine, fetcher)
        poller.sync_feeds()
        await poller.poll_due(["bench"])  # warm-up: stores the first document
        t = time.perf_counter()
        for _ in range(n):
            (result,) = await poller.poll_due(["bench"])
            assert result.outcome in {"ok", "not_modified"}, result
        rate = n / (time.perf_counter() - t)
    engine.dispose()
    return rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polls", type=int, default=200)
    n = ap.parse_args().polls
    configure(LoggingSettings(level="WARNING"))
    with LocalHTTPServer() as srv, tempfile.TemporaryDirectory() as tmp:
        # 304 case
        body = Feed([item(i) for i in range(100)]).render()

        def conditional(req: Request) -> Response:
            if req.headers.get("if-none-match") == '"v1"':
                return Response(304, {"ETag": '"v1"'})
            return Response(200, {"ETag": '"v1"'}, body)

        srv.route("/304.xml", conditional)
        bare_304 = asyncio.run(bare_gets(srv.url("/304.xml"), n, {"If-None-Match": '"v1"'}))
        svc_304 = asyncio.run(service_polls(srv, "/304.xml", n, Path(tmp) / "a.db"))

        # 100 items, one new per request
        counter = {"k": 0}

        def rolling(_req: Request) -> Response:
            k = counter["k"]
            counter["k"] += 1
            return Response(200, {}, Feed([item(i) for i in range(k, k + 100)]).render())

        srv.route("/roll.xml", rolling)
        bare_roll = asyncio.run(bare_gets(srv.url("/roll.xml"), n, {}))
        counter["k"] = 0
        svc_roll = asyncio.run(service_polls(srv, "/roll.xml", n, Path(tmp) / "b.db"))

    print(f"feed: 100 items, {len(body) / 1024:.0f} KiB; {n} polls per case; SQLite file; local HTTP server")
    print(f"{'case':<22}{'bare GET/s':>12}{'polls/s':>12}{'ratio':>9}")
    print(f"{'304 not modified':<22}{bare_304:>12.1f}{svc_304:>12.1f}{svc_304 / bare_304:>9.2f}")
    print(f"{'100 items, 1 new':<22}{bare_roll:>12.1f}{svc_roll:>12.1f}{svc_roll / bare_roll:>9.2f}")


if __name__ == "__main__":
    main()
