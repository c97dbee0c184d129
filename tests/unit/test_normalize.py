from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from ir_feed.events import designation_key
from ir_feed.models import MAX_ISSUER, FeedItem, Ticker
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


def test_keys_that_only_mean_something_inside_a_feed_are_scoped_to_it() -> None:
    a, b = "https://feeds.a.example/rss", "https://feeds.b.example/rss"
    bare = item(release_id=None, guid="g1")
    assert release_key(bare, a) != release_key(bare, b)  # two feeds' "g1" are two releases
    assert release_key(bare, a) == release_key(bare, "HTTPS://FEEDS.A.EXAMPLE/rss")  # one feed, however written
    assert release_key(bare, a) == "guid:https://feeds.a.example/rss#g1"
    untitled = item(release_id=None, guid=None, url=None)
    assert release_key(untitled, a) != release_key(untitled, b)
    # a wire id, a URL guid or a link names the release wherever it is seen
    for shared in (item(), item(release_id=None), item(release_id=None, guid=None)):
        assert release_key(shared, a) == release_key(shared, b) == release_key(shared)
    assert normalize(bare, feed=a).key == release_key(bare, a)


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


# -- future dates (normalize(..., now=...)) ---------------------------------------------

NOW = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)


def test_dates_far_in_the_future_are_clamped_to_now() -> None:
    far = datetime(2099, 1, 1, tzinfo=UTC)
    release = normalize(item(published=far, modified=far), now=NOW)
    assert (release.published, release.modified) == (NOW, NOW)
    # the identity is the item's, not the clock's
    assert release.key == normalize(item(published=far, modified=far)).key


def test_dates_up_to_a_day_ahead_are_kept() -> None:
    soon = NOW + timedelta(days=1)  # a wire's clock or time zone a little off
    past = datetime(2020, 1, 1, tzinfo=UTC)
    release = normalize(item(published=soon, modified=past), now=NOW)
    assert (release.published, release.modified) == (soon, past)
    later = normalize(item(published=soon + timedelta(seconds=1)), now=NOW)
    assert later.published == NOW


def test_without_now_dates_are_kept_as_they_are() -> None:
    far = datetime(2099, 1, 1, tzinfo=UTC)
    release = normalize(item(published=far, modified=far))
    assert (release.published, release.modified) == (far, far)


def test_now_may_be_in_any_zone_but_must_be_aware() -> None:
    paris = NOW.astimezone(timezone(timedelta(hours=2)))
    release = normalize(item(published=datetime(2099, 1, 1, tzinfo=UTC)), now=paris)
    assert release.published == NOW
    assert release.published is not None and release.published.tzinfo == UTC
    with pytest.raises(ValueError, match="aware"):
        normalize(item(), now=datetime(2026, 9, 12))


def test_a_hash_key_does_not_depend_on_now() -> None:
    bare = item(release_id=None, guid=None, url=None, published=datetime(2099, 1, 1, tzinfo=UTC))
    assert normalize(bare, now=NOW).key == normalize(bare).key == release_key(bare)


# -- storable values --------------------------------------------------------------------


def test_nul_characters_never_reach_the_release() -> None:
    nul = "\x00"
    release = normalize(
        item(
            guid=f"{GUID}{nul}",
            release_id=f"3150{nul}001",
            url=f"{GUID}{nul}",
            title=f"Ti{nul}tle",
            issuer=f"Iss{nul}uer",
            language=f"e{nul}n",
            subjects=(f"Sub{nul}ject",),
            summary=f"Sum{nul}mary",
            content=f"Con{nul}tent",
        ),
        page_text=f"Page{nul} text",
    )
    values = [release.key, release.guid, release.url, release.title, release.issuer, release.language]
    values += [*release.subjects, release.summary, release.text]
    assert not [v for v in values if v is None or "\x00" in v]
    assert (release.key, release.title, release.text) == ("globenewswire.com:3150001", "Title", "Page text")
    assert entry_key(item(guid=f"g{nul}1")) == "g1"


def test_lone_surrogates_are_replaced() -> None:
    release = normalize(item(title="a\ud800b"), page_text="x\udfffy")
    assert (release.title, release.text) == ("a\ufffdb", "x\ufffdy")
    release.text.encode("utf-8")  # storable


def test_issuer_is_cut_to_300_characters() -> None:
    release = normalize(item(issuer="Northwind " * 60))
    assert release.issuer is not None
    assert len(release.issuer) <= MAX_ISSUER == 300
    assert release.issuer.startswith("Northwind Northwind")
    assert normalize(item(issuer="  Northwind   Bio ")).issuer == "Northwind Bio"


def test_a_long_issuer_without_ticker_keeps_event_keys_in_their_column() -> None:
    # the audit's case: a ~600-character dc:contributor, no ticker
    release = normalize(item(issuer="N" * 600, tickers=()))
    assert release.issuer is not None
    key = designation_key(release.issuer, "FDA", "fast_track", "NWB-101", "solid tumors")
    assert len(key) <= 500


def test_values_that_do_not_fit_their_columns_are_dropped() -> None:
    release = normalize(
        item(
            tickers=(Ticker("NASDAQ", "S" * 31), Ticker("E" * 31, "X"), Ticker("NASDAQ", "NWBT")),
            isin="not an isin",
            language="x" * 21,
        )
    )
    assert release.tickers == (Ticker("NASDAQ", "NWBT"),)
    assert (release.isin, release.language) == (None, None)
    kept = normalize(item(isin="US74033P1003", language="en-us"))
    assert (kept.isin, kept.language) == ("US74033P1003", "en-us")


def test_keys_fit_the_key_column_whatever_the_host() -> None:
    long_host = "https://" + "h" * 1000 + ".example/x"
    for it in (
        item(guid=long_host, url=None, release_id="1" * 400),
        item(guid=long_host, url=None, release_id="1"),
        item(guid=None, url=long_host, release_id="1" * 400),
    ):
        assert len(release_key(it)) <= 500
    # an ordinary host keeps its readable prefix
    assert release_key(item(release_id="1" * 400)).startswith("globenewswire.com:sha256:")


def test_a_guid_that_urlsplit_refuses_is_still_a_key() -> None:
    key = release_key(item(release_id=None, guid="http://[oops/release"))
    assert key == "guid:http://[oops/release"
