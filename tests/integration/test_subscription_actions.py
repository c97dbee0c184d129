"""An operator's actions on a subscription (ir_feed.services.subscriptions) against real
local receivers, on SQLite and PostgreSQL: a change of filters or URL, a secret rotation
with its overlap (a fake clock), a test message."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address, IPv6Address, ip_address
from typing import Any

import pytest
from sqlalchemy import Engine, update
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import make_client
from ir_feed.errors import ConfigManaged, InvalidChange, NoSuchSubscription, NotSigned
from ir_feed.services import subscriptions as actions
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import MessageRow
from tests.integration.test_delivery_outbox import (
    SECRET,
    T0,
    Clock,
    deliver,
    messages,
    publish,
    settings,
    subscribe,
    subscription,
)
from tests.integration.test_subscription_sync import sync
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.webhooks import outbox_counts, verifies


def change(engine: Engine, name: str, c: actions.Change, *, at: Any = T0, **kw: Any) -> actions.Updated:
    delivery = kw.pop("delivery", settings())
    return asyncio.run(
        actions.update(
            session_factory(engine), session_factory(engine, write=True), name, c, settings=delivery, now=at, **kw
        )
    )


def rotate(engine: Engine, name: str, overlap: timedelta, at: Any = T0) -> actions.Rotated:
    return actions.rotate_secret(session_factory(engine, write=True), name, overlap=overlap, now=at)


def probe(engine: Engine, name: str, *, allow_private_networks: bool = True, resolver: Any = None) -> Any:
    async def go() -> actions.ProbeResult:
        kw = {"resolver": resolver} if resolver is not None else {}
        async with make_client(allow_private_networks=allow_private_networks, timeout=5, **kw) as client:
            # the real clock: the receiver checks webhook-timestamp against its own
            now = datetime.now(UTC)
            return await actions.send_test(session_factory(engine), name, client=client, timeout=5, now=now)

    return asyncio.run(go())


def test_new_filters_change_what_is_queued_and_delivered(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "desk", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")  # queued before the change: still sent
    updated = change(engine, "desk", actions.Change(filters={"tickers": ["clrq"], "kinds": ["designation"]}))
    assert updated.subscription["filters"]["tickers"] == ["CLRQ"] and updated.requeued == 0
    assert updated.subscription["filters"]["kinds"] == ["designation"]
    assert publish(engine, "2", "NWB-102") == 0  # NWBT: no longer wanted
    assert publish(engine, "3", "CRX-220", ticker="CLRQ") == 1
    assert deliver(engine, Clock()).delivered == 2
    products = [json.loads(r.body)["data"]["event"]["product"] for r in http_server.requests_to("/hook")]
    assert sorted(products) == ["CRX-220", "NWB-101"]
    # a filter left out keeps its value; an empty one means everything
    updated = change(engine, "desk", actions.Change(filters={"tickers": []}))
    assert updated.subscription["filters"]["tickers"] == [] and updated.subscription["filters"]["kinds"] == [
        "designation"
    ]
    assert publish(engine, "4", "NWB-104") == 1


def test_a_new_url_gets_the_waiting_retries_at_once_with_a_fresh_schedule(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/old", Response(500))
    http_server.route("/new", Response(200))
    subscribe(engine, "desk", http_server.url("/old"))
    publish(engine, "1", "NWB-101", "NWB-102")
    assert deliver(engine, Clock()).retrying == 2
    first, second = messages(engine)
    assert subscription(engine, "desk").failing_since is not None
    with session_factory(engine, write=True).begin() as s:  # deep into its retries, and a dead letter
        s.execute(
            update(MessageRow)
            .where(MessageRow.id == first.id)
            .values(attempts=9, next_attempt_at=T0 + timedelta(hours=20))
        )
        s.execute(update(MessageRow).where(MessageRow.id == second.id).values(status="dead", next_attempt_at=None))
    later = T0 + timedelta(minutes=1)
    updated = change(engine, "desk", actions.Change(url=http_server.url("/new")), at=later)
    assert updated.requeued == 1
    assert subscription(engine, "desk").failing_since is None  # another endpoint: no failure streak yet
    moved, dead = messages(engine)
    assert (moved.status, moved.attempts, moved.next_attempt_at) == ("retrying", 0, later)
    assert dead.status == "dead"  # dead letters stay dead (replay re-sends them)
    clock = Clock()
    clock.now = later
    assert deliver(engine, clock).delivered == 1
    (req,) = http_server.requests_to("/new")
    assert req.headers["webhook-id"] == first.public_id  # the same message, now at the new URL
    assert len(http_server.requests_to("/old")) == 2


def test_a_url_the_guard_refuses_changes_nothing(engine: Engine) -> None:
    subscribe(engine, "desk", "https://hooks.example.com/in")
    strict = settings(allow_private_networks=False)
    for url in ("http://127.0.0.1:8080/x", "http://169.254.169.254/latest", "http://[::1]/x"):
        with pytest.raises(InvalidChange) as refused:
            change(engine, "desk", actions.Change(url=url), delivery=strict)
        assert refused.value.field == "url" and refused.value.blocked
    with pytest.raises(InvalidChange, match="port"):
        change(engine, "desk", actions.Change(url="http://hooks.example.com:99999/x"), delivery=strict)
    with pytest.raises(InvalidChange) as bad_secret:
        change(engine, "desk", actions.Change(secret="whsec_tooshort"))
    assert bad_secret.value.field == "secret" and "tooshort" not in str(bad_secret.value)
    assert subscription(engine, "desk").url == "https://hooks.example.com/in"
    assert subscription(engine, "desk").secrets == [SECRET]


def test_rotation_signs_with_both_secrets_during_the_overlap_and_then_only_the_new(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "desk", http_server.url("/hook"))
    rotated = rotate(engine, "desk", timedelta(hours=1))
    new = rotated.secret
    assert new != SECRET and rotated.previous_secrets_expire_at == T0 + timedelta(hours=1)
    assert subs.public(subscription(engine, "desk"), T0)["previous_secrets_expire_at"] is not None
    clock = Clock()
    publish(engine, "1", "NWB-101")
    clock.now = T0 + timedelta(minutes=59)  # inside the overlap
    assert deliver(engine, clock).delivered == 1
    publish(engine, "2", "NWB-102")
    clock.now = T0 + timedelta(minutes=61)  # after it
    assert deliver(engine, clock).delivered == 1
    during, after = http_server.requests_to("/hook")
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert verifies(new, during) and verifies(SECRET, during)
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    assert verifies(new, after) and not verifies(SECRET, after)
    assert subs.public(subscription(engine, "desk"), clock.now)["previous_secrets_expire_at"] is None


def test_rotating_again_keeps_every_secret_still_signing_and_zero_overlap_stops_them(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    subscribe(engine, "desk", http_server.url("/hook"))
    second = rotate(engine, "desk", timedelta(hours=24)).secret
    third = rotate(engine, "desk", timedelta(hours=2), at=T0 + timedelta(hours=1)).secret
    publish(engine, "1", "NWB-101")
    clock = Clock()
    clock.now = T0 + timedelta(hours=2)
    deliver(engine, clock)
    (req,) = http_server.requests_to("/hook")
    assert all(verifies(s, req) for s in (SECRET, second, third))  # a receiver with the first still verifies
    leaked = rotate(engine, "desk", timedelta(0), at=clock.now).secret
    publish(engine, "2", "NWB-102")
    deliver(engine, clock)
    last = http_server.requests_to("/hook")[-1]
    assert verifies(leaked, last) and not any(verifies(s, last) for s in (SECRET, second, third))


def test_what_cannot_be_changed_is_refused_with_the_reason(engine: Engine) -> None:
    sync(engine, [{"name": "cfg", "url": "http://127.0.0.1:9/hook", "secret": SECRET}], allow_private_networks=True)
    with pytest.raises(ConfigManaged, match="config file"):
        change(engine, "cfg", actions.Change(filters={"kinds": ["designation"]}))
    with pytest.raises(ConfigManaged, match="space-separate"):
        rotate(engine, "cfg", timedelta(hours=1))
    paused = change(engine, "cfg", actions.Change(enabled=False))  # pausing is the operator's, as in the CLI
    assert paused.subscription["enabled"] is False and paused.subscription["disabled_reason"] == "paused"
    assert change(engine, "cfg", actions.Change(enabled=True)).subscription["enabled"] is True
    assert subscription(engine, "cfg").secrets == [SECRET]
    with session_factory(engine, write=True).begin() as s:
        subs.add(
            s,
            name="chat",
            url="https://hooks.slack.com/services/T/B/C",
            format="slack",
            secret=None,
            filters=subs.filters_dict(),
            now=T0,
        )
    with pytest.raises(NotSigned):
        rotate(engine, "chat", timedelta(hours=1))
    with pytest.raises(NoSuchSubscription):
        change(engine, "nobody", actions.Change(enabled=False))
    with pytest.raises(NoSuchSubscription):
        rotate(engine, "nobody", timedelta(hours=1))
    with pytest.raises(InvalidChange, match="7 days"):
        rotate(engine, "chat", timedelta(days=8))
    # made a webhook one, the Slack subscription gets a generated secret (shown once)
    made = change(
        engine, "chat", actions.Change(format="webhook", url="https://hooks.example.com/in"), resolver=_public_dns
    )
    assert made.secret is not None and subscription(engine, "chat").secrets == [made.secret]


async def _public_dns(host: str, port: int) -> Sequence[IPv4Address | IPv6Address]:
    return [ip_address("93.184.215.14")]


def test_a_test_message_reaches_the_receiver_and_writes_nothing(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(418, {"Content-Type": "text/plain"}, b"short and stout"))
    subscribe(engine, "desk", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")
    change(engine, "desk", actions.Change(enabled=False))  # paused: a test still goes
    before = outbox_counts(engine)
    result = probe(engine, "desk")
    assert result.attempt is not None and not result.ok
    assert (result.attempt.status, result.attempt.response_excerpt) == (418, "short and stout")
    (req,) = http_server.requests_to("/hook")
    assert req.headers["webhook-id"] == result.message_id
    assert result.message_id not in {m.public_id for m in messages(engine)}
    body = Webhook(SECRET).verify(req.body, dict(req.headers))  # signed as any message
    assert body["type"] == "ir_feed.test"
    assert outbox_counts(engine) == before  # no outbox message, no attempt
    assert subscription(engine, "desk").failing_since is None  # nor the subscription's health


def test_a_test_message_goes_through_the_ssrf_guard(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/hook", Response(200))
    subscribe(engine, "desk", f"http://receiver.example:{http_server.port}/hook")

    async def rebinding(host: str, port: int) -> Sequence[IPv4Address | IPv6Address]:
        return [ip_address("127.0.0.1")]  # the name now points at loopback

    result = probe(engine, "desk", allow_private_networks=False, resolver=rebinding)
    assert result.attempt is not None and result.attempt.error_kind == "blocked" and result.attempt.status is None
    assert http_server.requests == []
    with pytest.raises(NoSuchSubscription):
        probe(engine, "nobody")
