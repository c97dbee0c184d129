"""API and web-page figures: ``GET /v1/events?ticker=...``, and the events page and an
issuer's timeline page people read, over a database of N events (default 1,000,000).

Loads the synthetic event store of ``bench/store_query.py`` (its ``populate``),
starts the real ``ir-feed serve`` in a subprocess on 127.0.0.1, and drives it
with aiohttp's client from this process (keep-alive connections; httpx's client, used
before 2026-12-07, cost about as much CPU per request as the server's work and
capped what was measured): requests per second, median and p99 latency, one request
at a time and with 2, 4 ... up to ``--concurrency`` in flight, and the server's CPU
time per request (all its threads, from /proc).  In the same run, the same rows (one
ticker's newest 50 events) are read with a bare SQLAlchemy ``SELECT`` on one
connection, for the cost of the database alone (its CPU: this process's); every
row's ``ratio`` is its requests per second over the bare SELECT's.  Every run is
bounded in requests and seconds.

``--source DIR`` runs the server from another source tree (a checkout of an earlier
build): a before/after comparison with the same client and database.

A ``--url`` database that already holds exactly ``--events`` events (a previous run's)
is used as it is, not loaded again; an empty one is loaded.  On PostgreSQL a schema of
its own keeps the bench apart: ``postgresql://.../test?options=-csearch_path%3Dbench_api``
(the schema must exist).

Run: .venv/bin/python bench/api.py [--events 1000000] [--requests 2000] [--concurrency 8]
     [--seconds 60] [--url sqlite:///path | postgresql://...] [--source DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import httpx
from sqlalchemy import Engine, func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.store_query import populate
from ir_feed.store.engine import make_engine, upgrade
from ir_feed.store.tables import EventRow, EventTickerRow

PAGE = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Figures = tuple[float, float, float, int, float | None]  # req/s, median s, p99 s, n, CPU s per request


def cpu_seconds(pid: int) -> float | None:
    """A process's user + system CPU time so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def stored_events(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(EventRow)).scalar_one())


def ladder(most: int) -> list[int]:
    """1, 2, 4 ... and ``most``: requests in flight."""
    steps, n = [], 1
    while n < most:
        steps.append(n)
        n *= 2
    return [*steps, most]


def bare_select(engine: Engine, symbols: list[str], n: int, seconds: float) -> Figures:
    """The same rows as the endpoint reads: one ticker's newest 50 events, every column."""
    stmt = (
        select(EventRow.__table__)
        .join(EventTickerRow, EventTickerRow.event_id == EventRow.id)
        .order_by(EventTickerRow.occurred_at.desc(), EventRow.id.desc())
        .limit(PAGE)
    )
    samples: list[float] = []
    deadline = time.perf_counter() + seconds
    start, cpu = time.perf_counter(), time.process_time()
    with engine.connect() as conn:
        for i in range(n):
            t = time.perf_counter()
            conn.execute(stmt.where(EventTickerRow.symbol == symbols[i % len(symbols)])).all()
            samples.append(time.perf_counter() - t)
            if time.perf_counter() > deadline:
                break
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    median, p99 = quantiles(samples)
    return len(samples) / elapsed, median, p99, len(samples), cpu / len(samples)


def api_request(symbol: str) -> tuple[str, dict[str, str | int]]:
    return "/v1/events", {"ticker": symbol, "limit": PAGE}


def events_page(symbol: str) -> tuple[str, dict[str, str | int]]:
    return "/", {"ticker": symbol}  # the web page: 50 rows, as HTML


def latest_page(symbol: str) -> tuple[str, dict[str, str | int]]:
    return "/", {}  # the web page with no filter: the newest 50 of every event


def timeline_page(symbol: str) -> tuple[str, dict[str, str | int]]:
    return f"/issuers/{symbol}", {}  # every event of one ticker, drawn as SVG


