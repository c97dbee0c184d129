"""The service-manager examples in docs/deploy are the program's own: their config validates,
their commands parse, their probes are routes the API serves, and their stop grace outlasts
the daemon's own stop (polls 5 s, deliveries 5 s)."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path
from typing import Any

import anyio
import httpx
import yaml
from sqlalchemy import create_engine

from ir_feed.api import Health, create_app
from ir_feed.cli import build_parser
from ir_feed.settings import parse_settings

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy"
DAEMON_STOP_SECONDS = 15  # docs/operations.md: give it a grace of 15 s or more
ENV = {"IR_FEED_DATABASE_URL": "postgresql://ir_feed:pw@db:5432/ir_feed", "IR_FEED_API_TOKEN": "t" * 32}


def _cli_args_parse(args: list[str]) -> None:
    build_parser().parse_args(args)  # (argparse exits on an unknown command or option)


async def _status(app: Any, path: str) -> int:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://probe") as client:
        return (await client.get(path)).status_code


def _kubernetes() -> dict[str, dict[str, Any]]:
    docs = list(yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text()))
    return {d["kind"]: d for d in docs}


def test_the_kubernetes_example_runs_two_daemons_the_way_the_program_expects(tmp_path: Path) -> None:
    k = _kubernetes()
    settings = parse_settings(yaml.safe_load(k["ConfigMap"]["data"]["config.yaml"]), base_dir=tmp_path, env=ENV)
    assert settings.database_url.startswith("postgresql") and settings.api.host == "0.0.0.0"
    deployment = k["Deployment"]["spec"]
    assert deployment["replicas"] >= 2 and deployment["strategy"]["type"] == "Recreate"
    pod = deployment["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] >= DAEMON_STOP_SECONDS
    (daemon,) = pod["containers"]
    _cli_args_parse(daemon["args"])
    assert daemon["args"] == ["run"]
    assert daemon["ports"][0]["containerPort"] == settings.api.port
    env = {e["name"] for e in daemon["env"]}
    assert {"IR_FEED_CONFIG", *ENV} <= env
    (migrate,) = k["Job"]["spec"]["template"]["spec"]["containers"]
    assert migrate["args"] == ["db", "upgrade"]
    _cli_args_parse(migrate["args"])
    app = create_app(settings, create_engine("sqlite://"), health=Health(scheduler_running=None))
    for probe in ("readinessProbe", "livenessProbe"):  # answered (an empty database is not ready: 503), not 404
        assert anyio.run(_status, app, daemon[probe]["httpGet"]["path"]) in (200, 503), probe
    assert daemon["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert daemon["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_the_systemd_unit_runs_the_daemon_and_waits_for_it_to_stop() -> None:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    unit.read_string((DEPLOY / "ir-feed.service").read_text())
    service = unit["Service"]
    for key in ("ExecStartPre", "ExecStart"):
        program, *args = shlex.split(service[key])
        assert program.endswith("/ir-feed"), key
        _cli_args_parse(args)
    assert shlex.split(service["ExecStart"])[1:] == ["run"]
    assert service["KillSignal"] == "SIGTERM" and int(service["TimeoutStopSec"]) >= DAEMON_STOP_SECONDS
    assert service["Environment"] == "IR_FEED_CONFIG=/etc/ir-feed/config.yaml"
