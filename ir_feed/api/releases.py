"""``GET /v1/releases`` (cursor pages) and ``GET /v1/releases/{key}`` with versions and events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.errors import bad_parameter, not_found
from ir_feed.api.params import (
    Cursor,
    Limit,
    TickerParam,
    When,
    check_limit,
    check_ticker,
    encode_cursor,
    parse_when,
    reject_nul,
)
from ir_feed.api.params import time_position as _position
from ir_feed.api.schemas import ReleaseDetail, ReleasePage
from ir_feed.store import releases as release_store

router = APIRouter(tags=["releases"], dependencies=[Depends(require_read), Depends(reject_nul)])


def _summary(r: release_store.ReleaseSummary) -> dict[str, Any]:
    return {
        "key": r.key,
        "title": r.title,
        "issuer": r.issuer,
        "tickers": [str(t) for t in r.tickers],
        "published_at": r.published_at,
        "version": r.version,
        "full_text": r.full_text,
        "url": r.url,
        "first_seen_at": r.first_seen_at,
    }


@router.get("/v1/releases", response_model=ReleasePage, summary="Stored releases, newest first (undated last)")
def list_releases(
    request: Request,
    ticker: TickerParam = None,
    since: When = None,
    until: When = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    check_limit(request, limit)
    check_ticker(ticker)
    start, end = parse_when("since", since), parse_when("until", until)
    if start is not None and end is not None and end <= start:
        raise bad_parameter("until", "must be after since")
    after = _position("releases", cursor, nullable=True) if cursor is not None else None
    with context(request).read() as session:
        rows = release_store.page_releases(session, ticker=ticker, since=start, until=end, limit=limit + 1, after=after)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        (at, last_id), _ = rows[-1]
        next_cursor = encode_cursor("releases", [at.isoformat() if at else None, last_id])
    return {"data": [_summary(s) for _, s in rows], "next_cursor": next_cursor}


@router.get(
    "/v1/releases/{key:path}",
    response_model=ReleaseDetail,
    summary="One release: its current text, every version, and the events it states",
)
def get_release(
    request: Request,
    key: Annotated[str, Path(min_length=1, max_length=500, description="the release key, e.g. globenewswire.com:1")],
) -> dict[str, Any]:
    with context(request).read() as session:
        detail = release_store.release_detail(session, key)
        if detail is None:
            raise not_found(f"release with key {key[:100]!r}")
        r = detail.release
        return {
            "key": r.key,
            "title": r.title,
            "issuer": r.issuer,
            "tickers": list(r.tickers),
            "published_at": r.published_at,
            "version": r.version,
            "full_text": r.full_text,
            "url": r.url,
            "first_seen_at": r.first_seen_at,
            "modified_at": r.modified_at,
            "isin": r.isin,
            "language": r.language,
            "subjects": list(r.subjects or []),
            "summary": r.summary,
            "text": r.text,
            "versions": [
                {
                    "version": v.version,
                    "title": v.title,
                    "content_hash": v.content_hash,
                    "modified_at": v.modified_at,
                    "full_text": v.full_text,
                    "seen_at": v.seen_at,
                }
                for v in detail.versions
            ],
            "events": [
                {
                    "key": e.event.key,
                    "kind": e.event.kind,
                    "product": e.event.product,
                    "status": e.event.status,
                    "retracted": e.event.retracted,
                    "active": e.active,
                    "announced": e.announced,
                }
                for e in detail.events
            ],
        }
