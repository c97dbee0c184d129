"""The same release in another typography gives the same events.

Copies of one release differ in ways that carry no meaning: a headline in capitals,
typeset hyphens ("ALLO‑329" with U+2011), a dash inside a code, Windows line ends,
non-breaking spaces, curly quotes, a copy hard-wrapped at 72 columns, paragraphs
without blank lines between them, no line break at all, a page's menu and share buttons above
the release, the release page's HTML.  Each variant of every
release of the shared corpus must give the events of the release as written (kind,
designation, product, status, announced), and a shouted line is quoted as written.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable

import pytest

from ir_feed.extract import extract
from ir_feed.extract.casing import Casing, is_lower_case, is_shouted, recase
from ir_feed.page import article_text
from tests.corpus import SHARED, load
from tests.support.extraction import event_facts

_TEXTS = {r.name: r.text for r in load(SHARED, "shared")} if SHARED.is_dir() else {}
_HAS_CORPUS = pytest.mark.skipif(not _TEXTS, reason=f"no shared corpus at {SHARED}")


def _shout_headline(text: str) -> str:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    if len(lines[first]) <= 250:  # a headline (a copy without one starts with its lead paragraph)
        lines[first] = lines[first].upper()
    return "\n".join(lines)


def _as_page(text: str) -> str:
    head, _, rest = text.strip().partition("\n")
    blocks = [p for p in re.split(r"\n\s*\n", rest) if p.strip()]
    paras = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in blocks)
    page = (
        f"<html><head><title>{html.escape(head)}</title></head><body><nav>Home | News</nav>"
        f'<h1 class="article-headline">{html.escape(head)}</h1>'
        f'<div itemprop="articleBody" class="main-body-container">{paras}</div><footer>Contact</footer></body></html>'
    )
    return article_text(page)


VARIANTS: dict[str, Callable[[str], str]] = {
    "capitals headline": _shout_headline,
    "typeset hyphens": lambda t: re.sub(r"(?<=[A-Za-z])-(?=\d)", "\u2011", t),
    "dash in codes": lambda t: re.sub(r"(?<=[A-Z])-(?=\d)", "\u2013", t),
    "windows line ends": lambda t: t.replace("\n", "\r\n"),
    "no-break spaces": lambda t: re.sub(r"(?<=[a-z]) (?=[a-z])", "\xa0", t),
    "curly quotes": lambda t: t.replace("'", "\u2019").replace('"', "\u201c"),
    "hard-wrapped": lambda t: "\n".join("\n".join(textwrap.wrap(x, 72)) if len(x) > 80 else x for x in t.split("\n")),
    "no blank lines": lambda t: "\n".join(x for x in t.split("\n") if x.strip()),
    "release page": _as_page,
    # an aggregator's copy that lost every line break: headline, dateline, body, About and
    # safe harbour run together
    "one line": lambda t: " ".join(t.split("\n")),
    # an aggregator page's chrome above the release: a menu, sign-in, an advertisement's
    # label, share buttons (none of it the headline)
    "page chrome above": lambda t: "Home | News | Markets\nSign in\nAdvertisement\nShare on Twitter Share on LinkedIn\n"
    + t,
}


@_HAS_CORPUS
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_gives_the_same_events(variant: str) -> None:
    changed = {}
    for name, text in _TEXTS.items():
        want, got = event_facts(text), event_facts(VARIANTS[variant](text))
        if got != want:
            changed[name] = (sorted(want - got), sorted(got - want))
    assert changed == {}


def test_shouted_lines() -> None:
    assert is_shouted("PHRIXUS PHARMACEUTICALS, INC. ANNOUNCES ORPHAN DRUG DESIGNATION")
    assert not is_shouted("NEW FDA RULE")  # too short to be a shouted sentence
    assert not is_shouted("Phrixus Announces Orphan Drug Designation")
    assert not is_shouted("（株）シンバイオ製薬")  # no cased letters at all


def test_restore_takes_the_release_own_casing() -> None:
    body = [
        "Phrixus Pharmaceuticals, Inc. today announced that the FDA granted Orphan Drug designation to Carmeseal "
        "for the treatment of Duchenne muscular dystrophy. The designation follows the IND for Carmeseal."
    ]
    shouted = "ANN ARBOR, MICH. -- PHRIXUS PHARMACEUTICALS, INC. RECEIVES ORPHAN DRUG DESIGNATION FOR CARMESEAL"
    other = "U.S. FDA GRANTS THE DESIGNATION TO PX-101 AND NEWDRUG® VIA CTA"
    casing = Casing.of([*body, shouted, other])
    got = casing.restore(shouted)
    assert got == "ANN arbor, mich. -- Phrixus Pharmaceuticals, Inc. receives Orphan Drug designation for Carmeseal"
    # codes and initials stay; an unknown brand takes a capital; unknown acronyms stay
    # (a short unknown word is taken for one: "ANN" above)
    assert casing.restore(other) == (
        "U.S. FDA grants the designation to PX-101 and Newdrug® via CTA"
    )
    assert not Casing.of([other])  # nothing to learn from: no restoring


def test_shouted_headline_is_read_as_the_body_writes_it_and_quoted_as_written() -> None:
    headline = "ACME BIO ANNOUNCES FDA ORPHAN DRUG DESIGNATION FOR ZORVALIX IN DRAVET SYNDROME"
    body = (
        "BOSTON, March 3, 2025 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACMB) today announced that the U.S. "
        "Food and Drug Administration (FDA) has granted Orphan Drug Designation to Zorvalix for the treatment of "
        "Dravet syndrome. Zorvalix is an oral small molecule."
    )
    shouted = extract(f"{headline}\n\n{body}")
    written = extract(f"{headline.title()}\n\n{body}")
    assert [(e.kind, e.to_dict()["product"]) for e in shouted.events] == [
        (e.kind, e.to_dict()["product"]) for e in written.events
    ]
    assert [e.to_dict()["product"] for e in shouted.events] == ["Zorvalix"]
    # without the body's spelling the headline's city or company never becomes the product
    alone = extract("BOSTON -- ACME BIO ANNOUNCES FDA ORPHAN DRUG DESIGNATION FOR ITS LEAD CANDIDATE\n\nMore to come.")
    assert all(e.to_dict()["product"] not in ("BOSTON", "ACME BIO", "Boston", "Acme Bio") for e in alone.events)


def test_a_shouted_sentence_is_quoted_as_written() -> None:
    text = (
        "ACME BIO RECEIVES FDA FAST TRACK DESIGNATION FOR AB-101 IN GLIOBLASTOMA\n\n"
        "BOSTON, March 3, 2025 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACMB) today announced the news."
    )
    [event] = extract(text).events
    assert event.to_dict()["evidence"] == "ACME BIO RECEIVES FDA FAST TRACK DESIGNATION FOR AB-101 IN GLIOBLASTOMA"


CASED = (
    "Acme Therapeutics Receives FDA Clearance of IND for ACM-101\n"
    "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME), a clinical-stage company, "
    "today announced that the U.S. Food and Drug Administration (FDA) has cleared its Investigational New Drug "
    "(IND) application for ACM-101. The company expects to initiate a Phase II trial of ACM-101 in mid-2026. "
    "Separately, the European Medicines Agency has granted Orphan Drug Designation to ACM-101 for the treatment "
    "of Fabry disease.\n"
)


def _events(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted(
        (e.kind, e.to_dict().get("product"), e.to_dict().get("agency"), e.to_dict().get("status"))
        for e in extract(text).events
    )


def test_a_copy_in_lower_case_reads_as_the_release_does() -> None:
    lower = CASED.lower()
    assert is_lower_case(lower) and not is_lower_case(CASED)
    assert _events(lower) == _events(CASED) == [
        ("designation", "ACM-101", "EMA", "granted"),
        ("ind_clearance", "ACM-101", "FDA", "cleared"),
        ("trial_start", "ACM-101", None, "planned"),
    ]
    got = extract(lower)
    assert [str(t) for t in got.release.tickers] == ["NASDAQ:ACME"]
    assert got.release.date is not None and got.release.date.isoformat() == "2026-03-03"
    # the evidence is quoted as the copy wrote it
    assert all(e.evidence == e.evidence.lower() for e in got.events)


def test_recasing_keeps_the_length_and_common_words() -> None:
    text = "the u.s. fda cleared acm-101 and covid-19 trials in q3; phase ii starts mid-2026. acmezyme® is sold."
    cased = recase(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert cased == (
        "The U.S. FDA cleared ACM-101 and COVID-19 trials in Q3; phase II starts mid-2026. Acmezyme® is sold."
    )


def test_a_page_s_few_capitals_do_not_hide_a_copy_in_lower_case() -> None:
    text = "Skip to main content\n" + CASED.lower() * 2
    assert is_lower_case(text)


def test_a_page_s_chrome_above_the_title_is_not_taken_for_it() -> None:
    """The title tells the grant and the body only explains the programme: the grant is the
    news with or without a menu, sign-in and share buttons above it."""
    release = (
        "Acme Therapeutics' ACM-101 Receives Orphan Drug Designation for the Treatment of Ewing Sarcoma\n"
        "The FDA's Orphan Drug Designation program provides orphan status to drugs and biologics which treat "
        "rare diseases affecting fewer than 200,000 people in the United States.\n"
    )
    chrome = "Home | News | Markets\nSign in\nAdvertisement\nShare on Twitter Share on LinkedIn\n"
    for text in (release, chrome + release):
        announced = [(e.kind, e.product) for e in extract(text).events if e.announced]
        assert announced == [("designation", "ACM-101")], text
