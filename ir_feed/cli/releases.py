"""``ir-feed releases [--ticker T] [--since DATE]``: stored releases, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from ir_feed.cli._common import (
    Col,
    add_config_arg,
    database,
    guarded,
    load,
    page_size,
    parse_since,
    print_json,
    print_table,
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
        print_json([_as_json(r) for r in rows])
        return 0
    columns = (
        Col("published", wrap=True, min_width=10),
        Col("tickers", wrap=True, min_width=11),
        Col("issuer", wrap=True, min_width=12, rank=1),
        Col("title", wrap=True, min_width=20),
        Col("v", justify="right"),
        Col("text"),
    )
    shown = [
        (
            when(r.published_at),
            " ".join(str(t) for t in r.tickers) or "-",
            r.issuer or "-",
            r.title,
            str(r.version),
            "full" if r.full_text else "summary",
        )
        for r in rows
    ]
    print_table(stdout(), f"{len(rows)} release(s)", columns, shown)
    return 0


def _as_json(r: release_store.ReleaseSummary) -> dict[str, Any]:
    return {
        "key": r.key,
        "title": r.title,
        "issuer": r.issuer,
        "tickers": [{"exchange": t.exchange, "symbol": t.symbol} for t in r.tickers],
        "published_at": r.published_at,
        "version": r.version,
        "full_text": r.full_text,
        "url": r.url,
        "first_seen_at": r.first_seen_at,
    }
