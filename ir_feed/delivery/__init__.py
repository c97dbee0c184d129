"""Delivering event diffs to subscribers: Standard Webhooks and Slack.

The pure parts (no I/O)::

    payloads   render_webhook(msg) -> bytes          the versioned JSON contract
    contract   webhook_schema / body_schema(type) / event_schema(kind)   its JSON Schemas
    signing    generate_secret / validate_secret / sign   Standard Webhooks HMAC
    outgoing   webhook_request(msg, sub, now) / build_request   headers + exact body;
               probe_request(sub, id, now): an operator's test message (type ir_feed.test)
    slack      render_slack(msg) -> bytes            Block Kit, within Slack's limits
    filters    Filters.of(...), matches(filters, msg)
    retry      next_attempt(...) -> Delivered | RetryAt | DeadLetter | DisableSubscription

The edges (network)::

    ssrf       validate_url(url, ...) when subscribing; address_problem(ip)
    transport  make_client(...): httpx API over aiohttp, SSRF-checked at connect time
    sender     send(request, client=...) -> Attempt; Dispatcher (per-subscription gates,
               Slack pacing)

The outbox (``ir_feed.store`` / ``ir_feed.services``) claims due messages, calls
:meth:`Dispatcher.deliver` for each, records the :class:`Attempt` and applies
:func:`next_attempt`.  See ``docs/webhooks.md`` for the public contract.
"""

from typing import TYPE_CHECKING

from ir_feed._exports import lazy_exports

if TYPE_CHECKING:
    from ir_feed.delivery.contract import BODY_TYPES, body_schema, event_schema, webhook_schema
    from ir_feed.delivery.errors import DeliveryError, InvalidMessage, InvalidSecret
    from ir_feed.delivery.filters import Filters, matches
    from ir_feed.delivery.messages import DIFF_TYPES, DiffMessage, DiffType, Format
    from ir_feed.delivery.outgoing import Outgoing, build_request, probe_request, webhook_request
    from ir_feed.delivery.payloads import PROBE_TYPE, render_webhook, webhook_payload
    from ir_feed.delivery.retry import (
        SCHEDULE,
        DeadLetter,
        Decision,
        Delivered,
        DisableSubscription,
        RetryAt,
        next_attempt,
    )
    from ir_feed.delivery.sender import Attempt, Dispatcher, send
    from ir_feed.delivery.signing import generate_secret, sign, validate_secret
    from ir_feed.delivery.slack import render_slack, slack_payload
    from ir_feed.delivery.ssrf import BlockedAddress, Resolver, address_problem, system_resolver, validate_url
    from ir_feed.delivery.subscription import Subscription
    from ir_feed.delivery.transport import BlockedConnect, GuardedTransport, make_client

_EXPORTS = {
    "Attempt": "sender",
    "BODY_TYPES": "contract",
    "BlockedAddress": "ssrf",
    "BlockedConnect": "transport",
    "DIFF_TYPES": "messages",
    "DeadLetter": "retry",
    "Decision": "retry",
    "Delivered": "retry",
    "DeliveryError": "errors",
    "DiffMessage": "messages",
    "DiffType": "messages",
    "DisableSubscription": "retry",
    "Dispatcher": "sender",
    "Filters": "filters",
    "Format": "messages",
    "GuardedTransport": "transport",
    "InvalidMessage": "errors",
    "InvalidSecret": "errors",
    "Outgoing": "outgoing",
    "PROBE_TYPE": "payloads",
    "Resolver": "ssrf",
    "RetryAt": "retry",
    "SCHEDULE": "retry",
    "Subscription": "subscription",
    "address_problem": "ssrf",
    "body_schema": "contract",
    "build_request": "outgoing",
    "event_schema": "contract",
    "generate_secret": "signing",
    "make_client": "transport",
    "matches": "filters",
    "next_attempt": "retry",
    "probe_request": "outgoing",
    "render_slack": "slack",
    "render_webhook": "payloads",
    "send": "sender",
    "sign": "signing",
    "slack_payload": "slack",
    "system_resolver": "ssrf",
    "validate_secret": "signing",
    "validate_url": "ssrf",
    "webhook_payload": "payloads",
    "webhook_request": "outgoing",
    "webhook_schema": "contract",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

__all__ = [
    "BODY_TYPES",
    "DIFF_TYPES",
    "PROBE_TYPE",
    "SCHEDULE",
    "Attempt",
    "BlockedAddress",
    "BlockedConnect",
    "DeadLetter",
    "Decision",
    "Delivered",
    "DeliveryError",
    "DiffMessage",
    "DiffType",
    "DisableSubscription",
    "Dispatcher",
    "Filters",
    "Format",
    "GuardedTransport",
    "InvalidMessage",
    "InvalidSecret",
    "Outgoing",
    "Resolver",
    "RetryAt",
    "Subscription",
    "address_problem",
    "body_schema",
    "build_request",
    "event_schema",
    "generate_secret",
    "make_client",
    "matches",
    "next_attempt",
    "probe_request",
    "render_slack",
    "render_webhook",
    "send",
    "sign",
    "slack_payload",
    "system_resolver",
    "validate_secret",
    "validate_url",
    "webhook_payload",
    "webhook_request",
    "webhook_schema",
]
