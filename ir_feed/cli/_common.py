"""What every command shares: the --config option, loading settings, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ir_feed.cli._console import Col as Col  # the commands' console and tables, shared
from ir_feed.cli._console import clip as clip
from ir_feed.cli._console import print_table as print_table
from ir_feed.cli._console import stdout as stdout
from ir_feed.errors import ConfigError, StoreError
from ir_feed.logs import configure
from ir_feed.models import ticker_filter
from ir_feed.settings import Settings, load_settings
from ir_feed.store.engine import prepare
from ir_feed.timestamps import utc_text as utc_text  # re-exported for the commands
from ir_feed.timestamps import utc_times as utc_times

DEFAULT_CONFIG = "config.yaml"


class CommandError(Exception):
    """A command failed in a way the user can act on: message to stderr, exit 1."""


def add_config_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        default=None,
        help=f"config file (default: $IR_FEED_CONFIG or ./{DEFAULT_CONFIG})",
    )


def config_path(args: argparse.Namespace) -> Path:
    if args.config is not None:
        return Path(args.config)
    return Path(os.environ.get("IR_FEED_CONFIG") or DEFAULT_CONFIG)


def load(args: argparse.Namespace, *, logs: bool = True) -> Settings:
    settings = load_settings(config_path(args))
    if logs:
        configure(settings.logging)
    return settings


def fail(message: str) -> int:
    print(f"ir-feed: error: {message}", file=sys.stderr)
    return 1


def guarded(handler: Any) -> Any:
    """Turn our named errors into one clear line and exit status 1."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            status: int = handler(args)
        except ConfigError as exc:
            return fail(str(exc))
        except (StoreError, CommandError) as exc:
            return fail(str(exc))
        return status

    wrapper.__name__ = getattr(handler, "__name__", "handler")
    wrapper.__doc__ = handler.__doc__
    return wrapper


def parse_since(value: str) -> datetime:
    """``YYYY-MM-DD`` or an ISO-8601 timestamp, as aware UTC (an argparse type)."""
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, tzinfo=UTC)
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD) or ISO timestamp: {value!r}") from None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    try:
        return dt.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+05:00 is before year 1 in UTC
        raise argparse.ArgumentTypeError(f"out of range (years 1 to 9999 in UTC): {value!r}") from None


MAX_LIMIT = 2**63 - 1  # the largest LIMIT the databases take (a signed 64-bit integer)


def page_size(value: str) -> int:
    """An integer from 1 to :data:`MAX_LIMIT` (an argparse type for ``--limit``)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    if n > MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_LIMIT}")
    return n


def ticker_arg(value: str) -> str:
    """A ticker filter (an argparse type for ``--ticker``): ``SYMBOL`` or ``EXCHANGE:SYMBOL``."""
    try:
        return ticker_filter(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def print_json(data: Any) -> None:
    """The one way commands print JSON: indented, times in UTC with ``Z`` (as the API)."""
    print(json.dumps(utc_times(data), indent=2))


def when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "-"


@contextmanager
def database(settings: Settings) -> Iterator[Engine]:
    """An engine at the schema head, disposed when the command is done."""
    engine = prepare(settings)
    try:
        yield engine
    finally:
        engine.dispose()
