"""kill -9 of the daemon in the middle of delivering, then a restart: every
message reaches the real local receiver at least once, always under its own
``webhook-id`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from ir_feed.delivery import generate_secret
from ir_feed.store.engine import make_engine, session_factory
from ir_feed.store.tables import MessageRow
from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.httpserver import LocalHTTPServer, Response

REPO = Path(__file__).resolve().parents[2]


def _messages(db_url: str) -> list[MessageRow]:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            return list(s.scalars(select(MessageRow)))
    finally:
        engine.dispose()


def test_kill_9_mid_delivery_loses_no_message(tmp_path: Path, db_url: str, http_server: LocalHTTPServer) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.db*"))
    secret = generate_secret()
    http_server.route("/hook", Response(200, delay=0.4))  # a slow receiver: delivery takes a while
    config = tmp_path / "examples" / "crash.yaml"
    config.write_text(
        f"database: {{url: '{db_url}'}}\n"
        "polling: {tick: 0.2}\n"
        "api: {port: 0}\n"  # never a fixed port in tests
        "logging: {format: json}\n"
        "feeds: [{name: demo, url: feed.xml, interval: 3600, jitter: 0}]\n"
        "delivery:\n"
        "  tick: 0.2\n  lease: 5\n  batch: 2\n  max_concurrency_per_subscription: 1\n"
        "  allow_private_networks: true\n"
        f"  subscriptions: [{{name: hook, url: '{http_server.url('/hook')}', secret: '{secret}'}}]\n"
    )
    upgrade_database(config)
    log = tmp_path / "daemon.log"
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/hook")) >= 2, 60, context=lambda: log.read_text()[-2000:])
        os.kill(proc.pid, signal.SIGKILL)  # mid-delivery: some sent, some leased, some queued
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    total = len(_messages(db_url))
    assert total >= 5
    assert any(m.status != "delivered" for m in _messages(db_url))

    proc = start_daemon(config, log)
    try:
        wait_for(
            lambda: all(m.status == "delivered" for m in _messages(db_url)), 90, context=lambda: log.read_text()[-3000:]
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0

    received = http_server.requests_to("/hook")
    ids = [r.headers["webhook-id"] for r in received]
    assert set(ids) == {m.public_id for m in _messages(db_url)}  # every message at least once
    for r in received:  # each one signed for exactly the bytes received
        Webhook(secret).verify(r.body, dict(r.headers))


def test_sigterm_with_a_hanging_receiver_exits_and_gives_the_messages_back(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """A receiver that never answers (inside a 60 s request timeout) does not hold a stop:
    deliveries get a few seconds, then their messages' leases are given back (to be sent
    again under the same webhook-id) and the daemon exits cleanly."""
    import threading

    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.db*"))
    never = threading.Event()
    http_server.route("/hook", Response(200, wait=never))
    db_url = f"sqlite:///{tmp_path / 'ir_feed.db'}"
    config = tmp_path / "examples" / "hang.yaml"
    config.write_text(
        f"database: {{url: '{db_url}'}}\n"
        "polling: {tick: 0.2}\napi: {enabled: false}\nlogging: {format: json}\n"
        "feeds: [{name: demo, url: feed.xml, interval: 3600, jitter: 0}]\n"
        "delivery:\n  tick: 0.2\n  timeout: 60\n  allow_private_networks: true\n"
        f"  subscriptions: [{{name: hook, url: '{http_server.url('/hook')}', secret: '{generate_secret()}'}}]\n"
    )
    log = tmp_path / "daemon.log"
    proc = start_daemon(config, log)
    try:
        wait_for(lambda: len(http_server.requests_to("/hook")) >= 1, 60)
        proc.send_signal(signal.SIGTERM)
        status = proc.wait(timeout=20)  # (one request alone could hold it 60 s)
    finally:
        never.set()
        if proc.poll() is None:
            proc.kill()
    assert status == 0
    assert '"event": "delivery_leases_released"' in log.read_text()
    held = [m for m in _messages(db_url) if m.status != "delivered" and m.lease_until is not None]
    assert held == []  # every message is free to be sent again at once
