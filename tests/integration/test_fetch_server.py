"""ir_feed.fetch against real sockets: the local test server on 127.0.0.1 and
local files.  Timing-sensitive behaviour is checked by ordering and completion,
never by measuring wall-clock durations."""

from __future__ import annotations

import asyncio
import socket
import threading
import tracemalloc
import zlib
from pathlib import Path

import httpx
import pytest

from ir_feed.errors import (
    BadStatus,
    BlockedURL,
    FetchConnectError,
    FetchTimeout,
    ResponseTooLarge,
    RetryableStatus,
)
from ir_feed.fetch import Fetcher, URLPolicy
from ir_feed.settings import HttpSettings
from tests.support.httpserver import LocalHTTPServer, Request, Response

pytestmark = pytest.mark.anyio

FAST = HttpSettings(per_host_interval=0, connect_timeout=2, read_timeout=5, deadline=10)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'



def _policy(server: LocalHTTPServer) -> URLPolicy:
    return URLPolicy.for_feed(server.url())


async def test_conditional_get_round_trip(http_server: LocalHTTPServer) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, RSS)

    http_server.route("/feed.xml", feed)
    url = http_server.url("/feed.xml")
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.fetch(url, policy=_policy(http_server))
        second = await fetcher.fetch(url, policy=_policy(http_server), etag=first.etag)
    assert (first.status, first.body, first.etag) == (200, RSS, '"v1"')
    assert (second.status, second.body, second.etag) == (304, b"", '"v1"')
    sent = http_server.requests_to("/feed.xml")
    assert "if-none-match" not in sent[0].headers
    assert sent[1].headers["if-none-match"] == '"v1"'
    assert sent[1].headers["user-agent"] == FAST.user_agent


async def test_redirect_on_the_same_server_and_gzip(http_server: LocalHTTPServer) -> None:
    http_server.route("/old", Response(301, {"Location": "/new?x=1"}))
    http_server.route("/new", Response(200, {"Content-Type": "application/xml"}, RSS, gzip=True))
    async with Fetcher(FAST) as fetcher:
        got = await fetcher.fetch(http_server.url("/old"), policy=_policy(http_server))
    assert (got.url, got.body) == (http_server.url("/new?x=1"), RSS)
    assert "gzip" in http_server.requests_to("/new")[0].headers["accept-encoding"]


async def test_failures_then_success_with_retry_after(http_server: LocalHTTPServer) -> None:
    http_server.route("/feed", Response(503, {"Retry-After": "7"}), Response(200, body=RSS))
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(RetryableStatus) as info:
            await fetcher.fetch(http_server.url("/feed"), policy=_policy(http_server))
        assert (info.value.status, info.value.retry_after) == (503, 7.0)
        assert (await fetcher.fetch(http_server.url("/feed"), policy=_policy(http_server))).body == RSS


async def test_trickling_server_hits_the_deadline(http_server: LocalHTTPServer) -> None:
    # each byte arrives well within the read timeout; only the overall deadline stops it
    http_server.route("/slow", Response(200, body=b"x" * 200, chunk_size=1, chunk_delay=0.05))
    settings = HttpSettings(per_host_interval=0, read_timeout=5, deadline=0.5)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchTimeout, match="deadline"):
            await fetcher.fetch(http_server.url("/slow"), policy=_policy(http_server))


async def test_silent_server_hits_the_read_timeout(http_server: LocalHTTPServer) -> None:
    http_server.route("/silent", Response(200, body=RSS, delay=3))
    settings = HttpSettings(per_host_interval=0, read_timeout=0.2, deadline=10)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchTimeout, match="ReadTimeout"):
            await fetcher.fetch(http_server.url("/silent"), policy=_policy(http_server))


def _gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * (1 << 20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, packer.flush()])


