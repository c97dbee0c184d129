"""A webhook receiver down for days, on SQLite and PostgreSQL.

One deliverer and one dispatcher live through the whole outage, as in the daemon,
driven by a fake clock that jumps from one moment something is due to the next (a
message's next attempt, a release published every twelve hours, and at least one
tick an hour): days pass in a few hundred rounds, with no real waiting.  Requests
go to a real local receiver answering 503, or to a port nothing listens on
(connection refused); they are signed at the fake time, so the receiver sees the
spacing too.

What the retry policy promises (``ir_feed/delivery/retry.py``, docs/webhooks.md):
attempts after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, each
stretched by up to 20 %; a dead letter after the 10th failed attempt (about three
days); a subscription whose every delivery failed for five days disabled (that
message a dead letter too), and nothing queued for it after; the same
``webhook-id`` on every attempt, replay and retry.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import Engine, select

from ir_feed.delivery import SCHEDULE, Dispatcher, generate_secret, make_client
from ir_feed.events import Designation
from ir_feed.models import Ticker
from ir_feed.services.delivering import Deliverer
from ir_feed.settings import DeliverySettings
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import AttemptRow, DiffRow, MessageRow, SubscriptionRow
from tests.support.httpserver import LocalHTTPServer, Request, Response
from tests.support.releases import press_release, store_release

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SECRET = generate_secret()
MAX_DELAY = timedelta(seconds=max(SCHEDULE) * 1.2)  # the longest wait: 24 h, stretched by the jitter


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def publish(engine: Engine, n: int, now: datetime) -> None:
    """Release ``n``, stating one new fact: one diff, one message per subscription."""
    product = f"NWB-{100 + n}"
    release = press_release(
        str(3300000 + n), now, (Ticker("NASDAQ", "NWBT"),), text=f"{product} got Fast Track.", issuer="Northwind"
    )
    fact = Designation(
        True, "FDA", "fast_track", product, "IPF", "granted", f"{product} got Fast Track.", f"nwbt|d|{product}"
    )
    store_release(engine, release, [fact], company="Northwind Bio", now=now, extractor_version="t")


def subscribe(engine: Engine, url: str) -> None:
    with session_factory(engine, write=True).begin() as s:
        subs.add(s, name="desk", url=url, format="webhook", secret=SECRET, filters={}, now=T0)


def desk(engine: Engine) -> SubscriptionRow:
    with session_factory(engine)() as s:
        row = s.scalar(select(SubscriptionRow).where(SubscriptionRow.name == "desk"))
        assert row is not None
        return row


def messages(engine: Engine) -> dict[str, MessageRow]:
    """Every message by its ``webhook-id``, oldest first."""
    with session_factory(engine)() as s:
        return {m.public_id: m for m in s.scalars(select(MessageRow).order_by(MessageRow.id))}


def products_of(req: Request) -> str:
    product: str = json.loads(req.body)["data"]["event"]["product"]
    return product


@dataclass
class Outage:
    """The deliverer of a daemon that lives through the outage, and what it did when."""

    engine: Engine
    deliverer: Deliverer
    clock: Clock
    releases: list[datetime]  # when releases are published (each one new fact)
    attempts: dict[str, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    published: int = 0
    disabled_at: datetime | None = None
    _last_attempt_row: int = 0

    async def run_until(self, end: datetime) -> None:
        """Deliver whatever falls due, moment by moment, up to ``end`` included."""
        while True:
            while self.published < len(self.releases) and self.releases[self.published] <= self.clock.now:
                await asyncio.to_thread(publish, self.engine, self.published, self.clock.now)
                self.published += 1
            done = await self.deliverer.deliver_due()
            if done.subscriptions_disabled:
                self.disabled_at = self.clock.now
            waiting = await asyncio.to_thread(self._after_the_round)
            if self.clock.now >= end:
                return
            moments = [t for t in waiting if t > self.clock.now] + [self.clock.now + timedelta(hours=1), end]
            if self.published < len(self.releases):
                moments.append(self.releases[self.published])
            self.clock.now = min(moments)

    def _after_the_round(self) -> list[datetime]:
        """Note the attempts just made (at the fake time); check that nothing due was
        left behind and that the deliverer holds nothing; return when each waiting
        message is due next."""
        with session_factory(self.engine)() as s:
            made = s.execute(
                select(AttemptRow.id, MessageRow.public_id)
                .join(MessageRow, MessageRow.id == AttemptRow.message_id)
                .where(AttemptRow.id > self._last_attempt_row)
                .order_by(AttemptRow.id)
            ).all()
            waiting = s.execute(
                select(MessageRow.next_attempt_at, MessageRow.lease_until, SubscriptionRow.enabled)
                .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
                .where(MessageRow.status.in_(("pending", "retrying")))
            ).all()
        for row_id, public_id in made:
            self.attempts[public_id].append(self.clock.now)
            self._last_attempt_row = row_id
        for next_at, lease, enabled in waiting:
            assert lease is None  # recorded: nothing held
            assert next_at > self.clock.now or not enabled, "a due message was left behind"
        d = self.deliverer  # days of failures leave nothing behind in memory either
        assert not (d._sending or d._per_subscription or d._lanes or d._senders or d._tasks or d._unrecorded)
        return [next_at for next_at, _lease, enabled in waiting if enabled]


def outage(engine: Engine, clock: Clock, releases: list[datetime], **kw: Any) -> tuple[Outage, Any]:
    settings = DeliverySettings(**({"allow_private_networks": True, "timeout": 5} | kw))
    client = make_client(
        allow_private_networks=True, timeout=settings.timeout, max_connections=16, user_agent="ir-feed-test"
    )
    dispatcher = Dispatcher(
        client,
        timeout=settings.timeout,
        max_concurrency_per_subscription=settings.max_concurrency_per_subscription,
        now=clock,  # signed at the fake time: the receiver sees the spacing
    )
    deliverer = Deliverer(settings, engine, dispatcher, clock=clock, rng=random.Random(20260601))
    return Outage(engine, deliverer, clock, releases), client


def assert_spaced_by_the_schedule(times: list[datetime]) -> None:
    """Attempt n+1 came SCHEDULE[n] after attempt n, stretched by at most 20 %."""
    assert 1 <= len(times) <= len(SCHEDULE)
    for n, (before, after) in enumerate(pairwise(times), start=1):
        waited = (after - before).total_seconds()
        assert SCHEDULE[n] <= waited <= SCHEDULE[n] * 1.2, (n, waited)


def stamps(requests: list[Request]) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = defaultdict(list)
    for r in requests:
        seen[r.headers["webhook-id"]].append(int(r.headers["webhook-timestamp"]))
    return seen


def test_a_receiver_answering_503_for_four_days_gets_its_backlog_on_schedule_once_it_is_back(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(503, {"Content-Type": "text/plain"}, "maintenance"))
    subscribe(engine, http_server.url("/hook"))
    clock = Clock()
    releases = [T0 + k * timedelta(hours=12) for k in range(8)]  # one new fact every 12 h, for 3.5 days
    back = T0 + 4 * DAY

    async def scenario() -> Outage:
        run, client = outage(engine, clock, releases)
        async with client:
            await run.run_until(back - timedelta(seconds=1))
            sub = desk(engine)
            assert (sub.enabled, sub.failing_since, sub.last_success_at) == (True, T0, None)  # failing, not disabled
            http_server.route("/hook", Response(204))
            await run.run_until(back + 2 * DAY)
        return run

    run = asyncio.run(scenario())
    received = http_server.requests
    during = [r for r in received if int(r.headers["webhook-timestamp"]) < back.timestamp()]
    after = received[len(during) :]
    rows = messages(engine)
    assert len(rows) == 8 and run.attempts.keys() == rows.keys()
    for public_id, m in rows.items():
        times = run.attempts[public_id]
        assert times[0] == m.created_at  # the first attempt at once
        assert_spaced_by_the_schedule(times)
        # the receiver saw every attempt, under the message's one id, at those times
        assert stamps(received)[public_id] == [int(t.timestamp()) for t in times]
        if m.status == "dead":  # only when the 10th attempt failed, before the receiver came back
            assert len(times) == 10 and times[-1] < back
            assert m.last_error == "HTTP 503; 10 attempts failed, the last with HTTP 503"
        else:  # delivered by its next scheduled attempt, with no one doing anything
            assert m.status == "delivered" and m.delivered_at == times[-1]
            assert back <= times[-1] <= times[-2] + MAX_DELAY
            assert all(t < back for t in times[:-1])
    dead = [i for i, m in rows.items() if m.status == "dead"]
    assert dead and len(dead) < 8  # the oldest outlived the schedule; the others did not
    # each delivered message answered 2xx exactly once, and nothing was sent twice after
    assert sorted(r.headers["webhook-id"] for r in after) == sorted(i for i in rows if i not in dead)
    sub = desk(engine)
    assert (sub.enabled, sub.failing_since) == (True, None)
    assert sub.last_success_at == max(m.delivered_at for m in rows.values() if m.delivered_at)
    assert run.disabled_at is None


def test_a_receiver_refusing_connections_for_a_week_is_disabled_after_five_days_and_replayed_without_loss(
    engine: Engine,
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subscribe(engine, f"http://127.0.0.1:{port}/hook")
    clock = Clock()
    releases = [T0 + k * timedelta(hours=12) for k in range(14)]  # one new fact every 12 h, for a week
    end = T0 + 7 * DAY

    async def scenario() -> tuple[Outage, dict[str, list[datetime]], list[Request], dict[str, MessageRow]]:
        run, client = outage(engine, clock, releases, max_concurrency_per_subscription=1)
        async with client:
            await run.run_until(end)
            tried = {public_id: list(times) for public_id, times in run.attempts.items()}
            before = messages(engine)
            with LocalHTTPServer(port=port) as receiver:  # back, at the same address
                receiver.route("/hook", Response(204))
                with session_factory(engine, write=True).begin() as s:  # subscriptions resume; deliveries replay
                    assert subs.set_enabled(s, "desk", enabled=True, reason=None, now=clock.now)
                    assert outbox.replay(s, subscription="desk", since=T0, ticker=None, now=clock.now) == 14
                await run.run_until(end + timedelta(hours=1))
                return run, tried, receiver.requests, before

    run, tried, received, before = asyncio.run(scenario())
    disabled_at = run.disabled_at
    assert disabled_at is not None
    tripped = min(t for times in tried.values() for t in times if t >= T0 + 5 * DAY)
    assert disabled_at == tripped  # the first failure once every delivery had failed for 5 days
    assert max(t for times in tried.values() for t in times) == disabled_at  # and none after it, for two days
    with session_factory(engine)() as s:
        diffs = list(s.scalars(select(DiffRow.id).order_by(DiffRow.id)))
    assert len(diffs) == 14 and len(before) == 11  # diffs made while it was disabled queued nothing
    for public_id, m in before.items():
        times = tried[public_id]
        assert_spaced_by_the_schedule(times)
        if m.status == "dead" and len(times) == 10:
            assert m.last_error is not None and "10 attempts failed, the last with no response" in m.last_error
        elif m.status == "dead":  # the one whose failure disabled the subscription
            assert times[-1] == disabled_at and "every delivery failed for 5.0 days" in (m.last_error or "")
        else:  # still waiting, with attempts left: neither lost nor dead
            assert m.status == "retrying" and len(times) < 10
    assert sum(m.status == "dead" and len(tried[i]) < 10 for i, m in before.items()) == 1
    # back, resumed and replayed: every diff since the outage began is delivered once, in
    # the order the diffs were made, each message under the webhook-id it always had
    after = messages(engine)
    assert all(m.status == "delivered" for m in after.values()) and len(after) == 14
    assert [r.headers["webhook-id"] for r in received] == list(after)
    assert list(after)[:11] == list(before)
    assert [products_of(r) for r in received] == [f"NWB-{100 + n}" for n in range(14)]
    sub = desk(engine)
    assert (sub.enabled, sub.disabled_reason, sub.failing_since) == (True, None, None)
