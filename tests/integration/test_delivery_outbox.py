"""The outbox end to end: diffs fanned out to subscriptions, the deliverer
sending them to real local receivers, retries, dead letters, disabling — on
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import structlog
from sqlalchemy import Engine, select
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import generate_secret
from ir_feed.events import Designation
from ir_feed.logs import configure
from ir_feed.models import Ticker
from ir_feed.services.delivering import Deliverer, make_dispatcher
from ir_feed.settings import DeliverySettings, LoggingSettings
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import AttemptRow, MessageRow, SubscriptionRow
from tests.support.httpserver import LocalHTTPServer, Request, Response
from tests.support.releases import press_release, store_release

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
SECRET = generate_secret()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def settings(**kw: Any) -> DeliverySettings:
    return DeliverySettings(**({"allow_private_networks": True, "timeout": 5, "batch": 50} | kw))


def subscribe(engine: Engine, name: str, url: str, **filters: list[str]) -> None:
    with session_factory(engine, write=True).begin() as s:
        subs.add(s, name=name, url=url, format="webhook", secret=SECRET, filters=subs.filters_dict(**filters), now=T0)


def publish(engine: Engine, rid: str, *products: str, ticker: str = "NWBT") -> int:
    """Store a release stating one Fast Track designation per product; fan the diffs out."""
    tick = (Ticker("NASDAQ", ticker),)
    pr = press_release(rid, T0, tick, text=f"text {rid}", issuer="Northwind Bio", url=f"https://example.test/{rid}")
    events = tuple(
        Designation(
            True, "FDA", "fast_track", p, "IPF", "granted", f"{p} got Fast Track.", f"nasdaq-{ticker.lower()}|d|{p}"
        )
        for p in products
    )
    return store_release(engine, pr, events, company="Northwind Bio", now=T0, extractor_version="t")


def deliver(engine: Engine, clock: Clock, **kw: Any) -> Any:
    async def go() -> Any:
        dispatcher, client = make_dispatcher(settings(**kw), user_agent="ir-feed-test")
        async with client:
            return await Deliverer(settings(**kw), engine, dispatcher, clock=clock).deliver_due()

    return asyncio.run(go())


def messages(engine: Engine) -> list[MessageRow]:
    with session_factory(engine)() as s:
        return list(s.scalars(select(MessageRow).order_by(MessageRow.id)))


def subscription(engine: Engine, name: str) -> SubscriptionRow:
    with session_factory(engine)() as s:
        row = s.scalar(select(SubscriptionRow).where(SubscriptionRow.name == name))
        assert row is not None
        return row


def verify(req: Request) -> dict[str, Any]:
    """Check a received request with the standardwebhooks library, not our code."""
    payload = Webhook(SECRET).verify(req.body, {k: v for k, v in req.headers.items()})
    assert isinstance(payload, dict)
    return payload


def test_fan_out_follows_filters(engine: Engine, http_server: LocalHTTPServer) -> None:
    subscribe(engine, "all", http_server.url("/all"))
    subscribe(engine, "clrq-only", http_server.url("/clrq"), tickers=["CLRQ"])
    subscribe(engine, "updates-only", http_server.url("/upd"), diff_types=["event.updated"])
    assert publish(engine, "1", "NWB-101") == 1
    assert publish(engine, "2", "CRX-220", ticker="CLRQ") == 2
    assert [(m.subscription_id, m.status) for m in messages(engine)] == [(1, "pending"), (1, "pending"), (2, "pending")]


def test_signed_delivery_verified_by_standardwebhooks(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101", "NWB-102")
    result = deliver(engine, Clock())
    assert (result.sent, result.delivered) == (2, 2)
    received = http_server.requests_to("/hook")
    payloads = [verify(r) for r in received]
    assert {p["data"]["event"]["product"] for p in payloads} == {"NWB-101", "NWB-102"}
    assert all(p["type"] == "event.created" and p["data"]["release"]["id"] == "globenewswire.com:1" for p in payloads)
    assert {r.headers["webhook-id"] for r in received} == {m.public_id for m in messages(engine)}
    assert all(m.status == "delivered" and m.attempts == 1 for m in messages(engine))
    # nothing left to send
    assert deliver(engine, Clock()).sent == 0


def test_failing_three_times_then_success_delivers_once_with_one_id(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(500), Response(502), Response(503), Response(200))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    clock = Clock()
    for expected_status in ("retrying", "retrying", "retrying", "delivered"):
        deliver(engine, clock)
        (m,) = messages(engine)
        assert m.status == expected_status
        if m.next_attempt_at:
            assert m.next_attempt_at > clock.now
            assert deliver(engine, clock).sent == 0  # not due yet
            clock.now = m.next_attempt_at
    received = http_server.requests_to("/hook")
    assert len(received) == 4
    assert len({r.headers["webhook-id"] for r in received}) == 1
    assert [r for r in received if r.headers["webhook-id"]] and verify(received[-1])
    with session_factory(engine)() as s:
        attempts = list(s.scalars(select(AttemptRow).order_by(AttemptRow.number)))
    assert [(a.number, a.status) for a in attempts] == [(1, 500), (2, 502), (3, 503), (4, 200)]
    assert subscription(engine, "a").failing_since is None


def test_retry_after_is_honoured(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(429, {"Retry-After": "3600"}), Response(200))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    clock = Clock()
    deliver(engine, clock)
    (m,) = messages(engine)
    assert m.status == "retrying" and m.next_attempt_at is not None
    assert m.next_attempt_at >= T0 + timedelta(seconds=3600)  # not the 5 s of the schedule


def test_gone_disables_the_subscription(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(410))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101", "NWB-102")
    deliver(engine, Clock(), max_concurrency_per_subscription=1)
    sub = subscription(engine, "a")
    assert not sub.enabled and "410" in (sub.disabled_reason or "")
    statuses = sorted(m.status for m in messages(engine))
    assert "dead" in statuses
    # nothing more is sent to a disabled subscription
    sent_before = len(http_server.requests_to("/hook"))
    deliver(engine, Clock())
    assert len(http_server.requests_to("/hook")) == sent_before


def test_dead_letter_after_the_schedule_and_retry_command(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(500))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    clock = Clock()
    for _ in range(10):
        deliver(engine, clock)
        (m,) = messages(engine)
        if m.next_attempt_at is None:
            break
        clock.now = m.next_attempt_at
    (m,) = messages(engine)
    assert (m.status, m.attempts) == ("dead", 10)
    http_server.route("/hook", Response(200))
    with session_factory(engine, write=True).begin() as s:
        assert outbox.retry(s, m.public_id, clock.now)
    deliver(engine, clock)
    (m,) = messages(engine)
    assert m.status == "delivered"
    ids = {r.headers["webhook-id"] for r in http_server.requests_to("/hook")}
    assert ids == {m.public_id}


def test_a_hanging_receiver_does_not_delay_another(engine: Engine, http_server: LocalHTTPServer) -> None:
    release = threading.Event()
    with LocalHTTPServer() as slow:
        slow.route("/hook", Response(200, wait=release))
        http_server.route("/hook", Response(200))
        subscribe(engine, "slow", slow.url("/hook"))
        subscribe(engine, "fast", http_server.url("/hook"))
        publish(engine, "1", "NWB-101", "NWB-102", "NWB-103")

        async def scenario() -> bool:
            dispatcher, client = make_dispatcher(settings(), user_agent="t")
            async with client:
                task = asyncio.create_task(Deliverer(settings(), engine, dispatcher, clock=Clock()).deliver_due())
                ok = await asyncio.to_thread(http_server.wait_for_requests, 3, timeout=10)
                pending = not task.done()
                release.set()
                await task
                return bool(ok) and pending

        assert asyncio.run(scenario())
    assert all(m.status == "delivered" for m in messages(engine))


def test_private_address_refused_at_connect_time(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(200))
    subscribe(engine, "a", http_server.url("/hook").replace("127.0.0.1", "localhost"))
    publish(engine, "1", "NWB-101")

    async def go() -> Any:
        s = DeliverySettings(allow_private_networks=False, timeout=5)
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            return await Deliverer(s, engine, dispatcher, clock=Clock()).deliver_due()

    result = asyncio.run(go())
    assert result.sent == 1 and result.delivered == 0
    assert http_server.requests_to("/hook") == []
    with session_factory(engine)() as s:
        (attempt,) = s.scalars(select(AttemptRow)).all()
    assert attempt.error_kind == "blocked" and attempt.status is None


def test_replay_sends_again_with_the_same_ids(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(200))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    publish(engine, "2", "CRX-220", ticker="CLRQ")
    deliver(engine, Clock())
    with session_factory(engine, write=True).begin() as s:
        assert outbox.replay(s, subscription="a", since=T0 - timedelta(days=1), ticker="CLRQ", now=T0) == 1
        assert outbox.replay(s, subscription="nope", since=T0, ticker=None, now=T0) is None
    deliver(engine, Clock())
    received = http_server.requests_to("/hook")
    assert len(received) == 3
    assert (
        received[2].headers["webhook-id"] == received[1].headers["webhook-id"]
        or received[2].headers["webhook-id"] == received[0].headers["webhook-id"]
    )
    assert json.loads(received[2].body)["data"]["event"]["product"] == "CRX-220"


def test_tick_does_not_wait_for_a_hanging_receiver(engine: Engine, http_server: LocalHTTPServer) -> None:
    """A message that falls due while a slow receiver holds an earlier batch goes
    out on the next tick, not after the slow request's timeout."""
    hang = threading.Event()
    with LocalHTTPServer() as slow:
        slow.route("/hook", Response(200, wait=hang))
        http_server.route("/hook", Response(200))
        subscribe(engine, "slow", slow.url("/hook"))
        publish(engine, "1", "NWB-101")  # a message for "slow" only, for now

        async def scenario() -> tuple[int, int, bool, bool]:
            s = settings()
            dispatcher, client = make_dispatcher(s, user_agent="t")
            async with client:
                deliverer = Deliverer(s, engine, dispatcher, clock=Clock())
                first = await deliverer.tick()  # returns while the slow request hangs
                await asyncio.to_thread(slow.wait_for_requests, 1)
                await asyncio.to_thread(subscribe, engine, "fast", http_server.url("/hook"))
                await asyncio.to_thread(publish, engine, "2", "NWB-102")
                second = await deliverer.tick()  # the lease keeps the slow message out
                arrived = await asyncio.to_thread(http_server.wait_for_requests, 1, timeout=10)
                still_hanging = len(deliverer._tasks) >= 1
                hang.set()
                drained = await deliverer.drain(timeout=10)
                return first, second, bool(arrived) and still_hanging, drained

        first, second, fast_first, drained = asyncio.run(scenario())
    assert (first, second, fast_first, drained) == (1, 2, True, True)
    assert all(m.status == "delivered" for m in messages(engine))


