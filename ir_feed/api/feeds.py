"""``GET /v1/feeds``: every polled feed and its health."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.params import reject_nul
from ir_feed.api.schemas import FeedList
from ir_feed.fetch import redact_url
from ir_feed.store import feeds as feed_store

router = APIRouter(tags=["feeds"], dependencies=[Depends(require_read), Depends(reject_nul)])

_FAILED = {"fetch_error", "parse_error", "gone", "store_error", "internal_error"}


def public(r: feed_store.FeedHealth) -> dict[str, Any]:
    """A feed's health as the API and the web page show it (its URL's secrets masked)."""
    return {
        "name": r.name,
        "url": redact_url(r.url),
        "enabled": r.enabled,
        "disabled_reason": r.disabled_reason,
        "healthy": r.enabled and r.consecutive_failures == 0 and r.last_outcome not in _FAILED,
        "last_outcome": r.last_outcome,
        "last_status": r.last_status,
        "last_polled_at": r.last_polled_at,
        "last_success_at": r.last_success_at,
        "consecutive_failures": r.consecutive_failures,
        "next_poll_at": r.next_poll_at if r.enabled else None,
        "last_error": r.last_error,
        "last_warning": r.last_warning,
        "polls": r.polls,
    }


@router.get("/v1/feeds", response_model=FeedList, summary="Feeds with their health: last outcome, failures, next poll")
def list_feeds(request: Request) -> dict[str, Any]:
    with context(request).read() as session:
        rows = feed_store.health(session)
    return {"data": [public(r) for r in rows]}
