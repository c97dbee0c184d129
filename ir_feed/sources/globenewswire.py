"""GlobeNewswire: its feed categories, release ids and release page layout.

Feeds: ``<category domain="https://www.globenewswire.com/rss/stock">Nasdaq:ALLO</category>``
gives a listing (the exchange label as the wire writes it — ``Other OTC``, ``Toronto`` — made
canonical by :mod:`ir_feed.exchanges`), ``.../rss/ISIN`` an ISIN (http or https, any host: the
wire's mirrors write both); a release id is the ``/news-release/YYYY/MM/DD/<id>/`` part of a
guid or link.  Pages: the body is the element with ``itemprop="articleBody"`` or the
``main-body-container`` / ``article-body`` classes; the headline the ``article-headline`` h1.
"""

from __future__ import annotations

import re

from lxml import etree

from ir_feed.exchanges import canonical_exchange
from ir_feed.models import Ticker, storable_ticker, valid_isin
from ir_feed.sources.source import Category, Elements, Source

__all__ = ["SOURCE"]

_STOCK_DOMAIN = re.compile(r"^https?://[^/]+/rss/stock/?$", re.IGNORECASE)
_ISIN_DOMAIN = re.compile(r"^https?://[^/]+/rss/isin/?$", re.IGNORECASE)
_RELEASE_ID = re.compile(r"/news-release/\d{4}/\d{2}/\d{2}/(\d+)/")


def _ticker(term: str) -> Ticker | None:
    """``Nasdaq:ALLO`` → NASDAQ:ALLO; a bare ``ALLO`` has no exchange; junk gives None."""
    exchange, sep, symbol = term.partition(":")
    if not sep:
        exchange, symbol = "", exchange
    symbol = symbol.strip().upper()
    if not symbol or any(c.isspace() for c in symbol):
        return None
    code = canonical_exchange(exchange) if exchange.strip() else None
    try:
        ticker = Ticker(code, symbol)
    except ValueError:
        return None
    return ticker if storable_ticker(ticker) else None


def category(scheme: str, term: str) -> Category | None:
    if _STOCK_DOMAIN.match(scheme):
        return Category(ticker=_ticker(term))
    if _ISIN_DOMAIN.match(scheme):
        return Category(isin=valid_isin(term))
    return None


def release_id(guid: str | None, link: str | None) -> str | None:
    for candidate in (guid, link):
        match = _RELEASE_ID.search(candidate or "")
        if match:
            return match.group(1)
    return None


def article_body(root: etree._Element) -> Elements:
    bodies = root.xpath(
        "//*[@itemprop='articleBody']"
        " | //*[contains(concat(' ', normalize-space(@class), ' '), ' main-body-container ')]"
        " | //*[contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]"
    )
    body = bodies[0] if isinstance(bodies, list) and bodies else None
    headlines = root.xpath("//h1[contains(concat(' ', normalize-space(@class), ' '), ' article-headline ')]")
    headline = headlines[0] if isinstance(headlines, list) and headlines else None
    return (
        body if isinstance(body, etree._Element) else None,
        headline if isinstance(headline, etree._Element) else None,
    )


SOURCE = Source("globenewswire", category=category, release_id=release_id, article_body=article_body)
