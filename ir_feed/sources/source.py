"""The shape of a feed source (see :mod:`ir_feed.sources`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ir_feed.models import Ticker

__all__ = ["Category", "Elements", "Source"]

#: (release body, headline) elements of a release page; either may be missing.
Elements = tuple[etree._Element | None, etree._Element | None]


@dataclass(frozen=True, slots=True)
class Category:
    """What one feed category of a source's own scheme says: a listing, an ISIN, or (both
    ``None``) a category of that scheme that gives neither and is dropped."""

    ticker: Ticker | None = None
    isin: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One newswire's conventions: see the package docstring."""

    name: str
    category: Callable[[str, str], Category | None]
    release_id: Callable[[str | None, str | None], str | None]
    article_body: Callable[[etree._Element], Elements]

    def __repr__(self) -> str:
        return f"Source({self.name!r})"
