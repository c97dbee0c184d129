"""The catalyst calendar: ``GET /v1/calendar`` (JSON pages) and ``GET /v1/calendar.ics``
(iCalendar, for a calendar application to subscribe to).

Events with a date window — trials planned for a period, started or dosed on a day — whose
window overlaps ``[from, to]`` (dates, both included; ``from`` defaults to today — or to a
year before ``to`` when only a past ``to`` is given —, ``to`` to a year after ``from``),
earliest window first, never a retracted one.  Filters: ``ticker``,
``status`` (``planned`` for what is still to come), ``announced``.  Keyset pages by
``(window start, id)``; the ``.ics`` document holds one page and, when more follow, a ``Link:
<…>; rel="next"`` header.  Read access as for ``/v1/events``: with ``api.read_token`` unset, a
calendar application can subscribe to the ``.ics`` URL as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BeforeValidator

from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.errors import bad_parameter
from ir_feed.api.params import (
    Cursor,
    TickerParam,
    check_limit,
    check_ticker,
    date_position,
    encode_cursor,
    on_the_loop,
    reject_nul,
)
from ir_feed.api.schemas import CalendarPage
from ir_feed.catalysts import CALENDAR_KINDS, DEFAULT_SPAN, to_ics
from ir_feed.store import queries
from ir_feed.store.events import calendar_entry, public_event
from ir_feed.store.tables import EventRow, ReleaseRow

router = APIRouter(tags=["calendar"], dependencies=[Depends(require_read), Depends(reject_nul)])

ICS_TYPE = "text/calendar; charset=utf-8"
LONGEST_SPAN = timedelta(days=3653)  # ten years: a range, not the whole table


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` is a day here (pydantic alone would read ``0`` as 1970-01-01)."""
    if value is None or isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("must be a date, YYYY-MM-DD")


Day = Annotated[date | None, BeforeValidator(_iso_day)]
CalendarKind: Any = Literal[CALENDAR_KINDS]  # (the kinds that span time, read from their specs)


@dataclass(frozen=True, slots=True)
class CalendarQuery:
    filter: queries.CalendarFilter
    canonical: dict[str, str]
    limit: int


def _calendar_query(
    request: Request,
    from_: Annotated[Day, Query(alias="from", description="first day (YYYY-MM-DD); default today")] = None,
    to: Annotated[Day, Query(description="last day (YYYY-MM-DD); default a year after from")] = None,
    ticker: TickerParam = None,
    kind: Annotated[
        CalendarKind | None, Query(description="one kind of catalyst (default: every kind that spans time)")
    ] = None,
    status: Annotated[str | None, Query(max_length=30, pattern=r"^[a-z_]+$", description="e.g. planned")] = None,
    announced: Annotated[bool | None, Query(description="true: what a release announced; false: only recalled")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="page size, at most `api.max_page_size`")] = 200,
    cursor: Cursor = None,
) -> CalendarQuery:
    check_limit(request, limit)
    check_ticker(ticker)
    today = context(request).clock().astimezone(UTC).date()
    # (only ``to`` given, and past: the year up to it)
    start = from_ or (today if to is None or to >= today else to - DEFAULT_SPAN)
    end = to or start + DEFAULT_SPAN
    if end < start:
        raise bad_parameter("to", "must not be before from")
    if end - start > LONGEST_SPAN:
        raise bad_parameter("to", "at most ten years after from")
    after = None
    if cursor is not None:
        after = date_position("calendar", cursor)
    canonical = {
        k: v
        for k, v in (
            ("from", start.isoformat()),
            ("to", end.isoformat()),
            ("ticker", ticker),
            ("kind", kind),
            ("status", status),
            ("announced", None if announced is None else str(announced).lower()),
        )
        if v
    }
    f = queries.CalendarFilter(
        start=start,
        end=end,
        kinds=(kind,) if kind else CALENDAR_KINDS,
        ticker=ticker,
        status=status,
        announced=announced,
        limit=limit + 1,  # one more tells whether there is a next page
        after=after,
    )
    return CalendarQuery(f, canonical, limit)


calendar_query = on_the_loop(_calendar_query)


def _load(request: Request, q: CalendarQuery) -> tuple[list[EventRow], dict[int, ReleaseRow], str | None]:
    with context(request).read() as session:
        rows = queries.calendar(session, q.filter)
        cursor = None
        if len(rows) > q.limit:
            rows = rows[: q.limit]
            last = rows[-1]
            assert last.window_start is not None
            cursor = encode_cursor("calendar", [last.window_start.isoformat(), last.id])
        return rows, queries.state_releases(session, rows), cursor


@router.get("/v1/calendar", response_model=CalendarPage, summary="The catalyst calendar: events by date window")
def calendar(request: Request, q: Annotated[CalendarQuery, Depends(calendar_query)]) -> dict[str, Any]:
    rows, releases, cursor = _load(request, q)
    data = []
    for r in rows:
        release = releases.get(r.id)
        entry = calendar_entry(r, release.url if release is not None else None)
        data.append(
            {"start": entry.start, "end": entry.end, "title": entry.title, "release_url": entry.url,
             "event": public_event(r)}
        )  # fmt: skip
    return {"data": data, "next_cursor": cursor}


@router.get(
    "/v1/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}}, "description": "iCalendar"}},
    summary="The catalyst calendar as iCalendar (RFC 5545), to subscribe to from a calendar application",
)
def calendar_ics(request: Request, q: Annotated[CalendarQuery, Depends(calendar_query)]) -> Response:
    rows, releases, cursor = _load(request, q)
    entries = [calendar_entry(r, release.url if (release := releases.get(r.id)) is not None else None) for r in rows]
    name = "ir_feed catalysts" + (f" — {q.canonical['ticker']}" if "ticker" in q.canonical else "")
    body = to_ics(entries, name=name, now=context(request).clock())
    headers = {}
    if cursor is not None:
        public = context(request).api.public_url or str(request.base_url).rstrip("/")
        query = {**q.canonical, "limit": str(q.limit), "cursor": cursor}
        headers["Link"] = f'<{public}/v1/calendar.ics?{urlencode(query)}>; rel="next"'
    return Response(content=body, media_type=ICS_TYPE, headers=headers)
