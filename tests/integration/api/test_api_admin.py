"""Auth refusals, subscriptions and deliveries through the real app on both backends."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest
import structlog
from sqlalchemy import Engine

from ir_feed.logs import configure
from ir_feed.settings import LoggingSettings
from ir_feed.store import outbox
from ir_feed.store.engine import session_factory
from tests.integration.api.conftest import ADMIN, READER, ApiClient, MakeClient, api_settings

READS = ["/v1/events", "/v1/events.atom", "/v1/events.json", "/v1/releases", "/v1/diffs", "/v1/feeds", "/metrics"]
ADMIN_CALLS: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/v1/subscriptions", None),
    ("GET", "/v1/subscriptions/x", None),
    ("POST", "/v1/subscriptions", {"name": "x", "url": "https://hooks.example.com/x"}),
    ("DELETE", "/v1/subscriptions/x", None),
    ("GET", "/v1/deliveries", None),
    ("POST", "/v1/deliveries/replay", {"subscription": "x", "since": "2026-01-01"}),
    ("POST", "/v1/deliveries/msg_01ARZ3NDEKTSV4RRFFQ69G5FAV/retry", None),
    ("GET", "/v1/deliveries/msg_01ARZ3NDEKTSV4RRFFQ69G5FAV", None),
    ("PATCH", "/v1/subscriptions/x", {"kinds": ["designation"]}),
    ("POST", "/v1/subscriptions/x/rotate-secret", {"overlap_seconds": 60}),
    ("POST", "/v1/subscriptions/x/test", None),
]


async def public_dns(host: str, port: int) -> Sequence[IPv4Address | IPv6Address]:
    """A resolver that puts every name on a public address (example.com's)."""
    return [ip_address("93.184.215.14")]


def call(client: ApiClient, method: str, path: str, body: dict[str, object] | None) -> int:
    return client.request(method, path, json=body).status_code


def test_without_a_token_configured_writes_are_refused_with_403(engine: Engine, make_client: MakeClient) -> None:
    client = make_client(settings=api_settings(), token=ADMIN)
    for method, path, body in ADMIN_CALLS:
        r = client.request(method, path, json=body)
        assert r.status_code == 403, path
        assert r.json()["error"]["code"] == "writes_disabled"
        assert "api.token" in r.json()["error"]["message"]
    for path in READS:  # reads are open
        assert client.get(path).status_code == 200, path


def test_admin_endpoints_need_the_admin_token(engine: Engine, make_client: MakeClient) -> None:
    settings = api_settings(token=ADMIN, read_token=READER)
    for token, expected in ((None, 401), ("wrong-token-0123456789", 401), (READER, 401)):
        client = make_client(settings=settings, token=token)
        for method, path, body in ADMIN_CALLS:
            r = client.request(method, path, json=body)
            assert r.status_code == expected, (token, path)
            assert r.headers["www-authenticate"].startswith("Bearer")
            assert r.json()["error"]["code"] == "unauthorized"
            assert ADMIN not in r.text and READER not in r.text
    admin = make_client(settings=settings, token=ADMIN, resolver=public_dns)
    assert [call(admin, m, p, b) for m, p, b in ADMIN_CALLS] == [200, 404, 201, 204, 200, 404, 404, 404, 404, 404, 404]


def test_reads_need_the_read_token_when_one_is_set(engine: Engine, make_client: MakeClient) -> None:
    settings = api_settings(token=ADMIN, read_token=READER)
    anonymous = make_client(settings=settings, token=None)
    wrong = make_client(settings=settings, token="not-the-read-token-123")
    reader = make_client(settings=settings, token=READER)
    admin = make_client(settings=settings, token=ADMIN)
    for path in READS:
        assert anonymous.get(path).status_code == 401, path
        assert wrong.get(path).status_code == 401, path
        assert reader.get(path).status_code == 200, path
        assert admin.get(path).status_code == 200, path
    # Health and the API description stay open.
    for path in ("/healthz", "/readyz", "/openapi.json"):
        assert anonymous.get(path).status_code == 200, path
    # A malformed Authorization header is a 401, not a crash.
    assert anonymous.get("/v1/events", headers={"Authorization": "Basic Zm9vOmJhcg=="}).status_code == 401
    assert anonymous.get("/v1/events", headers={"Authorization": "Bearer"}).status_code == 401


def test_subscribe_shows_the_secret_once_and_never_again(
    seeded: Engine, make_client: MakeClient, capsys: pytest.CaptureFixture[str]
) -> None:
    log = io.StringIO()
    configure(LoggingSettings(format="json"), stream=log)
    try:
        client = make_client(resolver=public_dns)
        r = client.post(
            "/v1/subscriptions",
            json={"name": "desk", "url": "https://hooks.example.com/ir?x=1", "tickers": ["nasdaq:nwbt"]},
        )
        assert r.status_code == 201, r.text
        created = r.json()
        secret = created["secret"]
        assert secret.startswith("whsec_")
        assert created["filters"]["tickers"] == ["NASDAQ:NWBT"] and created["origin"] == "api"
        slack = client.post(
            "/v1/subscriptions",
            json={"name": "slack", "url": "https://hooks.slack.com/services/T0/B0/XYZsecret", "format": "slack"},
        )
        assert slack.status_code == 201 and slack.json()["secret"] is None
        assert slack.json()["url"] == "https://hooks.slack.com/***"
        own = client.post(
            "/v1/subscriptions",
            json={"name": "own", "url": "https://hooks.example.com/own", "secret": secret},
        )
        assert own.status_code == 201 and own.json()["secret"] is None  # yours: not echoed
        listed = client.get("/v1/subscriptions")
        assert [s["name"] for s in listed.json()["data"]] == ["desk", "own", "slack"]
        one = client.get("/v1/subscriptions/desk")
        for body in (listed.text, one.text):
            assert secret not in body and "whsec_" not in body and "XYZsecret" not in body
        assert "secret" not in one.json()
        # The fan-out uses the new subscription: a diff of NWBT queues a message for it.
        deliveries = client.get("/v1/deliveries?subscription=desk").json()["data"]
        assert deliveries == []  # only diffs recorded after subscribing are queued
        replayed = client.post("/v1/deliveries/replay", json={"subscription": "desk", "since": "2026-01-01"})
        assert replayed.status_code == 202 and replayed.json() == {"subscription": "desk", "queued": 2}
        queued = client.get("/v1/deliveries?subscription=desk&status=pending").json()["data"]
        assert len(queued) == 2 and all(m["id"].startswith("msg_") for m in queued)
        assert {m["diff"]["event_key"].split("|")[0] for m in queued} == {"nwbt"}
        later = datetime.now(UTC) + timedelta(days=1)
        with session_factory(seeded, write=True).begin() as s:  # one failed attempt, as the deliverer records it
            claims = outbox.claim_due(s, later, lease=timedelta(minutes=1), limit=10)
            (claimed,) = [c for c in claims if c.public_id == queued[0]["id"]]
            failure = outbox.Outcome(
                claimed.id, claimed.subscription.id, 1, later, 503, 12, "HTTP 503", "status", "busy", "retrying", later
            )
            outbox.record(s, [failure], later)
        shown = client.get(f"/v1/deliveries/{queued[0]['id']}").json()
        assert shown["id"] == queued[0]["id"] and shown["status"] == "retrying"
        assert [(a["number"], a["status"], a["error"], a["response_excerpt"]) for a in shown["history"]] == [
            (1, 503, "HTTP 503", "busy")
        ]
        retried = client.post(f"/v1/deliveries/{queued[0]['id']}/retry")
        assert retried.status_code == 202 and retried.json()["status"] == "retrying"
        assert client.get("/v1/deliveries?status=retrying").json()["data"][0]["id"] == queued[0]["id"]
        failed = client.get("/v1/deliveries?status=failed").json()["data"]
        assert [m["id"] for m in failed] == [queued[0]["id"]]  # its last attempt failed
        assert client.delete("/v1/subscriptions/desk").status_code == 204
        assert client.get("/v1/subscriptions/desk").status_code == 404
        assert client.delete("/v1/subscriptions/desk").status_code == 404
    finally:
        structlog.reset_defaults()
    logged = log.getvalue() + capsys.readouterr().err
    assert "subscription_created" in logged
    for secret_text in (secret, "XYZsecret", ADMIN):
        assert secret_text not in logged


@pytest.mark.parametrize(
    ("body", "status", "code", "where"),
    [
        ({"name": "a", "url": "http://127.0.0.1:9/x"}, 422, "url_refused", "body.url"),
        ({"name": "a", "url": "http://169.254.169.254/latest"}, 422, "url_refused", "body.url"),
        ({"name": "a", "url": "ftp://hooks.example.com/x"}, 422, "url_refused", "body.url"),
        ({"name": "a", "url": "https://hooks.example.com/x", "secret": "hunter2"}, 422, "invalid_request", "secret"),
        ({"name": "no spaces", "url": "https://hooks.example.com/x"}, 422, "invalid_request", "body.name"),
        ({"name": "a", "url": "https://hooks.example.com/x", "kinds": ["merger"]}, 422, "invalid_request", "kinds"),
        ({"name": "a", "url": "https://hooks.example.com/x", "colour": "red"}, 422, "invalid_request", "colour"),
        ({"name": "a"}, 422, "invalid_request", "body.url"),
        ({"name": "a", "url": "https://x.example/" + "a" * 3000}, 422, "invalid_request", "body.url"),
    ],
)
def test_bad_subscriptions_are_refused_with_the_reason(
    engine: Engine, make_client: MakeClient, body: dict[str, object], status: int, code: str, where: str
) -> None:
    settings = api_settings(token=ADMIN).model_copy(
        update={"delivery": api_settings().delivery.model_copy(update={"allow_private_networks": False})}
    )
    client = make_client(settings=settings, resolver=public_dns)
    r = client.post("/v1/subscriptions", json=body)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code and where in error["message"]
    assert "hunter2" not in r.text  # an invalid secret is not echoed


def test_private_receivers_follow_allow_private_networks(engine: Engine, make_client: MakeClient) -> None:
    allowed = make_client()  # the fixture's settings allow private networks
    assert allowed.post("/v1/subscriptions", json={"name": "lan", "url": "http://127.0.0.1:9/x"}).status_code == 201
    dup = allowed.post("/v1/subscriptions", json={"name": "lan", "url": "http://127.0.0.1:9/y"})
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "conflict"
    bad_json = allowed.post("/v1/subscriptions", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 422 and bad_json.json()["error"]["code"] == "invalid_request"


def test_replay_and_deliveries_validate_their_input(seeded: Engine, client: ApiClient) -> None:
    with session_factory(seeded)() as s:
        assert outbox.queue_depth(s)[0] == 0
    assert client.post("/v1/deliveries/replay", json={"subscription": "x", "since": "soon"}).status_code == 422
    assert client.post("/v1/deliveries/replay", json={"subscription": "x"}).status_code == 422
    r = client.post("/v1/deliveries/replay", json={"subscription": "x", "since": "2026-01-01", "ticker": ":"})
    assert r.status_code == 422 and r.json()["error"]["message"].startswith("body.ticker: ")
    assert client.get("/v1/deliveries?status=lost").status_code == 422
    assert client.get("/v1/deliveries?limit=100000").status_code == 422
    assert client.post("/v1/deliveries/not-a-message/retry").status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "http://0x7f000001/x",  # loopback, hexadecimal
        "http://2130706433/x",  # loopback, one decimal number
        "http://0177.0.0.1/x",  # loopback, octal
        "http://127.1/x",  # loopback, short form
        "http://[::ffff:127.0.0.1]/x",  # loopback, IPv4-mapped IPv6
        "http://[::1]/x",  # IPv6 loopback
        "http://[fd00::1]/x",  # IPv6 unique local
        "http://0.0.0.0/x",
        "http://0xa9.0xfe.0xa9.0xfe/latest",  # the metadata address, hexadecimal parts
        "http://[::ffff:a9fe:a9fe]/latest",  # the metadata address, IPv4-mapped
        "http://10.0.0.1/x",
        "http://192.168.1.1/x",
        "http://100.64.0.1/x",  # carrier-grade NAT
        "http://localhost/x",
    ],
)
def test_encoded_private_addresses_are_refused_through_the_api(
    engine: Engine, make_client: MakeClient, url: str
) -> None:
    settings = api_settings(token=ADMIN).model_copy(
        update={"delivery": api_settings().delivery.model_copy(update={"allow_private_networks": False})}
    )
    client = make_client(settings=settings, resolver=public_dns)
    r = client.post("/v1/subscriptions", json={"name": "sneaky", "url": url})
    assert r.status_code == 422, (url, r.text)
    assert r.json()["error"]["code"] == "url_refused"
    assert client.get("/v1/subscriptions/sneaky").status_code == 404  # nothing stored
