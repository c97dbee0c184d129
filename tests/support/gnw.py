"""Build GlobeNewswire-shaped RSS documents and release pages for tests.

The shape follows the real captures in ``shared/corpus/feeds`` (stock and
ISIN categories, ``dc:identifier``, ``dc:contributor``, ``dc:modified``,
pubDate without seconds, first-paragraph descriptions); issuers are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Item:
    release_id: str
    title: str
    first_paragraph: str
    tickers: tuple[str, ...] = ("Nasdaq:NWBT",)
    issuer: str = "Northwind Biotherapeutics, Inc."
    pub_date: str = "Fri, 11 Sep 2026 13:05 GMT"
    modified: str | None = None
    link: str | None = None  # default: the GlobeNewswire-style URL
    slug: str = "release"
    extra: str = ""

    @property
    def gnw_url(self) -> str:
        return f"https://www.globenewswire.com/news-release/2026/09/11/{self.release_id}/0/en/{self.slug}.html"


def item_xml(it: Item) -> str:
    cats = "".join(
        f'<category domain="https://www.globenewswire.com/rss/stock">{escape(t)}</category>' for t in it.tickers
    )
    return (
        f'<item><guid isPermaLink="true">{it.gnw_url}</guid><link>{escape(it.link or it.gnw_url)}</link>{cats}'
        f"<title>{escape(it.title)}</title><description><![CDATA[<p>{escape(it.first_paragraph)}</p>]]></description>"
        f"<pubDate>{it.pub_date}</pubDate><dc:identifier>{it.release_id}</dc:identifier>"
        f"<dc:language>en</dc:language><dc:contributor>{escape(it.issuer)}</dc:contributor>"
        f"<dc:modified>{it.modified or it.pub_date}</dc:modified>{it.extra}</item>"
    )


@dataclass
class Feed:
    items: list[Item] = field(default_factory=list)
    title: str = "GlobeNewswire - Test Feed"
    ttl: int | None = None

    def render(self) -> bytes:
        ttl = f"<ttl>{self.ttl}</ttl>" if self.ttl is not None else ""
        body = "".join(item_xml(i) for i in self.items)
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(self.title)}</title><link>https://www.globenewswire.com</link>{ttl}{body}"
            "</channel></rss>"
        ).encode()


def release_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
        f'<header><nav>Skip to main content</nav></header><main><h1 class="article-headline">{escape(title)}</h1>'
        f'<div class="main-body-container article-body" itemprop="articleBody">{body}</div></main>'
        "<footer>© GlobeNewswire</footer></body></html>"
    ).encode()
