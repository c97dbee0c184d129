"""Delivery formats as objects: what each one says (signed, paced, secret URL) is what the
requests, the subscriptions and the settings do, with no per-format branch elsewhere."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest

from ir_feed.api import schemas
from ir_feed.delivery import InvalidMessage, Subscription, build_request, generate_secret, probe_request
from ir_feed.delivery.formats import FORMAT_NAMES, FORMATS, format_of
from ir_feed.delivery.messages import Format
from ir_feed.errors import ConfigError
from ir_feed.settings import parse_settings
from tests.unit.delivery.builders import IND, TRIAL, WHEN, make_message


def _subscription(name: str) -> Subscription:
    secrets = (generate_secret(),) if FORMATS[name].signed else ()
    return Subscription(id="desk", url="https://hooks.example.com/in", secrets=secrets, format=name)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_a_request_is_the_formats_rendering_signed_exactly_when_the_format_is(name: str) -> None:
    fmt = format_of(name)
    sub = _subscription(name)
    for event in (IND, TRIAL):
        msg = make_message(event)
        request = build_request(msg, sub, WHEN)
        assert request.body == fmt.render(msg) and json.loads(request.body)
        assert ("webhook-signature" in dict(request.headers)) is fmt.signed
    probe = probe_request(sub, "msg_01ARZ3NDEKTSV4RRFFQ69G5FAV", WHEN)
    assert probe.body == fmt.render_probe("desk", WHEN)
    assert ("webhook-signature" in dict(probe.headers)) is fmt.signed


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_a_signed_format_needs_a_secret_and_an_unsigned_one_does_not(name: str) -> None:
    if FORMATS[name].signed:
        with pytest.raises(InvalidMessage, match="signing secret"):
            Subscription(id="desk", url="https://hooks.example.com/in", format=name)  # type: ignore[arg-type]
    else:
        assert Subscription(id="desk", url="https://hooks.example.com/in", format=name)  # type: ignore[arg-type]


def test_an_unknown_format_is_refused_everywhere() -> None:
    with pytest.raises(InvalidMessage, match="unknown subscription format 'teams'"):
        format_of("teams")
    with pytest.raises(InvalidMessage, match="unknown subscription format"):
        Subscription(id="desk", url="https://hooks.example.com/in", format="teams")  # type: ignore[arg-type]
    raw = {"delivery": {"subscriptions": [{"name": "desk", "url": "https://hooks.example.com/in", "format": "teams"}]}}
    with pytest.raises(ConfigError, match="format"):
        parse_settings(raw, base_dir=Path.cwd(), env={})


def test_the_settings_the_api_and_the_registry_name_the_same_formats() -> None:
    assert set(FORMAT_NAMES) == set(typing.get_args(Format))
    body = schemas.SubscriptionCreate.model_json_schema()
    assert set(body["properties"]["format"]["enum"]) == set(FORMAT_NAMES)
