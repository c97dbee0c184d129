"""``GET /v1/diffs``: the published diffs, oldest first, for consumers that pull.

Start with ``since`` (or nothing, for everything), then keep passing the
``next_cursor`` of the last answer: it is given even when a page is short, so
polling with it returns only what was recorded since.  ``ticker`` and ``kind``
select the diffs of those events (as ``/v1/events`` does); ``subscription`` the
diffs that subscription's filters select — what it is sent — and, as everything
about subscriptions, needs the admin token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ir_feed.api.auth import admin_check, require_read
from ir_feed.api.context import context
from ir_feed.api.errors import not_found
from ir_feed.api.params import (
    Cursor,
    Limit,
    TickerParam,
    When,
    check_limit,
    check_ticker,
    encode_cursor,
    id_position,
    parse_when,
    reject_nul,
)
from ir_feed.api.schemas import NAME_PATTERN, DiffPage, DiffType, ErrorBody
from ir_feed.kinds import EventKind
from ir_feed.store import queries
from ir_feed.store import subscriptions as subscription_store

router = APIRouter(tags=["diffs"], dependencies=[Depends(require_read), Depends(reject_nul)])

_ADMIN_ONLY: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody, "description": "`subscription` given while no api.token is configured"},
}


@router.get(
    "/v1/diffs",
    response_model=DiffPage,
    responses=_ADMIN_ONLY,
    summary="Diffs (created / updated / retracted), oldest first",
)
def list_diffs(
    request: Request,
    admin: Annotated[Callable[[], None], Depends(admin_check)],
    since: When = None,
    type: Annotated[list[DiffType] | None, Query(max_length=3, description="only these types (repeatable)")] = None,
    ticker: TickerParam = None,
    kind: Annotated[EventKind | None, Query(description="only the diffs of events of this kind")] = None,
    subscription: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            pattern=NAME_PATTERN,
            description="only the diffs this subscription's filters select (what it is sent); needs the admin token",
        ),
    ] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> dict[str, Any]:
    if subscription is not None:
        admin()  # a subscription's filters are the admin's to see
    check_limit(request, limit)
    check_ticker(ticker)
    start = parse_when("since", since)
    after = id_position("diffs", cursor) if cursor is not None else None
    with context(request).read() as session:
        selected_by = None
        if subscription is not None:
            row = subscription_store.get(session, subscription)
            if row is None:
                raise not_found(f"subscription named {subscription!r}")
            selected_by = subscription_store.filters_of(row)
        f = queries.DiffFilter(since=start, types=tuple(type or ()), ticker=ticker, kind=kind, selected_by=selected_by)
        page = queries.diff_page(session, f, after_id=after, limit=limit)
        data = [queries.diff_json(d) for d in page.rows]
    return {"data": data, "next_cursor": encode_cursor("diffs", [page.last_id]) if page.last_id is not None else None}
