"""``ir-feed subscriptions add|list|remove|pause|resume``."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from ir_feed.cli._common import (
    Col,
    CommandError,
    add_config_arg,
    database,
    guarded,
    load,
    print_json,
    print_table,
    stdout,
    ticker_arg,
    when,
)
from ir_feed.delivery import validate_secret, validate_url
from ir_feed.diff import DIFF_TYPES
from ir_feed.errors import BlockedURL, UnresolvedHost
from ir_feed.services import utcnow
from ir_feed.store import outbox
from ir_feed.store import subscriptions as store
from ir_feed.store.engine import session_factory

KINDS = ("designation", "ind_clearance", "trial_start")


def register(sub: Any) -> None:
    p = sub.add_parser("subscriptions", help="manage webhook and Slack subscriptions")
    inner = p.add_subparsers(dest="subscriptions_command", metavar="ACTION", required=True)

    add = inner.add_parser("add", help="subscribe a URL; a webhook signing secret is generated and shown once")
    add_config_arg(add)
    add.add_argument("name", help="a short name: letters, digits, . _ -")
    add.add_argument("url", help="http(s) URL of the receiver (or a Slack incoming-webhook URL)")
    add.add_argument("--format", choices=("webhook", "slack"), default="webhook")
    add.add_argument("--secret", help="whsec_... to use instead of a generated one")
    add.add_argument("--ticker", type=ticker_arg, action="append", default=[], help="only these tickers (repeatable)")
    add.add_argument("--kind", action="append", default=[], choices=KINDS, help="only these event kinds")
    add.add_argument("--designation", action="append", default=[], help="only these designation kinds")
    add.add_argument("--agency", action="append", default=[], help="only these agencies")
    add.add_argument("--type", action="append", default=[], choices=DIFF_TYPES, help="only these diff types")
    add.set_defaults(handler=guarded(_add))

    ls = inner.add_parser(
        "list", help="subscriptions with their filters and health (never their secrets; Slack URLs masked)"
    )
    add_config_arg(ls)
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.set_defaults(handler=guarded(_list))

    for action, help_text in (
        ("remove", "delete a subscription and its queued messages"),
        ("pause", "stop delivering to a subscription (messages keep queueing)"),
        ("resume", "deliver again, starting with what queued while paused or disabled"),
    ):
        q = inner.add_parser(action, help=help_text)
        add_config_arg(q)
        q.add_argument("name")
        q.set_defaults(handler=guarded(_action), action=action)


def _add(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    if not args.name or not all(c.isalnum() or c in "._-" for c in args.name) or len(args.name) > 100:
        raise CommandError("the name may hold letters, digits, '.', '_' and '-' (at most 100)")
    try:
        url = asyncio.run(validate_url(args.url, allow_private_networks=settings.delivery.allow_private_networks))
    except (BlockedURL, UnresolvedHost) as exc:
        raise CommandError(f"URL refused: {exc}") from None
    if args.secret:
        for part in args.secret.split():
            try:
                validate_secret(part)
            except ValueError as exc:
                raise CommandError(f"bad secret: {exc}") from None
    try:
        filters = store.filters_dict(
            tickers=args.ticker,
            kinds=args.kind,
            designations=args.designation,
            agencies=args.agency,
            diff_types=args.type,
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    with database(settings) as engine, session_factory(engine, write=True).begin() as session:
        if store.get(session, args.name) is not None:
            raise CommandError(f"a subscription named {args.name!r} exists")
        _row, generated = store.add(
            session, name=args.name, url=url, format=args.format, secret=args.secret, filters=filters, now=utcnow()
        )
    print(f"subscription {args.name!r} added")
    if generated:
        print(f"signing secret (shown once, store it now): {generated}")
    return 0


def _list(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        subscriptions = store.list_all(session)
        rows = [store.public(r) for r in subscriptions]
    if args.format == "json":
        print_json(rows)
        return 0
    columns = (
        Col("name", wrap=True, min_width=24),
        Col("format"),
        Col("enabled", wrap=True, min_width=10),
        Col("origin", rank=1),
        Col("failing since", wrap=True, min_width=10, rank=2, under="enabled"),
        Col("last success", wrap=True, min_width=10, rank=3),
        Col("filters", wrap=True, min_width=17),
        Col("url", wrap=True, min_width=16),
    )
    shown = []
    for row, r in zip(subscriptions, rows, strict=True):
        filters = "; ".join(f"{k}={','.join(v)}" for k, v in r["filters"].items() if v) or "all"
        shown.append(
            (
                r["name"],
                r["format"],
                "yes" if r["enabled"] else f"no ({r['disabled_reason']})",
                r["origin"],
                when(row.failing_since),
                when(row.last_success_at),
                filters,
                r["url"],  # masked by store.public, as in the API
            )
        )
    print_table(stdout(), f"{len(rows)} subscription(s)", columns, shown)
    return 0


def _action(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    now = utcnow()
    with database(settings) as engine, session_factory(engine, write=True).begin() as session:
        if args.action == "remove":
            found = store.remove(session, args.name)
        else:
            resume = args.action == "resume"
            found = store.set_enabled(
                session, args.name, enabled=resume, reason=None if resume else outbox.PAUSED, now=now
            )
    if not found:
        raise CommandError(f"no subscription named {args.name!r}")
    print(
        f"subscription {args.name!r}: {args.action}d"
        if args.action != "pause"
        else f"subscription {args.name!r}: paused"
    )
    return 0
