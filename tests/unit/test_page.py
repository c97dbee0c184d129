"""ir_feed.page: release pages → plain text; junk, nesting and size never crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from ir_feed.extract import extract
from ir_feed.page import MAX_INPUT_BYTES, article_text, html_to_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_globenewswire_layout_gives_headline_then_body_paragraphs() -> None:
    text = article_text(_page("gnw_release.html"), "https://www.globenewswire.com/x.html")
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == (
        "Larkspur Therapeutics Announces FDA Breakthrough Therapy Designation for LKS-7 "
        "in Glioblastoma"
    )
    assert paragraphs[1] == (
        "DENVER, Colo., June 02, 2026 (GLOBE NEWSWIRE) -- Larkspur Therapeutics, Inc. "
        "(Nasdaq: LKSQ) (\u201cLarkspur\u201d), a clinical-stage oncology company, today announced "
        "that the U.S. Food and Drug Administration has granted Breakthrough Therapy designation "
        "to LKS-7 for the treatment of recurrent glioblastoma."
    )
    # whitespace inside a paragraph collapses, lines inside it join
    assert paragraphs[2] == (
        "The designation is based on data from the ongoing Phase 1b trial, which showed "
        "durable responses in 6 of 18 patients."
    )
    assert "Objective response rate: 33%" in paragraphs
    assert "Quarter Cash ($M)\nQ1 2026 141.2" in paragraphs
    assert "About Larkspur Therapeutics\nLarkspur is developing brain-penetrant medicines." in (
        paragraphs
    )
    assert paragraphs[-1] == "Contact:\nJane Roe\nir@example.com"


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Skip to main content",
        "Newsroom",
        "cookies",
        "Share on LinkedIn",
        "Related News",
        "unrelated to this release",
        "Terms of Use",
        "do-not-include",
        "also-not-included",
        "June 02, 2026 07:00 ET | Source",
        ".x {",
    ],
)
def test_globenewswire_layout_drops_boilerplate(boilerplate: str) -> None:
    assert boilerplate not in article_text(_page("gnw_release.html"))


def test_generic_article_layout() -> None:
    text = article_text(_page("generic_article.html"))
    assert text.split("\n\n") == [
        "Fenwick Bio Initiates Phase 3 Trial",
        "By Fenwick Bio | March 3, 2026",
        "OAKLAND, Calif., March 3, 2026 -- Fenwick Bio, Inc. (NYSE: FWBQ) today announced the "
        "initiation of its Phase 3 HARBOR trial of FB-9 in adults with gout.",
        "The trial will enroll 600 patients across 90 sites.",
    ]


def test_generic_densest_container() -> None:
    text = article_text(_page("generic_divs.html"))
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Marlowe Pharma Receives Orphan Drug Designation"
    assert paragraphs[-1] == "Marlowe expects to begin a Phase 2 study in the first half of 2027."
    assert len(paragraphs) == 4
    assert "Quick links" not in text
    assert "Copyright" not in text


def test_declared_charset_is_honoured() -> None:
    assert article_text(_page("latin1_release.html")) == (
        "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale de Biologie annonce \u00ab PRIME \u00bb."
    )


def test_str_input_with_an_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>'
        "<html><body><article><p>Caf\u00e9 news.</p></article></body></html>"
    )
    assert article_text(page) == "Caf\u00e9 news."


@pytest.mark.parametrize(
    "junk", [b"", b"   \n\t", b"\x00\x01\x02\x03\xff\xfe" * 200, bytes(range(256)) * 10]
)
def test_junk_gives_empty_text(junk: bytes) -> None:
    assert article_text(junk) == ""


def test_plain_text_is_treated_as_text() -> None:
    assert article_text("Just a line of text &amp; more.") == "Just a line of text & more."


@pytest.mark.parametrize("depth", [50, 300, 100_000])
def test_deeply_nested_text_is_kept(depth: int) -> None:
    # libxml2's HTML parser drops what lies deeper than ~256 elements; such a page is
    # read by stripping its tags, so a designation nested deep is still found
    news = (
        "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Inc. (Nasdaq: ACME) today announced that the FDA "
        "has granted Fast Track designation to ACM-101 for the treatment of NASH."
    )
    page = (
        "<html><head><script>var s = '<p>not text</p>';</script></head><body>"
        + "<div>" * depth + f"<h1>Acme Receives Fast Track</h1><p>{news}</p>" + "</div>" * depth
        + "</body></html>"
    )  # fmt: skip
    text = article_text(page)
    assert text.startswith("Acme Receives Fast Track") and news in text and "not text" not in text
    assert [e.product for e in extract(text).events] == ["ACM-101"]
    assert html_to_text("<span>" * depth + "deep text &amp; more") == "deep text & more"


def test_huge_input_is_cut_at_the_cap() -> None:
    paragraph = b"<p>" + b"word " * 200 + b"</p>\n"
    page = b"<html><body><article>" + paragraph * (2 * MAX_INPUT_BYTES // len(paragraph))
    page += b"<p>TAIL MARKER</p></article></body></html>"
    assert len(page) > MAX_INPUT_BYTES
    text = article_text(page)
    assert "TAIL MARKER" not in text
    assert text.startswith("word word")
    assert len(text) <= MAX_INPUT_BYTES


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("", ""),
        ("plain  text\n over lines", "plain text over lines"),
        ("Tom &amp; Jerry&nbsp;Inc.", "Tom & Jerry Inc."),
        ('<p align="justify">One.</p><p>Two<br>lines</p>', "One.\n\nTwo\nlines"),
        ("<p>Kept</p><script>dropped()</script><style>p{}</style>", "Kept"),
        ("<b>bold</b> and <i>italic</i>", "bold and italic"),
        ("a < b and c > d", "a < b and c > d"),
    ],
)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected
