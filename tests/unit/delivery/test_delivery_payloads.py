"""The webhook body: shape, determinism, no internal ids, and the published JSON Schema."""

from __future__ import annotations

import base64
import json
import math
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ir_feed.delivery import DiffMessage, InvalidMessage, render_webhook, sign
from tests.unit.delivery.builders import DESIGNATION, IND, RELEASE, TRIAL, WHEN, make_message

SCHEMA = json.loads((Path(__file__).parents[3] / "docs" / "webhook.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _body(msg: DiffMessage) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_webhook(msg))
    return data


@pytest.mark.parametrize("event", [DESIGNATION, IND, TRIAL], ids=lambda e: e["kind"])
@pytest.mark.parametrize("diff_type", ["event.created", "event.updated", "event.retracted"])
def test_every_kind_and_diff_type_matches_the_published_schema(event: dict[str, Any], diff_type: str) -> None:
    changes = {"status": {"old": "planned", "new": event["status"]}} if diff_type == "event.updated" else {}
    body = _body(make_message(event, diff_type=diff_type, changes=changes))
    VALIDATOR.validate(body)
    assert body["type"] == diff_type
    assert body["timestamp"] == "2025-01-07T12:30:00Z"
    assert body["data"]["changes"] == changes
    assert body["data"]["event"]["issuer"] == event["issuer"]


def test_the_documented_example_is_what_we_render() -> None:
    doc = (Path(__file__).parents[3] / "docs" / "webhooks.md").read_text()
    example = doc.split("<!-- example-body -->")[1].split("```json")[1].split("```")[0]
    documented = json.loads(example)
    VALIDATOR.validate(documented)
    msg = make_message(
        diff_type="event.updated",
        changes={"status": {"old": "applied", "new": "granted"}},
    )
    assert _body(msg) == documented

    headers_text = doc.split("<!-- example-headers -->")[1].split("```")[1]
    headers = dict(line.split(": ", 1) for line in headers_text.strip().splitlines())
    secret = "whsec_" + base64.b64encode(bytes(range(32))).decode()
    assert headers["webhook-id"] == msg.message_id
    assert headers["webhook-signature"] == sign(
        msg.message_id, int(headers["webhook-timestamp"]), render_webhook(msg), [secret]
    )


def test_the_body_is_compact_deterministic_utf8() -> None:
    event = {**DESIGNATION, "evidence": "Zürich-based — ALLO-329 “granted”"}
    first = render_webhook(make_message(event))
    assert first == render_webhook(make_message(event))
    compact = json.dumps(json.loads(first), ensure_ascii=False, separators=(",", ":")).encode()
    assert first == compact
    assert "Zürich".encode() in first  # real UTF-8, not \\u escapes
    assert list(json.loads(first)) == ["type", "timestamp", "data"]


def test_internal_fields_never_reach_the_payload() -> None:
    event = {
        **DESIGNATION,
        "id": 42,
        "release_id": 7,
        "extractor_version": "3",
        "issuer": {**DESIGNATION["issuer"], "id": 9},
    }
    release = {**RELEASE, "row_id": 11, "feed_id": 3, "content_hash": "abc"}
    changes = {"status": {"old": "applied", "new": "granted"}, "updated_at": {"old": 1, "new": 2}}
    body = _body(make_message(event, diff_type="event.updated", changes=changes, release=release))
    assert "id" not in body["data"]["event"] and "release_id" not in body["data"]["event"]
    assert "id" not in body["data"]["event"]["issuer"]
    assert set(body["data"]["release"]) == {"id", "url", "title", "published_at", "tickers"}
    assert body["data"]["release"]["id"] == "globenewswire.com:2998811"
    assert body["data"]["changes"] == {"status": {"old": "applied", "new": "granted"}}
    VALIDATOR.validate(body)


def test_dates_and_offsets_are_rendered_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    event = {**TRIAL, "window_start": date(2025, 1, 1), "window_end": date(2025, 6, 30)}
    release = {**RELEASE, "published_at": "2025-01-07T14:30:00+02:00"}
    msg = DiffMessage(
        message_id="msg_" + "A" * 26,
        diff_type="event.created",
        occurred_at=datetime(2025, 1, 7, 14, 30, 0, 250_000, tzinfo=plus_two),
        event=event,
        changes={},
        release=release,
    )
    body = _body(msg)
    assert body["timestamp"] == "2025-01-07T12:30:00.250000Z"
    assert body["data"]["release"]["published_at"] == "2025-01-07T12:30:00Z"
    assert body["data"]["event"]["window_start"] == "2025-01-01"
    VALIDATOR.validate(body)


def test_unrenderable_values_are_refused() -> None:
    with pytest.raises(InvalidMessage, match="JSON"):
        render_webhook(make_message({**DESIGNATION, "product": math.nan}))
    with pytest.raises(InvalidMessage, match="object"):
        render_webhook(make_message({**DESIGNATION, "product": object()}))
    with pytest.raises(InvalidMessage, match="aware"):
        render_webhook(make_message(release={**RELEASE, "published_at": datetime(2025, 1, 1)}))


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("message_id", "msg_short", "26"),
        ("message_id", "evt_" + "A" * 26, "26"),
        ("diff_type", "event.deleted", "diff type"),
        ("occurred_at", datetime(2025, 1, 1), "aware"),
        ("event", {"key": "x"}, "kind"),
        ("changes", {"status": {"new": "x"}}, "old"),
    ],
)
def test_messages_are_checked_when_built(field: str, value: Any, problem: str) -> None:
    fields: dict[str, Any] = {
        "message_id": "msg_" + "0" * 26,
        "diff_type": "event.created",
        "occurred_at": WHEN,
        "event": DESIGNATION,
        "changes": {},
        "release": RELEASE,
    }
    with pytest.raises(InvalidMessage, match=problem):
        DiffMessage(**{**fields, field: value})