async def test_gzip_bomb_is_refused_without_inflating_it(http_server: LocalHTTPServer) -> None:
    bomb = _gzip_of_zeros(50 << 20)  # 50 MB of zeros in ~50 KB
    assert len(bomb) < 100_000
    http_server.route("/bomb", Response(200, {"Content-Encoding": "gzip"}, bomb))
    cap = 1 << 20
    async with Fetcher(FAST) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge) as info:
                await fetcher.fetch(http_server.url("/bomb"), policy=_policy(http_server), max_bytes=cap)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert info.value.limit == cap
    assert peak < 8 * cap  # the cap plus working buffers, nowhere near 50 MB


async def test_redirect_to_a_disallowed_host_is_blocked(http_server: LocalHTTPServer) -> None:
    with LocalHTTPServer() as elsewhere:
        elsewhere.route("/steal", Response(200, body=b"secret"))
        target = f"http://localhost:{elsewhere.port}/steal"
        http_server.route("/feed", Response(302, {"Location": target}))
        async with Fetcher(FAST) as fetcher:
            with pytest.raises(BlockedURL, match="localhost"):
                await fetcher.fetch(http_server.url("/feed"), policy=_policy(http_server))
        assert elsewhere.requests == []


async def test_per_host_concurrency_cap_is_observed(http_server: LocalHTTPServer) -> None:
    http_server.route("/feed", Response(200, body=RSS, delay=0.1))
    settings = HttpSettings(per_host_interval=0, per_host_concurrency=2, max_concurrency=8)
    async with Fetcher(settings) as fetcher:
        results = await asyncio.gather(
            *(fetcher.fetch(http_server.url("/feed"), policy=_policy(http_server)) for _ in range(6))
        )
    assert [r.status for r in results] == [200] * 6
    assert len(http_server.requests) == 6
    assert http_server.max_in_flight == 2


async def test_a_hanging_host_does_not_delay_another(http_server: LocalHTTPServer) -> None:
    release = threading.Event()
    http_server.route("/feed", Response(200, body=b"slow", wait=release))
    # more requests to the hanging server than it gets slots, and fewer global slots
    # than requests to it: the queued ones must not hold global slots meanwhile
    settings = HttpSettings(per_host_interval=0, per_host_concurrency=2, max_concurrency=3)
    with LocalHTTPServer() as fast:
        fast.route("/feed", Response(200, body=b"fast"))
        async with Fetcher(settings) as fetcher:
            slow = [
                asyncio.create_task(fetcher.fetch(http_server.url("/feed"), policy=_policy(http_server)))
                for _ in range(4)
            ]
            try:
                await asyncio.to_thread(http_server.wait_for_requests, 2)
                async with asyncio.timeout(5):  # a guard against hanging, not a measurement
                    got = await fetcher.fetch(fast.url("/feed"), policy=_policy(fast))
                assert got.body == b"fast"
                assert not any(task.done() for task in slow)
                assert http_server.in_flight == 2
            finally:
                release.set()
            assert [r.body for r in await asyncio.gather(*slow)] == [b"slow"] * 4


async def test_refused_connection_is_a_connect_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchConnectError):
            await fetcher.fetch(url, policy=URLPolicy.for_feed(url))


async def test_truncated_body_is_a_connect_error(http_server: LocalHTTPServer) -> None:
    http_server.route("/cut", Response(200, {"Content-Length": "1000"}, b"short", close=True))
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchConnectError):
            await fetcher.fetch(http_server.url("/cut"), policy=_policy(http_server))


async def test_server_sees_a_404_as_bad_status(http_server: LocalHTTPServer) -> None:
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(BadStatus) as info:
            await fetcher.fetch(http_server.url("/nothing-here"), policy=_policy(http_server))
    assert info.value.status == 404


# -- file:// ------------------------------------------------------------------------------------


async def test_file_inside_the_root(tmp_path: Path) -> None:
    feed = tmp_path / "feeds" / "demo.xml"
    feed.parent.mkdir()
    feed.write_bytes(RSS)
    policy = URLPolicy.for_feed(feed.as_uri())
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.fetch(feed.as_uri(), policy=policy)
        again = await fetcher.fetch(feed.as_uri(), policy=policy, etag=first.etag)
        feed.write_bytes(RSS + b"<!-- changed -->")
        changed = await fetcher.fetch(feed.as_uri(), policy=policy, etag=first.etag)
    assert (first.status, first.body, first.content_type) == (200, RSS, "application/xml")
    assert first.etag is not None
    assert first.last_modified is not None
    assert (again.status, again.body) == (304, b"")
    assert (changed.status, changed.body) == (200, RSS + b"<!-- changed -->")
    assert changed.etag != first.etag


