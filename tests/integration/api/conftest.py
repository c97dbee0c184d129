"""Fixtures of the API tests: the real app over a real database (SQLite and
PostgreSQL through ``engine``), driven by httpx through its ASGI transport."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from sqlalchemy import Engine

from ir_feed.api import Health, create_app
from ir_feed.events import Designation, IndClearance, TrialStart
from ir_feed.metrics import Metrics
from ir_feed.models import PressRelease, Ticker
from ir_feed.settings import FeedSettings, Settings, parse_settings
from ir_feed.store import feeds as feed_store
from ir_feed.store.engine import session_factory
from tests.support.releases import press_release, store_release

ADMIN = "admin-token-0123456789abcdef"
READER = "reader-token-0123456789abcdef"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class ApiClient:
    """A synchronous httpx client over the ASGI app (no sockets), closed by the fixture."""

    def __init__(self, app: Any, portal: BlockingPortal, token: str | None = None) -> None:
        self.app = app
        self._portal = portal
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=headers
        )

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        response: httpx.Response = self._portal.call(lambda: self._client.request(method, url, **kw))
        return response

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("POST", url, **kw)

    def delete(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", url, **kw)

    def patch(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("PATCH", url, **kw)

    def close(self) -> None:
        self._portal.call(self._client.aclose)


MakeClient = Callable[..., ApiClient]


def api_settings(db_url: str = "sqlite:///unused.db", **api: Any) -> Settings:
    return parse_settings(
        {"database": {"url": db_url}, "api": api, "delivery": {"allow_private_networks": True}}, base_dir=Path(".")
    )


@pytest.fixture
def make_client(engine: Engine) -> Iterator[MakeClient]:
    """``make_client(token=..., settings=..., **create_app kwargs)`` → an :class:`ApiClient`."""
    with ExitStack() as stack:
        portal = stack.enter_context(start_blocking_portal())

        def make(*, token: str | None = ADMIN, settings: Settings | None = None, **kw: Any) -> ApiClient:
            s = settings or api_settings(token=ADMIN)
            kw.setdefault("clock", lambda: NOW)
            kw.setdefault("health", Health(scheduler_running=None))
            kw.setdefault("metrics", Metrics())
            client = ApiClient(create_app(s, engine, **kw), portal, token)
            stack.callback(client.close)
            return client

        yield make


@pytest.fixture
def client(make_client: MakeClient) -> ApiClient:
    """Holds the admin token (which reads accept too)."""
    return make_client()


# -- data -------------------------------------------------------------------------


def release(
    rid: str, published: datetime | None, tickers: tuple[Ticker, ...], *, text: str = "Body.", title: str | None = None
) -> PressRelease:
    return press_release(rid, published, tickers, text=text, title=title)


def store(engine: Engine, pr: PressRelease, events: tuple[Any, ...], company: str, *, now: datetime = NOW) -> int:
    """Save a release with the given events; fan its diffs out."""
    return store_release(engine, pr, events, company=company, now=now)


NWBT = (Ticker("NASDAQ", "NWBT"),)
CLRQ = (Ticker("NASDAQ", "CLRQ"), Ticker("TSX", "CLR"))
FT_KEY = "nwbt|d|ft|nwb101|ipf"
OD_KEY = "nwbt|d|od|nwb101|ipf"
IND_KEY = "clrq|ind|crx220"
TRIAL_KEY = "clrq|t|crx220|calder1"


def fast_track(evidence: str = "NWB-101 got Fast Track.", status: str = "granted") -> Designation:
    return Designation(True, "FDA", "fast_track", "NWB-101", "idiopathic pulmonary fibrosis", status, evidence, FT_KEY)


def calder_trial() -> TrialStart:
    """CLRQ's planned Phase 1 trial CALDER-1 of CRX-220, mid-2026 (April to September)."""
    return TrialStart(
        True,
        "CRX-220",
        "CALDER-1",
        "1",
        ("pancreatic cancer",),
        "mid-2026",
        date(2026, 4, 1),
        date(2026, 9, 30),
        "planned",
        "Dosing expected mid-2026.",
        TRIAL_KEY,
    )


def seed_feed_health(engine: Engine) -> None:
    """Two feeds polled once: ``good`` succeeded, ``bad`` (a token in its URL) failed."""
    feeds = [
        FeedSettings(name="good", url="https://example.test/good.xml"),
        FeedSettings(name="bad", url="https://example.test/bad.xml?token=s3cret"),
    ]
    with session_factory(engine, write=True).begin() as s:
        feed_store.sync_feeds(s, feeds, NOW)
    with session_factory(engine, write=True).begin() as s:
        due = {d.name: d for d in feed_store.claim_due(s, NOW, lease=timedelta(minutes=5), limit=10)}
        feed_store.record_success(
            s, due["good"].id, now=NOW, status=200, outcome="ok", etag=None, last_modified=None, next_poll_at=NOW
        )
        feed_store.record_failure(
            s, due["bad"].id, now=NOW, status=503, outcome="fetch_error", error="503 from server", next_poll_at=NOW
        )


def seed(engine: Engine) -> None:
    """Four events of two issuers: NWBT (Jan 12: Fast Track, recalled Orphan Drug) and
    CLRQ (Feb 3: IND clearance, planned Phase 1 trial)."""
    store(
        engine,
        release("1", datetime(2026, 1, 12, 13, 0, tzinfo=UTC), NWBT, title="Northwind gets Fast Track"),
        (
            fast_track(),
            Designation(False, "FDA", "orphan_drug", "NWB-101", "IPF", "granted", "NWB-101 has Orphan Drug.", OD_KEY),
        ),
        "Northwind Bio",
    )
    store(
        engine,
        release("2", datetime(2026, 2, 3, 13, 0, tzinfo=UTC), CLRQ),
        (
            IndClearance(True, "FDA", "CRX-220", None, "cleared", "FDA cleared the IND for CRX-220.", IND_KEY),
            calder_trial(),
        ),
        "Calder Ridge",
    )


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    seed(engine)
    return engine
