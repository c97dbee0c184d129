"""send() and the Dispatcher over httpx.MockTransport: what is recorded, and the gates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import Dispatcher, Subscription, build_request, generate_secret, make_client, send
from ir_feed.delivery.transport import BlockedConnect
from tests.unit.delivery.builders import make_message

pytestmark = pytest.mark.anyio

SECRET = generate_secret()
HOOK = Subscription(id="sub_a", url="https://a.example/hook", secrets=(SECRET,))
Handler = Callable[[httpx.Request], Awaitable[httpx.Response]]



def _client(handler: Handler) -> httpx.AsyncClient:
    return make_client(transport=httpx.MockTransport(handler))


def _request(sub: Subscription = HOOK) -> object:
    return build_request(make_message(), sub, datetime.now(UTC))


async def test_send_posts_the_exact_signed_bytes_and_records_the_answer() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    request = build_request(make_message(), HOOK, datetime.now(UTC))
    async with _client(handler) as client:
        attempt = await send(request, client=client)
    (got,) = seen
    assert got.method == "POST" and str(got.url) == HOOK.url
    assert got.content == request.body
    assert got.headers["user-agent"].startswith("ir-feed")
    Webhook(SECRET).verify(got.content, dict(got.headers))
    assert attempt.ok and attempt.status == 204 and attempt.error is None and attempt.error_kind is None
    assert attempt.message_id == request.message_id and attempt.subscription_id == "sub_a"
    assert attempt.latency >= 0 and attempt.started_at.tzinfo is UTC


async def test_redirects_are_failures_and_never_followed() -> None:
    calls = []

    async def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        return httpx.Response(302, headers={"location": "http://169.254.169.254/"})

    async with _client(handler) as client:
        attempt = await send(_request(), client=client)  # type: ignore[arg-type]
    assert len(calls) == 1
    assert not attempt.ok and attempt.status == 302 and attempt.error_kind == "status" and attempt.error == "HTTP 302"


async def test_the_excerpt_is_the_first_kib_decoded_safely_and_retry_after_is_read() -> None:
    body = b"\x00\x1b[31mfail\xff\xfe " + "é".encode() * 2000

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"retry-after": "120"}, content=body)

    async with _client(handler) as client:
        attempt = await send(_request(), client=client)  # type: ignore[arg-type]
    assert attempt.status == 503 and attempt.retry_after == 120
    assert attempt.response_excerpt.startswith("[31mfail\ufffd\ufffd é")
    assert "\x00" not in attempt.response_excerpt and "\x1b" not in attempt.response_excerpt
    assert len(attempt.response_excerpt) <= 1024
    assert attempt.response_excerpt.endswith("é")  # the character cut by the 1 KiB limit is dropped
    assert body.decode(errors="replace").startswith("\x00\x1b" + attempt.response_excerpt)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (httpx.ConnectError("refused"), "connect"),
        (httpx.ConnectTimeout("slow"), "timeout"),
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.RemoteProtocolError("bad"), "network"),
        (httpx.ReadError("reset"), "network"),
        (BlockedConnect("refused to connect to 10.0.0.1: private (RFC 1918) address"), "blocked"),
    ],
)
async def test_transport_failures_are_recorded_not_raised(error: Exception, kind: str) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        raise error

    async with _client(handler) as client:
        attempt = await send(_request(), client=client)  # type: ignore[arg-type]
    assert attempt.status is None and not attempt.ok
    assert attempt.error_kind == kind and attempt.error


async def test_a_hanging_endpoint_times_out() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async with _client(handler) as client:
        attempt = await send(_request(), client=client, timeout=0.05)  # type: ignore[arg-type]
    assert attempt.status is None and attempt.error_kind == "timeout" and "0.05" in (attempt.error or "")


async def test_a_stuck_subscription_never_delays_another() -> None:
    release = asyncio.Event()
    in_flight = {"sub_slow": 0, "sub_fast": 0}
    peak = {"sub_slow": 0, "sub_fast": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        sub = "sub_slow" if request.url.host == "slow.example" else "sub_fast"
        in_flight[sub] += 1
        peak[sub] = max(peak[sub], in_flight[sub])
        try:
            if sub == "sub_slow":
                await release.wait()
            return httpx.Response(200)
        finally:
            in_flight[sub] -= 1

    slow = Subscription(id="sub_slow", url="https://slow.example/h", secrets=(SECRET,))
    fast = Subscription(id="sub_fast", url="https://fast.example/h", secrets=(SECRET,))
    async with _client(handler) as client:
        dispatcher = Dispatcher(client, max_concurrency_per_subscription=2)
        slow_tasks = [asyncio.create_task(dispatcher.deliver(make_message(n=i), slow)) for i in range(6)]
        fast_attempts = await dispatcher.deliver_many([(make_message(n=100 + i), fast) for i in range(10)])
        assert all(a.ok for a in fast_attempts)
        assert not any(t.done() for t in slow_tasks)  # still stuck, and the fast ones went through
        assert peak["sub_slow"] == 2  # the stuck endpoint holds only its own two slots
        release.set()
        assert all(a.ok for a in await asyncio.gather(*slow_tasks))


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


async def test_slack_urls_get_one_message_per_second_and_honour_429() -> None:
    answers = [httpx.Response(200), httpx.Response(429, headers={"retry-after": "30"}), httpx.Response(200)]
    bodies: list[dict[str, object]] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return answers.pop(0) if answers else httpx.Response(200)

    slack = Subscription(id="sub_slack", url="https://hooks.slack.com/services/T0/B0/x", format="slack")
    fake = FakeTime()
    async with _client(handler) as client:
        dispatcher = Dispatcher(client, clock=fake.clock, sleep=fake.sleep, max_concurrency_per_subscription=4)
        attempts = [await dispatcher.deliver(make_message(n=i), slack) for i in range(4)]
    assert [a.status for a in attempts] == [200, 429, 200, 200]
    assert attempts[1].retry_after == 30
    assert fake.sleeps == [1.0, 30.0, 1.0]  # paced one per second; the 429 paused the URL for 30 s
    assert all("blocks" in b for b in bodies)


async def test_signing_happens_when_the_slot_is_held() -> None:
    stamps: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        stamps.append(request.headers["webhook-timestamp"])
        return httpx.Response(200)

    times = iter([datetime(2025, 1, 1, 0, 0, s, tzinfo=UTC) for s in range(10)])
    async with _client(handler) as client:
        dispatcher = Dispatcher(client, now=lambda: next(times))
        await dispatcher.deliver_many([(make_message(n=i), HOOK) for i in range(3)])
    assert sorted(stamps) == [str(1735689600 + s) for s in range(3)]


async def test_an_endpoint_that_stops_answering_gets_one_request_at_a_time_until_it_answers() -> None:
    """A dead endpoint must not hold its whole share of the shared connection pool."""
    answering = False
    in_flight = 0
    at_start: list[int] = []  # requests already in flight when each one started
    events: list[tuple[str, int]] = []  # ("start" | "end", request number), in order

    crowd = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight
        number = len(at_start)
        at_start.append(in_flight)
        events.append(("start", number))
        in_flight += 1
        try:
            if not answering:
                await asyncio.Event().wait()  # hangs until the sender's timeout cancels it
            elif len(at_start) > 1:  # after the probe: answer once four are in flight together
                if in_flight >= 4:
                    crowd.set()
                await crowd.wait()
            return httpx.Response(200)
        finally:
            in_flight -= 1
            events.append(("end", number))

    async with _client(handler) as client:
        # (a timeout long enough for the first four to start together even on a busy machine)
        dispatcher = Dispatcher(client, max_concurrency_per_subscription=4, timeout=0.4)
        first = await asyncio.gather(*(dispatcher.deliver(make_message(n=i), HOOK) for i in range(6)))
        assert [a.error_kind for a in first] == ["timeout"] * 6
        assert at_start[:4] == [0, 1, 2, 3]  # four at once
        # then one at a time once none answered: the probe (request 4) may start while the
        # last of the first four is still being cancelled, but request 5 only after it ended
        assert events.index(("end", 4)) < events.index(("start", 5))
        assert all(events.index(("end", n)) < events.index(("start", 5)) for n in range(4))
        answering, at_start = True, []
        recovered = await asyncio.gather(*(dispatcher.deliver(make_message(n=10 + i), HOOK) for i in range(6)))
        assert all(a.ok for a in recovered)
        assert at_start[0] == 0 and sorted(at_start[1:5]) == [0, 1, 2, 3]  # the probe answered: four at once


async def test_an_answered_failure_keeps_the_full_share() -> None:
    """A 500 comes back at once and holds no connection: no reason to slow down."""
    in_flight = 0
    at_start: list[int] = []
    gate = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight
        at_start.append(in_flight)
        in_flight += 1
        try:
            if len(at_start) >= 4:
                gate.set()
            await gate.wait()
            return httpx.Response(500)
        finally:
            in_flight -= 1

    async with _client(handler) as client:
        dispatcher = Dispatcher(client, max_concurrency_per_subscription=4, timeout=5)
        await asyncio.gather(*(dispatcher.deliver(make_message(n=i), HOOK) for i in range(4)))
        gate.clear()
        at_start = []
        attempts = await asyncio.gather(*(dispatcher.deliver(make_message(n=10 + i), HOOK) for i in range(4)))
    assert [a.status for a in attempts] == [500] * 4
    assert at_start == [0, 1, 2, 3]
