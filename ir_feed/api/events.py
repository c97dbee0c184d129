"""``GET /v1/events`` (filters, cursor pages) and ``GET /v1/events/{key}``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.routing import APIRoute

from ir_feed.api.auth import check_read, require_read
from ir_feed.api.context import ApiContext, context
from ir_feed.api.errors import not_found
from ir_feed.api.event_json import event_page
from ir_feed.api.params import (
    EventQuery,
    build_event_query,
    check_no_nul,
    encode_cursor,
    event_query,
    plain_event_args,
    reject_nul,
)
from ir_feed.api.schemas import EventDetail, EventPage
from ir_feed.store import queries
from ir_feed.store.events import public_event

router = APIRouter(tags=["events"], dependencies=[Depends(require_read), Depends(reject_nul)])

_Row = TypeVar("_Row")


def page_of(rows: list[_Row], limit: int) -> tuple[list[_Row], str | None]:
    """The first ``limit`` rows (events: ORM or Core rows), and the cursor after the last
    when more follow."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last: Any = rows[-1]
    return rows, encode_cursor("events", [last.occurred_at.isoformat(), last.id])


def _event_page(ctx: ApiContext, q: EventQuery) -> Response:
    # Core rows, written out by event_json (the bytes EventPage's models would give),
    # not validated again: EventPage documents the answer.  One SELECT: no transaction
    # around it on PostgreSQL.
    with ctx.statement_reads.connect() as conn:
        rows = queries.list_public_events(conn, q.filter)
    page, cursor = page_of(rows, q.limit)
    return Response(event_page(page, cursor), media_type="application/json")


# The threads the plain way reads pages on.  Fewer than the connections the pool keeps (5,
# SQLAlchemy's default), so that no connection is opened and closed per request under load;
# more threads only contend with the event loop for the GIL (with FastAPI's 40 threads and 8
# requests in flight, bench/api.py measured a p99 twice as long for no more requests/s).
READ_THREADS = 4


class _PlainParameters(APIRoute):
    """``/v1/events`` without FastAPI's parameter handling when the parameters need none.

    Solving the route's dependencies — a pydantic check of each of a dozen query parameters,
    the token, the NUL check — cost a request more than writing its 50 events.  A request whose
    parameters are each given once in a plain form (:func:`~ir_feed.api.params.plain_event_args`)
    is answered here by the same checks in the same order (the token, NUL characters, the
    filters' own checks: what the route's dependencies call) and the same read, in a worker
    thread as FastAPI runs the endpoint (one of :data:`READ_THREADS`); any other request takes
    FastAPI's way, whose validation answers it as before.  The endpoint's signature still
    documents the parameters."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        threads: list[anyio.CapacityLimiter] = []  # (made on the event loop, at the first request)

        async def plain_first(request: Request) -> Response:
            args = plain_event_args(request)
            if args is None:
                return await handler(request)
            await check_read(request)
            check_no_nul(request)
            q = build_event_query(request, **args)
            if not threads:
                threads.append(anyio.CapacityLimiter(READ_THREADS))
            return await anyio.to_thread.run_sync(_event_page, context(request), q, limiter=threads[0])

        return plain_first


def list_events(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> Response:
    return _event_page(context(request), q)


router.add_api_route(
    "/v1/events",
    list_events,
    methods=["GET"],
    response_model=EventPage,
    summary="Events, newest first (by when they were reported)",
    route_class_override=_PlainParameters,
)


@router.get(
    "/v1/events/{key:path}",
    response_model=EventDetail,
    summary="One event: its state, supporting releases with their evidence, and its history of diffs",
)
def get_event(
    request: Request,
    key: Annotated[str, Path(min_length=1, max_length=500, description="the event key, or one of its diff ids")],
) -> dict[str, Any]:
    with context(request).read() as session:
        detail = queries.event_detail(session, key)
        if detail is None:
            raise not_found(f"event with key or diff id {key[:100]!r}")
        return {
            "event": public_event(detail.event),
            "sources": [
                {
                    "release": s.release_key,
                    "title": s.title,
                    "url": s.url,
                    "published_at": s.published_at,
                    "release_version": s.release_version,
                    "active": s.active,
                    "announced": s.announced,
                    "evidence": s.evidence,
                }
                for s in detail.sources
            ],
            "history": [queries.diff_json(d) for d in detail.history],
        }