def test_a_batch_outliving_its_lease_is_not_sent_twice(engine: Engine) -> None:
    """A slow batch (a Slack URL at one message a second, a receiver timing out)
    can take longer than the lease; this process must not claim it again."""
    from ir_feed.delivery import Attempt

    subscribe(engine, "slow", "https://receiver.example/hook")
    publish(engine, "1", "NWB-101", "NWB-102", "NWB-103")
    sent: list[str] = []

    class HeldDispatcher:  # a fake of the network edge: answers 200 once released
        def __init__(self) -> None:
            self.release = asyncio.Event()

        async def deliver(self, msg: Any, sub: Any, *, body: bytes | None = None) -> Attempt:
            await self.release.wait()
            sent.append(msg.message_id)
            return Attempt(sub.id, msg.message_id, datetime.now(UTC), 200, 0.01)

    async def scenario() -> tuple[int, int]:
        clock = Clock()
        dispatcher = HeldDispatcher()
        deliverer = Deliverer(settings(lease=5), engine, dispatcher, clock=clock)  # type: ignore[arg-type]
        first = await deliverer.tick()
        clock.now = T0 + timedelta(hours=1)  # far past the lease, the batch still in flight
        second = await deliverer.tick()
        dispatcher.release.set()
        assert await deliverer.drain(timeout=10)
        return first, second

    assert asyncio.run(scenario()) == (3, 0)
    assert len(sent) == 3 and len(set(sent)) == 3
    assert all(m.status == "delivered" for m in messages(engine))


