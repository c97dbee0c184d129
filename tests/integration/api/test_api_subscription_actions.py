"""``PATCH /v1/subscriptions/{name}``, ``POST .../rotate-secret`` and ``POST .../test``
through the real app on both backends, with real receivers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import pytest
import structlog
from sqlalchemy import Engine
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import generate_secret
from ir_feed.events import Designation
from ir_feed.logs import configure
from ir_feed.services.delivering import Deliverer, make_dispatcher, sync_subscriptions
from ir_feed.settings import LoggingSettings, parse_settings
from tests.integration.api.conftest import ADMIN, NOW, NWBT, ApiClient, MakeClient, api_settings, fast_track, store
from tests.integration.api.conftest import release as make_release
from tests.integration.api.test_api_admin import public_dns
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.webhooks import outbox_counts, verifies


def strict() -> Any:
    """The admin token, private receivers refused (the default)."""
    return api_settings(token=ADMIN).model_copy(
        update={"delivery": api_settings().delivery.model_copy(update={"allow_private_networks": False})}
    )


def real_clock() -> datetime:
    return datetime.now(UTC)


def deliver_at(engine: Engine, now: datetime) -> None:
    """What the daemon's deliverer does at ``now`` (claims and signing secrets by that clock)."""
    delivery = api_settings().delivery.model_copy(update={"timeout": 5})

    async def go() -> None:
        dispatcher, client = make_dispatcher(delivery, user_agent="ir-feed-test")
        async with client:
            await Deliverer(delivery, engine, dispatcher, clock=lambda: now).deliver_due()

    asyncio.run(go())


def subscribe(client: ApiClient, name: str, url: str, **fields: Any) -> str:
    r = client.post("/v1/subscriptions", json={"name": name, "url": url, **fields})
    assert r.status_code == 201, r.text
    secret: str = r.json()["secret"]
    return secret


