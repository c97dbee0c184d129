"""The read pages: events, one event, an issuer's timeline, feeds, subscriptions and
their deliveries (HTML over the same queries as the API).

Each handler is a plain ``def`` (Starlette runs it in its thread pool, as it does the
API's), checks the visitor's access (:mod:`ir_feed.web.session`), reads through
:mod:`ir_feed.store`, and renders a template.  A filter a person typed wrong is shown
back on the page with what is wrong (400), never as a JSON error.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from ir_feed.api.context import context
from ir_feed.api.errors import ApiError
from ir_feed.api.events import page_of
from ir_feed.api.feeds import public as feed_view
from ir_feed.api.params import AGENCY_PATTERN, TICKER_PATTERN, WORD_PATTERN, build_event_query
from ir_feed.events import DESIGNATION_STATUSES, IND_STATUSES, TRIAL_STATUSES
from ir_feed.kinds import KIND_NAMES, kind_of
from ir_feed.store import feeds as feed_store
from ir_feed.store import outbox, queries
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.events import event_state, public_event
from ir_feed.store.queries import EventFilter
from ir_feed.store.tables import EventRow, ReleaseRow
from ir_feed.web import timeline
from ir_feed.web.evidence import highlight
from ir_feed.web.render import page
from ir_feed.web.session import Access, access, safe_next

router = APIRouter(include_in_schema=False)

KINDS = KIND_NAMES
STATUSES = tuple(sorted(DESIGNATION_STATUSES | IND_STATUSES | TRIAL_STATUSES))
PAGE_SIZE = 50
TIMELINE_EVENTS = 1000  # an issuer's most recent events drawn on its timeline
MESSAGES_SHOWN = 100

# (name, pattern, longest): the query parameters of the events page, as the API checks them
_FILTERS: tuple[tuple[str, str | None, int], ...] = (
    ("ticker", TICKER_PATTERN, 62),
    ("kind", "^(?:" + "|".join(KINDS) + ")$", 30),
    ("designation", WORD_PATTERN, 60),
    ("status", WORD_PATTERN, 30),
    ("agency", AGENCY_PATTERN, 60),
    ("announced", "^(?:true|false)$", 5),
    ("since", None, 40),
    ("until", None, 40),
    ("cursor", r"^[A-Za-z0-9_-]+$", 512),
)


def refused(request: Request, needed: Access) -> HTMLResponse:
    """The sign-in page, answered 401, in place of a page the visitor may not see."""
    what = "the API token (api.token)" if needed is Access.ADMIN else "a token the API takes (api.read_token)"
    configured = context(request).api.token is not None or needed is Access.READ
    return page(request, "signin.html", code=401, needed=what, next=str(request.url.path), configured=configured)


def _given(request: Request) -> tuple[dict[str, str], list[str]]:
    values: dict[str, str] = {}
    problems: list[str] = []
    for name, pattern, longest in _FILTERS:
        raw = request.query_params.get(name, "").strip()
        if not raw:
            continue
        if len(raw) > longest or "\x00" in raw or (pattern and not re.fullmatch(pattern, raw)):
            problems.append(f"{name}: {raw[:60]!r} is not a valid value")
            continue
        values[name] = raw
    return values, problems


def _event_filter(request: Request, values: dict[str, str]) -> tuple[Any, list[str]]:
    try:
        q = build_event_query(
            request,
            ticker=values.get("ticker"),
            kind=values.get("kind"),  # type: ignore[arg-type]  # checked against KINDS above
            designation=values.get("designation"),
            status=values.get("status"),
            agency=values.get("agency"),
            since=values.get("since"),
            until=values.get("until"),
            retracted=False,
            announced=None if "announced" not in values else values["announced"] == "true",
            limit=PAGE_SIZE,
            cursor=values.get("cursor"),
        )
    except ApiError as exc:
        details = [f"{'.'.join(str(x) for x in d.get('loc', [])[-1:])}: {d.get('msg')}" for d in exc.details]
        return None, details or [exc.message]
    return q, []


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request) -> Response:
    if access(request) < Access.READ:
        return refused(request, Access.READ)
    values, problems = _given(request)
    older = None
    q = None
    shown: list[dict[str, Any]] = []
    if not problems:
        q, problems = _event_filter(request, values)
    if q is not None:
        with context(request).read() as session:
            rows, older = page_of(queries.list_events(session, q.filter), PAGE_SIZE)  # (as /v1/events pages)
            shown = [public_event(r) for r in rows]
    filters = {k: v for k, v in values.items() if k != "cursor"}
    return page(
        request,
        "events.html",
        code=400 if problems else 200,
        events=shown,
        filters=filters,
        problems=problems,
        older=older,
        older_page="cursor" in values,
        feed_query=q.canonical if q is not None else {},
        kinds=KINDS,
        statuses=STATUSES,
    )


def _paragraphs(request: Request, sources: list[queries.EventSource]) -> dict[str, Any]:
    keys = [s.release_key for s in sources]
    if not keys:
        return {}
    with context(request).read() as session:
        texts = dict(
            session.execute(select(ReleaseRow.key, ReleaseRow.text).where(ReleaseRow.key.in_(keys[:50]))).all()
        )
    return {s.release_key: highlight(texts.get(s.release_key, ""), s.evidence) for s in sources}


@router.get("/events/{key:path}", response_class=HTMLResponse)
def event_page(request: Request, key: str) -> Response:
    if access(request) < Access.READ:
        return refused(request, Access.READ)
    if len(key) > 500 or "\x00" in key:
        return page(request, "missing.html", code=404, what="event")
    with context(request).read() as session:
        detail = queries.event_detail(session, key)
        if detail is None:
            return page(request, "missing.html", code=404, what="event")
        event = public_event(detail.event)
        history = [queries.diff_json(d) for d in detail.history]
        sources = detail.sources
    return page(
        request,
        "event.html",
        event=event,
        sources=sources,
        paragraphs=_paragraphs(request, sources),
        history=list(reversed(history)),
    )


def marks(rows: list[EventRow]) -> tuple[list[timeline.Point], list[timeline.Bar], list[EventRow]]:
    """An issuer's events as timeline marks: designations and IND clearances as points on
    the day they were reported, trial windows as bars (a kind that spans time; a start with
    no window: the day it was reported); a planned trial with no window has no place in time
    and is only listed.  Labels are the kind's :attr:`~ir_feed.kinds.KindSpec.timeline_label`."""
    points: list[timeline.Point] = []
    bars: list[timeline.Bar] = []
    unplaced: list[EventRow] = []
    for e in rows:
        href = "/events/" + quote(e.key, safe="")
        spec = kind_of(e.kind)
        if spec is None:
            unplaced.append(e)
            continue
        label = spec.timeline_label(event_state(e))
        if spec.spans_time:
            start = e.window_start
            end = e.window_end or start
            if start is None and e.status != "planned":
                start = end = e.occurred_at.date()
            if start is None or end is None:
                unplaced.append(e)
                continue
            bars.append(timeline.Bar(start, max(start, end), label, e.status, href))
        else:
            points.append(timeline.Point(e.occurred_at.date(), label.strip(), href))
    return points, bars, unplaced


