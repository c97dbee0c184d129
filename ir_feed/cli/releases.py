"""``ir-feed releases [--ticker T] [--since DATE]``: stored releases, newest first."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.table import Table

from ir_feed.cli._common import (
    add_config_arg,
    database,
    guarded,
    load,
    page_size,
    parse_since,
    stdout,
    ticker_arg,
    when,
)
from ir_feed.store import releases as release_store
from ir_feed.store.engine import session_factory


def register(sub: Any) -> None:
    p = sub.add_parser("releases", help="list stored press releases, newest first")
    add_config_arg(p)
    p.add_argument("--ticker", type=ticker_arg, help="SYMBOL or EXCHANGE:SYMBOL, e.g. ALLO or NASDAQ:ALLO")
    p.add_argument("--since", type=parse_since, help="published on or after (YYYY-MM-DD or ISO time)")
    p.add_argument("--limit", type=page_size, default=50)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=guarded(_releases))


def _releases(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        rows = release_store.list_releases(session, ticker=args.ticker, since=args.since, limit=max(1, args.limit))
    if args.format == "json":
        print(json.dumps([_as_json(r) for r in rows], indent=2))
        return 0
    table = Table(title=f"{len(rows)} release(s)")
    table.add_column("published", no_wrap=True)
    table.add_column("tickers")
    table.add_column("issuer")
    table.add_column("title", ratio=1)
    table.add_column("v", no_wrap=True)
    table.add_column("text", no_wrap=True)
    for r in rows:
        table.add_row(
            when(r.published_at),
            " ".join(str(t) for t in r.tickers) or "-",
            r.issuer or "-",
            r.title,
            str(r.version),
            "full" if r.full_text else "summary",
        )
    stdout().print(table)
    return 0


def _as_json(r: release_store.ReleaseSummary) -> dict[str, Any]:
    return {
        "key": r.key,
        "title": r.title,
        "issuer": r.issuer,
        "tickers": [{"exchange": t.exchange, "symbol": t.symbol} for t in r.tickers],
        "published_at": r.published_at.isoformat() if r.published_at else None,
        "version": r.version,
        "full_text": r.full_text,
        "url": r.url,
        "first_seen_at": r.first_seen_at.isoformat(),
    }
