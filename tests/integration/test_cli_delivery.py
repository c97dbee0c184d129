"""subscriptions / deliveries / deliver commands through the real CLI entry point."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select, update
from standardwebhooks.webhooks import Webhook

from ir_feed.api.schemas import SubscriptionCreate
from ir_feed.cli import main
from ir_feed.delivery import generate_secret
from ir_feed.models import Ticker
from ir_feed.settings import HttpSettings, SubscriptionSettings
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, MessageRow, SubscriptionRow
from tests.integration.test_delivery_outbox import publish
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.releases import press_release, store_release
from tests.support.tables import table_rows


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def config(tmp_path: Path, db_url: str, engine: Engine) -> Path:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\ndelivery: {{allow_private_networks: true, timeout: 5}}\n")
    return cfg


def test_add_shows_the_generated_secret_once_and_list_never(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine, http_server: LocalHTTPServer
) -> None:
    code, out, _ = cli(
        capsys,
        "subscriptions",
        "add",
        "desk",
        http_server.url("/hook"),
        "-c",
        str(config),
        "--ticker",
        "nwbt",
        "--type",
        "event.created",
    )
    assert code == 0
    secret = out.split("signing secret (shown once, store it now): ")[1].strip()
    assert secret.startswith("whsec_")
    code, out, _ = cli(capsys, "subscriptions", "list", "-c", str(config), "--format", "json")
    (sub,) = json.loads(out)
    assert sub["filters"]["tickers"] == ["NWBT"] and sub["filters"]["diff_types"] == ["event.created"]
    assert secret not in out and "secrets" not in sub
    _, table, _ = cli(capsys, "subscriptions", "list", "-c", str(config))
    assert "desk" in table and secret not in table
    # the secret works: deliver once and verify with the standardwebhooks library
    http_server.route("/hook", Response(200))
    publish(engine, "1", "NWB-101")
    code, out, _ = cli(capsys, "deliver", "--once", "-c", str(config))
    assert code == 0 and "delivered 1" in out
    (req,) = http_server.requests_to("/hook")
    Webhook(secret).verify(req.body, dict(req.headers))


def test_add_refuses_private_addresses_unless_allowed(
    tmp_path: Path, db_url: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "strict.yaml"
    cfg.write_text(f"database: {{url: '{db_url}'}}\n")
    for url in (
        "http://127.0.0.1/x",
        "http://localhost:8080/x",
        "http://169.254.169.254/latest",
        "http://[::1]/x",
        "http://10.1.2.3/",
        "ftp://example.com/x",
    ):
        code, _, err = cli(capsys, "subscriptions", "add", "bad", url, "-c", str(cfg))
        assert code == 1 and err.startswith("ir-feed: error: url: refused") and err.count("\n") == 1, (url, err)
    _, out, _ = cli(capsys, "subscriptions", "list", "-c", str(cfg), "--format", "json")
    assert json.loads(out) == []


@pytest.mark.parametrize("name", ["ünïcode", "名前", ".hidden", "_x", "a b", "a/b", "x" * 101, ""])
def test_the_cli_refuses_the_subscription_names_the_config_and_the_api_refuse(
    config: Path, capsys: pytest.CaptureFixture[str], http_server: LocalHTTPServer, name: str
) -> None:
    """One rule for a name, wherever a subscription is written (ir_feed.settings.NAME): the
    CLI used to admit any letter of any script and a leading '.', '_' or '-'."""
    with pytest.raises(ValidationError):
        SubscriptionSettings(name=name, url=http_server.url("/a"), secret=generate_secret())  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        SubscriptionCreate(name=name, url=http_server.url("/a"))
    code, _, err = cli(capsys, "subscriptions", "add", name, http_server.url("/a"), "-c", str(config))
    assert code == 1 and err.startswith("ir-feed: error: name: letters, digits") and err.count("\n") == 1, err
    _, out, _ = cli(capsys, "subscriptions", "list", "-c", str(config), "--format", "json")
    assert json.loads(out) == []


@pytest.mark.parametrize("name", ["a", "A1", "desk.eu-2", "9_x", "x" * 100])
def test_names_the_rule_admits_are_added_by_the_cli(
    config: Path, capsys: pytest.CaptureFixture[str], http_server: LocalHTTPServer, name: str
) -> None:
    assert cli(capsys, "subscriptions", "add", name, http_server.url("/a"), "-c", str(config))[0] == 0
    code, _, err = cli(capsys, "subscriptions", "add", name, http_server.url("/a"), "-c", str(config))
    assert code == 1 and err == f"ir-feed: error: a subscription named {name!r} exists\n"


def test_pause_resume_remove_and_errors(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine, http_server: LocalHTTPServer
) -> None:
    assert cli(capsys, "subscriptions", "add", "a", http_server.url("/a"), "-c", str(config))[0] == 0
    assert cli(capsys, "subscriptions", "add", "a", http_server.url("/a"), "-c", str(config))[0] == 1  # exists
    assert cli(capsys, "subscriptions", "pause", "a", "-c", str(config))[0] == 0
    publish(engine, "1", "NWB-101")
    http_server.route("/a", Response(200))
    _, out, _ = cli(capsys, "deliver", "--once", "-c", str(config))
    assert "sent 0" in out  # paused: messages queue up
    _, out, _ = cli(capsys, "deliveries", "-c", str(config), "--status", "pending", "--format", "json")
    assert len(json.loads(out)) == 1
    assert cli(capsys, "subscriptions", "resume", "a", "-c", str(config))[0] == 0
    _, out, _ = cli(capsys, "deliver", "--once", "-c", str(config))
    assert "delivered 1" in out
    assert cli(capsys, "subscriptions", "remove", "a", "-c", str(config))[0] == 0
    code, _, err = cli(capsys, "subscriptions", "remove", "a", "-c", str(config))
    assert code == 1 and "no subscription named" in err


def test_deliveries_list_retry_and_replay(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine, http_server: LocalHTTPServer
) -> None:
    cli(capsys, "subscriptions", "add", "a", http_server.url("/a"), "-c", str(config))
    http_server.route("/a", Response(500))
    publish(engine, "1", "NWB-101")
    cli(capsys, "deliver", "--once", "-c", str(config))
    _, out, _ = cli(capsys, "deliveries", "-c", str(config), "--status", "failed", "--format", "json")
    (msg,) = json.loads(out)
    assert msg["status"] == "retrying" and msg["attempts"] == 1 and msg["last_status"] == 500
    # make it a dead letter, then retry it by id
    with session_factory(engine, write=True).begin() as s:
        s.execute(update(MessageRow).values(status="dead", next_attempt_at=None))
    _, table, _ = cli(capsys, "deliveries", "-c", str(config), "--status", "dead")
    assert msg["id"] in table
    http_server.route("/a", Response(200))
    assert cli(capsys, "deliveries", "retry", msg["id"], "-c", str(config))[0] == 0
    cli(capsys, "deliver", "--once", "-c", str(config))
    _, out, _ = cli(capsys, "deliveries", "-c", str(config), "--subscription", "a", "--format", "json")
    assert json.loads(out)[0]["status"] == "delivered"
    assert cli(capsys, "deliveries", "retry", msg["id"], "-c", str(config))[0] == 1  # already delivered
    code, out, _ = cli(
        capsys, "deliveries", "replay", "--subscription", "a", "--since", "2000-01-01", "-c", str(config)
    )
    assert code == 0 and "1 message(s) queued" in out and "not enabled" not in out
    cli(capsys, "deliver", "--once", "-c", str(config))
    ids = [r.headers["webhook-id"] for r in http_server.requests_to("/a")]
    assert ids[-1] == msg["id"] and ids.count(msg["id"]) == len(ids)
    # its whole history, numbered in order across the retry and the replay
    _, out, _ = cli(capsys, "deliveries", "show", msg["id"], "-c", str(config), "--format", "json")
    shown = json.loads(out)
    assert shown["id"] == msg["id"] and shown["status"] == "delivered"
    assert [(a["number"], a["status"]) for a in shown["history"]] == [(1, 500), (2, 200), (3, 200)]
    assert shown["history"][0]["error"] == "HTTP 500" and shown["history"][0]["error_kind"] == "status"
    _, table, _ = cli(capsys, "deliveries", "show", msg["id"], "-c", str(config))
    assert "3 attempt(s)" in table and "HTTP 500" in table
    code, _, err = cli(capsys, "deliveries", "show", "msg_01ARZ3NDEKTSV4RRFFQ69G5FAV", "-c", str(config))
    assert code == 1 and "no message" in err
    # replaying to a paused subscription says where the messages wait
    assert cli(capsys, "subscriptions", "pause", "a", "-c", str(config))[0] == 0
    code, out, _ = cli(
        capsys, "deliveries", "replay", "--subscription", "a", "--since", "2000-01-01", "-c", str(config)
    )
    assert code == 0 and "1 message(s) queued" in out
    assert "'a' is not enabled (paused)" in " ".join(out.split()) and "subscriptions resume a" in out


def test_five_days_of_failures_disable_the_subscription(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine, http_server: LocalHTTPServer
) -> None:
    cli(capsys, "subscriptions", "add", "a", http_server.url("/a"), "-c", str(config))
    http_server.route("/a", Response(503))
    publish(engine, "1", "NWB-101")
    with session_factory(engine, write=True).begin() as s:
        s.execute(update(SubscriptionRow).values(failing_since=datetime.now(UTC) - timedelta(days=5, hours=1)))
    cli(capsys, "deliver", "--once", "-c", str(config))
    with session_factory(engine)() as s:
        sub = s.scalar(select(SubscriptionRow))
        assert sub is not None and not sub.enabled and "failed for 5.0 days" in (sub.disabled_reason or "")
    _, out, _ = cli(capsys, "subscriptions", "list", "-c", str(config), "--format", "json")
    assert json.loads(out)[0]["enabled"] is False


FT_PARAGRAPH = (
    "BOSTON, Sept. 11, 2026 (GLOBE NEWSWIRE) -- Northwind Biotherapeutics, Inc. (Nasdaq: NWBT) today announced "
    "that the U.S. Food and Drug Administration (FDA) has granted Fast Track designation to NWB-101 for the "
    "treatment of idiopathic pulmonary fibrosis (IPF)."
)


def subscribed_config(tmp_path: Path, db_url: str, http_server: LocalHTTPServer) -> Path:
    """A config with a feed on the local server and a subscription, its secret from $DESK_SECRET."""
    cfg = tmp_path / "subscribed.yaml"
    cfg.write_text(
        f"database: {{url: '{db_url}'}}\n"
        "http: {per_host_interval: 0, deadline: 5}\n"
        "delivery:\n"
        "  allow_private_networks: true\n"
        "  timeout: 5\n"
        f"  subscriptions: [{{name: desk, url: '{http_server.url('/hook')}', secret: '${{DESK_SECRET}}'}}]\n"
        f"feeds: [{{name: gnw, url: '{http_server.url('/feed.xml')}', full_text: false, jitter: 0}}]\n"
    )
    return cfg


def desk_messages(engine: Engine) -> list[MessageRow]:
    with session_factory(engine)() as s:
        return list(
            s.scalars(
                select(MessageRow).join(SubscriptionRow).where(SubscriptionRow.name == "desk").order_by(MessageRow.id)
            )
        )


def test_poll_once_syncs_config_subscriptions_so_its_diffs_are_delivered(
    tmp_path: Path,
    db_url: str,
    engine: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    http_server: LocalHTTPServer,
) -> None:
    secret = generate_secret()
    monkeypatch.setenv("DESK_SECRET", secret)
    item = Item("3150001", "Northwind Receives FDA Fast Track Designation for NWB-101", FT_PARAGRAPH)
    http_server.route("/feed.xml", Response(200, {"Content-Type": "application/rss+xml"}, Feed([item]).render()))
    http_server.route("/hook", Response(204))
    cfg = subscribed_config(tmp_path, db_url, http_server)
    code, out, _ = cli(capsys, "poll", "--once", "-c", str(cfg))  # a fresh database: no subscription in it yet
    assert code == 0 and "gnw" in out
    (msg,) = desk_messages(engine)
    assert msg.status == "pending"
    code, out, _ = cli(capsys, "deliver", "--once", "-c", str(cfg))
    assert code == 0 and "delivered 1" in out
    (req,) = http_server.requests_to("/hook")
    payload = Webhook(secret).verify(req.body, dict(req.headers))
    assert payload["data"]["event"]["product"] == "NWB-101"
    assert req.headers["user-agent"] == HttpSettings().user_agent  # docs/webhooks.md: http.user_agent is sent


def test_reprocess_syncs_config_subscriptions_so_its_diffs_are_queued(
    tmp_path: Path,
    db_url: str,
    engine: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    http_server: LocalHTTPServer,
) -> None:
    monkeypatch.setenv("DESK_SECRET", generate_secret())
    # a release stored by an older extractor that found nothing in it
    pr = press_release("9", datetime(2026, 9, 11, tzinfo=UTC), (Ticker("NASDAQ", "NWBT"),), text=FT_PARAGRAPH)
    store_release(engine, pr, (), company="Northwind Biotherapeutics, Inc.")
    cfg = subscribed_config(tmp_path, db_url, http_server)
    code, out, _ = cli(capsys, "reprocess", "-c", str(cfg))
    assert code == 0 and "events created: 1" in out
    (msg,) = desk_messages(engine)
    assert msg.status == "pending"


def test_list_masks_slack_urls_which_are_credentials(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine, http_server: LocalHTTPServer
) -> None:
    slack_url = http_server.url("/services/T0001/B0002/XoXoSlackToken123")
    hook_url = http_server.url("/hooks/desk?token=HookToken456&x=1")
    assert cli(capsys, "subscriptions", "add", "chan", slack_url, "--format", "slack", "-c", str(config))[0] == 0
    assert cli(capsys, "subscriptions", "add", "desk", hook_url, "-c", str(config))[0] == 0
    code, out, _ = cli(capsys, "subscriptions", "list", "-c", str(config), "--format", "json")
    assert code == 0
    shown = {s["name"]: s["url"] for s in json.loads(out)}
    origin = http_server.url("/").rstrip("/")
    assert shown == {"chan": f"{origin}/***", "desk": f"{origin}/hooks/desk?token=***&x=1"}
    _, table, _ = cli(capsys, "subscriptions", "list", "-c", str(config))
    for text in (out, table):
        assert "XoXoSlackToken123" not in text and "T0001" not in text and "HookToken456" not in text
    assert "/***" in table


def _listed(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> set[tuple[str, str, str]]:
    code, out, err = cli(capsys, "deliveries", "-c", str(config), "--format", "json", *args)
    assert code == 0, err
    return {(m["subscription"], m["diff"]["event_key"].rsplit("|", 1)[1], m["status"]) for m in json.loads(out)}


def test_deliveries_filters_by_status_and_subscription(
    config: Path,
    capsys: pytest.CaptureFixture[str],
    engine: Engine,
    http_server: LocalHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cli(capsys, "subscriptions", "add", "a", http_server.url("/a"), "-c", str(config))
    cli(capsys, "subscriptions", "add", "b", http_server.url("/b"), "-c", str(config))
    http_server.route("/a", Response(200))
    http_server.route("/b", Response(500))
    publish(engine, "1", "NWB-101")
    publish(engine, "2", "CRX-220", ticker="CLRQ")
    cli(capsys, "deliver", "--once", "-c", str(config))  # a: both delivered; b: both failed once
    with session_factory(engine, write=True).begin() as s:  # b's NWB-101 message: a dead letter
        b = select(SubscriptionRow.id).where(SubscriptionRow.name == "b").scalar_subquery()
        nwb101 = select(DiffRow.id).where(DiffRow.event_key == "nasdaq-nwbt|d|NWB-101").scalar_subquery()
        dead = update(MessageRow).where(MessageRow.subscription_id == b, MessageRow.diff_id == nwb101)
        assert s.execute(dead.values(status="dead", next_attempt_at=None)).rowcount == 1
    # a's CRX-220 message is replayed: waiting to be sent again, though its last attempt succeeded
    cli(
        capsys,
        "deliveries",
        "replay",
        "--subscription",
        "a",
        "--since",
        "2000-01-01",
        "--ticker",
        "CLRQ",
        "-c",
        str(config),
    )
    publish(engine, "3", "NWB-103")  # pending for both

    a1, a2, a3 = ("a", "NWB-101", "delivered"), ("a", "CRX-220", "retrying"), ("a", "NWB-103", "pending")
    b1, b2, b3 = ("b", "NWB-101", "dead"), ("b", "CRX-220", "retrying"), ("b", "NWB-103", "pending")
    assert _listed(capsys, config) == {a1, a2, a3, b1, b2, b3}
    assert _listed(capsys, config, "--subscription", "a") == {a1, a2, a3}
    assert _listed(capsys, config, "--subscription", "b") == {b1, b2, b3}
    assert _listed(capsys, config, "--status", "pending") == {a3, b3}
    assert _listed(capsys, config, "--status", "pending", "--subscription", "b") == {b3}
    assert _listed(capsys, config, "--status", "delivered") == {a1}
    assert _listed(capsys, config, "--status", "dead") == {b1}
    assert _listed(capsys, config, "--status", "retrying") == {a2, b2}
    # failed: waiting for a retry because the last attempt failed (not a2, replayed after a success)
    assert _listed(capsys, config, "--status", "failed") == {b2}
    assert _listed(capsys, config, "--status", "failed", "--subscription", "a") == set()
    assert _listed(capsys, config, "--status", "failed", "--limit", "1") == {b2}
    # the table names the state as --status does: b's message failed, a's waits to be sent again
    _, out, _ = cli(capsys, "deliveries", "-c", str(config), "--status", "retrying", "--format", "json")
    ids = {m["subscription"]: m["id"] for m in json.loads(out)}
    monkeypatch.setenv("COLUMNS", "200")
    _, table, _ = cli(capsys, "deliveries", "-c", str(config), "--status", "retrying")
    rows = {cells[1]: cells for cells in table_rows(table)}
    assert rows[ids["a"]][2:4] == ["a", "retrying"] and rows[ids["b"]][2:4] == ["b", "failed"]


def test_deliveries_of_an_unknown_subscription_is_an_error(
    config: Path, capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    code, out, err = cli(capsys, "deliveries", "-c", str(config), "--subscription", "nope")
    assert (code, out) == (1, "")
    assert err == "ir-feed: error: no subscription named 'nope'\n"


def test_deliveries_limit_too_large_is_a_usage_error(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["deliveries", "-c", str(config), "--limit", "99999999999999999999"])
    assert exit_info.value.code == 2 and "must be at most" in capsys.readouterr().err
