"""``/v1/events.atom`` parsed back by feedparser, ``/v1/events.json`` checked
against the JSON Feed 1.1 structure, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import feedparser
import jsonschema
from lxml import etree
from sqlalchemy import Engine

from ir_feed.events import Designation
from tests.integration.api.conftest import FT_KEY, NWBT, OD_KEY, TRIAL_KEY, ApiClient, MakeClient, api_settings, store
from tests.integration.api.conftest import release as make_release

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), the parts a reader relies on.
JSON_FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "next_url": {"type": "string", "format": "uri"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "format": "uri"},
                    "title": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "authors": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                    },
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
                # Extensions start with an underscore; nothing else unknown.
                "patternProperties": {"^_": {"type": "object"}},
                "additionalProperties": False,
            },
        },
    },
}


def test_atom_is_parsed_back_by_feedparser(seeded: Engine, client: ApiClient) -> None:
    r = client.get("/v1/events.atom?ticker=NWBT&kind=designation")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "ir_feed: events — ticker NWBT, kind designation"
    assert parsed.feed.links[0].rel == "self" and "ticker=NWBT" in parsed.feed.links[0].href
    by_id = {e.id: e for e in parsed.entries}
    assert len(by_id) == 2
    ft = by_id["tag:ir-feed.invalid,2025:event:nwbt%7Cd%7Cft%7Cnwb101%7Cipf"]
    assert ft.title == "NWBT: Fast Track designation for NWB-101 in idiopathic pulmonary fibrosis"
    assert ft.summary == "NWB-101 got Fast Track."
    assert ft.link == "https://example.test/news/1?a=1&b=2"
    assert ft.author == "Northwind Bio"
    assert ft.published_parsed[:5] == (2026, 1, 12, 13, 0)
    assert {t.term for t in ft.tags} >= {"designation", "fast_track", "FDA", "granted", "NASDAQ:NWBT"}
    related = [link.href for link in ft.links if link.rel == "related"]
    assert related == ["http://testserver/v1/events/" + FT_KEY.replace("|", "%7C")]
    assert OD_KEY.replace("|", "%7C") in " ".join(by_id)


def test_atom_escapes_untrusted_text_and_pages_with_next_links(engine: Engine, make_client: MakeClient) -> None:
    nasty = 'A <b>bold</b> & "quoted" claim\x0b\x1f with ]]> inside'
    event = Designation(True, "FDA", "fast_track", "X<1>&2", "a & b", "granted", nasty, "k|nasty")
    store(engine, make_release("n", datetime(2026, 1, 1, tzinfo=UTC), NWBT), (event,), "Acme <Bio> & Co")
    other = Designation(True, "EMA", "orphan_drug", "Y", None, "applied", "Y applied.", "k|other")
    store(engine, make_release("o", datetime(2026, 1, 2, tzinfo=UTC), NWBT), (other,), "Acme")
    client = make_client(settings=api_settings(token="x" * 20, public_url="https://ir.example.com/"))
    first = client.get("/v1/events.atom?limit=1")
    etree.fromstring(first.content)  # well-formed
    parsed = feedparser.parse(first.content)
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.title == "NWBT: Orphan Drug designation for Y (EMA, applied)"
    nxt = next(link.href for link in parsed.feed.links if link.rel == "next")
    assert nxt.startswith("https://ir.example.com/v1/events.atom?limit=1&cursor=")
    second = feedparser.parse(client.get(nxt.removeprefix("https://ir.example.com")).content)
    (entry,) = second.entries
    assert entry.summary == 'A <b>bold</b> & "quoted" claim with ]]> inside'  # text, control characters dropped
    assert entry.title == "NWBT: Fast Track designation for X<1>&2 in a & b"
    assert entry.author == "Acme <Bio> & Co"
    assert not [link for link in second.feed.links if link.rel == "next"]


def test_json_feed_has_the_json_feed_structure_and_the_event(seeded: Engine, client: ApiClient) -> None:
    r = client.get("/v1/events.json?ticker=CLRQ")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = r.json()
    jsonschema.validate(feed, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert "next_url" not in feed
    items = {i["_ir_feed"]["event"]["key"]: i for i in feed["items"]}
    assert set(items) == {TRIAL_KEY, "clrq|ind|crx220"}
    trial = items[TRIAL_KEY]
    assert trial["title"] == "CLRQ: Phase 1 trial CALDER-1 of CRX-220: planned (mid-2026)"
    assert trial["content_text"] == "Dosing expected mid-2026."
    assert trial["url"] == "https://example.test/news/2?a=1&b=2"
    assert trial["date_published"] == "2026-02-03T13:00:00Z"
    assert trial["_ir_feed"]["event"]["window_start"] == "2026-04-01"
    assert trial["_ir_feed"]["release"] == "globenewswire.com:2"
    assert trial["authors"] == [{"name": "Calder Ridge"}]
    # The same event as /v1/events gives.
    listed = {e["key"]: e for e in client.get("/v1/events?ticker=CLRQ").json()["data"]}
    assert trial["_ir_feed"]["event"] == listed[TRIAL_KEY]
    paged = client.get("/v1/events.json?limit=1").json()
    jsonschema.validate(paged, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert "cursor=" in paged["next_url"]


def test_feeds_refuse_bad_filters_like_the_list(seeded: Engine, client: ApiClient) -> None:
    for path in ("/v1/events.atom", "/v1/events.json"):
        assert client.get(f"{path}?kind=merger").status_code == 422
        assert client.get(f"{path}?since=later").status_code == 400
        assert client.get(f"{path}?cursor=zzz").status_code == 400
