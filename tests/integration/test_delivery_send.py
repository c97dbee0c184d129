"""Delivery over real sockets to the local test server: signatures verified by the
reference library on what the server received, redirects, timeouts, and the SSRF
guard at connect time (loopback refused, DNS rebinding refused, allowed on request)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import Dispatcher, Subscription, build_request, generate_secret, make_client, send, validate_url
from ir_feed.delivery.ssrf import IPAddress, Resolver
from tests.support.httpserver import LocalHTTPServer, Response
from tests.unit.delivery.builders import make_message

pytestmark = pytest.mark.anyio

SECRET = generate_secret()



def _sub(url: str, sub_id: str = "sub_1") -> Subscription:
    return Subscription(id=sub_id, url=url, secrets=(SECRET,))


def _resolver(*answers: str) -> tuple[Resolver, list[str]]:
    """A resolver giving ``answers[i]`` on call i (the last repeats); logs the names asked."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> Sequence[IPAddress]:
        asked.append(host)
        return [ipaddress.ip_address(answers[min(len(asked), len(answers)) - 1])]

    return resolve, asked


async def test_a_signed_delivery_arrives_and_verifies(http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(202, body=b"thanks"))
    msg = make_message()
    async with make_client(allow_private_networks=True) as client:
        attempt = await Dispatcher(client).deliver(msg, _sub(http_server.url("/hook")))
    assert attempt.ok and attempt.status == 202 and attempt.response_excerpt == "thanks"
    (req,) = http_server.requests_to("/hook")
    assert req.method == "POST"
    assert req.headers["content-type"] == "application/json"
    assert req.headers["webhook-id"] == msg.message_id
    payload = Webhook(SECRET).verify(req.body, req.headers)  # what arrived, checked by the reference library
    assert payload["data"]["event"]["product"] == "ALLO-329"
    assert "cookie" not in req.headers and "authorization" not in req.headers
    names = [name.lower() for name, _ in req.raw_headers]
    assert len(names) == len(set(names))  # httpx's headers passed through aiohttp once, none doubled
    assert req.headers["content-length"] == str(len(req.body))


async def test_a_named_host_connects_to_the_checked_address_keeping_the_host(http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(200))
    resolve, asked = _resolver("127.0.0.1")
    url = f"http://receiver.test:{http_server.port}/hook"
    async with make_client(allow_private_networks=True, resolver=resolve) as client:
        attempts = [
            await send(build_request(make_message(n=i), _sub(url), datetime.now(UTC)), client=client) for i in range(2)
        ]
    assert all(a.ok for a in attempts)
    assert asked and set(asked) == {"receiver.test"}
    assert [r.headers["host"] for r in http_server.requests_to("/hook")] == [f"receiver.test:{http_server.port}"] * 2


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
async def test_loopback_is_refused_at_connect_time(http_server: LocalHTTPServer, host: str) -> None:
    http_server.route("/hook", Response(200))
    url = f"http://{host}:{http_server.port}/hook"
    async with make_client() as client:
        attempt = await send(build_request(make_message(), _sub(url), datetime.now(UTC)), client=client)
    assert attempt.status is None and attempt.error_kind == "blocked"
    assert "loopback" in (attempt.error or "")
    assert http_server.requests == []


async def test_dns_rebinding_is_refused_at_connect_time(http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(200))
    resolve, asked = _resolver("93.184.216.34", "127.0.0.1")  # public when subscribing, loopback later
    url = f"http://rebind.test:{http_server.port}/hook"
    assert await validate_url(url, resolver=resolve) == url
    async with make_client(resolver=resolve) as client:
        attempt = await send(build_request(make_message(), _sub(url), datetime.now(UTC)), client=client)
    assert len(asked) == 2  # resolved again to connect, and that answer was checked
    assert attempt.error_kind == "blocked" and "rebind.test (127.0.0.1): loopback" in (attempt.error or "")
    assert http_server.requests == []


async def test_redirects_are_not_followed(http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(307, {"Location": "/elsewhere"}))
    http_server.route("/elsewhere", Response(200))
    async with make_client(allow_private_networks=True) as client:
        attempt = await send(
            build_request(make_message(), _sub(http_server.url("/hook")), datetime.now(UTC)), client=client
        )
    assert attempt.status == 307 and not attempt.ok and attempt.error_kind == "status"
    assert http_server.requests_to("/elsewhere") == []


async def test_failures_are_recorded_with_excerpt_and_retry_after(http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(503, {"Retry-After": "90"}, b"x" * 5000))
    async with make_client(allow_private_networks=True) as client:
        attempt = await send(
            build_request(make_message(), _sub(http_server.url("/hook")), datetime.now(UTC)), client=client
        )
        again = await send(
            build_request(make_message(), _sub(http_server.url("/hook")), datetime.now(UTC)), client=client
        )
    assert attempt.status == again.status == 503
    assert attempt.retry_after == 90 and attempt.response_excerpt == "x" * 1024


async def test_a_hanging_endpoint_times_out(http_server: LocalHTTPServer) -> None:
    held = threading.Event()
    http_server.route("/hook", Response(200, wait=held))
    try:
        async with make_client(allow_private_networks=True) as client:
            attempt = await send(
                build_request(make_message(), _sub(http_server.url("/hook")), datetime.now(UTC)),
                client=client,
                timeout=0.3,
            )
    finally:
        held.set()
    assert attempt.status is None and attempt.error_kind == "timeout"


async def test_a_closed_port_is_a_connect_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with make_client(allow_private_networks=True) as client:
        attempt = await send(
            build_request(make_message(), _sub(f"http://127.0.0.1:{port}/"), datetime.now(UTC)), client=client
        )
    assert attempt.status is None and attempt.error_kind == "connect"


async def test_a_stuck_endpoint_does_not_hold_up_another(http_server: LocalHTTPServer) -> None:
    held = threading.Event()
    http_server.route("/slow", Response(200, wait=held))
    http_server.route("/fast", Response(200))
    slow, fast = _sub(http_server.url("/slow"), "sub_slow"), _sub(http_server.url("/fast"), "sub_fast")
    try:
        async with make_client(allow_private_networks=True) as client:
            dispatcher = Dispatcher(client, max_concurrency_per_subscription=2, timeout=10)
            stuck = [asyncio.create_task(dispatcher.deliver(make_message(n=i), slow)) for i in range(5)]
            await asyncio.to_thread(http_server.wait_for_requests, 2, "/slow")
            done = await dispatcher.deliver_many([(make_message(n=50 + i), fast) for i in range(20)])
            assert all(a.ok for a in done)
            assert not any(t.done() for t in stuck)
            assert len(http_server.requests_to("/slow")) == 2  # only its own two slots are in use
            held.set()
            assert all(a.ok for a in await asyncio.gather(*stuck))
    finally:
        held.set()
