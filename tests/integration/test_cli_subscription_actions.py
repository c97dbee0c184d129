"""``ir-feed subscriptions update|rotate-secret|test`` and ``ir-feed diffs`` filters through
the real CLI entry point, on both backends, with real receivers on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from standardwebhooks.webhooks import Webhook

from ir_feed.cli import main
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import AttemptRow, MessageRow
from tests.integration.test_delivery_outbox import SECRET, publish
from tests.integration.test_subscription_sync import sync
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.webhooks import verifies

GIVEN = "signing secret (shown once, store it now): "


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def cfg(tmp_path: Path, db_url: str, engine: Engine) -> str:
    path = tmp_path / "c.yaml"
    path.write_text(f"database: {{url: '{db_url}'}}\ndelivery: {{allow_private_networks: true, timeout: 5}}\n")
    return str(path)


def listed(capsys: pytest.CaptureFixture[str], cfg: str) -> dict[str, dict[str, object]]:
    code, out, _ = cli(capsys, "subscriptions", "list", "-c", cfg, "--format", "json")
    assert code == 0
    return {s["name"]: s for s in json.loads(out)}


def test_update_changes_the_filters_and_so_what_is_queued(
    cfg: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "subscriptions", "add", "desk", "http://127.0.0.1:9/hook", "-c", cfg)[0] == 0
    code, out, _ = cli(
        capsys, "subscriptions", "update", "desk", "--ticker", "clrq", "--kind", "designation", "-c", cfg
    )
    assert code == 0 and "updated: filters (kinds, tickers)" in out
    filters = listed(capsys, cfg)["desk"]["filters"]
    assert filters == {
        "tickers": ["CLRQ"],
        "kinds": ["designation"],
        "designations": [],
        "agencies": [],
        "diff_types": [],
    }
    assert publish(engine, "1", "NWB-101") == 0
    assert publish(engine, "2", "CRX-220", ticker="CLRQ") == 1
    code, out, _ = cli(capsys, "subscriptions", "update", "desk", "--clear", "tickers", "-c", cfg)
    assert code == 0 and listed(capsys, cfg)["desk"]["filters"]["kinds"] == ["designation"]
    assert publish(engine, "3", "NWB-103") == 1
    code, _, err = cli(
        capsys, "subscriptions", "update", "desk", "--clear", "kinds", "--kind", "trial_start", "-c", cfg
    )
    assert code == 1 and "--clear kinds" in err
    code, _, err = cli(capsys, "subscriptions", "update", "desk", "-c", cfg)
    assert code == 1 and "nothing to change" in err
    code, _, err = cli(capsys, "subscriptions", "update", "nobody", "--kind", "designation", "-c", cfg)
    assert code == 1 and "no subscription named 'nobody'" in err


def test_update_of_the_url_goes_through_the_guard(
    tmp_path: Path, db_url: str, engine: Engine, capsys: pytest.CaptureFixture[str], http_server: LocalHTTPServer
) -> None:
    strict = tmp_path / "strict.yaml"
    strict.write_text(f"database: {{url: '{db_url}'}}\n")
    lax = tmp_path / "lax.yaml"
    lax.write_text(f"database: {{url: '{db_url}'}}\ndelivery: {{allow_private_networks: true, timeout: 5}}\n")
    assert cli(capsys, "subscriptions", "add", "desk", "http://127.0.0.1:9/old", "-c", str(lax))[0] == 0
    for url in ("http://127.0.0.1:8080/x", "http://169.254.169.254/latest", "ftp://example.com/x"):
        code, _, err = cli(capsys, "subscriptions", "update", "desk", "--url", url, "-c", str(strict))
        assert code == 1 and "url: refused" in err, url
    assert listed(capsys, str(lax))["desk"]["url"] == "http://127.0.0.1:9/old"
    http_server.route("/new", Response(200))
    code, out, _ = cli(capsys, "subscriptions", "update", "desk", "--url", http_server.url("/new"), "-c", str(lax))
    assert code == 0 and "updated: url" in out
    assert listed(capsys, str(lax))["desk"]["url"] == http_server.url("/new")
    code, out, _ = cli(capsys, "subscriptions", "update", "desk", "--format", "slack", "-c", str(lax))
    assert code == 0 and listed(capsys, str(lax))["desk"]["format"] == "slack"


def test_a_config_subscription_is_changed_in_the_config(
    cfg: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(engine, [{"name": "cfg", "url": "http://127.0.0.1:9/h", "secret": SECRET}], allow_private_networks=True)
    for argv in (("update", "cfg", "--kind", "designation"), ("rotate-secret", "cfg")):
        code, _, err = cli(capsys, "subscriptions", *argv, "-c", cfg)
        assert code == 1 and "defined in the config file" in err, argv
    assert listed(capsys, cfg)["cfg"]["filters"]["kinds"] == []


def test_rotate_secret_prints_it_once_and_both_sign_until_the_overlap_ends(
    cfg: str, engine: Engine, capsys: pytest.CaptureFixture[str], http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(204))
    code, out, _ = cli(capsys, "subscriptions", "add", "desk", http_server.url("/hook"), "-c", cfg)
    old = out.split(GIVEN)[1].strip()
    code, out, _ = cli(capsys, "subscriptions", "rotate-secret", "desk", "--overlap", "2h", "-c", cfg)
    assert code == 0
    new = out.split("(shown once, store it now): ")[1].split()[0]
    assert new.startswith("whsec_") and new != old and "sign every message beside it until" in out
    code, out, _ = cli(capsys, "subscriptions", "list", "-c", cfg, "--format", "json")
    assert new not in out and old not in out and json.loads(out)[0]["previous_secrets_expire_at"].endswith("Z")
    publish(engine, "1", "NWB-101")
    assert cli(capsys, "deliver", "--once", "-c", cfg)[0] == 0
    code, out, _ = cli(capsys, "subscriptions", "rotate-secret", "desk", "--overlap", "0", "-c", cfg)
    assert code == 0 and "no longer sign" in out
    newest = out.split("(shown once, store it now): ")[1].split()[0]
    publish(engine, "2", "NWB-102")
    assert cli(capsys, "deliver", "--once", "-c", cfg)[0] == 0
    during, after = http_server.requests_to("/hook")
    assert verifies(old, during) and verifies(new, during)
    assert verifies(newest, after) and not verifies(new, after) and not verifies(old, after)
    for bad in ("8d", "soon", "-1h"):
        with pytest.raises(SystemExit) as refused:
            main(["subscriptions", "rotate-secret", "desk", "--overlap", bad, "-c", cfg])
        assert refused.value.code == 2 and "--overlap" in capsys.readouterr().err, bad


def test_test_sends_a_signed_message_shows_the_answer_and_queues_nothing(
    cfg: str, engine: Engine, capsys: pytest.CaptureFixture[str], http_server: LocalHTTPServer
) -> None:
    http_server.route("/hook", Response(202, {"Content-Type": "text/plain"}, b"got it"))
    _, out, _ = cli(capsys, "subscriptions", "add", "desk", http_server.url("/hook"), "-c", cfg)
    secret = out.split(GIVEN)[1].strip()
    code, out, _ = cli(capsys, "subscriptions", "test", "desk", "-c", cfg)
    assert code == 0 and "HTTP 202" in out and "answer: got it" in out
    (req,) = http_server.requests_to("/hook")
    assert Webhook(secret).verify(req.body, dict(req.headers))["type"] == "ir_feed.test"
    assert req.headers["webhook-id"] in out
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count(MessageRow.id))) == 0 and s.scalar(select(func.count(AttemptRow.id))) == 0
    http_server.route("/hook", Response(500, body=b"down"))
    code, out, err = cli(capsys, "subscriptions", "test", "desk", "-c", cfg, "--format", "json")
    answer = json.loads(out)
    assert code == 1 and (answer["ok"], answer["status"], answer["response_excerpt"]) == (False, 500, "down")
    assert "did not acknowledge" in err
    code, _, err = cli(capsys, "subscriptions", "test", "nobody", "-c", cfg)
    assert code == 1 and "no subscription named" in err


def test_diffs_filtered_by_ticker_kind_and_subscription(
    cfg: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    publish(engine, "1", "NWB-101")
    publish(engine, "2", "CRX-220", ticker="CLRQ")
    cli(capsys, "subscriptions", "add", "clrq", "http://127.0.0.1:9/h", "--ticker", "CLRQ", "-c", cfg)

    def products(*args: str) -> list[str]:
        code, out, _ = cli(capsys, "diffs", "--format", "json", "-c", cfg, *args)
        assert code == 0
        return [d["data"]["event"]["product"] for d in json.loads(out)]

    assert products() == ["NWB-101", "CRX-220"]
    assert products("--ticker", "NASDAQ:CLRQ") == ["CRX-220"]
    assert products("--kind", "designation") == ["NWB-101", "CRX-220"]
    assert products("--kind", "trial_start") == []
    assert products("--subscription", "clrq") == ["CRX-220"]
    code, _, err = cli(capsys, "diffs", "--subscription", "nobody", "-c", cfg)
    assert code == 1 and "no subscription named" in err
