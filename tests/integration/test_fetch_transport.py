"""ir_feed.fetch.transport.FeedTransport (the Fetcher's network transport) against real
sockets on 127.0.0.1: what goes on the wire, connection reuse and its bound, cookies,
TLS, the environment's proxy, and the URL policy in front of it.  Timeouts, the deadline,
caps and truncated bodies through it are in test_fetch_server.py."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from ir_feed.errors import BadStatus, BlockedURL, FetchConnectError
from ir_feed.fetch import Fetcher, URLPolicy
from ir_feed.fetch.transport import FeedTransport
from ir_feed.settings import HttpSettings
from tests.support.httpserver import LocalHTTPServer, Request, Response

pytestmark = pytest.mark.anyio

FAST = HttpSettings(per_host_interval=0, connect_timeout=2, read_timeout=5, deadline=10)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
NOT_MODIFIED = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'



class _Server:
    """An asyncio HTTP/1.1 server answering every request with ``answer`` (keep-alive),
    counting the connections it accepted."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.connections = 0
        self.requests = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")
                self.requests += 1
                writer.write(self.answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def _serving(answer: bytes, tls: ssl.SSLContext | None = None) -> AsyncIterator[tuple[_Server, str]]:
    server = _Server(answer)
    listening = await asyncio.start_server(server.handle, "127.0.0.1", 0, ssl=tls)
    port = listening.sockets[0].getsockname()[1]
    try:
        yield server, f"{'https' if tls else 'http'}://127.0.0.1:{port}/feed.xml"
    finally:
        listening.close()
        await listening.wait_closed()


async def test_headers_go_on_the_wire_once_each(http_server: LocalHTTPServer) -> None:
    http_server.route("/feed.xml", Response(304, {"ETag": '"v1"'}))
    url = http_server.url("/feed.xml")
    async with Fetcher(FAST) as fetcher:
        got = await fetcher.fetch(url, policy=URLPolicy.for_feed(url), etag='"v1"', last_modified="Wed, 09 Sep 2026")
    assert (got.status, got.etag) == (304, '"v1"')
    (request,) = http_server.requests
    names = [name.lower() for name, _ in request.raw_headers]
    for name in ("host", "connection", "user-agent", "accept", "accept-encoding", "if-none-match", "if-modified-since"):
        assert names.count(name) == 1, name
    assert request.headers["host"] == f"127.0.0.1:{http_server.port}"
    assert request.headers["user-agent"] == FAST.user_agent
    assert request.headers["accept"].startswith("application/rss+xml")
    assert request.headers["accept-encoding"] == "gzip, deflate"
    assert names.count("connection") == 1 and request.headers["connection"] == "keep-alive"
    assert "cookie" not in request.headers


async def test_304s_reuse_one_connection() -> None:
    async with _serving(NOT_MODIFIED) as (server, url), Fetcher(FAST) as fetcher:
        for _ in range(5):
            got = await fetcher.fetch(url, policy=URLPolicy.for_feed(url), etag='"v1"')
            assert got.status == 304
    assert (server.requests, server.connections) == (5, 1)


async def test_an_unread_body_costs_its_connection_only() -> None:
    # a 404's body is not read: its connection is closed (not reused with the rest of the
    # body still coming), and the next fetch opens another
    answer = b"HTTP/1.1 404 Not Found\r\nContent-Length: 1000000\r\n\r\n" + b"x" * 1_000_000
    async with _serving(answer) as (server, url), Fetcher(FAST) as fetcher:
        for _ in range(2):
            with pytest.raises(BadStatus) as info:
                await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
            assert info.value.status == 404
    assert (server.requests, server.connections) == (2, 2)


async def test_idle_connections_are_kept_for_at_most_max_keepalive_servers() -> None:
    with LocalHTTPServer() as a, LocalHTTPServer() as b:
        for server in (a, b):
            server.route("/feed.xml", Response(200, body=RSS))
        async with httpx.AsyncClient(transport=FeedTransport(max_keepalive=1)) as client:
            for url in (a.url("/feed.xml"), b.url("/feed.xml"), a.url("/feed.xml")):
                assert (await client.get(url)).content == RSS
    # a holds the one idle connection allowed: b's is closed after its response; a's is reused
    assert [r.headers["connection"] for r in a.requests] == ["keep-alive", "keep-alive"]
    (closing,) = b.requests
    assert closing.raw_headers.count(("Connection", "close")) == 1 and closing.headers["connection"] == "close"


async def test_cookies_are_kept_and_sent_back(http_server: LocalHTTPServer) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, [("ETag", '"v1"'), ("Set-Cookie", "session=abc; Path=/")], RSS)

    http_server.route("/feed.xml", feed)
    url = http_server.url("/feed.xml")
    async with Fetcher(FAST) as fetcher:
        await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
        for _ in range(2):  # a 304 without Set-Cookie keeps the jar as it is
            await fetcher.fetch(url, policy=URLPolicy.for_feed(url), etag='"v1"')
    assert [r.headers.get("cookie") for r in http_server.requests] == [None, "session=abc", "session=abc"]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.0.0.1/feed.xml",  # private network
        "http://[::1]:{port}/feed.xml",  # the same server under another name
        "http://127.0.0.1:{other}/feed.xml",  # the same host, another port
    ],
)
async def test_private_and_other_addresses_stay_refused(http_server: LocalHTTPServer, target: str) -> None:
    """The URL policy is checked before any request, redirect hops included: with the
    new transport as before, nothing is sent to an address the feed's origin does not allow."""
    with LocalHTTPServer() as other:
        other.route("/feed.xml", Response(200, body=b"secret"))
        location = target.format(port=http_server.port, other=other.port)
        http_server.route("/feed.xml", Response(302, {"Location": location}))
        url = http_server.url("/feed.xml")
        async with Fetcher(FAST) as fetcher:
            with pytest.raises(BlockedURL, match="not allowed"):
                await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
            with pytest.raises(BlockedURL, match="not allowed"):  # and as a first URL
                await fetcher.fetch(location, policy=URLPolicy.for_feed(url))
        assert other.requests == []
    assert len(http_server.requests) == 1


async def test_environment_proxy_is_honoured(monkeypatch: pytest.MonkeyPatch, http_server: LocalHTTPServer) -> None:
    """With a proxy named in the environment the Fetcher uses httpx's own transport, as before."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("http_proxy", http_server.url())
    http_server.route("/feed.xml", Response(200, body=RSS))
    url = "http://feeds.example.invalid/feed.xml"
    async with Fetcher(FAST) as fetcher:
        got = await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
    assert got.body == RSS
    (request,) = http_server.requests
    assert request.path == url  # the absolute form a proxy is sent


# -- TLS -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl on the PATH)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


async def test_tls_verification_refuses_an_untrusted_server(certificate: tuple[Path, Path]) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    async with _serving(answer, _server_context(certificate)) as (server, url), Fetcher(FAST) as fetcher:
        with pytest.raises(FetchConnectError, match=r"(?i)certificate"):
            await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
    assert server.requests == 0


async def test_tls_round_trip_with_a_trusting_context(certificate: tuple[Path, Path]) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    async with (
        _serving(answer, _server_context(certificate)) as (server, url),
        httpx.AsyncClient(transport=FeedTransport(ssl_context=trusting)) as client,
    ):
        responses = [await client.get(url) for _ in range(3)]
    assert [(r.status_code, r.content) for r in responses] == [(200, b"ok")] * 3
    assert (server.requests, server.connections) == (3, 1)
