"""The daemon serves the API from its own event loop on a real socket (127.0.0.1,
port 0): a poll's events are queryable over HTTP, /readyz sees the scheduler,
/metrics counts polls and deliveries; stopping the daemon closes the port.
``ir-feed serve`` alone reports the scheduler as not running in its process."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ir_feed.api import ApiServer, ApiStartError
from ir_feed.cli.serve import serve
from ir_feed.daemon import run_daemon
from ir_feed.settings import Settings, parse_settings
from ir_feed.store.engine import make_engine, upgrade
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response

TOKEN = "daemon-admin-token-0123456789"
FT_TEXT = (
    "BOSTON, Mass., Feb. 2, 2026 (GLOBE NEWSWIRE) -- Harbor Lane Bio, Inc. (Nasdaq: HLBX) today announced "
    "that the U.S. Food and Drug Administration (FDA) has granted Fast Track designation to HLB-201 for the "
    "treatment of amyotrophic lateral sclerosis (ALS)."
)


def settings(db_url: str, server: LocalHTTPServer) -> Settings:
    raw: dict[str, Any] = {
        "database": {"url": db_url},
        "polling": {"tick": 0.1},
        "delivery": {
            "tick": 0.1,
            "allow_private_networks": True,
            "subscriptions": [
                {"name": "hook", "url": server.url("/hook"), "secret": "whsec_" + "A" * 43 + "="},
            ],
        },
        "api": {"port": 0, "token": TOKEN},
        "feeds": [
            {"name": "f", "url": server.url("/feed.xml"), "interval": 3600, "jitter": 0, "full_text": False}
        ],
    }
    return parse_settings(raw, base_dir=Path("."))


def metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    raise KeyError(name)


async def eventually(check: Any, timeout: float = 20.0) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


def test_the_daemon_serves_the_api_beside_the_scheduler(db_url: str, http_server: LocalHTTPServer) -> None:
    items = [Item("3150001", "Harbor Lane Receives Fast Track", FT_TEXT, tickers=("Nasdaq:HLBX",))]
    http_server.route("/feed.xml", Response(200, {}, Feed(items).render()))
    http_server.route("/hook", Response(204))
    migrate = make_engine(db_url)
    upgrade(migrate)
    migrate.dispose()

    async def scenario() -> None:
        stop = asyncio.Event()
        started: list[ApiServer] = []
        daemon = asyncio.create_task(
            run_daemon(settings(db_url, http_server), stop=stop, on_api_started=started.append)
        )
        try:
            await eventually(lambda: asyncio.sleep(0, bool(started)))
            base = started[0].url
            assert base.startswith("http://127.0.0.1:") and started[0].port != 0
            async with httpx.AsyncClient(base_url=base, timeout=10) as client:

                async def events() -> list[dict[str, Any]]:
                    data: list[dict[str, Any]] = (await client.get("/v1/events?ticker=HLBX")).json()["data"]
                    return data

                (event,) = await eventually(events)
                assert (event["designation"], event["product"]) == ("fast_track", "HLB-201")
                ready = await client.get("/readyz")
                assert ready.status_code == 200 and ready.json()["checks"]["scheduler"]["detail"] == "running"

                async def delivered() -> str | None:
                    text = (await client.get("/metrics")).text
                    return text if metric(text, "ir_feed_deliveries_total", outcome="delivered") >= 1 else None

                text = await eventually(delivered)
                assert metric(text, "ir_feed_polls_total", outcome="ok") >= 1
                assert metric(text, "ir_feed_poll_duration_seconds_count") >= 1
                assert metric(text, "ir_feed_releases_saved_total", kind="new") == 1
                assert metric(text, "ir_feed_diffs_total", type="event.created") == 1
                assert metric(text, "ir_feed_delivery_duration_seconds_count") >= 1


                async def drained() -> bool:
                    # The gauge is read from the database before the counters render: poll it.
                    return metric((await client.get("/metrics")).text, "ir_feed_outbox_depth") == 0

                assert await eventually(drained)
                subs = await client.get("/v1/subscriptions", headers={"Authorization": f"Bearer {TOKEN}"})
                assert [s["name"] for s in subs.json()["data"]] == ["hook"]
            stop.set()
            await asyncio.wait_for(daemon, timeout=30)
            with pytest.raises(httpx.ConnectError):
                async with httpx.AsyncClient(base_url=base, timeout=5) as client:
                    await client.get("/healthz")
        finally:
            stop.set()
            await asyncio.wait_for(asyncio.shield(daemon), timeout=30)

    asyncio.run(scenario())


def test_serve_runs_the_api_alone(tmp_path: Path) -> None:
    s = parse_settings({"database": {"url": f"sqlite:///{tmp_path / 'x.db'}"}, "api": {"port": 0}}, base_dir=tmp_path)

    async def scenario() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(serve(s, stop=stop, on_started=started.append))
        try:
            await eventually(lambda: asyncio.sleep(0, bool(started)))
            async with httpx.AsyncClient(base_url=started[0].url, timeout=10) as client:
                ready = await client.get("/readyz")
                assert ready.status_code == 200
                assert ready.json()["checks"]["scheduler"]["detail"] == "not running in this process (ir-feed serve)"
                refused = await client.post("/v1/subscriptions", json={"name": "a", "url": "https://a.example/"})
                assert refused.status_code == 403
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=30)

    started: list[ApiServer] = []
    asyncio.run(scenario())


def test_a_taken_port_is_a_clear_error_not_an_exit(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        s = parse_settings(
            {"database": {"url": f"sqlite:///{tmp_path / 'x.db'}"}, "api": {"port": port}}, base_dir=tmp_path
        )
        with pytest.raises(ApiStartError, match=r"cannot listen on 127\.0\.0\.1"):
            asyncio.run(serve(s, stop=asyncio.Event()))
        with pytest.raises(ApiStartError, match=r"cannot listen on 127\.0\.0\.1"):
            asyncio.run(run_daemon(s, stop=asyncio.Event()))
