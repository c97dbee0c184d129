"""``ir-feed config show|check``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import yaml

from ir_feed.cli._common import add_config_arg, config_path, fail, guarded, load
from ir_feed.settings import Settings, masked


def register(sub: Any) -> None:
    p = sub.add_parser("config", help="show or check the configuration")
    inner = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = inner.add_parser("show", help="print the effective config, secrets masked")
    add_config_arg(show)
    show.set_defaults(handler=guarded(_show))
    check = inner.add_parser("check", help="validate the config; exit 0 if valid, 1 if not")
    add_config_arg(check)
    check.set_defaults(handler=guarded(_check))


def _show(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    print(yaml.safe_dump(masked(settings), sort_keys=False), end="")
    return 0


def _check(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    path = config_path(args)
    refused, unresolved = asyncio.run(_subscription_urls(settings))
    for name, reason in unresolved:
        print(f"{path}: warning: subscription {name!r}: {reason} (sync tries again)", file=sys.stderr)
    if refused:
        hint = (
            ""
            if settings.delivery.allow_private_networks
            else "; private, loopback and metadata addresses are refused unless delivery.allow_private_networks is on"
        )
        lines = "; ".join(f"subscription {name!r}: {reason}" for name, reason in refused)
        return fail(f"{path}: {lines}{hint}")
    subs = len(settings.delivery.subscriptions)
    if not settings.feeds:
        print(f"{path}: warning: no feeds: 'ir-feed run' would poll nothing", file=sys.stderr)
    print(f"{path}: ok ({len(settings.feeds)} feed(s), {subs} subscription(s))")
    return 0


async def _subscription_urls(settings: Settings) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every configured subscription URL through the guard sync applies: (refused, unresolved)."""
    from ir_feed.delivery.ssrf import validate_url  # the network stack only when a check needs it
    from ir_feed.errors import BlockedURL, UnresolvedHost

    refused: list[tuple[str, str]] = []
    unresolved: list[tuple[str, str]] = []
    for sub in settings.delivery.subscriptions:
        try:
            await validate_url(
                sub.url.get_secret_value(), allow_private_networks=settings.delivery.allow_private_networks
            )
        except UnresolvedHost as exc:
            unresolved.append((sub.name, str(exc)))
        except BlockedURL as exc:
            refused.append((sub.name, str(exc)))
    return refused, unresolved
