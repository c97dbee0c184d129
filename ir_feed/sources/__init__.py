"""Feed sources: what one newswire adds to generic RSS / Atom and to its release pages.

:mod:`ir_feed.parse` reads any RSS or Atom feed and :mod:`ir_feed.page` any release page; a
wire's own conventions live in one module here, a :class:`Source`:

``category``      a feed category in the wire's own scheme → a listing or an ISIN
                  (GlobeNewswire: ``<category domain=".../rss/stock">Nasdaq:ALLO</category>``);
                  ``None`` leaves it a subject
``release_id``    the wire's id of a release, read from its guid or link
``article_body``  the release body and headline elements of the wire's release page

Sources are asked in order and the first answer wins, so no feed has to say which wire it
is.  Adding Business Wire, PR Newswire or Accesswire is one module (with its fixtures) and its
entry in :data:`SOURCES`.  Pure: no I/O.
"""

from __future__ import annotations

from lxml import etree

from ir_feed.sources import globenewswire
from ir_feed.sources.source import Category, Elements, Source

__all__ = ["SOURCES", "Category", "Elements", "Source", "article_body", "category", "release_id"]

SOURCES: tuple[Source, ...] = (globenewswire.SOURCE,)


def category(scheme: str, term: str) -> Category | None:
    """What a feed category says, by the first source whose scheme it is."""
    for source in SOURCES:
        found = source.category(scheme, term)
        if found is not None:
            return found
    return None


def release_id(guid: str | None, link: str | None) -> str | None:
    """The wire's id of a release, by the first source that reads one from its guid or link."""
    for source in SOURCES:
        found = source.release_id(guid, link)
        if found is not None:
            return found
    return None


def article_body(root: etree._Element) -> Elements:
    """(body, headline) of a release page by the first source that finds a body there; else
    no body and the first headline a source found (the caller falls back to generic rules)."""
    headline = None
    for source in SOURCES:
        body, found = source.article_body(root)
        if body is not None:
            return body, found
        headline = headline if headline is not None else found
    return None, headline