@router.get("/issuers/{ticker}", response_class=HTMLResponse)
def issuer_page(request: Request, ticker: str) -> Response:
    if access(request) < Access.READ:
        return refused(request, Access.READ)
    if len(ticker) > 62 or not re.fullmatch(TICKER_PATTERN, ticker):
        return page(request, "missing.html", code=404, what="issuer")
    ctx = context(request)
    with ctx.read() as session:
        rows = queries.list_events(session, EventFilter(ticker=ticker, limit=TIMELINE_EVENTS))
        events = [public_event(r) for r in rows]
        points, bars, unplaced = marks(rows)
        company = next((r.company for r in rows if r.company), None)
        unplaced_rows = [public_event(r) for r in unplaced]
    today = ctx.clock().date()
    svg = timeline.render(points, bars, today=today, title=f"{company or ticker}: designations and trial windows")
    return page(
        request,
        "issuer.html",
        ticker=ticker,
        company=company,
        svg=svg,
        events=events,
        unplaced=unplaced_rows,
        capped=len(rows) >= TIMELINE_EVENTS,
    )


@router.get("/feeds", response_class=HTMLResponse)
def feeds_page(request: Request) -> Response:
    if access(request) < Access.READ:
        return refused(request, Access.READ)
    with context(request).read() as session:
        feeds = [feed_view(r) for r in feed_store.health(session)]
    return page(request, "feeds.html", feeds=feeds)


def state_of(sub: dict[str, Any]) -> str:
    if sub["enabled"]:
        return "active"
    return "paused" if sub["disabled_reason"] == outbox.PAUSED else "disabled"


@router.get("/subscriptions", response_class=HTMLResponse)
def subscriptions_page(request: Request) -> Response:
    if access(request) < Access.ADMIN:
        return refused(request, Access.ADMIN)
    ctx = context(request)
    now = ctx.clock()
    with ctx.read() as session:
        subs = [subscription_store.public(r, now) for r in subscription_store.list_all(session)]
        counts = outbox.counts_by_subscription(session)
    for s in subs:
        s["state"] = state_of(s)
        s["counts"] = counts.get(s["name"], {})
    return page(request, "subscriptions.html", subscriptions=subs)


_MESSAGE_STATUSES = ("pending", "failed", "retrying", "dead", "delivered")


@router.get("/subscriptions/{name}", response_class=HTMLResponse)
def subscription_page(request: Request, name: str) -> Response:
    if access(request) < Access.ADMIN:
        return refused(request, Access.ADMIN)
    ctx = context(request)
    status = request.query_params.get("status") or None
    if status is not None and status not in _MESSAGE_STATUSES:
        status = None
    with ctx.read() as session:
        row = subscription_store.get(session, name) if len(name) <= 100 else None
        if row is None:
            return page(request, "missing.html", code=404, what="subscription")
        sub = subscription_store.public(row, ctx.clock())
        counts = outbox.counts_by_subscription(session, name).get(name, {})
        messages = outbox.list_messages(session, status=status, subscription=name, limit=MESSAGES_SHOWN)
    sub["state"] = state_of(sub)
    return page(
        request,
        "subscription.html",
        sub=sub,
        counts=counts,
        messages=messages,
        status=status,
        statuses=_MESSAGE_STATUSES,
        done=request.query_params.get("done"),
        replay_since=(ctx.clock().date() - timedelta(days=7)).isoformat(),
    )


@router.get("/deliveries/{message_id}", response_class=HTMLResponse)
def delivery_page(request: Request, message_id: str) -> Response:
    if access(request) < Access.ADMIN:
        return refused(request, Access.ADMIN)
    if not re.fullmatch(r"msg_[0-9A-Za-z]{1,36}", message_id):
        return page(request, "missing.html", code=404, what="message")
    with context(request).read() as session:
        detail = outbox.message_detail(session, message_id)
    if detail is None:
        return page(request, "missing.html", code=404, what="message")
    return page(request, "delivery.html", message=detail.message, attempts=detail.attempts,
                done=request.query_params.get("done"))  # fmt: skip


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    goto = safe_next(request.query_params.get("next"))
    return page(request, "signin.html", needed="a token the API takes", next=goto, configured=True)
