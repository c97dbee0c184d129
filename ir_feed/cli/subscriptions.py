"""``ir-feed subscriptions add|list|update|rotate-secret|test|remove|pause|resume``.

``update``, ``rotate-secret`` and ``test`` are the actions of
:mod:`ir_feed.services.subscriptions`, as the API's PATCH, rotate-secret and test.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from datetime import timedelta
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
    utc_text,
    when,
)
from ir_feed.delivery import make_client
from ir_feed.delivery.formats import FORMAT_NAMES
from ir_feed.diff import DIFF_TYPES
from ir_feed.errors import SubscriptionError
from ir_feed.kinds import KIND_NAMES
from ir_feed.services import subscriptions as actions
from ir_feed.services import utcnow
from ir_feed.store import outbox
from ir_feed.store import subscriptions as store
from ir_feed.store.engine import session_factory
from ir_feed.store.subscriptions import FILTER_FIELDS

KINDS = KIND_NAMES


def register(sub: Any) -> None:
    p = sub.add_parser("subscriptions", help="manage webhook and Slack subscriptions")
    inner = p.add_subparsers(dest="subscriptions_command", metavar="ACTION", required=True)

    add = inner.add_parser("add", help="subscribe a URL; a webhook signing secret is generated and shown once")
    add_config_arg(add)
    add.add_argument("name", help="a short name: letters, digits, . _ -")
    add.add_argument("url", help="http(s) URL of the receiver (or a Slack incoming-webhook URL)")
    add.add_argument("--format", choices=FORMAT_NAMES, default="webhook")
    add.add_argument("--secret", help="whsec_... to use instead of a generated one")
    add.add_argument("--ticker", type=ticker_arg, action="append", default=[], help="only these tickers (repeatable)")
    add.add_argument("--kind", action="append", default=[], choices=KINDS, help="only these event kinds")
    add.add_argument("--designation", action="append", default=[], help="only these designation kinds")
    add.add_argument("--agency", action="append", default=[], help="only these agencies")
    add.add_argument("--type", action="append", default=[], choices=DIFF_TYPES, help="only these diff types")
    add.set_defaults(handler=guarded(_add))

    up = inner.add_parser(
        "update",
        help="change a subscription's URL, format, secret or filters (a filter option replaces that filter)",
    )
    add_config_arg(up)
    up.add_argument("name")
    up.add_argument("--url", help="the new receiver URL (checked by the SSRF guard; waiting retries go there at once)")
    up.add_argument("--format", choices=FORMAT_NAMES)
    up.add_argument("--secret", help="replace every signing secret at once (whsec_...); see rotate-secret")
    up.add_argument("--ticker", type=ticker_arg, action="append", help="only these tickers (repeatable)")
    up.add_argument("--kind", action="append", choices=KINDS, help="only these event kinds")
    up.add_argument("--designation", action="append", help="only these designation kinds")
    up.add_argument("--agency", action="append", help="only these agencies")
    up.add_argument("--type", action="append", choices=DIFF_TYPES, help="only these diff types")
    up.add_argument(
        "--clear", action="append", default=[], choices=FILTER_FIELDS, help="drop this filter: everything passes it"
    )
    up.set_defaults(handler=guarded(_update))

    rot = inner.add_parser(
        "rotate-secret", help="generate a new signing secret (shown once); the old one signs too during --overlap"
    )
    add_config_arg(rot)
    rot.add_argument("name")
    rot.add_argument(
        "--overlap",
        type=overlap_arg,
        default=actions.DEFAULT_OVERLAP,
        help="how long the old secret keeps signing beside the new one: 90m, 24h, 2d, 0 (default 24h, at most 7d)",
    )
    rot.set_defaults(handler=guarded(_rotate))

    probe = inner.add_parser(
        "test", help="send a signed test message (type ir_feed.test) now and show the receiver's answer"
    )
    add_config_arg(probe)
    probe.add_argument("name")
    probe.add_argument("--format", choices=("table", "json"), default="table")
    probe.set_defaults(handler=guarded(_test))

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
    filters = {
        "tickers": args.ticker,
        "kinds": args.kind,
        "designations": args.designation,
        "agencies": args.agency,
        "diff_types": args.type,
    }
    with database(settings) as engine:
        try:  # the API's use case: the same checks (the URL by the SSRF guard) and rules
            created = asyncio.run(
                actions.create(
                    session_factory(engine, write=True),
                    name=args.name,
                    url=args.url,
                    format=args.format,
                    secret=args.secret,
                    filters={name: values or [] for name, values in filters.items()},
                    settings=settings.delivery,
                    now=utcnow(),
                    origin="cli",
                )
            )
        except SubscriptionError as exc:
            raise _refused(exc) from None
    print(f"subscription {args.name!r} added")
    if created.secret:
        print(f"signing secret (shown once, store it now): {created.secret}")
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


_DURATION = re.compile(r"^\s*(\d{1,7})\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def overlap_arg(value: str) -> timedelta:
    """``90m``, ``24h``, ``2d``, ``3600s`` or seconds, from 0 to 7 days (an argparse type)."""
    match = _DURATION.match(value.lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a duration (90m, 24h, 2d): {value!r}")
    overlap = timedelta(seconds=int(match[1]) * _UNITS[match[2]])
    if overlap > actions.MAX_OVERLAP:
        raise argparse.ArgumentTypeError(f"at most {actions.MAX_OVERLAP.days} days: {value!r}")
    return overlap


def _refused(exc: SubscriptionError) -> CommandError:
    return CommandError(str(exc))


def _update(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    given = {
        "tickers": args.ticker,
        "kinds": args.kind,
        "designations": args.designation,
        "agencies": args.agency,
        "diff_types": args.type,
    }
    both = sorted(name for name in args.clear if given[name] is not None)
    if both:
        raise CommandError(f"--clear {both[0]} and values for that filter: give one or the other")
    filters = {name: values for name, values in given.items() if values is not None}
    filters.update((name, []) for name in args.clear)
    change = actions.Change(url=args.url, format=args.format, secret=args.secret, filters=filters)
    if not change.defines():
        raise CommandError("nothing to change: give --url, --format, --secret, a filter option or --clear")
    with database(settings) as engine:
        try:
            updated = asyncio.run(
                actions.update(
                    session_factory(engine),
                    session_factory(engine, write=True),
                    args.name,
                    change,
                    settings=settings.delivery,
                    now=utcnow(),
                )
            )
        except SubscriptionError as exc:
            raise _refused(exc) from None
    changed = [name for name in ("url", "format", "secret") if getattr(args, name) is not None]
    changed += [f"filters ({', '.join(sorted(filters))})"] if filters else []
    print(f"subscription {args.name!r} updated: {', '.join(changed)}")
    if updated.requeued:
        print(f"{updated.requeued} message(s) waiting for a retry are due now, at the new URL")
    if updated.secret:
        print(f"signing secret (shown once, store it now): {updated.secret}")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine:
        try:
            rotated = actions.rotate_secret(
                session_factory(engine, write=True), args.name, overlap=args.overlap, now=utcnow()
            )
        except SubscriptionError as exc:
            raise _refused(exc) from None
    print(f"new signing secret of {args.name!r} (shown once, store it now): {rotated.secret}")
    until = rotated.previous_secrets_expire_at
    if until is not None:
        print(f"the previous secret(s) sign every message beside it until {utc_text(until)}")
    else:
        print("the previous secret(s) no longer sign")
    return 0


def _test(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    delivery = settings.delivery

    async def send() -> actions.ProbeResult:
        client = make_client(
            allow_private_networks=delivery.allow_private_networks,
            timeout=delivery.timeout,
            max_connections=1,
            user_agent=settings.http.user_agent,
        )
        async with client:
            return await actions.send_test(
                session_factory(engine), args.name, client=client, timeout=delivery.timeout, now=utcnow()
            )

    with database(settings) as engine:
        try:
            result = asyncio.run(send())
        except SubscriptionError as exc:
            raise _refused(exc) from None
    answer = result.public()
    if args.format == "json":
        print_json(answer)
    else:
        status = f"HTTP {answer['status']}" if answer["status"] is not None else "no answer"
        took = f" in {answer['latency_ms']} ms" if answer["latency_ms"] is not None else ""
        print(f"test message {result.message_id} to {result.url}: {status}{took}")
        if answer["error"]:
            print(f"error: {answer['error']}")
        if answer["response_excerpt"]:
            print(f"answer: {answer['response_excerpt']}")
    if not result.ok:
        raise CommandError(f"the receiver did not acknowledge the test message ({answer['error'] or 'no 2xx'})")
    return 0
