"""Feed sources: a wire's conventions are one module of ir_feed.sources; parse.py and page.py
stay generic.  A made-up wire added as one Source is read by both, with nothing else changed."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from ir_feed import sources
from ir_feed.models import Ticker
from ir_feed.page import article_text
from ir_feed.parse import parse_feed
from ir_feed.sources import Category, Elements, Source, globenewswire


def test_globenewswire_categories_and_release_ids() -> None:
    stock = "https://www.globenewswire.com/rss/stock"
    assert sources.category(stock, "Other OTC:abcd") == Category(ticker=Ticker("OTC", "ABCD"))
    assert sources.category(stock.replace("https", "http"), "Toronto:XYZ") == Category(ticker=Ticker("TSX", "XYZ"))
    assert sources.category(stock, "not a symbol") == Category()  # the wire's scheme, nothing usable: dropped
    assert sources.category("https://www.globenewswire.com/rss/ISIN", "US0378331005") == Category(isin="US0378331005")
    assert sources.category("https://www.globenewswire.com/rss/subject", "Clinical Study") is None
    link = "https://www.globenewswire.com/news-release/2025/01/07/3005012/0/en/Acme.html"
    assert sources.release_id(None, link) == "3005012"
    assert sources.release_id("urn:other", "https://example.com/news/1") is None


def _wire_category(scheme: str, term: str) -> Category | None:
    return Category(ticker=Ticker("NYSE", term.strip().upper())) if scheme == "urn:example-wire:symbol" else None


def _wire_body(root: etree._Element) -> Elements:
    found = root.xpath("//*[@id='wire-release-text']")
    return (found[0] if isinstance(found, list) and found else None), None  # type: ignore[return-value]


def _wire_id(guid: str | None, link: str | None) -> str | None:
    m = re.search(r"/wire/(\d+)$", link or "")
    return m.group(1) if m else None


@pytest.fixture
def another_wire(monkeypatch: pytest.MonkeyPatch) -> None:
    wire = Source("example-wire", category=_wire_category, release_id=_wire_id, article_body=_wire_body)
    monkeypatch.setattr(sources, "SOURCES", (globenewswire.SOURCE, wire))


@pytest.mark.usefixtures("another_wire")
def test_a_wire_added_as_one_source_is_read_by_the_generic_parser_and_page_reader() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>w</title><item>'
        b"<title>Acme doses first patient</title><link>https://wire.example/wire/42</link>"
        b'<category domain="urn:example-wire:symbol">acme</category><category>Health</category>'
        b"</item></channel></rss>"
    )
    (item,) = parse_feed(feed).items
    assert item.tickers == (Ticker("NYSE", "ACME"),) and item.release_id == "42" and item.subjects == ("Health",)
    page = (
        "<html><body><div class='promo'><p>" + "Read our other stories and subscribe today. " * 5 + "</p></div>"
        "<h1>Acme doses first patient</h1><div id='wire-release-text'><p>NEW YORK, Jan. 7, 2025 -- Acme "
        "dosed the first patient.</p></div></body></html>"
    )
    text = article_text(page)
    assert text.startswith("Acme doses first patient") and "dosed the first patient" in text
    assert "subscribe" not in text
