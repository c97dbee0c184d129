"""``ir-feed feeds``: the health table."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.table import Table

from ir_feed.cli._common import add_config_arg, database, guarded, load, stdout, when
from ir_feed.store import feeds as feed_store
from ir_feed.store.engine import session_factory


def register(sub: Any) -> None:
    p = sub.add_parser("feeds", help="feed health: last outcome, failures, next poll")
    add_config_arg(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=guarded(_feeds))


def _feeds(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        rows = feed_store.health(session)
    if args.format == "json":
        print(json.dumps([_as_json(r) for r in rows], indent=2))
        return 0
    table = Table(title=f"{len(rows)} feed(s)")
    for col in ("name", "enabled", "last outcome", "status", "last success", "failures", "next poll"):
        table.add_column(col, no_wrap=True)
    table.add_column("last error / warning")
    for r in rows:
        table.add_row(
            r.name,
            "yes" if r.enabled else f"no ({r.disabled_reason})",
            r.last_outcome or "never polled",
            str(r.last_status or "-"),
            when(r.last_success_at),
            str(r.consecutive_failures),
            when(r.next_poll_at) if r.enabled else "-",
            (r.last_error or (f"warning: {r.last_warning}" if r.last_warning else ""))[:80],
        )
    stdout().print(table)
    return 0


def _as_json(r: feed_store.FeedHealth) -> dict[str, Any]:
    return {
        "name": r.name,
        "url": r.url,
        "enabled": r.enabled,
        "disabled_reason": r.disabled_reason,
        "last_outcome": r.last_outcome,
        "last_status": r.last_status,
        "last_polled_at": r.last_polled_at.isoformat() if r.last_polled_at else None,
        "last_success_at": r.last_success_at.isoformat() if r.last_success_at else None,
        "consecutive_failures": r.consecutive_failures,
        "next_poll_at": r.next_poll_at.isoformat(),
        "last_error": r.last_error,
        "last_warning": r.last_warning,
        "polls": r.polls,
    }
