"""ir_feed.parse: real captures, variants, skipping known items, hostile input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ir_feed.errors import FeedParseError
from ir_feed.models import Ticker
from ir_feed.parse import normalise_exchange, parse_feed, scan_feed

REPO = Path(__file__).resolve().parents[2]
CORPUS_FEEDS = REPO.parent / "shared" / "corpus" / "feeds"
FIXTURES = REPO / "tests" / "fixtures" / "feeds"
GNW = CORPUS_FEEDS / "globenewswire_public_companies_2026-09-11.xml"
PRN = CORPUS_FEEDS / "prnewswire_financial_services_2026-09-13.xml"


def _corpus(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"shared corpus capture not present: {path}")
    return path.read_bytes()


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- the real GlobeNewswire capture (leading comment, no xmlns:dc) --------------


def test_globenewswire_capture_items_and_fields() -> None:
    feed = parse_feed(_corpus(GNW))

    assert feed.title == "GlobeNewswire - Public Companies"
    assert [i.release_id for i in feed.items] == ["3360561", "3360538"]
    axe, pan = feed.items

    assert axe.tickers == (Ticker("NASDAQ", "AGPU"),)
    assert axe.isin == "US74033P1003"
    assert axe.issuer == "Axe Compute Inc"
    headline = "Axe Compute Announces Inducement Grant Under Nasdaq Listing Rule 5635(c)(4)"
    assert axe.title == headline
    assert axe.guid == (
        "https://www.globenewswire.com/news-release/2026/09/11/3360561/37244/en/"
        "axe-compute-announces-inducement-grant-under-nasdaq-listing-rule-5635-c-4.html"
    )
    assert axe.url == axe.guid
    assert axe.published == datetime(2026, 9, 11, 23, 43, tzinfo=UTC)
    assert axe.modified == datetime(2026, 9, 11, 23, 43, tzinfo=UTC)
    assert axe.language == "en"
    assert axe.subjects == ("Changes in company's own shares",)
    # plain-text CDATA description, line break collapsed
    assert axe.summary == headline

    assert pan.tickers == (Ticker("TSXV", "PGZ"), Ticker("FRA", "2EU"), Ticker("OTC", "PGZFF"))
    assert pan.isin == "CA69806A1084"
    assert pan.issuer == "Pan Global Resources Inc."
    assert pan.title == "Pan Global Engages Adelaide Capital for Investor Relations Advisory"
    assert pan.published == datetime(2026, 9, 11, 21, 35, tzinfo=UTC)
    assert pan.subjects == ("Business Contracts",)
    # HTML CDATA description → plain text, entities and double spaces normalised
    assert pan.summary.startswith(
        "VANCOUVER, British Columbia, Sept. 11, 2026 (GLOBE NEWSWIRE) -- Pan Global Resources Inc. "
        '("Pan Global" or the "Company") (TSXV: PGZ; OTCQB: PGZFF; FRA: 2EU) is pleased'
    )
    assert "<p" not in pan.summary
    assert pan.summary.endswith("consulting services to the Company.")


def test_globenewswire_capture_reports_the_missing_namespace() -> None:
    feed = parse_feed(_corpus(GNW))
    assert any("Namespace prefix dc" in p for p in feed.problems)


def test_prnewswire_capture_has_items_without_tickers() -> None:
    feed = parse_feed(_corpus(PRN))

    assert feed.title == "PR Newswire Financial Services"
    assert [i.issuer for i in feed.items] == ["HelloNation", "ACHIEVE", "Cryoport, Inc."]
    assert all(i.tickers == () and i.isin is None and i.release_id is None for i in feed.items)
    cryoport = feed.items[2]
    assert cryoport.title == "Cryoport Reports First Quarter 2026 Financial Results"
    assert cryoport.published == datetime(2026, 9, 11, 11, 0, tzinfo=UTC)
    assert cryoport.subjects == ("ERN",)
    assert "(NASDAQ: CYRX)" in cryoport.summary


# -- variants ------------------------------------------------------------------


def test_http_and_https_stock_domains_ttl_content_and_relative_links() -> None:
    feed = parse_feed(_fixture("gnw_http_domains.xml"), base_url="file:///srv/examples/feed.xml")
    assert feed.ttl_minutes == 15
    halvard, quillon = feed.items

    assert halvard.tickers == (Ticker("NYSE", "HVBQ"), Ticker("TSXV", "HVB"))  # http:// domain
    assert halvard.isin == "US99999A1016"
    assert halvard.release_id == "4100001"
    assert halvard.modified == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert halvard.language == "en-us"  # from the channel
    assert halvard.subjects == ("Earnings Releases and Operating Results",)
    assert halvard.summary.endswith("Inc. & partners (NYSE: HVBQ) today reported results.")
    assert halvard.content is not None
    assert halvard.content.endswith("(NYSE: HVBQ) today reported results.\n\nRevenue grew.")

    assert quillon.tickers == (Ticker("NASDAQ", "QLNX"),)  # https:// domain
    assert quillon.release_id == "4100002"  # no dc:identifier: taken from the guid path
    assert quillon.url == "file:///srv/examples/releases/quillon-update.html"
    assert quillon.title == "Quillon Provides Update"  # &nbsp; without a DTD
    assert quillon.summary == (
        "CAMBRIDGE, Mass., March 1, 2026 (GLOBE NEWSWIRE) -- Quillon Therapeutics (Nasdaq: QLNX) "
        "provides an update."
    )


def test_atom_feed() -> None:
    feed = parse_feed(_fixture("atom.xml"), base_url="https://ir.example.org/feeds/atom.xml")
    assert feed.title == "Fictional IR News"
    first, second = feed.items
    assert first.guid == "urn:ostara:release:77"
    assert first.url == "https://ir.example.org/feeds/news/ostara-phase-2.html"
    assert first.title == "Ostara Begins Phase 2"
    assert first.published == datetime(2026, 4, 1, 12, 30, tzinfo=UTC)
    assert first.modified == datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    assert first.issuer == "Ostara Biosciences"
    assert first.language == "en"
    assert first.subjects == ("Clinical Study",)
    assert first.summary == "First patient dosed in the ORCA-2 trial."
    assert first.content == "First patient dosed in the ORCA-2 trial.\n\nMore detail follows."
    assert second.url == "https://ir.example.org/meeting.html"
    assert second.summary == "Plain text summary."


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Nasdaq", "NASDAQ"),
        ("NYSE", "NYSE"),
        ("TSX-V", "TSXV"),
        ("TSXV", "TSXV"),
        ("TSX Venture  Exchange", "TSXV"),
        ("Frankfurt", "FRA"),
        ("OTC Markets", "OTC"),
        ("OTCQB", "OTCQB"),
        ("Euronext Brussels", "EURONEXT"),
        ("Other OTC", "OTC"),
        ("Toronto", "TSX"),
        ("NYSE American", "NYSE AMERICAN"),
        ("Oslo", "OSE"),
        ("Tokyo", "TYO"),
        ("Lagos", "LAGOS"),
    ],
)
def test_normalise_exchange(label: str, code: str) -> None:
    assert normalise_exchange(label) == code


# -- skipping known items --------------------------------------------------------


def test_scan_gives_keys_and_stable_digests() -> None:
    data = _corpus(GNW)
    scan = scan_feed(data)
    assert [s.key.split("/")[7] for s in scan.items] == ["3360561", "3360538"]
    assert scan.items == scan_feed(data).items
    assert len({s.digest for s in scan.items}) == 2
    assert [s.digest for s in scan.items] == [i.digest for i in parse_feed(data).items]


def test_known_digests_are_skipped_and_the_rest_parse_identically() -> None:
    data = _corpus(GNW)
    full = parse_feed(data)
    axe_digest = full.items[0].digest

    partial = parse_feed(data, skip=lambda digest: digest == axe_digest)
    assert partial.items == (full.items[1],)
    assert partial.title == full.title

    seen: list[str] = []
    nothing = parse_feed(data, skip=lambda digest: seen.append(digest) or True)
    assert nothing.items == ()
    assert nothing.title == "GlobeNewswire - Public Companies"
    assert seen == [i.digest for i in full.items]


def test_a_changed_item_gets_a_new_digest() -> None:
    data = _corpus(GNW)
    known = {s.digest for s in scan_feed(data).items}
    edited = data.replace(b"<dc:subject>Business Contracts", b"<dc:subject>Business Deals")
    changed = parse_feed(edited, skip=known.__contains__)
    assert [i.release_id for i in changed.items] == ["3360538"]
    assert changed.items[0].subjects == ("Business Deals",)


# -- empty, malformed and hostile input --------------------------------------------


def test_empty_but_valid_feed_has_no_items_and_no_error() -> None:
    feed = parse_feed(_fixture("empty_channel.xml"))
    assert feed.items == ()
    assert feed.title == "Nothing today"
    assert feed.ttl_minutes == 30
    assert feed.problems == ()


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"/etc/passwd", b"<html><body><p>hello</p></body></html>", b"\x00\x01\xff"],
)
def test_bytes_that_are_no_feed_raise(data: bytes) -> None:
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(data)


def test_junk_fixture_raises() -> None:
    with pytest.raises(FeedParseError):
        parse_feed(_fixture("not_a_feed.bin"))


def test_truncated_feed_keeps_its_items_and_reports_the_problem() -> None:
    data = b"<rss><channel><title>T</title><item><guid>g1</guid><title>One</title></item>"
    feed = parse_feed(data)
    assert [i.guid for i in feed.items] == ["g1"]
    assert feed.problems


def test_billion_laughs_is_not_expanded() -> None:
    feed = parse_feed(_fixture("billion_laughs.xml"))
    assert feed.problems
    for item in feed.items:
        assert "lollol" not in item.title + item.summary
        assert "root:" not in item.summary  # the external entity was not loaded
        assert len(item.title) + len(item.summary) < 100
    assert "lollol" not in (feed.title or "")


def test_fallback_digests_are_stable_and_skippable() -> None:
    # lxml stops at the declared-entity bomb, so feedparser reads the original bytes
    data = _fixture("billion_laughs.xml")
    first = parse_feed(data)
    assert [i.guid for i in first.items] == ["laugh-1"]
    assert [i.digest for i in parse_feed(data).items] == [first.items[0].digest]
    assert parse_feed(data, skip={first.items[0].digest}.__contains__).items == ()
