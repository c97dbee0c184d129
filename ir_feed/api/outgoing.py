"""Outgoing feeds: ``GET /v1/events.atom`` (Atom 1.0) and ``GET /v1/events.json`` (JSON Feed 1.1).

The same filters as ``/v1/events``, so a feed reader can follow, say, one
ticker's designations.  An entry's id is a ``tag:`` URI made from the event key
(stable across updates); ``updated`` moves when the event's state changes, so
readers show the change.  The Atom document is built with lxml (every text is
escaped by the serializer, and characters XML cannot carry are dropped).
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from lxml import etree

from ir_feed.api.auth import require_read
from ir_feed.api.context import context
from ir_feed.api.events import page_of
from ir_feed.api.params import EventQuery, event_query, reject_nul
from ir_feed.api.schemas import JsonFeed
from ir_feed.store import queries
from ir_feed.store.events import headline, issuer_symbol, public_event
from ir_feed.store.tables import EventRow, ReleaseRow
from ir_feed.timestamps import utc_text

router = APIRouter(tags=["outgoing feeds"], dependencies=[Depends(require_read), Depends(reject_nul)])

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
TAG_AUTHORITY = "tag:ir-feed.invalid,2025"

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class FeedJSONResponse(JSONResponse):
    media_type = JSON_FEED_TYPE


def entry_id(key: str) -> str:
    return f"{TAG_AUTHORITY}:event:{quote(key, safe='')}"


def _tags(e: EventRow) -> list[str]:
    return [t for t in (e.kind, e.designation, e.agency, e.status, *e.tickers) if t]


def _base(request: Request) -> str:
    public = context(request).api.public_url
    return public if public else str(request.base_url).rstrip("/")


def _feed_title(q: EventQuery) -> str:
    if not q.canonical:
        return "ir_feed: events"
    return "ir_feed: events — " + ", ".join(f"{k} {v}" for k, v in q.canonical.items())


def _links(request: Request, path: str, q: EventQuery, cursor: str | None) -> tuple[str, str | None]:
    base = _base(request)
    query = dict(q.canonical)
    if q.limit != 50:
        query["limit"] = str(q.limit)
    self_url = f"{base}{path}" + (f"?{urlencode(query)}" if query else "")
    next_url = f"{base}{path}?{urlencode({**query, 'cursor': cursor})}" if cursor else None
    return self_url, next_url


def _load(request: Request, q: EventQuery) -> tuple[list[EventRow], dict[int, ReleaseRow], str | None]:
    with context(request).read() as session:
        rows, cursor = page_of(queries.list_events(session, q.filter), q.limit)
        return rows, queries.state_releases(session, rows), cursor


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _xml(text)
    return el


@router.get(
    "/v1/events.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}}, "description": "Atom 1.0"}},
    summary="Events as an Atom 1.0 feed (same filters as /v1/events)",
)
def events_atom(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> Response:
    rows, releases, cursor = _load(request, q)
    base = _base(request)
    self_url, next_url = _links(request, "/v1/events.atom", q, cursor)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})  # type: ignore[dict-item]
    _sub(feed, "id", f"{TAG_AUTHORITY}:events" + (f"?{urlencode(q.canonical)}" if q.canonical else ""))
    _sub(feed, "title", _feed_title(q))
    updated = max((r.updated_at for r in rows), default=None) or context(request).clock()
    _sub(feed, "updated", utc_text(updated))
    author = _sub(feed, "author")
    _sub(author, "name", "ir_feed")
    _sub(feed, "generator", "ir_feed")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if next_url:
        _sub(feed, "link", rel="next", type="application/atom+xml", href=next_url)
    for r in rows:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(r.key))
        _sub(entry, "title", headline(r))
        _sub(entry, "updated", utc_text(r.updated_at))
        _sub(entry, "published", utc_text(r.occurred_at))
        who = _sub(entry, "author")
        _sub(who, "name", r.company or issuer_symbol(r))
        release = releases.get(r.id)
        if release is not None and release.url:
            _sub(entry, "link", rel="alternate", type="text/html", href=release.url)
        _sub(entry, "link", rel="related", type="application/json", href=f"{base}/v1/events/{quote(r.key, safe='')}")
        for term in _tags(r):
            _sub(entry, "category", term=term)
        _sub(entry, "summary", r.evidence, type="text")
    body = etree.tostring(feed, xml_declaration=True, encoding="utf-8")
    return Response(content=body, media_type=ATOM_TYPE)


@router.get(
    "/v1/events.json",
    response_model=JsonFeed,
    response_class=FeedJSONResponse,
    response_model_exclude_unset=True,  # optional JSON Feed fields are absent, not null
    summary="Events as a JSON Feed 1.1 (same filters as /v1/events); `_ir_feed.event` holds the event",
)
def events_json_feed(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    rows, releases, cursor = _load(request, q)
    self_url, next_url = _links(request, "/v1/events.json", q, cursor)
    items = []
    for r in rows:
        release = releases.get(r.id)
        item: dict[str, Any] = {
            "id": entry_id(r.key),
            "title": headline(r),
            "content_text": r.evidence,
            "date_published": r.occurred_at,
            "date_modified": r.updated_at,
            "tags": _tags(r),
            "_ir_feed": {"event": public_event(r), "release": release.key if release is not None else None},
        }
        if release is not None and release.url:
            item["url"] = release.url
        if r.company:
            item["authors"] = [{"name": r.company}]
        items.append(item)
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": _feed_title(q),
        "home_page_url": _base(request),
        "feed_url": self_url,
        "items": items,
    }
    if next_url:
        feed["next_url"] = next_url
    return feed
