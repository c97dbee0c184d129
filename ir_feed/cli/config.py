"""``ir-feed config show|check``."""

from __future__ import annotations

import argparse
from typing import Any

import yaml

from ir_feed.cli._common import add_config_arg, config_path, guarded, load
from ir_feed.settings import masked


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
    print(f"{config_path(args)}: ok ({len(settings.feeds)} feed(s))")
    return 0
