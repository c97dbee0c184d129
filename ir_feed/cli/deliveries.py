"""``ir-feed deliveries [--status S] [--subscription S]``, ``deliveries retry ID``,
``deliveries replay --subscription S --since DATE [--ticker T]`` and
``ir-feed deliver --once``."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from ir_feed.cli._common import (
    Col,
    CommandError,
    add_config_arg,
    clip,
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
from ir_feed.runtime import tune_gc
from ir_feed.services import utcnow
from ir_feed.services.delivering import Deliverer, DeliveryRound, make_dispatcher, sync_subscriptions
from ir_feed.settings import Settings
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.engine import prepare, session_factory

# A message's last error in the list: a connection error whole (host, port and
# reason, about 110 characters), a longer one cut with "…" (`deliveries show` and
# --format json have it whole).
ERROR_CHARS = 120

# What people ask for → what the outbox stores.  ``failed`` is narrower than
# ``retrying``: only the messages whose last attempt failed (a replayed message
# waits as ``retrying`` too, after a success or before any attempt).
STATUS_NAMES = {
    "pending": "pending",
    "failed": "failed",
    "retrying": "retrying",
    "dead": "dead",
    "delivered": "delivered",
}


def register(sub: Any) -> None:
    p = sub.add_parser("deliveries", help="the delivery queue: list, retry a message, replay diffs")
    add_config_arg(p)
    p.add_argument(
        "--status",
        choices=sorted(STATUS_NAMES),
        help="failed = waiting for a retry after a failed attempt; retrying = waiting to be sent again for any reason",
    )
    p.add_argument("--subscription", help="only this subscription")
    p.add_argument("--limit", type=page_size, default=100)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=guarded(_list))
    inner = p.add_subparsers(dest="deliveries_command", metavar="ACTION")

    show = inner.add_parser("show", help="one message and every attempt to deliver it")
    add_config_arg(show)
    show.add_argument("id", metavar="MESSAGE_ID", help="msg_...")
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.set_defaults(handler=guarded(_show))

    retry = inner.add_parser("retry", help="send one message again now (e.g. a dead letter)")
    add_config_arg(retry)
    retry.add_argument("id", metavar="MESSAGE_ID", help="msg_...")
    retry.set_defaults(handler=guarded(_retry))

    replay = inner.add_parser("replay", help="send a subscription's diffs since DATE again")
    add_config_arg(replay)
    replay.add_argument("--subscription", required=True)
    replay.add_argument("--since", required=True, type=parse_since)
    replay.add_argument("--ticker", type=ticker_arg, help="only diffs of this ticker's events")
    replay.set_defaults(handler=guarded(_replay))

    once = sub.add_parser("deliver", help="deliver the due outbox messages once and exit")
    add_config_arg(once)
    once.add_argument("--once", action="store_true", help="deliver once and exit (the only mode; kept explicit)")
    once.set_defaults(handler=guarded(_deliver_once))


def _list(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    status = STATUS_NAMES[args.status] if args.status else None
    limit = max(1, args.limit)
    with database(settings) as engine, session_factory(engine)() as session:
        if args.subscription and subscription_store.get(session, args.subscription) is None:
            raise CommandError(f"no subscription named {args.subscription!r}")
        rows = outbox.list_messages(session, status=status, subscription=args.subscription, limit=limit)
    if args.format == "json":
        print_json([r.public() for r in rows])
        return 0
    columns = (
        Col("created", wrap=True, min_width=10, rank=4),
        Col("message"),
        Col("subscription", wrap=True, min_width=10, rank=1, under="message"),
        Col("status"),
        Col("attempts", justify="right"),
        Col("next attempt", wrap=True, min_width=10, rank=3),
        Col("last", justify="right"),
        Col("diff", wrap=True, min_width=16, rank=2, under="message"),
        Col("last error", wrap=True, min_width=16),
    )
    print_table(
        stdout(),
        f"{len(rows)} message(s)",
        columns,
        [
            (
                when(r.created_at),
                r.public_id,
                r.subscription,
                # the names of --status: "failed" is waiting for a retry after a failed attempt
                "failed" if r.last_attempt_failed and r.status == "retrying" else r.status,
                str(r.attempts),
                when(r.next_attempt_at) if r.status in {"pending", "retrying"} else "-",
                str(r.last_status or "-"),
                f"{r.diff_type} {r.event_key}",
                clip(r.last_error or "", ERROR_CHARS),
            )
            for r in rows
        ],
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        detail = outbox.message_detail(session, args.id)
    if detail is None:
        raise CommandError(f"no message {args.id!r}")
    if args.format == "json":
        print_json(detail.public())
        return 0
    m = detail.message
    console = stdout()
    console.print(
        f"{m.public_id}  {m.subscription}  {m.status}  {m.diff_type} {m.event_key}\n"
        f"created {when(m.created_at)}; "
        + (f"delivered {when(m.delivered_at)}" if m.delivered_at else f"next attempt {when(m.next_attempt_at)}")
    )
    columns = (
        Col("#", justify="right"),
        Col("started", wrap=True, min_width=10),
        Col("status", justify="right"),
        Col("ms", justify="right"),
        Col("error", wrap=True, min_width=16),
        Col("answer (start)", wrap=True, min_width=16, rank=1),
    )
    rows = [
        (
            str(a.number),
            when(a.started_at),
            str(a.status or "-"),
            str(a.latency_ms),
            clip(a.error or "", 300),  # whole: the sender keeps at most about 230
            clip(a.response_excerpt, 80),
        )
        for a in detail.attempts
    ]
    print_table(console, f"{len(detail.attempts)} attempt(s)", columns, rows)
    return 0


def _retry(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine, write=True).begin() as session:
        found = outbox.retry(session, args.id, utcnow())
    if not found:
        raise CommandError(f"no undelivered message {args.id!r} that is not being sent right now")
    print(f"message {args.id} queued to be sent again")
    return 0


def _replay(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine, write=True).begin() as session:
        count = outbox.replay(
            session, subscription=args.subscription, since=args.since, ticker=args.ticker, now=utcnow()
        )
        row = subscription_store.get(session, args.subscription)
        held = None if row is None or row.enabled else (row.disabled_reason or "disabled")
    if count is None:
        raise CommandError(f"no subscription named {args.subscription!r}")
    print(f"{count} message(s) queued for {args.subscription!r}")
    if held is not None:
        print(
            f"note: {args.subscription!r} is not enabled ({held}); they wait until "
            f"`ir-feed subscriptions resume {args.subscription}`"
        )
    return 0


async def deliver_once(settings: Settings) -> DeliveryRound:
    engine = await asyncio.to_thread(prepare, settings)
    try:
        await sync_subscriptions(settings.delivery, engine, now=utcnow())
        dispatcher, client = make_dispatcher(settings.delivery, user_agent=settings.http.user_agent)
        async with client:
            return await Deliverer(settings.delivery, engine, dispatcher).deliver_due()
    finally:
        engine.dispose()


def _deliver_once(args: argparse.Namespace) -> int:
    settings = load(args)
    tune_gc()  # a backlog may be large: as `run` does (ir_feed.runtime)
    result = asyncio.run(deliver_once(settings))
    print(
        f"sent {result.sent}: delivered {result.delivered}, retrying {result.retrying}, dead {result.dead}, "
        f"subscriptions disabled {result.subscriptions_disabled}"
    )
    return 0
