"""``/healthz``, ``/readyz`` and ``/metrics`` through the real app on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from anyio.from_thread import start_blocking_portal
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from ir_feed.api import Health, create_app
from ir_feed.metrics import Metrics
from ir_feed.settings import FeedSettings
from ir_feed.store import feeds as feed_store
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import make_engine, session_factory, upgrade
from tests.integration.api.conftest import NOW, ApiClient, MakeClient, api_settings, seed


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_healthz_and_readyz_with_the_scheduler(engine: Engine, make_client: MakeClient) -> None:
    running = {"value": True}
    client = make_client(health=Health(scheduler_running=lambda: running["value"]), token=None)
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ready"
    assert {k: v["ok"] for k, v in body["checks"].items()} == {"database": True, "migrations": True, "scheduler": True}
    running["value"] = False
    stopped = client.get("/readyz")
    assert stopped.status_code == 503
    assert stopped.json()["checks"]["scheduler"] == {"ok": False, "detail": "stopped"}
    serve_only = make_client(health=Health(scheduler_running=None), token=None).get("/readyz")
    assert serve_only.status_code == 200
    assert serve_only.json()["checks"]["scheduler"]["detail"] == "not running in this process (ir-feed serve)"


@pytest.fixture
def portal() -> Iterator[object]:
    with start_blocking_portal() as p:
        yield p


def _client(app: object, portal: object) -> ApiClient:
    return ApiClient(app, portal)  # type: ignore[arg-type]


def test_readyz_reports_a_schema_behind_head(empty_engine: Engine, portal: object) -> None:
    upgrade(empty_engine, "0002")
    client = _client(create_app(api_settings(), empty_engine), portal)
    try:
        r = client.get("/readyz")
        assert r.status_code == 503
        check = r.json()["checks"]["migrations"]
        assert check["ok"] is False and check["detail"].startswith("at 0002, head is ")
    finally:
        client.close()


def test_an_unreachable_database_is_503_never_500(tmp_path: Path, portal: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}")
    try:
        app = create_app(api_settings(), engine)
        client = _client(app, portal)
        try:
            assert client.get("/healthz").status_code == 200
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["database"]["ok"] is False
            events = client.get("/v1/events")
            assert events.status_code == 503
            assert events.json()["error"]["code"] == "database_unavailable"
        finally:
            client.close()
    finally:
        engine.dispose()


def test_metrics_report_the_store_the_outbox_and_failing_feeds(engine: Engine, make_client: MakeClient) -> None:
    with session_factory(engine, write=True).begin() as s:
        subs.add(s, name="desk", url="https://hooks.example.com/x", format="webhook", secret=None, filters={}, now=NOW)
        feed_store.sync_feeds(s, [FeedSettings(name="f", url="https://example.test/f.xml")], NOW)
    with session_factory(engine, write=True).begin() as s:
        (due,) = feed_store.claim_due(s, NOW, lease=timedelta(minutes=1), limit=1)
        feed_store.record_failure(s, due.id, now=NOW, status=500, outcome="fetch_error", error="500", next_poll_at=NOW)
    seed(engine)  # 2 releases, 4 events, 4 diffs, 4 messages queued at NOW
    metrics = Metrics()
    client = make_client(metrics=metrics, clock=lambda: NOW + timedelta(seconds=90), token=None)
    client.get("/v1/events")
    client.get("/v1/events?limit=0")
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    got = samples(r.text)
    assert got[("ir_feed_outbox_depth", ())] == 4
    assert got[("ir_feed_outbox_oldest_age_seconds", ())] == 90
    assert got[("ir_feed_feeds_failing", ())] == 1
    assert got[("ir_feed_releases_stored", ())] == 2
    assert got[("ir_feed_diffs_stored", ())] == 4
    assert got[("ir_feed_events_stored", (("kind", "designation"),))] == 2
    assert got[("ir_feed_events_stored", (("kind", "trial_start"),))] == 1
    assert got[("ir_feed_api_requests_total", (("route", "/v1/events"), ("status", "200")))] == 1
    assert got[("ir_feed_api_requests_total", (("route", "/v1/events"), ("status", "422")))] == 1
    for name in ("ir_feed_polls_total", "ir_feed_deliveries_total", "ir_feed_diffs_total"):
        assert any(key[0] == name for key in got), name
    assert any(key[0] == "ir_feed_poll_duration_seconds_count" for key in got)
    assert any(key[0] == "ir_feed_delivery_duration_seconds_count" for key in got)
    # Route labels are templates, so unknown paths cannot blow up the label space.
    client.get("/v1/events/some-key")
    client.get("/no/such/path")
    again = samples(client.get("/metrics").text)
    assert again[("ir_feed_api_requests_total", (("route", "/v1/events/{key:path}"), ("status", "404")))] == 1
    assert again[("ir_feed_api_requests_total", (("route", "unmatched"), ("status", "404")))] == 1


def test_no_cors_headers_by_default(engine: Engine, make_client: MakeClient) -> None:
    client = make_client(token=None)
    r = client.get("/v1/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    preflight = client.request(
        "OPTIONS", "/v1/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    # OPTIONS says which methods the path takes, but grants no other origin anything
    assert preflight.status_code == 204 and "access-control-allow-origin" not in preflight.headers
    assert isinstance(preflight, httpx.Response)