async def test_files_outside_the_root_or_missing_or_too_big(tmp_path: Path) -> None:
    root = tmp_path / "feeds"
    root.mkdir()
    (root / "demo.xml").write_bytes(RSS)
    (root / "big.xml").write_bytes(b"x" * 5000)
    (tmp_path / "secret.txt").write_text("do not read")
    (root / "escape.xml").symlink_to(tmp_path / "secret.txt")
    policy = URLPolicy.for_feed((root / "demo.xml").as_uri())
    async with Fetcher(FAST) as fetcher:
        for outside in [tmp_path / "secret.txt", root / "escape.xml", Path("/etc/hostname")]:
            with pytest.raises(BlockedURL):
                await fetcher.fetch(outside.as_uri(), policy=policy)
        with pytest.raises(BlockedURL):  # no file root at all
            await fetcher.fetch((root / "demo.xml").as_uri(), policy=URLPolicy(frozenset()))
        for missing in [root / "gone.xml", root]:
            with pytest.raises(BadStatus) as info:
                await fetcher.fetch(missing.as_uri(), policy=policy)
            assert info.value.status == 404
        with pytest.raises(ResponseTooLarge):
            await fetcher.fetch((root / "big.xml").as_uri(), policy=policy, max_bytes=4096)


# -- the test server itself (others build their integration tests on it) ---------------------


def test_server_records_methods_bodies_and_serves_sequences(http_server: LocalHTTPServer) -> None:
    calls: list[bytes] = []

    def hook(request: Request) -> Response:
        calls.append(request.body)
        return Response(204)

    http_server.route("/hook", hook, method="POST")
    http_server.route("/hook", Response(405), method="GET")
    http_server.route("/seq", Response(500), Response(200, body="ok", chunked=True))
    with httpx.Client() as client:
        assert client.post(http_server.url("/hook?x=1"), content=b'{"a":1}').status_code == 204
        chunked = client.post(http_server.url("/hook"), content=iter([b"ab", b"cd"]))
        assert chunked.status_code == 204
        assert client.get(http_server.url("/hook")).status_code == 405
        assert [client.get(http_server.url("/seq")).status_code for _ in range(3)] == [
            500,
            200,
            200,
        ]
        assert client.get(http_server.url("/seq")).text == "ok"
        head = client.head(http_server.url("/seq"))
        assert (head.status_code, head.content) == (200, b"")
    assert calls == [b'{"a":1}', b"abcd"]
    first = http_server.requests[0]
    assert (first.method, first.route, first.query) == ("POST", "/hook", "x=1")
    assert first.headers["content-length"] == "7"
    assert http_server.wait_for_requests(2, path="/hook", timeout=1)[1].body == b"abcd"
    with pytest.raises(TimeoutError):
        http_server.wait_for_requests(1, path="/never", timeout=0.05)


def test_server_reports_handler_failures_and_releases_on_stop() -> None:
    def broken(request: Request) -> Response:
        raise RuntimeError("boom")

    hold = threading.Event()  # never set: stop() must release the held response
    with LocalHTTPServer() as server:
        server.route("/broken", broken)
        server.route("/held", Response(200, wait=hold))
        with httpx.Client() as client:
            assert client.get(server.url("/broken")).status_code == 500
        assert [str(e) for e in server.errors] == ["boom"]
        result: list[BaseException] = []

        def call_held() -> None:
            try:
                with httpx.Client(timeout=5) as client:
                    client.get(server.url("/held"))
            except httpx.HTTPError as exc:
                result.append(exc)

        caller = threading.Thread(target=call_held)
        caller.start()
        server.wait_for_requests(1, path="/held")
    caller.join()
    assert len(result) == 1  # the held request was cut off by stop(), not left hanging
