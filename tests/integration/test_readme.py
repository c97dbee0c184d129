"""What the README tells a new user to type works on the demo it runs (issue 13).

The demo is polled once into a scratch copy of ``examples/`` (what the README's first
command does before it waits for the next poll); then every ``ir-feed`` command of the
README's demo block runs, every API URL of the README answers 200 on that database —
an event key copied from the README included — and what the README and the demo's
config say about the polling schedule is what the first poll scheduled.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from anyio.from_thread import start_blocking_portal

from ir_feed.api import Health, create_app
from ir_feed.cli import main
from ir_feed.metrics import Metrics
from ir_feed.settings import load_settings
from ir_feed.store.engine import make_engine
from tests.integration.api.conftest import ApiClient
from tests.integration.conftest import EXAMPLES

README = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
API = "http://127.0.0.1:8080"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("readme") / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=shutil.ignore_patterns("*.db*"))
    assert main(["poll", "--once", "--config", str(copy / "demo.yaml")]) == 0
    return copy


def _shell_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.startswith(".venv/bin/ir-feed ")]


def _demo_commands() -> list[list[str]]:
    commands = [shlex.split(line, comments=True)[1:] for line in _shell_lines()]
    return [argv for argv in commands if argv[0] != "run"]  # the daemon: tests/acceptance/test_daemon.py


def test_the_readme_shows_the_demo_commands() -> None:
    assert {argv[0] for argv in _demo_commands()} >= {"events", "event", "diffs", "releases", "feeds", "extract"}


@pytest.mark.parametrize("argv", _demo_commands(), ids=" ".join)
def test_every_demo_command_of_the_readme_runs(
    examples: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    local = [str(examples.parent / a) if a.startswith("examples/") else a for a in argv]
    assert main(local) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() and "error" not in captured.err
    if argv[0] == "event":  # the key as copied from the README names a stored event
        key = argv[-1]
        assert key in captured.out


def _urls() -> list[str]:
    """Every URL of the API in the README that needs no token."""
    lines = [line for line in README.splitlines() if API in line and "Authorization" not in line]
    return sorted({m for line in lines for m in re.findall(re.escape(API) + r"[^\s'`)]*", line)} - {API})


@pytest.fixture(scope="module")
def api(examples: Path) -> Iterator[ApiClient]:
    settings = load_settings(examples / "demo.yaml")
    engine = make_engine(settings.database_url)
    with start_blocking_portal() as portal:
        app = create_app(settings, engine, health=Health(scheduler_running=None), metrics=Metrics())
        client = ApiClient(app, portal)
        yield client
        client.close()
    engine.dispose()


def test_the_readme_shows_one_event_by_its_key() -> None:
    assert any(url.startswith(f"{API}/v1/events/") and "%7C" in url for url in _urls())


@pytest.mark.parametrize("url", _urls())
def test_every_api_url_of_the_readme_answers(api: ApiClient, url: str) -> None:
    path = url.removeprefix(API)
    response = api.get(path)
    assert response.status_code == 200, (url, response.text[:300])
    if path.startswith("/v1/events/"):  # one event: the key copied from the README is a real one
        assert response.json()["event"]["key"] == "nwbt|designation|fda|fast-track|nwb101|ipf"


def test_the_demo_polls_when_the_readme_and_its_config_say(examples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feeds", "--config", str(examples / "demo.yaml"), "--format", "json"]) == 0
    (feed,) = json.loads(capsys.readouterr().out)
    polled, due = (datetime.fromisoformat(feed[k]) for k in ("last_polled_at", "next_poll_at"))
    minutes = (due - polled).total_seconds() / 60
    assert minutes == 10  # interval: 60, stretched by the feed's <ttl>10</ttl>
    comment = " ".join(
        line.lstrip("# ") for line in (examples / "demo.yaml").read_text().splitlines() if line.startswith("#")
    )
    assert "polls every 10 minutes" in comment and "polls it every minute" not in comment
    assert "the next one **10 minutes** later" in " ".join(README.split())
