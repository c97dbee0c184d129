"""Where one subscriber's messages go: :class:`Subscription` (its format from
:mod:`ir_feed.delivery.formats`, which says whether it needs signing secrets)."""

from __future__ import annotations

from dataclasses import dataclass

from ir_feed.delivery.errors import InvalidMessage
from ir_feed.delivery.formats import format_of
from ir_feed.delivery.messages import Format
from ir_feed.delivery.signing import validate_secret

__all__ = ["Subscription"]


@dataclass(frozen=True, slots=True)
class Subscription:
    """Where one subscriber's messages go.

    ``id``       a public identifier (logs, metrics, the per-subscription gates).
    ``url``      the endpoint; checked by :func:`ir_feed.delivery.validate_url` when
                 the subscription is made and by the guarded transport at every connect.
    ``secrets``  active signing secrets, newest first; every one signs each message
                 (rotation).  At least one for ``webhook``; unused for ``slack``.
    ``format``   a :data:`~ir_feed.delivery.formats.FORMATS` name: ``webhook`` (Standard
                 Webhooks JSON) or ``slack`` (incoming webhook).
    """

    id: str
    url: str
    secrets: tuple[str, ...] = ()
    format: Format = "webhook"

    def __post_init__(self) -> None:
        if not self.id:
            raise InvalidMessage("subscription id must not be empty")
        signed = format_of(self.format).signed
        if not isinstance(self.secrets, tuple):
            raise InvalidMessage("secrets must be a tuple")
        if signed and not self.secrets:
            raise InvalidMessage(f"a {self.format} subscription needs at least one signing secret")
        for secret in self.secrets:
            validate_secret(secret)

    def __repr__(self) -> str:  # never show secrets (or a Slack URL's token path)
        return f"Subscription(id={self.id!r}, format={self.format!r}, secrets=<{len(self.secrets)}>)"
