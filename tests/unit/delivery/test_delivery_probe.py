"""An operator's test message: built and signed like a diff message, verified with the
reference ``standardwebhooks`` library; Slack gets a note, unsigned."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import Subscription, generate_secret, probe_request

MSG = "msg_01ARZ3NDEKTSV4RRFFQ69G5FAV"


def _now() -> datetime:
    """The real time, read when the test runs: verify() checks the timestamp against the real
    clock with a five-minute tolerance (a time read at import, when the suite starts, would be
    too old by the time a long suite reaches this test)."""
    return datetime.now(UTC).replace(microsecond=0)


def test_a_test_message_is_signed_with_every_active_secret() -> None:
    new, old = generate_secret(), generate_secret()
    sub = Subscription(id="desk", url="https://hooks.example.com/in", secrets=(new, old))
    now = _now()
    request = probe_request(sub, MSG, now)
    headers = dict(request.headers)
    assert headers["webhook-id"] == MSG and headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (new, old):
        payload = Webhook(secret).verify(request.body, headers)
        assert payload["type"] == "ir_feed.test" and payload["data"]["subscription"] == "desk"
    assert request.url == sub.url and request.format == "webhook"
    # the body is compact JSON, exactly what was signed
    assert request.body == json.dumps(json.loads(request.body), separators=(",", ":"), ensure_ascii=False).encode()


def test_a_slack_test_message_is_a_note_and_not_signed() -> None:
    sub = Subscription(id="chat<x>", url="https://hooks.slack.com/services/T/B/C", format="slack")
    request = probe_request(sub, MSG, _now())
    headers = dict(request.headers)
    assert headers == {"content-type": "application/json"}
    body = json.loads(request.body)
    assert body["blocks"][0]["type"] == "header" and "test message" in body["text"]
    assert "chat&lt;x&gt;" in body["blocks"][1]["text"]["text"]  # escaped for mrkdwn
