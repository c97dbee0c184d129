"""What a receiver checks of a webhook, and what the outbox holds, for the delivery tests."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from ir_feed.store.engine import session_factory
from ir_feed.store.tables import AttemptRow, MessageRow
from tests.support.httpserver import Request


def verifies(secret: str, req: Request) -> bool:
    """The request's signature checks out with ``secret`` (the reference library's verify)."""
    try:
        Webhook(secret).verify(req.body, dict(req.headers))
    except WebhookVerificationError:
        return False
    return True


def outbox_counts(engine: Engine) -> tuple[int, int]:
    """(messages, delivery attempts) stored."""
    with session_factory(engine)() as s:
        return s.scalar(select(func.count(MessageRow.id))) or 0, s.scalar(select(func.count(AttemptRow.id))) or 0
