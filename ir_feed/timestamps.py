"""Times as ir_feed writes them to people and programs (pure).

Every time ir_feed shows — the API, the webhooks, the CLI's JSON and CSV — is RFC 3339
in UTC ending in ``Z``.  :func:`utc_text` writes one time; :func:`utc_times` rewrites
every time inside JSON-like data, including the ISO-8601 strings with an offset that
stored JSON carries (a diff's event and release were stored with ``+00:00``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["utc_text", "utc_times"]

# A whole string that is an ISO-8601 time with an offset: how the store's public
# shapes (events, diffs, subscriptions) and the diffs' stored JSON write times.
_AWARE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?[+-]\d{2}:\d{2}")


def utc_text(value: datetime) -> str:
    """A time as the API and webhooks write it: RFC 3339 in UTC, ending in ``Z``."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def utc_times(data: Any) -> Any:
    """``data`` with every time — a datetime, or a string that is one with an offset —
    as :func:`utc_text` writes it; dates and other values as they are."""
    if isinstance(data, datetime):
        return utc_text(data) if data.utcoffset() is not None else data.isoformat()
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, str):
        if _AWARE_TIME.fullmatch(data):
            try:
                return utc_text(datetime.fromisoformat(data))
            except (ValueError, OverflowError):
                return data
        return data
    if isinstance(data, dict):
        return {k: utc_times(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [utc_times(v) for v in data]
    return data
