"""Fixtures of the integration tests that run the real CLI on the README demo."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import closed_port, run_cli
from tests.support.httpserver import LocalHTTPServer, Response

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FAST_TRACK = "nwbt|designation|fda|fast-track|nwb101|ipf"  # a demo event's key
# the commands that read the demo database, with their arguments ({failed_id}: Demo.failed_id)
READ_COMMANDS: dict[str, tuple[str, ...]] = {
    "feeds": ("feeds",),
    "releases": ("releases",),
    "events": ("events",),
    "event": ("event", FAST_TRACK),
    "diffs": ("diffs",),
    "subscriptions": ("subscriptions", "list"),
    "deliveries": ("deliveries",),
    "deliveries show": ("deliveries", "show", "{failed_id}"),
}


@dataclass(frozen=True)
class Demo:
    config: Path
    failed_id: str  # a message whose one attempt answered 500


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """A database of every kind of row, built through the real commands (SQLite): the
    README demo polled (feeds, releases, events, diffs), then three subscriptions
    replayed and delivered once — one receiver answering 204, one 500, one refusing
    the connection."""
    examples = tmp_path_factory.mktemp("demo") / "examples"
    shutil.copytree(EXAMPLES, examples, ignore=shutil.ignore_patterns("*.db*"))
    config = examples / "cli-demo.yaml"
    config.write_text(
        "database: {url: 'sqlite:///cli-demo.db'}\n"
        "logging: {level: ERROR}\n"
        "delivery: {allow_private_networks: true, timeout: 5}\n"
        "feeds: [{name: demo-biotech, url: feed.xml, interval: 60, jitter: 0, full_text: true}]\n"
    )
    c = str(config)
    run_cli("poll", "--once", "-c", c)
    with LocalHTTPServer() as server:
        server.route("/ok", Response(204))
        server.route("/fail", Response(500, {"Content-Type": "text/plain"}, b"upstream database unavailable"))
        subscriptions = {
            "analytics-ok": server.url("/ok"),
            "research-desk-webhook": server.url("/fail"),
            "refused-endpoint": f"http://127.0.0.1:{closed_port()}/hook",
        }
        for name, url in subscriptions.items():
            run_cli("subscriptions", "add", name, url, "-c", c)
            run_cli("deliveries", "replay", "--subscription", name, "--since", "2000-01-01", "-c", c)
        run_cli("deliver", "--once", "-c", c)
    messages = json.loads(run_cli("deliveries", "--subscription", "research-desk-webhook", "--format", "json", "-c", c))
    return Demo(config, messages[0]["id"])
