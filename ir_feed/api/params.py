"""Query parameters shared by endpoints: filters, dates, page sizes, opaque cursors.

A cursor is ``base64url(JSON)`` of ``{"k": <list>, "p": <position>}``: the list
it belongs to and the position of the last item returned.  For events the
position is ``[occurred_at, internal position]``, for releases
``[published_at or null, internal position]``, for diffs ``[internal position]``.
The internal position is a database row id; clients must treat the cursor as
opaque — it may change form between versions.  A cursor that does not decode,
or belongs to another list, is answered 400 ``invalid_cursor``; so is one whose
time or row id is out of range (a row id is below 2**63: the id columns are
64-bit on both backends), since no row could have it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Query, Request

from ir_feed.api.context import context
from ir_feed.api.errors import ApiError, bad_parameter, not_found
from ir_feed.kinds import KIND_NAMES, EventKind
from ir_feed.models import TICKER_FILTER_PATTERN, Ticker, ticker_filter
from ir_feed.store.queries import EventFilter

TICKER_PATTERN = TICKER_FILTER_PATTERN  # the CLI's and the config's too
WORD_PATTERN = r"^[A-Za-z0-9_]+$"
AGENCY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 .&'()-]*$"

Cursor = Annotated[
    str | None,
    Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$", description="`next_cursor` of the previous page (opaque)"),
]
Limit = Annotated[int, Query(ge=1, le=10_000, description="page size, at most `api.max_page_size` (default 200)")]
When = Annotated[
    str | None,
    Query(max_length=40, description="YYYY-MM-DD or an ISO-8601 time (naive means UTC)"),
]
TickerParam = Annotated[
    str | None, Query(max_length=62, pattern=TICKER_PATTERN, description="SYMBOL or EXCHANGE:SYMBOL")
]


def encode_cursor(kind: str, position: list[Any]) -> str:
    raw = json.dumps({"k": kind, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(kind: str, cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _bad_cursor("not a cursor this API issued") from None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("p"), list):
        raise _bad_cursor(f"not a cursor of this list ({kind})")
    position: list[Any] = data["p"]
    return position


def _bad_cursor(reason: str) -> ApiError:
    return ApiError(400, "invalid_cursor", f"cursor: {reason}", details=[{"loc": ["query", "cursor"], "msg": reason}])


# The largest row id the database can hold (``BIGINT`` on PostgreSQL, SQLite's 64-bit
# rowid).  A larger id in a cursor is not ours, and binding it would fail (out of range)
# rather than match nothing.
LARGEST_ROW_ID = 2**63 - 1


def _row_id(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= LARGEST_ROW_ID:
        raise _bad_cursor("malformed")
    return value


def time_position(kind: str, cursor: str, *, nullable: bool = False) -> tuple[datetime | None, int]:
    """Decode a ``[time, id]`` cursor."""
    position = decode_cursor(kind, cursor)
    if len(position) != 2:
        raise _bad_cursor("malformed")
    last = _row_id(position[1])
    at = position[0]
    if at is None and nullable:
        return None, last
    if not isinstance(at, str):
        raise _bad_cursor("malformed")
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        raise _bad_cursor("malformed") from None
    if when.tzinfo is None:
        raise _bad_cursor("malformed")
    try:
        return when.astimezone(UTC), last
    except OverflowError:  # the offset moves it out of years 1-9999
        raise _bad_cursor("malformed") from None


def date_position(kind: str, cursor: str) -> tuple[date, int]:
    """Decode a ``[day, id]`` cursor (``YYYY-MM-DD``)."""
    position = decode_cursor(kind, cursor)
    if len(position) != 2 or not isinstance(position[0], str):
        raise _bad_cursor("malformed")
    last = _row_id(position[1])
    try:
        return date.fromisoformat(position[0]), last
    except ValueError:
        raise _bad_cursor("malformed") from None


def id_position(kind: str, cursor: str) -> int:
    position = decode_cursor(kind, cursor)
    if len(position) != 1:
        raise _bad_cursor("malformed")
    return _row_id(position[0])


def parse_when(name: str, value: str | None) -> datetime | None:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO-8601 time, as aware UTC; else 400."""
    if value is None:
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, tzinfo=UTC)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        raise bad_parameter(name, f"not a date (YYYY-MM-DD) or ISO-8601 time: {value[:40]!r}") from None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    try:
        return dt.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+05:00 is before year 1 in UTC
        raise bad_parameter(name, f"out of range (years 1 to 9999 in UTC): {value[:40]!r}") from None


_P = ParamSpec("_P")
_T = TypeVar("_T")


