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
    # Libraries (APScheduler, uvicorn, alembic, asyncio) log through the standard library:
    # their records are rendered as ours are — one JSON line each, a traceback inside it as
    # the "exception" field, never loose lines between them — and kept quiet unless debugging.
    handler = _LibraryHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.stdlib.add_log_level,
                structlog.stdlib.add_logger_name,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
            ],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _LibraryHandler)]:
        root.removeHandler(old)  # (configured again: by a test, or a command after another)
    root.addHandler(handler)
    root.setLevel(max(level, logging.WARNING))
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


class _LibraryHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The standard library's records, written where ours go (the stream looked up at
    each record, as for ours: a replaced sys.stderr is honoured)."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream or sys.stderr)
        self._fixed = stream

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = self._fixed or sys.stderr
        super().emit(record)


def get_logger(**bound: Any) -> Any:
    return structlog.get_logger("ir_feed").bind(**bound)
