"""``ir-feed feeds``: the health table."""

from __future__ import annotations

import argparse
from typing import Any

from ir_feed.cli._common import (
    Col,
    add_config_arg,
    clip,
    database,
    guarded,
    load,
    print_json,
    print_table,
    stdout,
    when,
)
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
        print_json([_as_json(r) for r in rows])
        return 0
    columns = (
        Col("name", wrap=True, min_width=16),
        Col("enabled", wrap=True, min_width=7, rank=1, under="name"),
        Col("last outcome", wrap=True, min_width=13),
        Col("status", rank=2, under="last outcome"),
        Col("last success", wrap=True, min_width=10, rank=3),
        Col("failures", justify="right"),
        Col("next poll", wrap=True, min_width=10),
        Col("last error / warning", wrap=True, min_width=16),
    )
    shown = [
        (
            r.name,
            "yes" if r.enabled else f"no ({r.disabled_reason})",
            r.last_outcome or "never polled",
            str(r.last_status or "-"),
            when(r.last_success_at),
            str(r.consecutive_failures),
            when(r.next_poll_at) if r.enabled else "-",
            clip(r.last_error or (f"warning: {r.last_warning}" if r.last_warning else ""), 120),
        )
        for r in rows
    ]
    print_table(stdout(), f"{len(rows)} feed(s)", columns, shown)
    return 0


def _as_json(r: feed_store.FeedHealth) -> dict[str, Any]:
    return {
        "name": r.name,
        "url": r.url,
        "enabled": r.enabled,
        "disabled_reason": r.disabled_reason,
        "last_outcome": r.last_outcome,
        "last_status": r.last_status,
        "last_polled_at": r.last_polled_at,
        "last_success_at": r.last_success_at,
        "consecutive_failures": r.consecutive_failures,
        "next_poll_at": r.next_poll_at,
        "last_error": r.last_error,
        "last_warning": r.last_warning,
        "polls": r.polls,
    }
