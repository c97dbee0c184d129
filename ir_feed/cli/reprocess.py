"""``ir-feed reprocess [--since DATE] [--ticker T]``: re-run the current extractor."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ir_feed.cli._common import add_config_arg, database, guarded, load, parse_since, stdout, ticker_arg
from ir_feed.extract import EXTRACTOR_VERSION
from ir_feed.services import reprocess, utcnow
from ir_feed.services.delivering import sync_subscriptions


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reprocess",
        help="re-run the current extractor over stored releases and record only what changed",
        description=(
            f"Re-extract stored releases with extractor {EXTRACTOR_VERSION}. Safe to interrupt and run again: "
            "each batch commits on its own and unchanged facts record nothing."
        ),
    )
    add_config_arg(p)
    p.add_argument("--since", type=parse_since, help="releases published on or after (YYYY-MM-DD)")
    p.add_argument("--ticker", type=ticker_arg, help="releases naming this ticker (SYMBOL or EXCHANGE:SYMBOL)")
    p.set_defaults(handler=guarded(_reprocess))


def _reprocess(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    console = stdout()
    with (
        database(settings) as engine,
        Progress(
            TextColumn("reprocessing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar,
    ):
        # As the daemon does: the diffs recorded here are fanned out to the config's
        # subscriptions, so they must exist first (or they miss them for good).
        asyncio.run(sync_subscriptions(settings.delivery, engine, now=utcnow()))
        task = bar.add_task("releases", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            summary = reprocess(engine, since=args.since, ticker=args.ticker, progress=progress)
        except KeyboardInterrupt:
            console.print("interrupted: committed batches are kept; run the command again to finish")
            return 130
    console.print(
        f"releases read: {summary.releases}; events created: {summary.created}, updated: {summary.updated}, "
        f"retracted: {summary.retracted} (extractor {summary.extractor_version})"
    )
    if summary.awaiting_page:
        console.print(
            f"left as they are: {summary.awaiting_page} correction(s) known only by their summary "
            "(their page never arrived; the events keep what the full text said)"
        )
    return 0
