"""Standard Webhooks signing, verified with the reference ``standardwebhooks`` library."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from ir_feed.delivery import (
    InvalidSecret,
    Subscription,
    build_request,
    generate_secret,
    render_webhook,
    sign,
    validate_secret,
    webhook_request,
)
from tests.unit.delivery.builders import make_message

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()


def _sub(*secrets: str) -> Subscription:
    return Subscription(id="sub_1", url="https://hooks.example.com/in", secrets=secrets or (SECRET,))


def test_generated_secrets_are_prefixed_base64_of_random_bytes() -> None:
    seen = set()
    for size in (24, 32, 64):
        secret = generate_secret(size)
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret[6:], validate=True)) == size
        assert validate_secret(secret) == secret
        seen.add(secret)
    assert len(seen) == 3
    with pytest.raises(ValueError, match="24 to 64"):
        generate_secret(16)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        base64.b64encode(bytes(32)).decode(),  # no prefix
        "whsec_",
        "whsec_not base64!!",
        "whsec_" + base64.b64encode(bytes(16)).decode(),  # too short
        "whsec_" + base64.b64encode(bytes(65)).decode(),  # too long
        "whsec_" + base64.b64encode(bytes(32)).decode().rstrip("="),  # unpadded
        "whsec_" + base64.urlsafe_b64encode(b"\xff" * 32).decode(),  # URL-safe alphabet
    ],
)
def test_malformed_secrets_are_refused_without_echoing_them(bad: str) -> None:
    with pytest.raises(InvalidSecret) as info:
        validate_secret(bad)
    assert bad[6:] not in str(info.value) or not bad[6:]


def test_signature_matches_the_reference_implementation() -> None:
    body = b'{"a":1}'
    ours = sign("msg_1", 1_700_000_000, body, [SECRET])
    theirs = Webhook(SECRET).sign("msg_1", datetime.fromtimestamp(1_700_000_000, UTC), body.decode())
    assert ours == theirs


def test_a_signed_request_verifies_with_standardwebhooks() -> None:
    msg = make_message()
    headers, body = webhook_request(msg, _sub(), datetime.now(UTC))
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == msg.message_id
    assert body == render_webhook(msg)
    payload = Webhook(SECRET).verify(body, headers)
    assert payload["type"] == "event.created"
    assert payload == json.loads(body)


def test_a_tampered_body_fails_verification() -> None:
    headers, body = webhook_request(make_message(), _sub(), datetime.now(UTC))
    tampered = body.replace(b'"granted"', b'"planned"')
    assert tampered != body
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(tampered, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(body, headers)  # another subscriber's secret


def test_a_stale_timestamp_fails_verification() -> None:
    headers, body = webhook_request(make_message(), _sub(), datetime.now(UTC) - timedelta(minutes=10))
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(SECRET).verify(body, headers)


def test_rotation_signs_with_every_active_secret() -> None:
    new = generate_secret()
    headers, body = webhook_request(make_message(), _sub(new, SECRET), datetime.now(UTC))
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert all(part.startswith("v1,") for part in headers["webhook-signature"].split(" "))
    Webhook(new).verify(body, headers)
    Webhook(SECRET).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(body, headers)


def test_retries_keep_id_and_body_but_sign_a_fresh_timestamp() -> None:
    msg = make_message()
    first_at = datetime(2025, 1, 7, 12, 0, 0, 900_000, tzinfo=UTC)
    first_headers, first_body = webhook_request(msg, _sub(), first_at)
    later_headers, later_body = webhook_request(msg, _sub(), first_at + timedelta(minutes=5), body=first_body)
    assert first_body == later_body
    assert first_headers["webhook-id"] == later_headers["webhook-id"] == msg.message_id
    assert first_headers["webhook-timestamp"] == str(int(first_at.timestamp()))  # floored unix seconds
    assert int(later_headers["webhook-timestamp"]) - int(first_headers["webhook-timestamp"]) == 300
    assert first_headers["webhook-signature"] != later_headers["webhook-signature"]


def test_slack_requests_are_not_signed() -> None:
    sub = Subscription(id="s", url="https://hooks.slack.com/services/T/B/x", format="slack")
    request = build_request(make_message(), sub, datetime.now(UTC))
    assert dict(request.headers) == {"content-type": "application/json"}
    assert "hooks.slack.com" not in repr(request)
    assert "blocks" in json.loads(request.body)


def test_subscriptions_need_a_valid_secret_and_hide_it() -> None:
    with pytest.raises(InvalidSecret):
        Subscription(id="s", url="https://x.example", secrets=("nope",))
    with pytest.raises(ValueError, match="at least one signing secret"):
        Subscription(id="s", url="https://x.example")
    assert SECRET not in repr(_sub())
    with pytest.raises(ValueError, match=r"aware"):
        webhook_request(make_message(), _sub(), datetime(2025, 1, 1))
