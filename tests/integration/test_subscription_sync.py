"""Subscriptions declared in config.yaml are synced to the database at start."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ir_feed.delivery import generate_secret
from ir_feed.services.delivering import sync_subscriptions
from ir_feed.settings import parse_settings
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import SubscriptionRow

NOW = datetime(2026, 5, 1, tzinfo=UTC)
SECRET = generate_secret()


def sync(engine: Engine, subscriptions: list[dict[str, Any]], **delivery: Any) -> dict[str, SubscriptionRow]:
    settings = parse_settings(
        {"delivery": {"subscriptions": subscriptions, **delivery}}, base_dir=Path("/"), env={}
    ).delivery
    asyncio.run(sync_subscriptions(settings, engine, now=NOW))
    with session_factory(engine)() as s:
        return {r.name: r for r in s.scalars(select(SubscriptionRow))}


def test_config_subscriptions_are_created_updated_and_retired(engine: Engine) -> None:
    desk = {
        "name": "desk",
        "url": "http://127.0.0.1:9/hook",
        "secret": SECRET,
        "tickers": ["nwbt"],
        "kinds": ["designation"],
    }
    rows = sync(engine, [desk], allow_private_networks=True)
    assert rows["desk"].enabled and rows["desk"].origin == "config"
    assert rows["desk"].secrets == [SECRET] and rows["desk"].filters["tickers"] == ["NWBT"]
    rotated = generate_secret()
    rows = sync(engine, [{**desk, "secret": f"{rotated} {SECRET}", "kinds": []}], allow_private_networks=True)
    assert rows["desk"].secrets == [rotated, SECRET] and rows["desk"].filters["kinds"] == []
    rows = sync(engine, [], allow_private_networks=True)
    assert not rows["desk"].enabled and rows["desk"].disabled_reason == "removed from config"
    rows = sync(engine, [desk], allow_private_networks=True)
    assert rows["desk"].enabled


def test_a_refused_url_disables_the_subscription_with_the_reason(engine: Engine) -> None:
    desk = {"name": "desk", "url": "http://169.254.169.254/latest", "secret": SECRET}
    rows = sync(engine, [desk])
    assert not rows["desk"].enabled
    assert (rows["desk"].disabled_reason or "").startswith("URL refused")
    ok = {**desk, "url": "http://127.0.0.1:9/hook"}
    rows = sync(engine, [ok], allow_private_networks=True)
    assert rows["desk"].enabled  # fixed in the config: enabled again


def test_a_disabled_for_failure_subscription_stays_disabled_across_restarts(engine: Engine) -> None:
    desk = {"name": "desk", "url": "http://127.0.0.1:9/hook", "secret": SECRET}
    sync(engine, [desk], allow_private_networks=True)
    with session_factory(engine, write=True).begin() as s:
        row = s.scalar(select(SubscriptionRow))
        assert row is not None
        row.enabled, row.disabled_reason = False, "endpoint answered 410 Gone"
    rows = sync(engine, [desk], allow_private_networks=True)
    assert not rows["desk"].enabled and rows["desk"].disabled_reason == "endpoint answered 410 Gone"


def test_an_unresolvable_host_at_start_keeps_the_subscription(engine: Engine) -> None:
    # A name that does not resolve (DNS not up yet) is no reason to disable: the
    # connect-time guard checks every attempt, and failures follow the retry policy.
    desk = {"name": "desk", "url": "https://ir-feed-test.invalid/services/T0/B0/SECRET", "secret": SECRET}
    rows = sync(engine, [desk])
    assert rows["desk"].enabled and rows["desk"].disabled_reason is None
