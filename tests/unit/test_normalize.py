from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ir_feed.models import FeedItem, Ticker
from ir_feed.normalize import content_hash, entry_key, normalize, release_key

GUID = "https://www.globenewswire.com/news-release/2026/09/11/3150001/0/en/Northwind-Doses-First-Patient.html"


def item(**kw: object) -> FeedItem:
    base: dict[str, object] = {
        "guid": GUID,
        "release_id": "3150001",
        "url": GUID,
        "title": "Northwind  Doses First Patient",
        "published": datetime(2026, 9, 11, 23, 43, tzinfo=UTC),
        "modified": None,
        "issuer": "Northwind Biotherapeutics, Inc.",
        "tickers": (Ticker("NASDAQ", "NWBT"), Ticker("NASDAQ", "NWBT")),
        "summary": "First paragraph.",
        "digest": "d1",
    }
    base.update(kw)
    return FeedItem(**base)  # type: ignore[arg-type]


def test_key_uses_the_wire_id_and_host() -> None:
    assert release_key(item()) == "globenewswire.com:3150001"
    # the same release in another feed, with another link, is the same release
    assert release_key(item(url="https://example.org/mirror", guid=GUID)) == "globenewswire.com:3150001"


def test_key_falls_back_to_guid_then_link_then_hash() -> None:
    assert release_key(item(release_id=None)) == f"guid:{GUID}"
    assert release_key(item(release_id=None, guid=None)) == f"url:{GUID}"
    k = release_key(item(release_id=None, guid=None, url=None))
    assert k.startswith("hash:") and k == release_key(item(release_id=None, guid=None, url=None, summary="x"))


def test_very_long_identities_are_hashed() -> None:
    assert len(release_key(item(release_id=None, guid="g" * 2000))) < 100


def test_entry_key_prefers_guid() -> None:
    assert entry_key(item()) == GUID
    assert entry_key(item(guid=None, url="https://x.example/a")) == "https://x.example/a"


def test_normalize_prefers_page_text_then_content_then_summary() -> None:
    full = normalize(item(), page_text="  Full text.\n\nSecond paragraph. ")
    assert (full.text, full.full_text) == ("Full text.\n\nSecond paragraph.", True)
    assert normalize(item(content="Feed content.")).text == "Feed content."
    summary = normalize(item())
    assert (summary.text, summary.full_text) == ("First paragraph.", False)
    assert summary.title == "Northwind Doses First Patient"
    assert summary.tickers == (Ticker("NASDAQ", "NWBT"),)


def test_content_hash_ignores_whitespace_but_not_words() -> None:
    assert content_hash("T", "a  b\n c") == content_hash("T ", "a b c")
    assert content_hash("T", "a b c") != content_hash("T", "a b d")


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="UTC"):
        item(published=datetime(2026, 9, 11))
