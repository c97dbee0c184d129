"""The ``ir-feed`` command line: a thin edge over :mod:`ir_feed.services`.

One module per command (or command group).  Each exposes ``register(sub)``,
which adds its parser to the sub-parser action and sets ``handler`` to a
function ``(args: argparse.Namespace) -> int`` returning the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ir_feed import __version__

# Command modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "run",
    "serve",
    "poll",
    "feeds",
    "releases",
    "events",
    "reprocess",
    "extract",
    "subscriptions",
    "deliveries",
    "db",
    "config",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ir-feed",
        description="Investor-relations event feed: poll press releases, extract events, publish diffs.",
    )
    parser.add_argument("--version", action="version", version=f"ir-feed {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"ir_feed.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    status: int = handler(args)
    return status