def on_the_loop(check: Callable[_P, _T]) -> Callable[_P, Coroutine[Any, Any, _T]]:
    """``check`` as a FastAPI dependency that runs on the event loop.  FastAPI runs a plain
    ``def`` dependency in its thread pool: a thread hop for each dependency of each request,
    which costs far more than a check that parses parameters or compares a token (and never
    blocks).  The dependency keeps ``check``'s parameters (FastAPI reads them through
    ``__wrapped__``); ``check`` itself stays callable as it is."""

    @functools.wraps(check)
    async def dependency(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        return check(*args, **kwargs)

    return dependency


def check_no_nul(request: Request) -> None:
    """No path or query parameter may hold a NUL character: PostgreSQL refuses it
    in text, and no key, name or filter value contains one.  A path parameter (a
    key) with one is 404 (no such object), a query parameter 400."""
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise not_found(f"object with a NUL character in its {name}")
    for name, value in request.query_params.multi_items():
        if "\x00" in value:
            raise bad_parameter(name[:40], "must not contain NUL characters")


reject_nul = on_the_loop(check_no_nul)


def check_limit(request: Request, limit: int) -> int:
    most = context(request).api.max_page_size
    if limit > most:
        raise bad_parameter("limit", f"must be at most {most}")
    return limit


def check_ticker(ticker: str | None) -> str | None:
    if ticker is None:
        return None
    try:
        Ticker.parse(ticker_filter(ticker))
    except ValueError as exc:
        raise bad_parameter("ticker", str(exc)) from None
    return ticker


@dataclass(frozen=True)
class EventQuery:
    """The event filters of ``/v1/events`` and the outgoing feeds, validated."""

    filter: EventFilter
    limit: int
    canonical: dict[str, str]  # the filters as given (for feed ids and links)


def build_event_query(
    request: Request,
    ticker: TickerParam = None,
    kind: Annotated[EventKind | None, Query()] = None,
    designation: Annotated[
        str | None, Query(max_length=60, pattern=WORD_PATTERN, description="e.g. fast_track, orphan_drug")
    ] = None,
    status: Annotated[
        str | None, Query(max_length=30, pattern=WORD_PATTERN, description="e.g. granted, cleared, initiated")
    ] = None,
    agency: Annotated[
        str | None, Query(max_length=60, pattern=AGENCY_PATTERN, description="e.g. FDA, EMA, Health Canada")
    ] = None,
    since: When = None,
    until: When = None,
    retracted: Annotated[bool, Query(description="include retracted events")] = False,
    announced: Annotated[
        bool | None, Query(description="true: what the release announced; false: what it only recalled")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> EventQuery:
    """Reported on or after ``since`` and before ``until``; newest first."""
    check_limit(request, limit)
    check_ticker(ticker)
    start, end = parse_when("since", since), parse_when("until", until)
    if start is not None and end is not None and end <= start:
        raise bad_parameter("until", "must be after since")
    after = None
    if cursor is not None:
        at, last = time_position("events", cursor)
        assert at is not None
        after = (at, last)
    canonical = {
        k: v
        for k, v in (
            ("ticker", ticker),
            ("kind", kind),
            ("designation", designation),
            ("status", status),
            ("agency", agency),
            ("since", since),
            ("until", until),
            ("retracted", "true" if retracted else None),
            ("announced", None if announced is None else str(announced).lower()),
        )
        if v
    }
    f = EventFilter(
        ticker=ticker,
        kind=kind,
        designation=designation,
        status=status,
        agency=agency,
        since=start,
        until=end,
        include_retracted=retracted,
        announced=announced,
        limit=limit + 1,  # one more tells whether there is a next page
        after=after,
    )
    return EventQuery(f, limit, canonical)


event_query = on_the_loop(build_event_query)


# ``build_event_query``'s parameters in the forms FastAPI's checks (the ``Query`` bounds and
# patterns above) take as they are: each pattern is a plain-ASCII part of the declared one,
# each bound within the declared bound.
_PLAIN_FORMS: dict[str, Callable[[str], object]] = {  # (a match, or a truth)
    "ticker": re.compile(r"(?:[A-Za-z][A-Za-z0-9 .&-]{0,29}:)?[A-Za-z0-9][A-Za-z0-9.^/-]{0,29}").fullmatch,
    "kind": frozenset(KIND_NAMES).__contains__,
    "designation": re.compile(r"[A-Za-z0-9_]{1,60}").fullmatch,
    "status": re.compile(r"[A-Za-z0-9_]{1,30}").fullmatch,
    "agency": re.compile(r"[A-Za-z0-9][A-Za-z0-9 .&'()-]{0,59}").fullmatch,
    "since": lambda v: 0 < len(v) <= 40,
    "until": lambda v: 0 < len(v) <= 40,
    "retracted": frozenset(("true", "false")).__contains__,
    "announced": frozenset(("true", "false")).__contains__,
    "limit": re.compile(r"[1-9][0-9]{0,3}|10000").fullmatch,
    "cursor": re.compile(r"[A-Za-z0-9_-]{1,512}").fullmatch,
}


def plain_event_args(request: Request) -> dict[str, Any] | None:
    """The request's parameters as FastAPI would pass them to :func:`build_event_query`,
    without FastAPI's validation, when each is given once and in a form that validation takes
    as it is; None for any other request, which FastAPI's validation answers instead (the same
    checks, its own messages)."""
    items = request.query_params.multi_items()
    args: dict[str, Any] = dict(items)
    if len(args) != len(items):
        return None
    for name, value in args.items():
        plain = _PLAIN_FORMS.get(name)
        if plain is None or not plain(value):
            return None
    for flag in ("retracted", "announced"):
        if flag in args:
            args[flag] = args[flag] == "true"
    if "limit" in args:
        args["limit"] = int(args["limit"])
    return args
