"""HTTP header values read or sent back by a fetch: ``Retry-After``,
``Cache-Control`` max-age and the ETag/Last-Modified validators."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime

from ir_feed.fetch.redact import CONTROL as _CONTROL

__all__ = ["MAX_RETRY_AFTER", "parse_max_age", "parse_retry_after"]

MAX_RETRY_AFTER = 86_400.0  # a Retry-After further away than a day is treated as a day

_DELTA_SECONDS = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]+)?")
_MAX_AGE = re.compile(r"[0-9]{1,12}")


# -- small pure helpers, public where other edges (delivery) can use them ---------------------


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date
    (relative to ``now``, default the current time).  Negative results become 0,
    results over :data:`MAX_RETRY_AFTER` become that; unparsable values give None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # "-0000": UTC by convention
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def parse_max_age(value: str | None) -> float | None:
    """``max-age`` seconds from a ``Cache-Control`` value; 0 for ``no-cache`` or
    ``no-store``; None when absent or unparsable."""
    if not value:
        return None
    max_age: float | None = None
    for directive in value.split(","):
        name, _, arg = directive.partition("=")
        name, arg = name.strip().lower(), arg.strip().strip('"')
        if name == "no-store" or (name == "no-cache" and not arg):
            return 0.0
        if name == "max-age" and max_age is None and _MAX_AGE.fullmatch(arg):
            max_age = float(arg)
    return max_age


def _validator(value: str | None) -> str | None:
    """A stored ETag/Last-Modified fit to send back, or None if it is not."""
    if value is None:
        return None
    value = value.strip()
    if not value or not value.isascii() or _CONTROL.search(value):
        return None
    return value