def _logged(engine: Engine, http_server: LocalHTTPServer, level: str) -> list[dict[str, Any]]:
    """Deliver one message that succeeds and one that fails; the JSON log lines at ``level``."""
    stream = io.StringIO()
    configure(LoggingSettings(level=level, format="json"), stream=stream)
    try:
        deliver(engine, Clock())
    finally:
        structlog.reset_defaults()
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


def test_a_batch_logs_its_totals_and_each_failure(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/ok", Response(204))
    http_server.route("/broken", Response(500))
    subscribe(engine, "ok", http_server.url("/ok"))
    subscribe(engine, "broken", http_server.url("/broken"))
    publish(engine, "1", "NWB-101")
    lines = _logged(engine, http_server, "INFO")
    # (the two answers are recorded together when they land within one write, else in two
    # batches: the totals over the batches are what is logged, whatever the timing)
    batches = [line for line in lines if line["event"] == "delivery_batch"]
    assert 1 <= len(batches) <= 2
    totals = tuple(sum(b[k] for b in batches) for k in ("sent", "delivered", "retrying", "dead"))
    assert totals == (2, 1, 1, 0)
    (failed,) = [line for line in lines if line["event"] == "webhook_delivery_failed"]
    assert (failed["subscription"], failed["status"], failed["outcome"]) == ("broken", 500, "retrying")
    assert failed["level"] == "warning"
    assert not [line for line in lines if line["event"] == "webhook_delivered"]  # one per success is DEBUG


def test_each_success_is_logged_at_debug(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/ok", Response(204))
    subscribe(engine, "ok", http_server.url("/ok"))
    publish(engine, "1", "NWB-101", "NWB-102")
    lines = _logged(engine, http_server, "DEBUG")
    delivered = [line for line in lines if line["event"] == "webhook_delivered"]
    assert {line["message"] for line in delivered} == {m.public_id for m in messages(engine)}
    assert all(line["level"] == "debug" and line["subscription"] == "ok" for line in delivered)


def _statuses(engine: Engine, name: str) -> list[str]:
    with session_factory(engine)() as s:
        stmt = (
            select(MessageRow.status)
            .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
            .where(SubscriptionRow.name == name)
        )
        return list(s.scalars(stmt))


async def _until(check: Any, timeout: float = 10.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await asyncio.to_thread(check):
            return True
        await asyncio.sleep(0.02)
    return False


def test_a_hanging_subscribers_backlog_holds_back_no_one_else(engine: Engine, http_server: LocalHTTPServer) -> None:
    """The slow subscriber's 20 messages are older (first in the queue) than the fast
    one's 5 and fill the claim's scan; one tick still starts the fast ones, and they are recorded as delivered
    while the slow requests hang (not when the slowest of a batch ends)."""
    hang = threading.Event()
    with LocalHTTPServer() as slow:
        slow.route("/hook", Response(200, wait=hang))
        http_server.route("/hook", Response(204))
        subscribe(engine, "slow", slow.url("/hook"))
        publish(engine, "1", *(f"NWB-{100 + i}" for i in range(20)))
        subscribe(engine, "fast", http_server.url("/hook"))
        publish(engine, "2", *(f"CRX-{200 + i}" for i in range(5)), ticker="CLRQ")
        assert len(_statuses(engine, "slow")) == 25 and len(_statuses(engine, "fast")) == 5

        async def scenario() -> tuple[int, bool, int]:
            s = settings(batch=10, max_concurrency_per_subscription=2)
            dispatcher, client = make_dispatcher(s, user_agent="t")
            async with client:
                deliverer = Deliverer(s, engine, dispatcher, clock=Clock())
                started = await deliverer.tick()
                recorded = await _until(lambda: _statuses(engine, "fast") == ["delivered"] * 5)
                slow_seen = len(slow.requests_to("/hook"))
                hang.set()
                assert await deliverer.drain(timeout=10)
                return started, recorded, slow_seen

        started, recorded, slow_seen = asyncio.run(scenario())
    assert started == 8 + 5  # the slow subscriber's share (4 x its 2 slots) and every fast message
    assert recorded  # while the slow subscriber still hung
    assert slow_seen == 2  # its two slots; the rest of its backlog waited in the outbox


def test_a_backlog_drains_without_waiting_for_ticks(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", *(f"NWB-{100 + i}" for i in range(30)))

    async def scenario() -> tuple[int, bool]:
        s = settings(batch=10, max_concurrency_per_subscription=2)
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            deliverer = Deliverer(s, engine, dispatcher, clock=Clock())
            started = await deliverer.tick()  # the only tick: claims the subscription's share (4 x 2)
            done = await _until(lambda: _statuses(engine, "a") == ["delivered"] * 30)
            assert await deliverer.drain(timeout=10)
            return started, done

    started, done = asyncio.run(scenario())
    assert started == 8 and done
    received = http_server.requests_to("/hook")
    assert len(received) == 30 and len({r.headers["webhook-id"] for r in received}) == 30


def test_a_wake_claims_what_was_just_queued_without_a_tick(engine: Engine, http_server: LocalHTTPServer) -> None:
    """A poll that stored diffs wakes the deliverer: the messages go at once, with no tick
    (the daemon's deliver tick may be seconds away); a wake during a claim is kept."""
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))

    async def scenario() -> tuple[bool, bool]:
        s = settings()
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            deliverer = Deliverer(s, engine, dispatcher, clock=Clock())
            await asyncio.to_thread(publish, engine, "1", "NWB-101")
            deliverer.wake()
            first = await _until(lambda: _statuses(engine, "a") == ["delivered"])
            await asyncio.to_thread(publish, engine, "2", "NWB-102")
            deliverer.wake()
            deliverer.wake()  # (a second wake while the first claim runs is kept, not lost)
            second = await _until(lambda: _statuses(engine, "a") == ["delivered", "delivered"])
            assert await deliverer.drain(timeout=10)
            deliverer.stopping.set()
            deliverer.wake()  # once stopping: nothing is claimed
            return first, second

    first, second = asyncio.run(scenario())
    assert first and second
    assert len(http_server.requests_to("/hook")) == 2


def test_leases_of_messages_still_waiting_are_renewed(engine: Engine) -> None:
    """Messages held here longer than a lease (a paced Slack URL, a probed endpoint)
    are not claimable by another process: each tick renews what is still held."""
    from ir_feed.delivery import Attempt

    subscribe(engine, "slow", "https://receiver.example/hook")
    publish(engine, "1", "NWB-101", "NWB-102")

    class HeldDispatcher:  # a fake of the network edge: answers 200 once released
        def __init__(self) -> None:
            self.release = asyncio.Event()

        async def deliver(self, msg: Any, sub: Any, *, body: bytes | None = None) -> Attempt:
            await self.release.wait()
            return Attempt(sub.id, msg.message_id, datetime.now(UTC), 200, 0.01)

    def other_process_claims(at: datetime) -> int:
        with session_factory(engine, write=True).begin() as s:
            return len(outbox.claim_due(s, at, lease=timedelta(seconds=60), limit=10))

    async def scenario() -> tuple[int, int, int]:
        clock = Clock()
        dispatcher = HeldDispatcher()
        deliverer = Deliverer(settings(lease=60), engine, dispatcher, clock=clock)  # type: ignore[arg-type]
        first = await deliverer.tick()
        clock.now = T0 + timedelta(seconds=50)
        await deliverer.tick()  # renews: the leases now run to T0 + 110 s
        stolen_before = await asyncio.to_thread(other_process_claims, T0 + timedelta(seconds=100))
        dispatcher.release.set()
        assert await deliverer.drain(timeout=10)
        stolen_after = await asyncio.to_thread(other_process_claims, T0 + timedelta(seconds=100))
        return first, stolen_before, stolen_after

    assert asyncio.run(scenario()) == (2, 0, 0)
    assert all(m.status == "delivered" and m.lease_until is None for m in messages(engine))


def test_every_attempt_is_recorded_with_status_error_excerpt_and_latency(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(503, {"Retry-After": "120"}, "busy, try later", delay=0.05))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    deliver(engine, Clock())
    with session_factory(engine)() as s:
        (attempt,) = s.scalars(select(AttemptRow)).all()
    assert (attempt.number, attempt.status, attempt.error_kind) == (1, 503, "status")
    assert attempt.error == "HTTP 503" and attempt.response_excerpt == "busy, try later"
    assert attempt.latency_ms >= 50  # the receiver took at least 50 ms to answer
    (m,) = messages(engine)
    assert (m.status, m.last_status, m.last_error) == ("retrying", 503, "HTTP 503")
    assert subscription(engine, "a").failing_since == T0


def test_an_unsendable_message_is_a_dead_letter_not_the_endpoints_failure(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    with session_factory(engine, write=True).begin() as s:  # a secret spoiled in the database
        s.execute(SubscriptionRow.__table__.update().values(secrets=["whsec_short"]))  # type: ignore[attr-defined]
    publish(engine, "1", "NWB-101")
    result = deliver(engine, Clock())
    assert (result.sent, result.dead) == (1, 1)
    (m,) = messages(engine)
    assert m.status == "dead" and "cannot be sent" in (m.last_error or "")
    assert http_server.requests_to("/hook") == []
    sub = subscription(engine, "a")
    assert sub.enabled and sub.failing_since is None  # the endpoint did nothing wrong


def test_retry_and_replay_leave_a_message_being_sent_alone(engine: Engine) -> None:
    subscribe(engine, "a", "https://receiver.example/hook")
    publish(engine, "1", "NWB-101")
    with session_factory(engine, write=True).begin() as s:
        (claimed,) = outbox.claim_due(s, T0, lease=timedelta(minutes=2), limit=10)
    (before,) = messages(engine)
    with session_factory(engine, write=True).begin() as s:
        assert not outbox.retry(s, claimed.public_id, T0 + timedelta(seconds=30))
        assert outbox.replay(s, subscription="a", since=T0 - timedelta(days=1), ticker=None, now=T0) == 1
    (after,) = messages(engine)
    assert after.lease_until == before.lease_until and after.status == "pending"  # still held by its sender
    with session_factory(engine, write=True).begin() as s:  # once the lease is over, it can be re-queued
        assert outbox.retry(s, claimed.public_id, T0 + timedelta(minutes=3))


def test_a_message_still_being_sent_is_never_claimed_even_when_the_query_does_not_name_it(engine: Engine) -> None:
    """``exclude`` holds whatever the query leaves out (``lapsed``): a message whose
    lease ran out while this process still sends it is read, and dropped."""
    subscribe(engine, "a", "https://receiver.example/hook")
    publish(engine, "1", "NWB-101", "NWB-102", "NWB-103")
    lease = timedelta(minutes=2)
    with session_factory(engine, write=True).begin() as s:
        first = outbox.claim_due(s, T0, lease=lease, limit=2)
    held = {c.id for c in first}
    later = T0 + lease  # both leases have run out; the third message was never claimed
    with session_factory(engine, write=True).begin() as s:
        again = outbox.claim_due(s, later, lease=lease, limit=10, exclude=held, lapsed=[])
    assert len(again) == 1 and not {c.id for c in again} & held
    with session_factory(engine, write=True).begin() as s:  # named or not, the same answer
        assert outbox.claim_due(s, later, lease=lease, limit=10, exclude=held, lapsed=sorted(held)) == []


@pytest.mark.postgres
def test_concurrent_claims_on_postgresql_skip_each_others_messages(pg_url: str) -> None:
    """Two deliverers claiming at the same moment: the second is neither blocked by
    the first's row locks nor handed the same messages (FOR UPDATE SKIP LOCKED)."""
    from ir_feed.store.engine import make_engine, upgrade
    from tests.support.claims import claim_while_another_holds

    engine = make_engine(pg_url)  # a fresh schema of its own
    try:
        upgrade(engine)
        subscribe(engine, "a", "https://receiver.example/hook")
        publish(engine, "1", "NWB-101", "NWB-102", "NWB-103")
        first, second = claim_while_another_holds(
            engine,
            lambda s, n: outbox.claim_due(s, T0, lease=timedelta(minutes=2), limit=n),
            first_limit=2,
            second_limit=10,
        )
        assert len(first) == 2 and len(second) == 1
        assert {c.id for c in first}.isdisjoint({c.id for c in second})
    finally:
        engine.dispose()


def test_a_backlog_beyond_the_in_flight_limit_drains_after_one_tick(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    """60 messages over three subscriptions with room for 10 at a time (2 x batch):
    claims follow the answers, including after a claim that found no room."""
    http_server.route("/hook", Response(204))
    for name in ("a", "b", "c"):
        subscribe(engine, name, http_server.url("/hook"))
    publish(engine, "1", *(f"NWB-{100 + i}" for i in range(20)))

    async def scenario() -> bool:
        s = settings(batch=5, max_concurrency_per_subscription=4)
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            deliverer = Deliverer(s, engine, dispatcher, clock=Clock())
            await deliverer.tick()
            done = await _until(lambda: [m.status for m in messages(engine)] == ["delivered"] * 60)
            assert await deliverer.drain(timeout=10)
            return done

    assert asyncio.run(scenario())
    assert len({r.headers["webhook-id"] for r in http_server.requests_to("/hook")}) == 60


def test_stopping_during_a_claim_gives_the_messages_back_unsent(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101", "NWB-102")

    class StoppedWhileClaiming(Deliverer):
        def _claim(self, limit: int, held: dict[int, int]) -> list[outbox.Claimed]:
            claimed = super()._claim(limit, held)
            self.loop.call_soon_threadsafe(self.stopping.set)  # the daemon is told to stop meanwhile
            return claimed

    async def scenario() -> tuple[int, bool]:
        s = settings()
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            deliverer = StoppedWhileClaiming(s, engine, dispatcher, clock=Clock())
            deliverer.loop = asyncio.get_running_loop()  # type: ignore[attr-defined]
            started = await deliverer.tick()
            return started, await deliverer.drain(timeout=5)

    assert asyncio.run(scenario()) == (0, True)
    assert http_server.requests_to("/hook") == []
    assert [(m.status, m.lease_until) for m in messages(engine)] == [("pending", None)] * 2  # due again at once


def test_a_message_that_crashes_the_renderer_is_a_dead_letter_and_the_rest_go(
    engine: Engine, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ir_feed.services import delivering

    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101", "NWB-102", "NWB-103")
    real = delivering.format_of

    def render(message: Any) -> bytes:
        if message.event["product"] == "NWB-102":
            raise TypeError("a bug")  # fault injection: no real input is known to do this
        return real("webhook").render(message)

    monkeypatch.setattr(delivering, "format_of", lambda name: dataclasses.replace(real(name), render=render))
    result = deliver(engine, Clock())
    assert (result.sent, result.delivered, result.dead) == (3, 2, 1)
    dead = [m for m in messages(engine) if m.status == "dead"]
    assert len(dead) == 1 and "internal error" in (dead[0].last_error or "")
    assert len(http_server.requests_to("/hook")) == 2


def test_a_disabled_subscription_is_counted_once(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(410))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", "NWB-101", "NWB-102", "NWB-103", "NWB-104")
    result = deliver(engine, Clock(), max_concurrency_per_subscription=4)
    assert (result.sent, result.dead, result.subscriptions_disabled) == (4, 4, 1)


def test_release_gives_back_the_leases_of_messages_still_held(engine: Engine) -> None:
    """At shutdown, after draining ran out of time: what is still held is due again at
    once for the next daemon, instead of after its lease."""
    from ir_feed.delivery import Attempt

    subscribe(engine, "dead", "https://receiver.example/hook")
    publish(engine, "1", "NWB-101", "NWB-102")

    class Silent:  # a fake of the network edge: an endpoint that never answers
        def __init__(self) -> None:
            self.release = asyncio.Event()

        async def deliver(self, msg: Any, sub: Any, *, body: bytes | None = None) -> Attempt:
            await self.release.wait()
            return Attempt(sub.id, msg.message_id, datetime.now(UTC), None, 15.0, "no answer", "timeout")

    async def scenario() -> tuple[int, bool, int, list[Any]]:
        dispatcher = Silent()
        deliverer = Deliverer(settings(), engine, dispatcher, clock=Clock())  # type: ignore[arg-type]
        started = await deliverer.tick()
        drained = await deliverer.drain(timeout=0.2)
        released = await deliverer.release()
        leases = [m.lease_until for m in await asyncio.to_thread(messages, engine)]
        dispatcher.release.set()
        await deliverer.drain(timeout=5)
        return started, drained, released, leases

    assert asyncio.run(scenario()) == (2, False, 2, [None, None])


def test_a_failing_database_during_a_claim_is_logged_and_not_retried_in_a_loop(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "a", http_server.url("/hook"))
    publish(engine, "1", *(f"NWB-{100 + i}" for i in range(12)))
    claims = 0

    class FailingSecondClaim(Deliverer):
        def _claim(self, limit: int, held: dict[int, int]) -> list[outbox.Claimed]:
            nonlocal claims
            claims += 1
            if claims > 1:
                raise RuntimeError("database went away")  # fault injection
            return super()._claim(limit, held)

    async def scenario() -> Any:
        s = settings(batch=4, max_concurrency_per_subscription=2)
        dispatcher, client = make_dispatcher(s, user_agent="t")
        async with client:
            return await FailingSecondClaim(s, engine, dispatcher, clock=Clock()).deliver_due()

    stream = io.StringIO()
    configure(LoggingSettings(level="INFO", format="json"), stream=stream)
    try:
        result = asyncio.run(scenario())
    finally:
        structlog.reset_defaults()
    assert result.delivered == 4 and claims == 2  # the first claim's messages went; then it stopped
    assert stream.getvalue().count('"delivery_claim_failed"') == 1
    assert sorted(m.status for m in messages(engine)).count("pending") == 8  # left for the next tick
