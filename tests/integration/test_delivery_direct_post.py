"""The production client posts through its guarded transport directly
(:meth:`GuardedTransport.post`), not through httpx's request and response objects: each
answer, failure and header is recorded exactly as the httpx path records it, over real
sockets to the local test server, and the guard holds on the direct path too."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import Subscription, build_request, generate_secret, make_client, send
from ir_feed.delivery.sender import Attempt
from ir_feed.delivery.transport import DeliveryClient, GuardedTransport
from tests.support.httpserver import LocalHTTPServer, Response
from tests.unit.delivery.builders import make_message

pytestmark = pytest.mark.anyio

SECRET = generate_secret()
LONG = b"\x00\x1b[31mfail\xff\xfe " + "é".encode() * 2000



def _comparable(attempt: Attempt) -> dict[str, object]:
    fields = dataclasses.asdict(attempt)
    del fields["started_at"], fields["latency"], fields["message_id"]
    return fields


async def _both(url: str, *, timeout: float = 5.0, allow_private: bool = True) -> tuple[Attempt, Attempt]:
    """The same delivery through the direct path and through httpx's."""
    sub = Subscription(id="sub_1", url=url, secrets=(SECRET,))
    direct = make_client(allow_private_networks=allow_private)
    assert isinstance(direct, DeliveryClient) and direct.guarded is not None
    via_httpx = make_client(allow_private_networks=allow_private)
    assert isinstance(via_httpx, DeliveryClient)
    via_httpx.guarded = None  # (what a client built over another transport does: httpx's path)
    async with direct, via_httpx:
        a = await send(build_request(make_message(), sub, datetime.now(UTC)), client=direct, timeout=timeout)
        b = await send(build_request(make_message(), sub, datetime.now(UTC)), client=via_httpx, timeout=timeout)
    return a, b


@pytest.mark.parametrize(
    "answer",
    [
        Response(204),
        Response(202, body=b"thanks"),
        Response(503, headers={"Retry-After": "120"}, body=LONG),  # excerpt cut at 1 KiB, decoded safely
        Response(302, headers={"Location": "http://169.254.169.254/"}),  # never followed
        Response(500, body=b"x" * 5000, gzip=True),  # an encoded excerpt is not shown
        Response(429, headers={"Retry-After": "7"}, body=b"slow down", chunked=True),
        Response(200, body=b"a" * 3000, chunk_size=100, chunked=True),
    ],
    ids=["204", "202-body", "503-long", "302", "500-gzip", "429-chunked", "200-chunked-long"],
)
async def test_the_direct_path_records_what_the_httpx_path_records(
    http_server: LocalHTTPServer, answer: Response
) -> None:
    http_server.route("/hook", answer, answer)
    direct, via_httpx = await _both(http_server.url("/hook"))
    assert _comparable(direct) == _comparable(via_httpx)
    assert direct.status == answer.status
    first, second = http_server.requests_to("/hook")
    assert [n.lower() for n, _ in first.raw_headers] == [n.lower() for n, _ in second.raw_headers]
    Webhook(SECRET).verify(first.body, first.headers)  # what arrived by the direct path verifies


async def test_an_answer_whose_body_stalls_still_counts_by_its_status(http_server: LocalHTTPServer) -> None:
    late = Response(500, body=b"p" * 90 + b"q" * 90, chunk_size=90, chunk_delay=3.0)  # the body never comes in time
    http_server.route("/late", late, late)
    direct, via_httpx = await _both(http_server.url("/late"), timeout=1.0)
    assert direct.status == via_httpx.status == 500  # the status line came in time
    assert _comparable(direct) == _comparable(via_httpx)


async def test_no_answer_refused_and_bad_urls_fail_alike(http_server: LocalHTTPServer) -> None:
    http_server.route("/hang", Response(204, delay=3.0))
    direct, via_httpx = await _both(http_server.url("/hang"), timeout=0.5)
    assert direct.error_kind == via_httpx.error_kind == "timeout" and direct.status is None
    assert _comparable(direct) == _comparable(via_httpx)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    direct, via_httpx = await _both(f"http://127.0.0.1:{port}/hook")
    assert direct.error_kind == via_httpx.error_kind == "connect"
    direct, via_httpx = await _both("ftp://127.0.0.1/hook")
    assert direct.error_kind == via_httpx.error_kind == "invalid_url"


@pytest.fixture
def refused_server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        server.route("/hook", Response(204))
        yield server


async def test_the_guard_holds_on_the_direct_path(refused_server: LocalHTTPServer) -> None:
    direct, via_httpx = await _both(refused_server.url("/hook"), allow_private=False)
    assert direct.error_kind == via_httpx.error_kind == "blocked"
    assert _comparable(direct) == _comparable(via_httpx)
    assert refused_server.requests_to("/hook") == []  # nothing reached the loopback address
    named = refused_server.url("/hook").replace("127.0.0.1", "localhost")
    direct, _ = await _both(named, allow_private=False)
    assert direct.error_kind == "blocked" and refused_server.requests_to("/hook") == []


def test_only_the_guarded_transport_is_posted_to_directly() -> None:
    mocked = make_client(transport=httpx.MockTransport(lambda request: httpx.Response(204)))
    assert isinstance(mocked, DeliveryClient) and mocked.guarded is None  # tests' mocks see every request
    guarded = make_client()
    assert isinstance(guarded, DeliveryClient) and isinstance(guarded.guarded, GuardedTransport)
