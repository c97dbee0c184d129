"""The web pages in a real browser: Debian's ``chromium`` driven by Playwright's Python
client (no browser download), against a real ``ir-feed run`` with a real database.

Without a chromium binary (``IR_FEED_CHROMIUM``, default ``/usr/bin/chromium``) these
tests skip with the reason — unless ``IR_FEED_REQUIRE_BROWSER=1`` (CI sets it, and
installs the package), where they fail.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _pg_schema_url
from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response

CHROMIUM = os.environ.get("IR_FEED_CHROMIUM", "/usr/bin/chromium")
ADMIN_TOKEN = "browser-test-admin-token-0123456789"


def _chromium_or_skip() -> str:
    problem = None
    if not Path(CHROMIUM).is_file():
        problem = f"no chromium at {CHROMIUM} (apt-get install chromium, or set IR_FEED_CHROMIUM)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed"
    if problem:
        if os.environ.get("IR_FEED_REQUIRE_BROWSER") == "1":
            pytest.fail(f"IR_FEED_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # (--no-sandbox: CI runs as root, where chromium's sandbox refuses to start)
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@dataclass
class Receiver:
    """A webhook receiver on the test's HTTP server that answers ``status``."""

    status: int = 200
    got: list[Request] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.got.append(request)
        return Response(self.status, {"Content-Type": "text/plain"}, f"answered {self.status}")


@dataclass
class Site:
    base: str
    db_url: str
    receiver: Receiver
    hook_url: str  # the receiver's address
    log: Path

    def url(self, path: str) -> str:
        return self.base + path

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {ADMIN_TOKEN}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


ITEMS = [
    Item(
        "3150001",
        "Northwind Receives FDA Fast Track Designation for NWB-101",
        "Northwind Biotherapeutics, Inc. (Nasdaq: NWBT) today announced that the U.S. Food and Drug "
        "Administration (FDA) has granted Fast Track designation to NWB-101 for the treatment of idiopathic "
        "pulmonary fibrosis.",
        pub_date="Mon, 12 Jan 2026 13:00 GMT",
    ),
    Item(
        "3150002",
        "Calder Ridge Plans Phase 2 Trial of CRX-220",
        "Calder Ridge Therapeutics, Inc. (Nasdaq: CLRQ) today announced that it plans to initiate a Phase 2 "
        "clinical trial of CRX-220 in patients with advanced pancreatic cancer in the second half of 2026.",
        tickers=("Nasdaq:CLRQ",),
        issuer="Calder Ridge Therapeutics, Inc.",
        pub_date="Tue, 03 Feb 2026 12:30 GMT",
    ),
    Item(
        "3150003",
        "Calder Ridge Doses First Patient in Phase 1 Trial of CRX-110",
        "Calder Ridge Therapeutics, Inc. (Nasdaq: CLRQ) today announced that the first patient has been dosed "
        "in its Phase 1 clinical trial of CRX-110 in patients with solid tumors.",
        tickers=("Nasdaq:CLRQ",),
        issuer="Calder Ridge Therapeutics, Inc.",
        pub_date="Wed, 04 Mar 2026 12:30 GMT",
    ),
]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def _daemon(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One daemon per backend for the module (starting one takes seconds): its API and
    pages on a free port, after it stored :data:`ITEMS`.  Tests that add subscriptions
    give them names of their own."""
    tmp = tmp_path_factory.mktemp(f"site-{request.param}")
    with ExitStack() as stack:
        sqlite = f"sqlite:///{tmp / 'site.db'}"
        db_url = sqlite if request.param == "sqlite" else stack.enter_context(_pg_schema_url())
        http_server = stack.enter_context(LocalHTTPServer())
        receiver = Receiver()
        feed = Feed(ITEMS).render()
        http_server.route("/feed.xml", Response(200, {"Content-Type": "application/rss+xml"}, feed))
        http_server.route("/hook", receiver)
        config = tmp / "config.yaml"
        feed_url = http_server.url("/feed.xml")
        config.write_text(
            f"database: {{url: '{db_url}'}}\n"
            "polling: {tick: 0.1}\n"
            f"api: {{port: 0, token: '{ADMIN_TOKEN}'}}\n"  # never a fixed port in tests
            "delivery: {tick: 0.1, allow_private_networks: true}\n"
            "logging: {format: json}\n"
            f"feeds: [{{name: f, url: '{feed_url}', interval: 3600, jitter: 0, full_text: false}}]\n"
        )
        upgrade_database(config)
        log = tmp / "daemon.log"
        proc = start_daemon(config, log)
        try:
            port = _wait_port(log, proc)
            s = Site(f"http://127.0.0.1:{port}", db_url, receiver, http_server.url("/hook"), log)
            wait_for(lambda: len(s.api("GET", "/v1/events")["data"]) >= 3, 30, context=s.tail)
            yield s
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def site(_daemon: Site) -> Site:
    """The module's daemon, its webhook receiver answering 200 with nothing received yet."""
    _daemon.receiver.status = 200
    _daemon.receiver.got.clear()
    return _daemon


def _wait_port(log: Path, proc: subprocess.Popen[bytes]) -> int:
    found: list[int] = []

    def started() -> bool:
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        for line in log.read_text(errors="replace").splitlines():
            if '"api_started"' in line:
                found.append(int(json.loads(line)["port"]))
                return True
        return False

    wait_for(started, 60, context=lambda: log.read_text(errors="replace")[-3000:])
    return found[0]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(15_000)
    try:
        yield p
    finally:
        context.close()


def sign_in(page: Any, site: Site, token: str = ADMIN_TOKEN) -> None:
    page.goto(site.url("/login?next=/subscriptions"))
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in").click()


Check = Callable[[], object]
