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
from typing import NoReturn

from ir_feed import __version__
from ir_feed.cli import _patterns

# Command modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "run",
    "serve",
    "poll",
    "feeds",
    "releases",
    "events",
    "calendar",
    "reprocess",
    "extract",
    "subscriptions",
    "deliveries",
    "db",
    "config",
)
# the commands whose modules import the extractor: it is imported first, with its
# patterns compiled in an earlier run (:mod:`ir_feed.cli._patterns`)
_EXTRACTING = frozenset({"run", "serve", "poll", "reprocess", "extract", "deliveries"})


class _Parser(argparse.ArgumentParser):
    """An argument error is one ``ir-feed: error:`` line (exit status 2), like every
    other error of the command line — not a usage block; ``--help`` shows the usage."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("ir-feed").strip()
        hint = f"ir-feed {command} --help" if command else "ir-feed --help"
        self.exit(2, f"ir-feed: error: {message} (see '{hint}')\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``only``, one command's (the others are not imported:
    ``ir-feed extract`` must not pay for loading the API, store and delivery stacks)."""
    parser = _Parser(
        prog="ir-feed",
        description="Investor-relations event feed: poll press releases, extract events, publish diffs.",
    )
    parser.add_argument("--version", action="version", version=f"ir-feed {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"ir_feed.cli.{name}")
        module.register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named by ``argv``, when its first word is one (options before
    a command, ``--help`` and unknown words need the whole parser)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else list(argv)
    if args_list == ["--version"]:  # the answer needs no command module
        print(f"ir-feed {__version__}")
        return 0
    command = _command(args_list)
    if command in _EXTRACTING:
        _patterns.import_extractor()
    parser = build_parser(command)
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    status: int = handler(args)
    return status
