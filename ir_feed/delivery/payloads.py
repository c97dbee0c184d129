"""The webhook body: a versioned public contract (``docs/webhooks.md``, ``docs/webhook.schema.json``).

::

    {"type": "event.created" | "event.updated" | "event.retracted",
     "timestamp": "2025-01-07T12:00:00Z",
     "data": {"event": {...}, "changes": {field: {"old": .., "new": ..}}, "release": {...}}}

Only the fields listed here reach a subscriber: whatever else the outbox puts in
a :class:`~ir_feed.delivery.DiffMessage` (a row id, an internal flag) is dropped,
so a change of the database never changes the contract.  Dates and datetimes
become ISO-8601 strings (UTC datetimes end in ``Z``).  The JSON is compact and
deterministic: the same message always renders to the same bytes, so the body
can be rendered once and signed again on every retry with a fresh timestamp.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ir_feed.delivery.errors import InvalidMessage
from ir_feed.delivery.messages import DiffMessage
from ir_feed.kinds import KINDS
from ir_feed.timestamps import utc_text

__all__ = [
    "EVENT_FIELDS",
    "PROBE_TYPE",
    "RELEASE_FIELDS",
    "dump_json",
    "iso",
    "probe_payload",
    "public_changes",
    "public_event",
    "public_release",
    "render_probe",
    "render_webhook",
    "webhook_payload",
]

# The public event fields, in the order they are rendered: these first (the order
# subscribers have always seen), then any other kind's fields (ir_feed.kinds), then the
# evidence.  Fields a kind does not have are left out (not rendered as null).
_FIELD_ORDER = ("agency", "designation", "product", "indication", "indications", "trial", "phase", "status",
                "timing_text", "window_start", "window_end")  # fmt: skip
EVENT_FIELDS: tuple[str, ...] = (
    "kind",
    "key",
    "announced",
    *_FIELD_ORDER,
    *dict.fromkeys(f for spec in KINDS.values() for f in spec.fields if f not in _FIELD_ORDER),
    "evidence",
)
ISSUER_FIELDS: tuple[str, ...] = ("company", "tickers")
RELEASE_FIELDS: tuple[str, ...] = ("id", "url", "title", "published_at", "tickers")
# The ``type`` of a test message an operator sends to one subscription (never a diff).
PROBE_TYPE = "ir_feed.test"
PROBE_TEXT = "A test message sent by an operator of ir_feed to check this endpoint; no event happened."


def iso(value: datetime | date) -> str:
    """ISO-8601 text: a datetime in UTC ending in ``Z`` (it must be aware); a date as ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise InvalidMessage("datetimes in a payload must be timezone-aware")
        return utc_text(value)
    return value.isoformat()


_SCALARS = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    """``value`` as JSON data: dates to ISO strings, tuples and sets to lists."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, datetime | date):
        return iso(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise InvalidMessage(f"{type(value).__name__} cannot appear in a payload")


def _pick(source: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    out = {}
    for name in fields:
        if name in source:
            value = source[name]  # most are text: taken as they are, without a call
            out[name] = value if value is None or type(value) in _SCALARS else _plain(value)
    return out


def public_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """The public form of an event: the contract's fields only, issuer included."""
    out = _pick(event, EVENT_FIELDS)
    issuer = event.get("issuer")
    out["issuer"] = _pick(issuer, ISSUER_FIELDS) if isinstance(issuer, Mapping) else {}
    out["issuer"].setdefault("company", None)
    out["issuer"].setdefault("tickers", [])
    return out


def _datetime_text(value: Any) -> Any:
    """An ISO-8601 string with an offset, rewritten in the payload's ``...Z`` form."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        if parsed.utcoffset() is not None:
            return iso(parsed)
    return value


def public_release(release: Mapping[str, Any]) -> dict[str, Any]:
    """The public form of a release: ``id`` (its key), ``url``, ``title``, ``published_at``, ``tickers``."""
    out = {name: _plain(release.get(name)) for name in RELEASE_FIELDS}
    out["published_at"] = _datetime_text(out["published_at"])
    if out["tickers"] is None:
        out["tickers"] = []
    return out


def public_changes(changes: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Changes of public fields only, each ``{"old": .., "new": ..}``."""
    allowed = frozenset(EVENT_FIELDS) | {"issuer"}
    return {
        name: {"old": _plain(change["old"]), "new": _plain(change["new"])}
        for name, change in changes.items()
        if name in allowed
    }


def webhook_payload(msg: DiffMessage) -> dict[str, Any]:
    """The webhook body as data (see the module docstring)."""
    return {
        "type": msg.diff_type,
        "timestamp": iso(msg.occurred_at),
        "data": {
            "event": public_event(msg.event),
            "changes": public_changes(msg.changes),
            "release": public_release(msg.release),
        },
    }


# json.dumps with these options makes an encoder at every call; one made once writes the same text
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dump_json(data: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities are refused."""
    try:
        return _ENCODER.encode(data).encode("utf-8")
    except ValueError as exc:
        raise InvalidMessage(f"payload is not valid JSON: {exc}") from None


def render_webhook(msg: DiffMessage) -> bytes:
    """The exact bytes POSTed to a webhook subscriber (and signed)."""
    return dump_json(webhook_payload(msg))


def probe_payload(subscription: str, now: datetime) -> dict[str, Any]:
    """The body of a test message (``type`` :data:`PROBE_TYPE`): no event, nothing to store.

    ``{"type": "ir_feed.test", "timestamp": ..., "data": {"test": true, "subscription": ..., "message": ...}}``"""
    return {
        "type": PROBE_TYPE,
        "timestamp": iso(now),
        "data": {"test": True, "subscription": subscription, "message": PROBE_TEXT},
    }


def render_probe(subscription: str, now: datetime) -> bytes:
    """The exact bytes of a test message to a webhook subscriber (signed like any message)."""
    return dump_json(probe_payload(subscription, now))
