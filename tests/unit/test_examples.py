"""The demo material in examples/ parses into the items it is meant to carry,
and every item's page yields the release text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from ir_feed.models import Ticker
from ir_feed.page import article_text
from ir_feed.parse import parse_feed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FEED = EXAMPLES / "feed.xml"


def test_demo_feed_items_and_tickers() -> None:
    feed = parse_feed(FEED.read_bytes(), base_url=FEED.resolve().as_uri())
    assert feed.problems == ()
    assert feed.ttl_minutes == 10
    got = [(i.release_id, i.issuer, i.tickers) for i in feed.items]
    assert got == [
        ("5100579", "Brightwater Medicines, Inc.", (Ticker("NYSE", "BWMQ"),)),
        ("5100462", "Osprey Lane Genetics, Inc.", (Ticker("NASDAQ", "OSLQ"),)),
        ("5100347", "Tamsin Biologics Inc.", (Ticker("TSXV", "TMSN"), Ticker("OTC", "TMSNF"))),
        ("5100218", "Calder Ridge Therapeutics, Inc.", (Ticker("NASDAQ", "CLRQ"),)),
        ("5100101", "Northwind Biotherapeutics, Inc.", (Ticker("NASDAQ", "NWBT"),)),
    ]
    northwind = feed.items[-1]
    assert northwind.published == datetime(2026, 1, 12, 13, 0, tzinfo=UTC)
    assert northwind.guid == (
        "https://www.globenewswire.com/news-release/2026/01/12/5100101/0/en/"
        "northwind-biotherapeutics-receives-fda-fast-track-designation-for-nwb-101.html"
    )
    tamsin = feed.items[2]
    assert tamsin.modified == datetime(2026, 3, 17, 15, 20, tzinfo=UTC)
    assert all(i.isin and i.language == "en" for i in feed.items)


def test_demo_links_stay_inside_examples_and_pages_carry_the_first_paragraph() -> None:
    feed = parse_feed(FEED.read_bytes(), base_url=FEED.resolve().as_uri())
    releases = (EXAMPLES / "releases").resolve()
    for item in feed.items:
        assert item.url is not None
        parsed = urlparse(item.url)
        assert parsed.scheme == "file"
        path = Path(url2pathname(parsed.path))
        assert path.parent == releases
        text = article_text(path.read_bytes(), item.url)
        assert text.startswith(item.title + "\n\n")
        assert "(GLOBE NEWSWIRE) --" in item.summary
        assert item.summary in text
        assert "About " in text
        assert "Skip to main content" not in text
        assert "Share:" not in text
        assert "window.dataLayer" not in text
        assert 1500 < path.stat().st_size < 4096
