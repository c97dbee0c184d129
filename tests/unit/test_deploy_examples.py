"""The service-manager examples in docs/deploy are the program's own: their config validates,
their commands parse, their probes are routes the API serves, and their stop grace outlasts
the daemon's own stop (polls 5 s, deliveries 5 s)."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import anyio
import httpx
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
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


ROOT = DEPLOY.parents[1]


def _lock() -> dict[str, tuple[str, int]]:
    """requirements.lock as {normalised name: (version, number of hashes)}."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement = Requirement(line.split(";")[0].rstrip(" \\"))
            (spec,) = requirement.specifier
            name = canonicalize_name(requirement.name)
            assert spec.operator == "==", line  # a pin, not a range
            pins[name] = (spec.version, 0)
        elif line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _lock()
    for dependency in map(Requirement, project["dependencies"]):
        name = canonicalize_name(dependency.name)
        assert name in pins, f"{dependency} is not in requirements.lock: regenerate it (docs/operations.md)"
        assert dependency.specifier.contains(pins[name][0]), (dependency, pins[name])
        for extra in dependency.extras:  # "psycopg[binary]": the extra's package is pinned too
            assert canonicalize_name(f"{dependency.name}-{extra}") in pins, (dependency, extra)
    assert all(hashes >= 1 for _, hashes in pins.values()), [n for n, (_, h) in pins.items() if not h]


def test_the_image_installs_the_lock_in_a_build_stage_and_checks_its_health(tmp_path: Path) -> None:
    lines = (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
    instructions = [line.split(None, 1) for line in lines if line.strip() and not line.startswith("#")]
    stages = [args for op, args in instructions if op == "FROM"]
    assert len(stages) == 2 and stages[0].endswith(" AS build"), stages  # multi-stage: the build is left behind
    runs = " ".join(args for op, args in instructions if op == "RUN")
    assert "--require-hashes --no-deps -r requirements.lock" in runs and "pip install --no-deps ." in runs
    assert any(op == "COPY" and args.startswith("--from=build /opt/ir-feed") for op, args in instructions)
    user = [args for op, args in instructions if op == "USER"]
    assert user and user[-1] not in ("root", "0")
    (health,) = [args for op, args in instructions if op == "HEALTHCHECK"]
    probe = re.search(r"http://127\.0\.0\.1:(\d+)(/\w+)", health)
    assert probe is not None, health
    settings = parse_settings(yaml.safe_load((ROOT / "config.yaml").read_text()), base_dir=tmp_path, env={})
    assert int(probe.group(1)) == settings.api.port  # the shipped config's port
    app = create_app(settings, create_engine("sqlite://"), health=Health(scheduler_running=None))
    assert anyio.run(_status, app, probe.group(2)) == 200
    (entry,) = [args for op, args in instructions if op == "ENTRYPOINT"]
    (cmd,) = [args for op, args in instructions if op == "CMD"]
    _cli_args_parse(json.loads(cmd))
    assert json.loads(entry) == ["ir-feed"]
