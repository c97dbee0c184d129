"""One HTTP request ready to send: URL, headers and the exact body bytes.

:func:`webhook_request` renders (or takes) the body and signs it for ``now``;
:func:`build_request` does the same for either format.  A retry calls it again
with the new time: same ``webhook-id``, same body, fresh timestamp and signature.
:func:`probe_request` is an operator's test message, built and signed the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from ir_feed.delivery.errors import InvalidMessage
from ir_feed.delivery.formats import format_of
from ir_feed.delivery.messages import DiffMessage, Format
from ir_feed.delivery.payloads import render_webhook
from ir_feed.delivery.signing import sign
from ir_feed.delivery.subscription import Subscription

__all__ = ["Outgoing", "build_request", "probe_request", "webhook_request"]

JSON = "application/json"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A POST ready for :func:`ir_feed.delivery.send`."""

    subscription_id: str
    message_id: str
    format: Format
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def __repr__(self) -> str:  # the URL may carry a token (Slack); the body may be large
        return f"Outgoing({self.subscription_id!r}, {self.message_id!r}, {self.format}, {len(self.body)} bytes)"


def _unix(now: datetime) -> int:
    if now.utcoffset() is None:
        raise InvalidMessage("now must be timezone-aware")
    return math.floor(now.timestamp())


def webhook_request(
    msg: DiffMessage, sub: Subscription, now: datetime, *, body: bytes | None = None
) -> tuple[dict[str, str], bytes]:
    """Standard Webhooks headers and body for one attempt at ``now``.

    ``body`` is the already rendered :func:`render_webhook` bytes when the caller
    kept them (render once, sign per attempt); otherwise it is rendered here."""
    payload = render_webhook(msg) if body is None else body
    return _signed_headers(msg.message_id, payload, sub, now), payload


def _signed_headers(message_id: str, payload: bytes, sub: Subscription, now: datetime) -> dict[str, str]:
    """The Standard Webhooks headers of ``payload`` sent at ``now``: one signature per active secret."""
    timestamp = _unix(now)
    return {
        "content-type": JSON,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(message_id, timestamp, payload, sub.secrets),
    }


def build_request(msg: DiffMessage, sub: Subscription, now: datetime, *, body: bytes | None = None) -> Outgoing:
    """The request delivering ``msg`` to ``sub`` at ``now``, in the subscription's format
    (``body``: that format's rendering of ``msg``, when the caller kept it), signed when the
    format is (Slack's is not: its incoming-webhook URL is the credential)."""
    fmt = format_of(sub.format)
    payload = fmt.render(msg) if body is None else body
    headers = _signed_headers(msg.message_id, payload, sub, now) if fmt.signed else {"content-type": JSON}
    return Outgoing(
        subscription_id=sub.id,
        message_id=msg.message_id,
        format=sub.format,
        url=sub.url,
        headers=tuple(headers.items()),
        body=payload,
    )


def probe_request(sub: Subscription, message_id: str, now: datetime) -> Outgoing:
    """An operator's test message to ``sub`` at ``now`` (``type`` ``ir_feed.test``): signed
    exactly as a diff message is, under its own ``message_id`` (a ``msg_`` id that no
    outbox message has), in the subscription's format (Slack: a Block Kit note, unsigned)."""
    fmt = format_of(sub.format)
    payload = fmt.render_probe(sub.id, now)
    headers = _signed_headers(message_id, payload, sub, now) if fmt.signed else {"content-type": JSON}
    return Outgoing(
        subscription_id=sub.id,
        message_id=message_id,
        format=sub.format,
        url=sub.url,
        headers=tuple(headers.items()),
        body=payload,
    )
