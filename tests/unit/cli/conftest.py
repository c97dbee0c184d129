"""A database of the README demo with long, realistic values in it, for the CLI's
tables and JSON (issue 13).

The demo is polled with a second feed that fails (a long name and error); two
subscriptions (one with a long name, a long URL and filters) get the demo's diffs
replayed and delivered once to a closed port; then a few rows are given the long
values real data has: a webhook error of 200-odd characters and an HTML answer, a
feed's TLS error, a long release title and issuer, an event's long indication, an
updated diff's changes.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from ir_feed.settings import load_settings
from ir_feed.store.engine import make_engine
from tests.support.cli import closed_port, run_cli

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
LONG_FEED = "osprey-lane-genetics-investor-relations-press-releases"
LONG_SUBSCRIPTION = "research-desk-webhook-production-eu-west-1"
WEBHOOK_ERROR = (
    "ReadTimeout: timed out reading the answer of https://hooks.research-desk.example.com/ir-feed/v1/receive/"
    "production-eu-west-1 after 10.0 s (the receiver accepted the connection and sent its headers, then nothing)"
)
WEBHOOK_ANSWER = (
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service "
    "Temporarily Unavailable</h1></center><hr><center>nginx/1.25.3</center></body></html>"
)
FEED_ERROR = (
    "ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
    "certificate (_ssl.c:1006) while fetching https://ir.osprey-lane-genetics.example.com/rss/news-releases.xml"
)
RELEASE_TITLE = (
    "Osprey Lane Genetics Receives EMA PRIME Designation and FDA Orphan Drug Designation for OLG-404, an "
    "Investigational AAV Gene Therapy for Duchenne Muscular Dystrophy, and Announces a Pivotal Phase 3 Trial"
)
ISSUER = "Osprey Lane Genetics International Holdings, Inc."
INDICATION = (
    "Duchenne muscular dystrophy in ambulatory and non-ambulatory boys aged four to twelve with a confirmed "
    "mutation amenable to exon 51 skipping"
)
FAST_TRACK = "nwbt|designation|fda|fast-track|nwb101|ipf"
ORPHAN_DRUG = "oslq|designation|fda|orphan-drug|olg404|duchenne-muscular-dystrophy"


@dataclass(frozen=True)
class LongDemo:
    config: Path
    dead_id: str  # a dead letter: 12 attempts, the last answered 503 with WEBHOOK_ERROR and WEBHOOK_ANSWER


@pytest.fixture(scope="session")
def long_demo(tmp_path_factory: pytest.TempPathFactory) -> LongDemo:
    examples = tmp_path_factory.mktemp("long-demo") / "examples"
    shutil.copytree(EXAMPLES, examples, ignore=shutil.ignore_patterns("*.db*"))
    config = examples / "long.yaml"
    config.write_text(
        "database: {url: 'sqlite:///long.db'}\n"
        "logging: {level: ERROR}\n"
        "delivery: {allow_private_networks: true, timeout: 5}\n"
        "feeds:\n"
        "  - {name: demo-biotech, url: feed.xml, interval: 60, jitter: 0, full_text: true}\n"
        f"  - {{name: {LONG_FEED}, url: no-such-feed.xml, interval: 60, jitter: 0}}\n"
    )
    c = str(config)
    run_cli("poll", "--once", "--all", "-c", c)
    port = closed_port()
    run_cli(
        "subscriptions", "add", LONG_SUBSCRIPTION,
        f"http://127.0.0.1:{port}/ir-feed/v1/receive/production-eu-west-1?tenant=research-desk",
        "--ticker", "NASDAQ:OSLQ", "--ticker", "NASDAQ:NWBT", "--ticker", "OTCQB:TMSNF",
        "--kind", "designation", "--kind", "trial_start", "-c", c,
    )  # fmt: skip
    run_cli("subscriptions", "add", "analytics", f"http://127.0.0.1:{port}/hook", "-c", c)
    for name in (LONG_SUBSCRIPTION, "analytics"):
        run_cli("deliveries", "replay", "--subscription", name, "--since", "2000-01-01", "-c", c)
    run_cli("deliver", "--once", "-c", c)
    messages = json.loads(run_cli("deliveries", "--subscription", LONG_SUBSCRIPTION, "--format", "json", "-c", c))
    dead, delivered = messages[0]["id"], messages[1]["id"]

    engine = make_engine(load_settings(config).database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE messages SET status = 'dead', attempts = 12, last_status = 503, last_error = :error, "
                "next_attempt_at = NULL WHERE public_id = :id"
            ),
            {"error": WEBHOOK_ERROR, "id": dead},
        )
        conn.execute(
            text(
                "UPDATE delivery_attempts SET status = 503, error = :error, response_excerpt = :answer "
                "WHERE message_id = (SELECT id FROM messages WHERE public_id = :id)"
            ),
            {"error": WEBHOOK_ERROR, "answer": WEBHOOK_ANSWER, "id": dead},
        )
        conn.execute(
            text(
                "UPDATE messages SET status = 'delivered', attempts = 3, last_status = 204, last_error = NULL, "
                "next_attempt_at = NULL, delivered_at = created_at WHERE public_id = :id"
            ),
            {"id": delivered},
        )
        conn.execute(
            text("UPDATE feeds SET last_error = :error, consecutive_failures = 17 WHERE name = :name"),
            {"error": FEED_ERROR, "name": LONG_FEED},
        )
        conn.execute(
            text("UPDATE releases SET title = :title, issuer = :issuer WHERE title LIKE 'Osprey Lane%'"),
            {"title": RELEASE_TITLE, "issuer": ISSUER},
        )
        conn.execute(
            text("UPDATE events SET company = :issuer, indication = :indication WHERE key = :key"),
            {"issuer": ISSUER, "indication": INDICATION, "key": ORPHAN_DRUG},
        )
        changes = {"status": {"old": "planned", "new": "first_patient_dosed"},
                   "timing_text": {"old": "in the second half of 2026", "new": "today"}}  # fmt: skip
        conn.execute(
            text(
                "UPDATE diffs SET type = 'event.updated', changes = :changes "
                "WHERE id = (SELECT min(id) FROM diffs WHERE event_key LIKE 'tmsn|%')"
            ),
            {"changes": json.dumps(changes)},
        )
    engine.dispose()
    return LongDemo(config, dead)
