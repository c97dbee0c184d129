"""Delivery HTTP client benchmark: POSTs/s of ~2 KB JSON bodies to a local receiver.

Runs every option in the same run against the same receiver (an aiohttp server
in a separate process on 127.0.0.1, answering 200 to every POST) and prints
requests per second for each, at each concurrency::

    .venv/bin/python bench/delivery_client.py [--requests 2000] [--concurrency 10 50]

Options measured:

* ``httpx default``       httpx.AsyncClient with its own transport (httpcore)
* ``httpx sync threads``  httpx.Client shared by a thread pool of <concurrency> threads
* ``httpx-aiohttp``       httpx.AsyncClient over the httpx-aiohttp package's transport (if installed)
* ``httpx guarded``       httpx.AsyncClient over ir_feed's GuardedTransport (aiohttp + SSRF check)
* ``dispatcher``          the whole delivery path: DiffMessage → render → sign → Dispatcher.deliver
                          over the guarded transport (200 subscriptions, so per-subscription
                          limits do not bind), verified 2xx
* ``aiohttp alone``       aiohttp.ClientSession, the ceiling

Only 127.0.0.1 is contacted; the loop is bounded by --requests and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
import httpx

from ir_feed.delivery import DiffMessage, Dispatcher, Subscription, generate_secret, make_client
from ir_feed.delivery.transport import GuardedTransport
from tests.unit.delivery.builders import DESIGNATION, make_message

BODY = b'{"type":"event.created","data":{"evidence":"' + b"x" * 2000 + b'"}}'


def _serve(port_out: multiprocessing.connection.Connection) -> None:
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="ok")

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        server = site._server
        assert server is not None
        port_out.send(server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


async def _run_async(n: int, concurrency: int, one: Callable[[int], Awaitable[None]]) -> float:
    queue = iter(range(n))

    async def worker() -> None:
        for i in queue:
            await one(i)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return n / (time.perf_counter() - start)


async def _httpx(url: str, n: int, c: int, transport: httpx.AsyncBaseTransport | None) -> float:
    limits = httpx.Limits(max_connections=c, max_keepalive_connections=c)
    async with httpx.AsyncClient(transport=transport, limits=limits) as client:

        async def one(i: int) -> None:
            r = await client.post(url, content=BODY, headers={"content-type": "application/json"})
            await r.aread()
            assert r.status_code == 200

        await one(-1)  # warm the pool
        return await _run_async(n, c, one)


def _sync_threads(url: str, n: int, c: int) -> float:
    limits = httpx.Limits(max_connections=c, max_keepalive_connections=c)
    with httpx.Client(limits=limits) as client, ThreadPoolExecutor(c) as pool:

        def one(i: int) -> None:
            r = client.post(url, content=BODY, headers={"content-type": "application/json"})
            assert r.status_code == 200

        one(-1)
        start = time.perf_counter()
        list(pool.map(one, range(n)))
        return n / (time.perf_counter() - start)


async def _aiohttp(url: str, n: int, c: int) -> float:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=c)) as session:

        async def one(i: int) -> None:
            async with session.post(url, data=BODY, headers={"content-type": "application/json"}) as r:
                await r.read()
                assert r.status == 200

        await one(-1)
        return await _run_async(n, c, one)


def _message(i: int) -> DiffMessage:
    """The tests' designation message with a ~1.5 KB evidence sentence (a realistic body)."""
    return make_message(DESIGNATION | {"evidence": DESIGNATION["evidence"] * 16}, n=i)


async def _dispatcher(url: str, n: int, c: int) -> float:
    subs = [Subscription(id=f"sub_{k}", url=f"{url}?s={k}", secrets=(generate_secret(),)) for k in range(200)]
    messages = [_message(i) for i in range(n)]
    async with make_client(allow_private_networks=True, max_connections=c) as client:
        dispatcher = Dispatcher(client, max_concurrency_per_subscription=4)

        async def one(i: int) -> None:
            attempt = await dispatcher.deliver(messages[i], subs[i % len(subs)])
            assert attempt.ok, attempt

        await dispatcher.deliver(_message(n), subs[0])
        return await _run_async(n, c, one)


Runner = Callable[[], Awaitable[float]]


async def _bench(url: str, n: int, concurrencies: list[int], rounds: int) -> None:
    try:
        from httpx_aiohttp import AiohttpTransport  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # optional: only for the comparison
        AiohttpTransport = None

    def options(c: int) -> list[tuple[str, Runner]]:
        out: list[tuple[str, Runner]] = [
            ("httpx default", lambda: _httpx(url, n, c, None)),
            ("httpx sync threads", lambda: asyncio.to_thread(_sync_threads, url, n, c)),
        ]
        if AiohttpTransport is not None:
            limits = httpx.Limits(max_connections=c)
            out.append(("httpx-aiohttp", lambda: _httpx(url, n, c, AiohttpTransport(limits=limits))))
        out += [
            ("httpx guarded (ours)", lambda: _httpx(url, n, c, GuardedTransport(allow_private_networks=True))),
            ("dispatcher, signed (ours)", lambda: _dispatcher(url, n, c)),
            ("aiohttp alone", lambda: _aiohttp(url, n, c)),
        ]
        return out

    best: dict[tuple[str, int], tuple[float, float]] = {}
    for _ in range(rounds):  # interleaved rounds: a burst of load elsewhere hits every option alike
        for c in concurrencies:
            for name, run in options(c):
                cpu = time.process_time()
                rate = await run()
                cpu_us = (time.process_time() - cpu) / (n + 1) * 1e6
                old = best.get((name, c))
                best[(name, c)] = (max(rate, old[0]), min(cpu_us, old[1])) if old else (rate, cpu_us)
    print(f"{n} POSTs of {len(BODY)} bytes each to a local aiohttp receiver (separate process); best of {rounds}")
    print(f"{'option':28} {'concurrency':>11} {'req/s':>8} {'client CPU us/req':>18}")
    for (name, c), (rate, cpu_us) in best.items():
        print(f"{name:28} {c:>11} {rate:>8.0f} {cpu_us:>18.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(child,), daemon=True)
    server.start()
    try:
        port = parent.recv()
        asyncio.run(_bench(f"http://127.0.0.1:{port}/hook", args.requests, args.concurrency, args.rounds))
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
