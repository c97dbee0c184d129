"""Errors the delivery package raises on purpose (all under :class:`~ir_feed.errors.IrFeedError`).

::

    IrFeedError
    └── DeliveryError                base of delivery-only errors
        ├── InvalidSecret            a signing secret that is not ``whsec_`` + base64 of 24–64 bytes
        └── InvalidMessage           a DiffMessage or Subscription that cannot be rendered
    BlockedURL (ir_feed.errors)      a subscription URL refused by the SSRF guard

A refusal at *connect* time (the resolved address is not allowed) is not raised
to callers: :func:`ir_feed.delivery.send` records it as a failed
:class:`~ir_feed.delivery.Attempt` with ``error_kind == "blocked"``.
"""

from __future__ import annotations

from ir_feed.errors import IrFeedError

__all__ = ["DeliveryError", "InvalidMessage", "InvalidSecret"]


class DeliveryError(IrFeedError):
    """Base class of the delivery package's own errors."""


class InvalidSecret(DeliveryError, ValueError):
    """A webhook signing secret is malformed (the message says why, never the secret)."""


class InvalidMessage(DeliveryError, ValueError):
    """A message or subscription value is malformed."""
