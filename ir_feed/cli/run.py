"""``ir-feed run``: the daemon."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from ir_feed.api import ApiStartError
from ir_feed.cli._common import CommandError, add_config_arg, guarded, load
from ir_feed.daemon import run_daemon
from ir_feed.runtime import tune_gc


def register(sub: Any) -> None:
    p = sub.add_parser("run", help="run the daemon: poll feeds on their schedules until stopped")
    add_config_arg(p)
    p.set_defaults(handler=guarded(_run))


def _run(args: argparse.Namespace) -> int:
    settings = load(args)
    tune_gc()  # a long-running process: the start-up heap is never walked again (ir_feed.runtime)
    try:
        asyncio.run(run_daemon(settings))
    except ApiStartError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt:  # a second Ctrl-C while stopping
        return 130
    return 0
