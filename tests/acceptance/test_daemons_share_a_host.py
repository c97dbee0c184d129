"""Three daemons on one PostgreSQL share a wire host's request budget: once they have seen each
other (their heartbeats), together they start no more requests to one server than one daemon's
``per_host_interval`` allows, not three times as many (services.membership).  Measured at the
server, as an upper bound (a slow machine only lowers it)."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path

from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Request, Response

FEEDS = 120  # more than the window polls: feeds stay due throughout
DAEMONS = 3
INTERVAL = 0.25  # http.per_host_interval: one daemon alone starts at most 4 requests a second
WINDOW = 3.0


def _saw_all(log: Path) -> bool:
    for line in log.read_text().splitlines():
        if '"daemons_seen"' in line and json.loads(line).get("daemons") == DAEMONS:
            return True
    return False


def test_three_daemons_start_no_more_requests_to_one_host_than_one_daemon_would(
    tmp_path: Path, http_server: LocalHTTPServer, pg_url: str
) -> None:
    body = Feed([Item("3170001", "Northwind Corporate Update", "Northwind today published an update.")]).render()
    starts: list[float] = []
    lock = threading.Lock()

    def answer(request: Request) -> Response:
        with lock:
            starts.append(time.monotonic())
        return Response(200, {"Content-Type": "application/rss+xml"}, body)

    for n in range(FEEDS):
        http_server.route(f"/f/{n}.xml", answer)
    feeds = "\n".join(
        f"  - {{name: f{n}, url: '{http_server.url(f'/f/{n}.xml')}', interval: 3600, jitter: 0, full_text: false}}"
        for n in range(FEEDS)
    )
    configs = []
    for d in range(DAEMONS):
        config = tmp_path / f"daemon{d}.yaml"
        config.write_text(
            f"database: {{url: '{pg_url}'}}\n"
            "polling: {tick: 0.2, heartbeat: 1.0}\n"  # (alive within 3.5 s: a slow machine misses no beat)
            f"http: {{per_host_interval: {INTERVAL}, per_host_concurrency: 1, max_concurrency: 4, "
            f"user_agent: 'ir-feed-host/{d} (+mailto:ops@example.invalid)'}}\n"
            "api: {enabled: false}\nlogging: {format: json}\n"
            f"feeds:\n{feeds}\n"
        )
        configs.append(config)
    upgrade_database(configs[0])
    logs = [tmp_path / f"daemon{d}.log" for d in range(DAEMONS)]
    tail = lambda: "\n".join(f"--- {log.name} ---\n{log.read_text()[-1500:]}" for log in logs)  # noqa: E731
    daemons = [start_daemon(config, log) for config, log in zip(configs, logs, strict=True)]
    try:
        for log in logs:
            wait_for(lambda log=log: _saw_all(log), 60, context=tail)
        begin = time.monotonic()
        time.sleep(WINDOW)
        end = time.monotonic()
    finally:
        for daemon in daemons:
            daemon.send_signal(signal.SIGTERM)
        codes = [daemon.wait(timeout=30) for daemon in daemons]
    assert codes == [0] * DAEMONS, tail()

    with lock:
        in_window = sum(begin <= t < end for t in starts)
    # one daemon's budget over the window, and one request each may have been timed before
    # its daemon counted the others; alone, each of the three would start WINDOW / INTERVAL
    budget = WINDOW / INTERVAL + DAEMONS
    unshared = DAEMONS * WINDOW / INTERVAL
    print(f"requests in {WINDOW} s: {in_window} (budget {budget:.0f}; unshared it would be {unshared:.0f})")
    assert 0 < in_window <= budget, (in_window, budget)
    by_daemon = {r.headers["user-agent"].split(" ")[0] for r in http_server.requests}
    assert by_daemon == {f"ir-feed-host/{d}" for d in range(DAEMONS)}  # all three polled