async def drive(
    base: str,
    symbols: list[str],
    n: int,
    concurrency: int,
    seconds: float,
    request: Callable[[str], tuple[str, dict[str, str | int]]] = api_request,
    server: int | None = None,
) -> Figures:
    """``n`` requests (at most ``seconds``) from ``concurrency`` workers on as many
    keep-alive connections; ``server``: the pid whose CPU time is counted."""
    samples: list[float] = []
    deadline = time.perf_counter() + seconds
    counter = iter(range(n))
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as client:

        async def worker() -> None:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                t = time.perf_counter()
                path, params = request(symbols[i % len(symbols)])
                async with client.get(path, params=params) as r:
                    body = await r.read()
                samples.append(time.perf_counter() - t)
                if r.status != 200:
                    raise SystemExit(f"unexpected answer {r.status}: {body[:200]!r}")

        cpu = cpu_seconds(server) if server else None
        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
        after = cpu_seconds(server) if server else None
    median, p99 = quantiles(samples)
    used = after - cpu if after is not None and cpu is not None else None
    return len(samples) / elapsed, median, p99, len(samples), used / len(samples) if used is not None else None


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"ir-feed serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("ir-feed serve did not become ready")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=2000, help="per measurement (bounded)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60.0, help="time bound per measurement")
    ap.add_argument("--url", help="database URL (default: a fresh SQLite file in a temp dir)")
    ap.add_argument("--source", type=Path, help="run the server from this source tree (default: this one)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        issuers = max(10, args.events // 200)  # ~200 events per ticker, as bench/store_query.py
        print(f"backend: {engine.dialect.name}; events: {args.events:,}; tickers: {issuers:,}")
        have = stored_events(engine)
        if have == args.events:
            print("load: none (the database holds them already)")
        elif have:
            raise SystemExit(f"the database holds {have:,} events, not {args.events:,}: give an empty one")
        else:
            t = time.perf_counter()
            populate(engine, args.events, issuers)
            print(f"load: {time.perf_counter() - t:.1f} s")
        symbols = [f"X{(i * 7919) % issuers}" for i in range(200)]

        port = free_port()
        config = Path(tmp) / "config.yaml"
        config.write_text(
            f"database: {{url: '{url}'}}\nlogging: {{level: WARNING}}\napi: {{port: {port}, max_page_size: {PAGE}}}\n"
        )
        log = (Path(tmp) / "serve.log").open("wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        source = (args.source or Path(__file__).resolve().parents[1]).resolve()
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
        proc = subprocess.Popen(
            [sys.executable, "-m", "ir_feed", "serve", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=source,
        )
        print(f"server: ir_feed from {source}")
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, proc)
            first = httpx.get(f"{base}/v1/events", params={"ticker": symbols[0], "limit": PAGE}).json()["data"]
            with engine.connect() as conn:
                bare_keys = [
                    k
                    for (k,) in conn.execute(
                        select(EventRow.key)
                        .join(EventTickerRow, EventTickerRow.event_id == EventRow.id)
                        .where(EventTickerRow.symbol == symbols[0])
                        .order_by(EventTickerRow.occurred_at.desc(), EventRow.id.desc())
                        .limit(PAGE)
                    )
                ]
            assert [e["key"] for e in first] == bare_keys, "the API and the bare SELECT disagree"
            print(f"rows per request: {len(first)} (same rows as the bare SELECT)")

            bare_rps = 0.0

            def run(label: str, fn: Callable[[], Figures]) -> float:
                fn_rps, median, p99, n, cpu = fn()
                ratio = fn_rps / bare_rps if bare_rps else 1.0
                used = f"{cpu * 1e6:>10,.0f}" if cpu is not None else f"{'-':>10}"
                print(f"{label:<44}{fn_rps:>10,.0f}{median * 1000:>12.2f}{p99 * 1000:>10.2f}{n:>8}{ratio:>8.2f}{used}")
                return fn_rps

            bare_select(engine, symbols, 200, args.seconds)  # warm the page cache
            asyncio.run(drive(base, symbols, 200, args.concurrency, args.seconds))
            print(f"\n{'':<44}{'req/s':>10}{'median ms':>12}{'p99 ms':>10}{'n':>8}{'ratio':>8}{'CPU µs':>10}")
            n, secs, pid = args.requests, args.seconds, proc.pid
            bare_rps = run("bare SELECT (SQLAlchemy Core, 1 connection)", lambda: bare_select(engine, symbols, n, secs))
            for clients in ladder(args.concurrency):
                label = "1 at a time" if clients == 1 else f"{clients} in flight"
                run(
                    f"GET /v1/events?ticker=... ({label})",
                    lambda c=clients: asyncio.run(drive(base, symbols, n, c, secs, server=pid)),  # type: ignore[misc]
                )
            for label, request in (
                ("GET /?ticker=... events page (1 at a time)", events_page),
                ("GET / newest events page (1 at a time)", latest_page),
                ("GET /issuers/... timeline page (1 at a time)", timeline_page),
            ):
                run(label, lambda r=request: asyncio.run(drive(base, symbols, n // 4, 1, secs, r, pid)))  # type: ignore[misc]
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
            engine.dispose()


if __name__ == "__main__":
    main()
