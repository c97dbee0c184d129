"""Over its own network transport the Fetcher sends a GET directly
(:meth:`FeedTransport.get`), not through httpx's client, request and response objects: the
same requests reach the server, header for header, and every answer, failure and limit comes
out as the httpx path makes it, over real sockets to the local test server."""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Awaitable, Callable

import pytest

from ir_feed.errors import FetchError
from ir_feed.fetch import Fetched, Fetcher, URLPolicy
from ir_feed.settings import HttpSettings
from tests.support.httpserver import LocalHTTPServer, Response

pytestmark = pytest.mark.anyio

FAST = HttpSettings(per_host_interval=0, connect_timeout=2, read_timeout=2, deadline=5)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'



Outcome = tuple[str, object]


async def _outcome(fetch: Callable[[], Awaitable[Fetched]]) -> Outcome:
    try:
        got = await fetch()
    except FetchError as exc:
        return type(exc).__name__, (str(exc), vars(exc))
    fields = dataclasses.asdict(got)
    del fields["elapsed"]
    return "Fetched", fields


async def _both(server: LocalHTTPServer, path: str, **kwargs: object) -> tuple[Outcome, Outcome]:
    """The same fetch by the direct path, then by httpx's client over the same transport."""
    url = server.url(path)
    policy = URLPolicy.for_feed(url)
    outcomes = []
    for direct in (True, False):
        async with Fetcher(FAST) as fetcher:
            assert fetcher._direct is not None
            if not direct:
                fetcher._direct = None  # (what a Fetcher over another transport does: httpx's path)
            outcomes.append(await _outcome(lambda f=fetcher: f.fetch(url, policy=policy, **kwargs)))  # type: ignore[misc]
    return outcomes[0], outcomes[1]


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw, as servers often send it
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("answer", "kwargs"),
    [
        (Response(200, [("Content-Type", "application/rss+xml"), ("ETag", '"v2"')], RSS), {}),
        (Response(304, {"ETag": '"v1"', "Cache-Control": "max-age=600"}), {"etag": '"v1"'}),
        (Response(304), {"etag": '"v1"', "last_modified": "Wed, 09 Sep 2026 08:00:00 GMT"}),
        (Response(200, [("Cache-Control", "public"), ("Cache-Control", "max-age=60")], RSS), {}),
        (Response(200, {"Content-Encoding": "gzip"}, RSS, gzip=True), {}),
        (Response(200, {"Content-Encoding": "deflate"}, _deflate(RSS)), {}),
        (Response(200, {"Content-Encoding": "identity, gzip"}, RSS, gzip=True), {}),
        (Response(200, {"Content-Encoding": "x-unknown"}, RSS), {}),  # httpx's decoders: passed as is
        (Response(200, body=RSS * 50, chunked=True, chunk_size=100), {}),
        (Response(200, body=b"x" * 5000), {"max_bytes": 1000}),  # Content-Length over the cap
        (Response(200, body=b"x" * 5000, chunked=True), {"max_bytes": 1000}),  # over the cap as it arrives
        (Response(200, {"Content-Encoding": "gzip"}, b"\0" * 200_000, gzip=True), {"max_bytes": 1000}),
        (Response(404, body=b"gone away"), {}),
        (Response(410), {}),
        (Response(503, {"Retry-After": "120"}), {}),
        (Response(429, {"Retry-After": "Wed, 09 Sep 2026 08:00:00 GMT"}), {}),
        (Response(302), {}),  # a redirect with no Location
        (Response(302, {"Location": "http://169.254.169.254/latest/"}), {}),  # a hop the policy refuses
        (Response(302, {"Location": "/other"}), {}),  # followed: /other is not routed, 404
        (Response(200, {"Content-Length": "100"}, b"short", close=True), {}),  # truncated body
    ],
    ids=[
        "200", "304", "304-no-validators", "repeated-header", "gzip", "deflate", "codings", "unknown-coding",
        "chunked", "too-long", "too-long-chunked", "too-long-inflated", "404", "410", "503-retry-after",
        "429-date", "302-no-location", "302-refused", "302-followed", "truncated",
    ],
)  # fmt: skip
async def test_the_direct_path_fetches_what_the_httpx_path_fetches(
    http_server: LocalHTTPServer, answer: Response, kwargs: dict[str, object]
) -> None:
    http_server.route("/feed.xml", answer, answer)
    direct, via_httpx = await _both(http_server, "/feed.xml", **kwargs)
    assert direct == via_httpx
    first, second = http_server.requests_to("/feed.xml")
    assert first.raw_headers == second.raw_headers  # the same lines, in the same order


async def test_a_redirect_hop_is_fetched_the_same_way(http_server: LocalHTTPServer) -> None:
    http_server.route("/old", *[Response(301, {"Location": "/new?x=1"})] * 2)
    http_server.route("/new", *[Response(200, {"Content-Type": "application/xml"}, RSS, gzip=True)] * 2)
    direct, via_httpx = await _both(http_server, "/old", etag='"v1"')
    assert direct == via_httpx and direct[0] == "Fetched"
    first, second = http_server.requests_to("/new")
    assert first.raw_headers == second.raw_headers
    assert first.headers["host"] == f"127.0.0.1:{http_server.port}"


async def test_a_cookie_set_on_the_direct_path_is_sent_back_by_the_client(http_server: LocalHTTPServer) -> None:
    http_server.route(
        "/feed.xml",
        Response(200, [("ETag", '"v1"'), ("Set-Cookie", "session=abc; Path=/")], RSS),
        Response(304, {"ETag": '"v1"'}),
    )
    url = http_server.url("/feed.xml")
    async with Fetcher(FAST) as fetcher:
        await fetcher.fetch(url, policy=URLPolicy.for_feed(url))
        assert fetcher._client.cookies  # kept in the client's jar
        assert (await fetcher.fetch(url, policy=URLPolicy.for_feed(url), etag='"v1"')).status == 304
    assert [r.headers.get("cookie") for r in http_server.requests] == [None, "session=abc"]
