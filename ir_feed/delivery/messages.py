"""The values the delivery package is handed: one diff message (and the names of the formats
a subscription may take; :mod:`ir_feed.delivery.subscription` holds the subscription).

The outbox (``ir_feed.store``) builds these from database rows; nothing here
knows about rows.  They are frozen and checked when built, so a malformed value
fails where it is made, not halfway through a delivery.

* :class:`DiffMessage` — one outbox message: one event diff for one subscription.
  ``message_id`` becomes the ``webhook-id`` header and is the same on every retry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from ir_feed.delivery.errors import InvalidMessage

__all__ = ["DIFF_TYPES", "DiffMessage", "DiffType", "Format"]

DiffType = Literal["event.created", "event.updated", "event.retracted"]
Format = Literal["webhook", "slack"]
DIFF_TYPES: frozenset[str] = frozenset(get_args(DiffType))
_MESSAGE_ID = re.compile(r"msg_[0-9A-Za-z]{26}")


@dataclass(frozen=True, slots=True)
class DiffMessage:
    """One outbox message: a diff of one event, for one subscription.

    ``message_id``  ``"msg_"`` + 26 alphanumerics (a ULID fits), stable across retries.
    ``diff_type``   ``event.created`` | ``event.updated`` | ``event.retracted``.
    ``occurred_at`` aware datetime of the diff (the payload's ``timestamp``).
    ``event``       the event's public JSON: ``kind``, ``key``, ``announced``, the kind's
                    fields (``agency``, ``designation``, ``product``, ``indication``,
                    ``status``, ``trial``, ``phase``, ``indications``, ``timing_text``,
                    ``window_start``, ``window_end``), ``evidence`` and
                    ``issuer: {"company", "tickers": ["NASDAQ:ALLO", ...]}``.  For a
                    retraction, the last state known before it was retracted.
    ``changes``     ``{field: {"old": ..., "new": ...}}`` for ``event.updated``;
                    ``{}`` for ``event.created`` and ``event.retracted``.
    ``release``     the release the diff came from: ``id`` (the release key, never a row
                    id), ``url``, ``title``, ``published_at``, ``tickers``.

    Keys outside the public contract (see ``docs/webhooks.md``) are dropped when
    the payload is rendered, so a stray row id never reaches a subscriber.
    """

    message_id: str
    diff_type: DiffType
    occurred_at: datetime
    event: Mapping[str, Any]
    changes: Mapping[str, Mapping[str, Any]]
    release: Mapping[str, Any]

    def __post_init__(self) -> None:
        if not isinstance(self.message_id, str) or not _MESSAGE_ID.fullmatch(self.message_id):
            raise InvalidMessage(f"message_id must be 'msg_' + 26 alphanumerics, got {self.message_id!r}")
        if self.diff_type not in DIFF_TYPES:
            raise InvalidMessage(f"unknown diff type {self.diff_type!r}")
        if self.occurred_at.utcoffset() is None:
            raise InvalidMessage("occurred_at must be timezone-aware")
        if not isinstance(self.event.get("kind"), str):
            raise InvalidMessage("event has no kind")
        for name, change in self.changes.items():
            if not isinstance(change, Mapping) or set(change) != {"old", "new"}:
                raise InvalidMessage(f"change of {name!r} must be {{'old': ..., 'new': ...}}")