def test_a_patch_of_the_filters_changes_what_is_delivered(
    engine: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    client = make_client()
    subscribe(client, "desk", http_server.url("/hook"), tickers=["CLRQ"])
    r = client.patch("/v1/subscriptions/desk", json={"tickers": ["nasdaq:nwbt"], "designations": ["fast_track"]})
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["filters"]["tickers"] == ["NASDAQ:NWBT"] and answer["filters"]["designations"] == ["fast_track"]
    assert answer["secret"] is None and answer["requeued"] == 0 and "whsec_" not in r.text
    assert client.get("/v1/subscriptions/desk").json()["filters"] == answer["filters"]
    store(engine, make_release("1", NOW, NWBT), (fast_track(),), "Northwind Bio")
    deliver_at(engine, NOW)
    (req,) = http_server.requests_to("/hook")  # with its old filters (CLRQ) nothing would have come
    assert req.headers["webhook-id"].startswith("msg_")
    # a filter set to null means everything again; the others stay
    r = client.patch("/v1/subscriptions/desk", json={"tickers": None})
    assert r.json()["filters"]["tickers"] == [] and r.json()["filters"]["designations"] == ["fast_track"]


@pytest.mark.parametrize(
    ("body", "code", "where"),
    [
        ({"url": "http://127.0.0.1:9/x"}, "url_refused", "body.url"),
        ({"url": "http://169.254.169.254/latest"}, "url_refused", "body.url"),
        ({"url": "http://[::ffff:127.0.0.1]/x"}, "url_refused", "body.url"),
        ({"url": "ftp://hooks.example.com/x"}, "url_refused", "body.url"),
        ({"url": "https://hooks.example.com:0/x"}, "invalid_request", "body.url"),
        ({"url": None}, "invalid_request", "body.url"),
        ({"format": "email"}, "invalid_request", "body.format"),
        ({"secret": "hunter2"}, "invalid_request", "body.secret"),
        ({"kinds": ["merger"]}, "invalid_request", "body.kinds"),
        ({"tickers": [":"]}, "invalid_request", "body.tickers"),
        ({"enabled": None}, "invalid_request", "body.enabled"),
        ({"colour": "red"}, "invalid_request", "colour"),
        ({"name": "other"}, "invalid_request", "name"),  # the name is the subscription's identity
    ],
)
def test_a_patch_is_checked_as_a_new_subscription_is(
    engine: Engine, make_client: MakeClient, body: dict[str, Any], code: str, where: str
) -> None:
    client = make_client(settings=strict(), resolver=public_dns)
    subscribe(client, "desk", "https://hooks.example.com/in")
    before = client.get("/v1/subscriptions/desk").json()
    r = client.patch("/v1/subscriptions/desk", json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == code and where in error["message"], error
    assert "hunter2" not in r.text
    assert client.get("/v1/subscriptions/desk").json() == before  # nothing changed


def test_a_patch_of_the_url_pause_and_format(engine: Engine, make_client: MakeClient) -> None:
    client = make_client(resolver=public_dns)
    subscribe(client, "desk", "https://hooks.example.com/in")
    r = client.patch("/v1/subscriptions/desk", json={"url": "https://other.example.com/in?token=abc", "enabled": False})
    assert r.status_code == 200, r.text
    assert r.json()["url"] == "https://other.example.com/in?token=***"  # shown masked, as ever
    assert (r.json()["enabled"], r.json()["disabled_reason"]) == (False, "paused")
    assert client.patch("/v1/subscriptions/desk", json={"enabled": True}).json()["enabled"] is True
    # a Slack subscription made a webhook one gets a secret, shown this once
    slack = {"url": "https://hooks.slack.com/services/T0/B0/XYZsecret", "format": "slack"}
    assert client.post("/v1/subscriptions", json={"name": "chat", **slack}).status_code == 201
    made = client.patch("/v1/subscriptions/chat", json={"format": "webhook", "url": "https://hooks.example.com/c"})
    assert made.status_code == 200 and made.json()["secret"].startswith("whsec_")
    assert "whsec_" not in client.get("/v1/subscriptions/chat").text
    assert client.patch("/v1/subscriptions/nobody", json={}).status_code == 404


def test_a_config_subscription_can_be_paused_but_not_changed(engine: Engine, make_client: MakeClient) -> None:
    configured = parse_settings(
        {
            "delivery": {
                "allow_private_networks": True,
                "subscriptions": [{"name": "cfg", "url": "http://127.0.0.1:9/h", "secret": generate_secret()}],
            }
        },
        base_dir=Path("/"),
        env={},
    ).delivery
    asyncio.run(sync_subscriptions(configured, engine, now=NOW))
    client = make_client()
    for path, body in (
        ("/v1/subscriptions/cfg", {"kinds": ["designation"]}),
        ("/v1/subscriptions/cfg", {"url": "http://127.0.0.1:9/other"}),
        ("/v1/subscriptions/cfg/rotate-secret", None),
    ):
        method = "PATCH" if body is not None else "POST"
        r = client.request(method, path, json=body)
        assert r.status_code == 409, r.text
        assert r.json()["error"]["code"] == "config_managed" and "config file" in r.json()["error"]["message"]
    assert client.patch("/v1/subscriptions/cfg", json={"enabled": False}).json()["disabled_reason"] == "paused"
    assert client.get("/v1/subscriptions/cfg").json()["filters"]["kinds"] == []


def test_rotation_shows_the_new_secret_once_and_both_sign_during_the_overlap(
    engine: Engine, make_client: MakeClient, http_server: LocalHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    http_server.route("/hook", Response(204))
    log = io.StringIO()
    configure(LoggingSettings(format="json"), stream=log)
    try:
        client = make_client()
        old = subscribe(client, "desk", http_server.url("/hook"))
        r = client.post("/v1/subscriptions/desk/rotate-secret", json={"overlap_seconds": 3600})
        assert r.status_code == 200, r.text
        new = r.json()["secret"]
        assert new.startswith("whsec_") and new != old
        assert r.json()["previous_secrets_expire_at"] == "2026-03-01T13:00:00Z"  # NOW + 1 h (the app's clock)
        shown = client.get("/v1/subscriptions/desk")
        assert shown.json()["previous_secrets_expire_at"] == "2026-03-01T13:00:00Z"
        for text in (shown.text, client.get("/v1/subscriptions").text):
            assert new not in text and old not in text and "whsec_" not in text
        store(engine, make_release("1", NOW, NWBT), (fast_track(),), "Northwind Bio")
        deliver_at(engine, NOW + timedelta(minutes=30))
        orphan = Designation(True, "FDA", "orphan_drug", "NWB-101", "IPF", "granted", "NWB-101 got ODD.", "nwbt|od")
        store(engine, make_release("2", NOW, NWBT), (orphan,), "Northwind Bio")
        deliver_at(engine, NOW + timedelta(hours=2))
    finally:
        structlog.reset_defaults()
    during, after = http_server.requests_to("/hook")
    assert verifies(old, during) and verifies(new, during)
    assert verifies(new, after) and not verifies(old, after)
    logged = log.getvalue() + capsys.readouterr().err
    assert "subscription_secret_rotated" in logged
    assert new not in logged and old not in logged


def test_rotation_is_bounded_and_refused_for_what_is_not_signed(engine: Engine, make_client: MakeClient) -> None:
    client = make_client(resolver=public_dns)
    subscribe(client, "desk", "https://hooks.example.com/in")
    default = client.post("/v1/subscriptions/desk/rotate-secret")
    assert default.status_code == 200 and default.json()["previous_secrets_expire_at"] == "2026-03-02T12:00:00Z"
    at_once = client.post("/v1/subscriptions/desk/rotate-secret", json={"overlap_seconds": 0})
    assert at_once.status_code == 200 and at_once.json()["previous_secrets_expire_at"] is None
    assert client.get("/v1/subscriptions/desk").json()["previous_secrets_expire_at"] is None
    for body in ({"overlap_seconds": 7 * 86400 + 1}, {"overlap_seconds": -1}, {"overlap": "24h"}):
        r = client.post("/v1/subscriptions/desk/rotate-secret", json=body)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request", body
    slack = {"name": "chat", "url": "https://hooks.slack.com/services/T0/B0/X", "format": "slack"}
    assert client.post("/v1/subscriptions", json=slack).status_code == 201
    r = client.post("/v1/subscriptions/chat/rotate-secret")
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_signed"
    assert client.post("/v1/subscriptions/nobody/rotate-secret").status_code == 404


def test_the_test_endpoint_answers_what_the_receiver_answered_and_queues_nothing(
    seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(503, {"Content-Type": "text/plain"}, "busy " * 400))
    client = make_client(clock=real_clock)  # the receiver checks webhook-timestamp against its clock
    secret = subscribe(client, "desk", http_server.url("/hook"))
    assert client.post("/v1/deliveries/replay", json={"subscription": "desk", "since": "2026-01-01"}).status_code == 202
    before = outbox_counts(seeded)
    r = client.post("/v1/subscriptions/desk/test")
    assert r.status_code == 200, r.text
    answer = r.json()
    assert (answer["ok"], answer["status"], answer["error_kind"]) == (False, 503, "status")
    assert answer["response_excerpt"].startswith("busy busy") and len(answer["response_excerpt"]) <= 1024
    assert answer["latency_ms"] >= 0 and answer["url"] == http_server.url("/hook")
    (req,) = http_server.requests_to("/hook")
    assert req.headers["webhook-id"] == answer["message_id"]
    body = Webhook(secret).verify(req.body, dict(req.headers))
    assert body["type"] == "ir_feed.test" and body["data"]["subscription"] == "desk"
    assert outbox_counts(seeded) == before  # the queue's real messages are untouched, no attempt recorded
    queued = client.get("/v1/deliveries?subscription=desk").json()["data"]
    assert answer["message_id"] not in {m["id"] for m in queued} and all(m["attempts"] == 0 for m in queued)
    http_server.route("/hook", Response(200, body=b"ok"))
    assert client.post("/v1/subscriptions/desk/test").json()["ok"] is True
    assert client.post("/v1/subscriptions/nobody/test").status_code == 404


def test_the_test_endpoint_never_gets_past_the_ssrf_guard(
    engine: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    """A receiver's name that resolved to a public address when subscribing and to
    loopback now: the test is refused at connect time, like any delivery."""
    http_server.route("/hook", Response(200))
    answers = {"public": True}

    async def rebinding(host: str, port: int) -> Any:
        return await public_dns(host, port) if answers["public"] else [ip_address("127.0.0.1")]

    client = make_client(settings=strict(), resolver=rebinding, clock=real_clock)
    subscribe(client, "desk", f"http://receiver.example:{http_server.port}/hook")
    answers["public"] = False
    r = client.post("/v1/subscriptions/desk/test")
    assert r.status_code == 200, r.text
    assert (r.json()["ok"], r.json()["status"], r.json()["error_kind"]) == (False, None, "blocked")
    assert http_server.requests == []


def test_a_slack_subscription_gets_an_unsigned_test_note(
    engine: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    http_server.route("/slack", Response(200, body=b"ok"))
    client = make_client()
    r = client.post("/v1/subscriptions", json={"name": "chat", "url": http_server.url("/slack"), "format": "slack"})
    assert r.status_code == 201
    answer = client.post("/v1/subscriptions/chat/test").json()
    assert answer["ok"] is True and answer["url"].endswith("/***")  # a Slack URL is a credential
    (req,) = http_server.requests_to("/slack")
    assert "webhook-signature" not in req.headers and b"test message" in req.body
