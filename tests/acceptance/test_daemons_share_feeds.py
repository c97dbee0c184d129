"""Three daemons on one PostgreSQL share the feeds: started together on a fresh
database, they poll every feed once between them (never one feed twice: the claims skip
each other), and each takes a share of the work rather than the first to tick taking
everything due.  Each daemon sends its own User-Agent, so the feed server tells who
polled what.  (SQLite is one daemon per file: docs/operations.md.)"""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

from tests.support.daemon import start_daemon, upgrade_database, wait_for
from tests.support.gnw import Feed, Item
from tests.support.httpserver import LocalHTTPServer, Response

FEEDS = 240
DAEMONS = 3
# each answer takes a while, as a wire's does: one daemon alone would need
# FEEDS * DELAY / 8 in flight = 9 s, time enough for the others to start and claim
DELAY = 0.3


def test_three_daemons_on_one_postgresql_poll_each_feed_once_and_share_the_work(
    tmp_path: Path, http_server: LocalHTTPServer, pg_url: str
) -> None:
    body = Feed([Item("3170001", "Northwind Corporate Update", "Northwind today published an update.")]).render()
    for n in range(FEEDS):
        http_server.route(f"/f/{n}.xml", Response(200, {"Content-Type": "application/rss+xml"}, body, delay=DELAY))
    feeds = "\n".join(
        f"  - {{name: f{n}, url: '{http_server.url(f'/f/{n}.xml')}', interval: 3600, jitter: 0, full_text: false}}"
        for n in range(FEEDS)
    )
    configs = []
    for d in range(DAEMONS):
        config = tmp_path / f"daemon{d}.yaml"
        config.write_text(
            f"database: {{url: '{pg_url}'}}\n"
            "polling: {tick: 0.2}\n"
            "http: {per_host_interval: 0, per_host_concurrency: 8, max_concurrency: 8, "
            f"user_agent: 'ir-feed-share/{d} (+mailto:ops@example.invalid)'}}\n"
            "api: {enabled: false}\nlogging: {format: json}\n"
            f"feeds:\n{feeds}\n"
        )
        configs.append(config)
    upgrade_database(configs[0])  # a PostgreSQL schema is upgraded by the operator, not by a daemon
    logs = [tmp_path / f"daemon{d}.log" for d in range(DAEMONS)]
    tail = lambda: "\n".join(f"--- {log.name} ---\n{log.read_text()[-1500:]}" for log in logs)  # noqa: E731
    daemons = [start_daemon(config, log) for config, log in zip(configs, logs, strict=True)]
    try:
        wait_for(lambda: len(http_server.requests) >= FEEDS, 120, context=tail)
        for log in logs:  # (all three were running while the feeds were polled)
            wait_for(lambda log=log: '"daemon_started"' in log.read_text(), 60, context=tail)
        wait_for(lambda: http_server.in_flight == 0, 30, context=tail)
    finally:
        for daemon in daemons:
            daemon.send_signal(signal.SIGTERM)
        codes = [daemon.wait(timeout=30) for daemon in daemons]
    assert codes == [0] * DAEMONS, tail()

    requests = http_server.requests
    per_feed = Counter(r.route for r in requests)
    assert len(per_feed) == FEEDS and set(per_feed.values()) == {1}, per_feed.most_common(3)
    by_daemon = Counter(r.headers["user-agent"].split(" ")[0] for r in requests)
    print("polls by daemon:", dict(sorted(by_daemon.items())))  # the split docs/operations.md quotes
    assert set(by_daemon) == {f"ir-feed-share/{d}" for d in range(DAEMONS)}, by_daemon
    # a share each: not the first daemon to tick taking everything due (a bounded claim, refilled as
    # polls end); a tenth is far below the third each would get starting at the same instant
    assert min(by_daemon.values()) >= FEEDS // 10, by_daemon
