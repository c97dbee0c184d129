"""Delivery formats: what a subscription's messages look like on the wire, and how they travel.

A :class:`DeliveryFormat` renders a diff message and an operator's test message to the exact
body bytes, and says three things the sender, the store and the API act on:

``signed``      the request carries Standard Webhooks headers, signed with the subscription's
                secrets (so it needs at least one, and its secrets can be rotated);
``paced``       one request at a time per URL, ``slack_interval`` apart, and a 429's
                ``Retry-After`` pushes that URL's next start back (chat incoming webhooks);
``secret_url``  the URL itself is the credential: shown to people as ``scheme://host/***``.

Adding a destination (Microsoft Teams, Discord) is its renderer module, its entry in
:data:`FORMATS` and its name in :data:`ir_feed.delivery.messages.Format`; everything else —
the sender, the deliverer, the store, the API's schemas, the CLI's choices, the settings — reads
it from here.  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import get_args

from ir_feed.delivery.errors import InvalidMessage
from ir_feed.delivery.messages import DiffMessage, Format
from ir_feed.delivery.payloads import render_probe, render_webhook
from ir_feed.delivery.slack import render_slack, render_slack_probe

__all__ = ["FORMATS", "FORMAT_NAMES", "SLACK", "WEBHOOK", "DeliveryFormat", "format_of"]


@dataclass(frozen=True, slots=True)
class DeliveryFormat:
    """One way of delivering messages (see the module docstring)."""

    name: Format
    signed: bool
    paced: bool
    secret_url: bool
    render: Callable[[DiffMessage], bytes]
    render_probe: Callable[[str, datetime], bytes]  # (subscription name, now) -> body

    def __repr__(self) -> str:
        return f"DeliveryFormat({self.name!r})"


WEBHOOK = DeliveryFormat(
    "webhook", signed=True, paced=False, secret_url=False, render=render_webhook, render_probe=render_probe
)
SLACK = DeliveryFormat(
    "slack",
    signed=False,  # Slack's incoming-webhook URL is the credential
    paced=True,  # about one message a second per incoming webhook, 429 + Retry-After beyond
    secret_url=True,
    render=render_slack,
    render_probe=lambda subscription, _now: render_slack_probe(subscription),
)

FORMATS: Mapping[str, DeliveryFormat] = {f.name: f for f in (WEBHOOK, SLACK)}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
if set(FORMAT_NAMES) != set(get_args(Format)):  # pragma: no cover - a format added in one place only
    raise ImportError(f"delivery formats {sorted(FORMATS)} and messages.Format {get_args(Format)} differ")


def format_of(name: str) -> DeliveryFormat:
    """The format named ``name`` (:class:`InvalidMessage` when there is none)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InvalidMessage(f"unknown subscription format {name!r}") from None
