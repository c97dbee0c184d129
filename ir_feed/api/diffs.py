"""``GET /v1/diffs``: the published diffs, oldest first, for consumers that pull.

Start with ``since`` (or nothing, for everything), then keep passing the
``next_cursor`` of the last answer: it is given even when a page is short, so
polling with it returns only what was recorded since.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.params import Cursor, Limit, When, check_limit, encode_cursor, id_position, parse_when, reject_nul
from ir_feed.api.schemas import DiffPage, DiffType
from ir_feed.store import queries

router = APIRouter(tags=["diffs"], dependencies=[Depends(require_read), Depends(reject_nul)])


@router.get("/v1/diffs", response_model=DiffPage, summary="Diffs (created / updated / retracted), oldest first")
def list_diffs(
    request: Request,
    since: When = None,
    type: Annotated[list[DiffType] | None, Query(max_length=3, description="only these types (repeatable)")] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> dict[str, Any]:
    check_limit(request, limit)
    start = parse_when("since", since)
    after = id_position(request, "diffs", cursor) if cursor is not None else None
    with context(request).read() as session:
        rows = queries.list_diffs(session, since=start, after_id=after, types=tuple(type or ()), limit=limit)
        data = [queries.diff_json(d) for d in rows]
    last = rows[-1].id if rows else after
    return {"data": data, "next_cursor": encode_cursor("diffs", [last]) if last is not None else None}
