"""``ir-feed poll --once [--feed NAME]``: one poll, the same service the daemon runs."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from ir_feed.cli._common import Col, CommandError, add_config_arg, clip, guarded, load, print_table, stdout, when
from ir_feed.fetch import Fetcher
from ir_feed.services import Poller, PollResult, utcnow
from ir_feed.services.delivering import sync_subscriptions
from ir_feed.settings import Settings
from ir_feed.store.engine import prepare


def register(sub: Any) -> None:
    p = sub.add_parser("poll", help="poll feeds once and exit")
    add_config_arg(p)
    p.add_argument("--once", action="store_true", help="poll once and exit (the only mode; kept explicit)")
    p.add_argument("--feed", action="append", metavar="NAME", help="poll this feed now, due or not (repeatable)")
    p.add_argument("--all", action="store_true", help="poll every enabled feed now, due or not")
    p.set_defaults(handler=guarded(_poll))


async def poll_once(settings: Settings, names: list[str] | None) -> list[PollResult]:
    engine = await asyncio.to_thread(prepare, settings)
    try:
        # As the daemon does: the diffs this poll records are fanned out to the
        # config's subscriptions, so they must exist first (or they miss them for good).
        await sync_subscriptions(settings.delivery, engine, now=utcnow())
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher)
            await asyncio.to_thread(poller.sync_feeds)
            return await poller.poll_due(names)
    finally:
        engine.dispose()


def _poll(args: argparse.Namespace) -> int:
    settings = load(args)
    names: list[str] | None = None
    if args.feed:
        unknown = [n for n in args.feed if n not in {f.name for f in settings.feeds}]
        if unknown:
            raise CommandError(f"no such feed in the config: {', '.join(unknown)}")
        names = list(args.feed)
    elif args.all:
        names = [f.name for f in settings.feeds if f.enabled]
    results = asyncio.run(poll_once(settings, names))

    def count(header: str, values: list[int], rank: int) -> Col:
        # a count that is 0 for every feed is the first to go on a narrow console
        return Col(header, justify="right", rank=rank if any(values) else rank + 2)

    columns = (
        Col("feed", wrap=True, min_width=12),
        Col("outcome", wrap=True, min_width=13),
        Col("status", justify="right"),
        Col("items", justify="right", rank=1),
        count("skipped", [r.skipped for r in results], 1),
        Col("new", justify="right"),
        count("versions", [r.versions for r in results], 1),
        count("page errors", [r.page_errors for r in results], 1),
        count("deferred", [r.deferred for r in results], 1),
        count("rejected", [r.rejected for r in results], 1),
        Col("next poll", wrap=True, min_width=10),
        Col("error", wrap=True, min_width=16),
    )
    rows = [
        (
            r.feed,
            r.outcome,
            str(r.status or "-"),
            str(r.items),
            str(r.skipped),
            str(r.new),
            str(r.versions),
            str(r.page_errors),
            str(r.deferred),
            str(r.rejected),
            when(r.next_poll_at),
            clip(r.error or "", 120),
        )
        for r in results
    ]
    console = stdout()
    if results:
        print_table(console, "poll results", columns, rows)
    else:
        console.print("no feed was due (use --all or --feed NAME to poll now)")
    return 1 if results and all(r.outcome not in {"ok", "not_modified"} for r in results) else 0
