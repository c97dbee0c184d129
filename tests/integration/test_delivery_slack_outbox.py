"""A Slack subscription delivered through the real outbox: the diff fanned out,
claimed, rendered as Block Kit, POSTed unsigned to a local receiver and recorded
— on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select

from ir_feed.events import Designation
from ir_feed.models import Ticker
from ir_feed.services.delivering import Deliverer, DeliveryRound, make_dispatcher
from ir_feed.settings import DeliverySettings
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import AttemptRow, MessageRow
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.releases import press_release, store_release

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
EVIDENCE = "Northwind today announced that the FDA granted Fast Track designation to NWB-101 for IPF."
RELEASE_URL = "https://www.globenewswire.com/news-release/2026/05/01/3150001/0/en/northwind.html"


def settings() -> DeliverySettings:
    return DeliverySettings(allow_private_networks=True, timeout=5, batch=50)


def subscribe_slack(engine: Engine, name: str, url: str) -> None:
    with session_factory(engine, write=True).begin() as s:
        _row, generated = subs.add(
            s, name=name, url=url, format="slack", secret=None, filters=subs.filters_dict(), now=T0
        )
        assert generated is None  # Slack messages are not signed: no secret is made


def publish(engine: Engine) -> int:
    """Store a release stating one Fast Track designation; fan its diff out."""
    pr = press_release(
        "3150001",
        T0,
        (Ticker("NASDAQ", "NWBT"),),
        text=EVIDENCE,
        issuer="Northwind Biotherapeutics, Inc.",
        url=RELEASE_URL,
        title="Northwind Receives FDA Fast Track Designation for NWB-101",
    )
    event = Designation(True, "FDA", "fast_track", "NWB-101", "IPF", "granted", EVIDENCE, "nwbt|d|nwb101")
    return store_release(engine, pr, (event,), company="Northwind Biotherapeutics, Inc.", now=T0)


def deliver(engine: Engine) -> DeliveryRound:
    async def go() -> DeliveryRound:
        dispatcher, client = make_dispatcher(settings(), user_agent="ir-feed-test")
        async with client:
            return await Deliverer(settings(), engine, dispatcher, clock=lambda: T0).deliver_due()

    return asyncio.run(go())


def test_a_slack_subscription_gets_block_kit_unsigned_and_recorded(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/services/T0/B0/xyz", Response(200, body=b"ok"))
    subscribe_slack(engine, "slack-desk", http_server.url("/services/T0/B0/xyz"))
    assert publish(engine) == 1

    result = deliver(engine)
    assert (result.sent, result.delivered, result.retrying, result.dead) == (1, 1, 0, 0)

    (req,) = http_server.requests_to("/services/T0/B0/xyz")
    assert req.method == "POST" and req.headers["content-type"].startswith("application/json")
    assert "webhook-signature" not in req.headers  # the URL is the credential; nothing is signed
    body: dict[str, Any] = json.loads(req.body)
    assert "type" not in body and "data" not in body  # not the webhook contract
    blocks = body["blocks"]
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["type"] == "plain_text"
    header = blocks[0]["text"]["text"]
    assert "NASDAQ:NWBT" in header and "Northwind Biotherapeutics, Inc." in header and "Fast Track" in header
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert any(text == f"> {EVIDENCE}" for text in sections)
    (context,) = [b for b in blocks if b["type"] == "context"]
    link = context["elements"][0]["text"]
    assert link.startswith(f"<{RELEASE_URL}|Northwind Receives FDA Fast Track Designation for NWB-101>")
    assert body["text"].startswith("New: NASDAQ:NWBT Northwind Biotherapeutics, Inc.")

    with session_factory(engine)() as s:
        (msg,) = s.scalars(select(MessageRow)).all()
        assert (msg.status, msg.attempts, msg.last_status) == ("delivered", 1, 200)
        assert msg.delivered_at is not None
        (attempt,) = s.scalars(select(AttemptRow)).all()
        assert attempt.message_id == msg.id and attempt.status == 200 and attempt.error is None
    assert deliver(engine).sent == 0  # nothing left to send
