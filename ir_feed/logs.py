"""Structured logs: stable event names with bound ids, JSON or console lines.

Every component takes a logger (``structlog`` bound logger); ``configure`` is
called once by the entry point from :class:`~ir_feed.settings.LoggingSettings`.
Event names are stable and snake_case (``feed_polled``, ``feed_poll_failed``,
``release_stored``); never log secrets or whole payloads.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import structlog

from ir_feed.settings import LoggingSettings


def configure(settings: LoggingSettings, *, stream: TextIO | None = None) -> None:
    level = getattr(logging, settings.level)
    renderer: Any
    if settings.format == "json":
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        # The stream is looked up whenever a logger is made, not once here: a
        # replaced sys.stderr (a test's capture, a daemon's redirect) is honoured.
        logger_factory=lambda *_args: structlog.PrintLogger(stream or sys.stderr),
        cache_logger_on_first_use=False,
    )
    # Libraries log through the standard library; keep them quiet unless debugging.
    logging.basicConfig(level=max(level, logging.WARNING), stream=stream or sys.stderr)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def get_logger(**bound: Any) -> Any:
    return structlog.get_logger("ir_feed").bind(**bound)
