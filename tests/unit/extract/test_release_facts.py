"""Tickers, issuer and date from the prose, merged with feed listings."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ir_feed.extract import release_facts
from ir_feed.models import Ticker

LEAD = "HOUSTON, May 01, 2024 (GLOBE NEWSWIRE) -- Acme Bio, Inc. {listing}, a company, today announced news."


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("(Nasdaq: ACME)", ["NASDAQ:ACME"]),
        ("(NASDAQ: ACME TSX: ACM)", ["NASDAQ:ACME", "TSX:ACM"]),
        ("(TSXV: ACM; OTCQB: ACMEF; FRA: 2EU)", ["TSXV:ACM", "OTCQB:ACMEF", "FRA:2EU"]),
        ("(NYSE American: acme | TSX-V: ACM)", ["NYSE AMERICAN:ACME", "TSXV:ACM"]),
        ("(TSX: ACM) (NASDAQ: ACME)", ["TSX:ACM", "NASDAQ:ACME"]),
        ("(“Acme” or the “Company”) (ASX:ACM; Nasdaq:ACME)", ["ASX:ACM", "NASDAQ:ACME"]),
        ("(ticker: ACME)", ["ACME"]),
        ("(OTC Markets: ACMEF)", ["OTC:ACMEF"]),
        ("( ACME)", ["ACME"]),
        ("(Paris:ACM)", ["EURONEXT:ACM"]),
        ("(NSX:ACM)", ["NSX:ACM"]),  # National Stock Exchange of Australia, not of India
        ("(Nasdaq First North Premier Growth Market: ACM)", ["OMX:ACM"]),
        ("(Nasdaq Global Select: ACME)", ["NASDAQ:ACME"]),
        ("(TSX-V: ACM, OTCQB: ACMEF, FSE: 1A2)", ["TSXV:ACM", "OTCQB:ACMEF", "FRA:1A2"]),
        ("(NASDAQ/TASE: ACME)", ["NASDAQ:ACME", "TASE:ACME"]),
        ("(NASDAQ: ACME, ACMEW)", ["NASDAQ:ACME", "NASDAQ:ACMEW"]),
        ('(TSX: "ACM")', ["TSX:ACM"]),
        ("(OTC BB: ACMEF)", ["OTC:ACMEF"]),
        ("(Nasdaq Stockholm: ACME)", ["OMX:ACME"]),
        ("(NYSE Amex: ACME)", ["NYSE AMERICAN:ACME"]),
        ("(AMEX:ACME)", ["NYSE AMERICAN:ACME"]),
        ("(OTC.BB: ACMEF)", ["OTC:ACMEF"]),
        ("(OTC Bulletin Board: ACMEF)", ["OTC:ACMEF"]),
        ("(LSE: ACM; USOTC: ACMEY)", ["LSE:ACM", "OTC:ACMEY"]),
        ("(SWX:ACM)", ["SIX:ACM"]),
        ("(BIT:ACM)", ["EURONEXT:ACM"]),
        ("(NASDAQ / SmallCap: ACME; ACMEW; ACMEU)", ["NASDAQ:ACME", "NASDAQ:ACMEW", "NASDAQ:ACMEU"]),
        ("(Oslo Børs: ACME)", ["OSE:ACME"]),
        ("(LSE: ACM.L)", ["LSE:ACM"]),
        ("(NYSE: ACM.B)", ["NYSE:ACM.B"]),
        ("(TYO: 4568)", ["TYO:4568"]),
        ("(SEHK: 1801)", ["HKEX:1801"]),
        ("(NASDAQ-GS: ACME)", ["NASDAQ:ACME"]),
        ("(BSE: 532321, NSE: ACME)", ["BSE:532321", "NSE:ACME"]),
        ("(Euronext Paris: CH0308403085 ACME)", ["EURONEXT:ACME"]),  # an ISIN is no symbol
        ("(ASX: ACM & ACMO)", ["ASX:ACM", "ASX:ACMO"]),
        ("(AQSE: ACM)", ["AQSE:ACM"]),
        ("(ACM: London Stock Exchange)", ["LSE:ACM"]),  # the symbol first, then the exchange
        ("(OSE ACM)", ["OSE:ACM"]),  # no colon between code and symbol
        ("(TSE 4552; Chairman and President: A. Person)", ["TYO:4552"]),  # Tokyo's code is numeric
        ("(TSE: ACM; Nasdaq: ACME)", ["TSX:ACM", "NASDAQ:ACME"]),  # as Canada wrote Toronto's
        ("(Stock Code: 570)", ["HKEX:570"]),
        ("(stock code: 002082)", ["SZSE:002082"]),
        ("(OMXS: ACM)", ["OMX:ACM"]),
        ("(ACM.V)", ["TSXV:ACM"]),  # a quote vendor's market suffix alone
        ("(ACM.TO)(ACMEF)", ["TSX:ACM", "ACMEF"]),
        ("(Euronext Paris and Nasdaq: ACM)", ["EURONEXT:ACM", "NASDAQ:ACM"]),
        ("(TSE Growth Code: 4593)", ["TYO:4593"]),
        ("(Nasdaq: NASDAQ:ACME)", ["NASDAQ:ACME"]),  # the exchange written twice
    ],
)
def test_listings(listing: str, expected: list[str]) -> None:
    facts = release_facts(LEAD.format(listing=listing))
    assert [str(t) for t in facts.tickers] == expected
    assert facts.company == "Acme Bio, Inc."


def test_an_exchange_named_before_a_bare_ticker_group_is_its_exchange() -> None:
    text = "MILAN, May 01, 2024 -- Acme S.p.A., listed on Euronext Growth Milan (Ticker: ACM), announced news."
    assert [str(t) for t in release_facts(text).tickers] == ["EURONEXT:ACM"]


def test_listings_without_brackets_joined_by_and() -> None:
    text = "LONDON, 1 May 2024 - Acme Therapeutics plc, AIM:ACM and NASDAQ: ACME (“Acme”) announces news."
    assert [str(t) for t in release_facts(text).tickers] == ["AIM:ACM", "NASDAQ:ACME"]


def test_partner_listing_later_in_the_text_is_not_the_issuers() -> None:
    text = LEAD.format(listing="(Nasdaq: ACME)") + " It partners with BigPharma Inc. (NYSE: BIGP)."
    assert [str(t) for t in release_facts(text).tickers] == ["NASDAQ:ACME"]


def test_feed_listings_are_merged_without_duplicates() -> None:
    text = LEAD.format(listing="(Nasdaq: ACME)")
    facts = release_facts(text, feed_tickers=[Ticker("NASDAQ", "ACME"), Ticker("OTC MARKETS", "ACMEF")])
    assert [str(t) for t in facts.tickers] == ["NASDAQ:ACME", "OTC:ACMEF"]


def test_an_exchange_from_the_feed_replaces_an_unknown_one() -> None:
    facts = release_facts(LEAD.format(listing="(ticker: ACME)"), feed_tickers=[Ticker("NASDAQ", "ACME")])
    assert [str(t) for t in facts.tickers] == ["NASDAQ:ACME"]


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("SOUTH SAN FRANCISCO, Calif., April 07, 2025 (GLOBE NEWSWIRE) --", date(2025, 4, 7)),
        ("TORONTO, Sept.  11, 2026 (GLOBE NEWSWIRE) --", date(2026, 9, 11)),
        ("SAN DIEGO--(BUSINESS WIRE)—Oct 21, 2025--", date(2025, 10, 21)),
        ("Vancouver, British Columbia--(Newsfile Corp. - October 23, 2023) -", date(2023, 10, 23)),
        ("HOUSTON, April 18, 2019 /PRNewswire/ --", date(2019, 4, 18)),
        ("NEW YORK, Dec. 1, 2022 -- ", date(2022, 12, 1)),
        ("Cambridge, UK – 13 December 2021 –", date(2021, 12, 13)),
        ("Toronto, Ontario, Canada March 17, 2025.", date(2025, 3, 17)),
        ("[Emeryville, Jan 24th, 2024] — —", date(2024, 1, 24)),
        ("Martinsried, 7. November 2023 –", date(2023, 11, 7)),
        ("Nantes, France, le 30 septembre 2020, 7 heures 30 –", date(2020, 9, 30)),
        ("Milano, 10 Dicembre 2024 –", date(2024, 12, 10)),
        ("Stockholm den 6 november 2015.", date(2015, 11, 6)),
        ("September 10, 2019\n", date(2019, 9, 10)),
        ("SANTA MONICA, CA, USA I April 10, 2009 I", date(2009, 4, 10)),
        ("CHAPEL HILL,\nN.C. January 7, 2003.", date(2003, 1, 7)),
        ("FORT LEE, N.J. (April 22, 2005) -", date(2005, 4, 22)),
        ("Silver Spring, MD, September 11, 2019:", date(2019, 9, 11)),
        ("March 03, 2026 08:00 ET | Source: Acme Bio\n", date(2026, 3, 3)),
        ("August 17, 2023, Fort Lee, NJ -", date(2023, 8, 17)),
        ("DANBURY, Conn., May 10, 2012", date(2012, 5, 10)),  # a copy that lost the dash
    ],
)
def test_dateline(dateline: str, expected: date) -> None:
    text = f"Headline mentions March 3, 2020 in passing\n{dateline} Acme Bio, Inc. (Nasdaq: ACME) today announced."
    assert release_facts(text).date == expected


def test_published_is_the_fallback_and_none_when_unknown() -> None:
    assert release_facts("No dateline here.", published=date(2024, 1, 2)).date == date(2024, 1, 2)
    assert release_facts("No dateline here.").date is None


def test_ascii_lookalikes_are_all_there_are() -> None:
    """The dateline's fast month search lower-cases text instead of matching with
    IGNORECASE: the same unless the text holds a character listed here."""
    from ir_feed.extract.dates import ASCII_LOOKALIKES

    found = []
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        low = c.lower()
        if low == c == c.upper():
            continue  # not cased: neither lower-casing nor IGNORECASE touches it
        if (len(low) == 1 and low.isascii()) or re.fullmatch("[a-z]", c, re.IGNORECASE) or len(low) != 1:
            found.append(c)
    assert "".join(found) == ASCII_LOOKALIKES


@pytest.mark.parametrize("lookalike", ["ſept.", "Sept.", "ſeptember", "Aprİl", "Aprıl", "Ju\u212a"])
def test_ascii_lookalikes_in_a_month_never_raise(lookalike: str) -> None:
    """IGNORECASE lets ſ, ı, İ and the Kelvin sign stand for ASCII letters; the
    month table must accept whatever the pattern matched."""
    text = f"HOUSTON, {lookalike} 5, 2024 (GLOBE NEWSWIRE) -- Acme Bio (Nasdaq: ACME) today announced."
    facts = release_facts(text)
    assert facts.date is None or facts.date.day == 5


def test_a_named_otc_tier_replaces_the_feeds_generic_otc_listing() -> None:
    facts = release_facts(
        LEAD.format(listing="(TSXV: ACME; OTCQB: ACMEF)"),
        feed_tickers=[Ticker("TSXV", "ACME"), Ticker("OTC MARKETS", "ACMEF")],
    )
    assert [str(t) for t in facts.tickers] == ["TSXV:ACME", "OTCQB:ACMEF"]


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Suzhou, China – September20, 2024Acme Bio", date(2024, 9, 20)),  # copies that lost spaces
        ("Saint-Herblain (France), October 16, 2020Acme Bio", date(2020, 10, 16)),
    ],
)
def test_a_dateline_glued_to_its_neighbours(dateline: str, expected: date) -> None:
    assert release_facts(f"Headline\n{dateline}, Inc. (Nasdaq: ACME) today announced news.").date == expected


def test_a_dated_lead_opens_the_release_and_a_dated_recap_does_not() -> None:
    lead = "Acme Receives Clearance\nOn July 21, 2021, Acme Bio, Inc. (Nasdaq: ACME) announced that it was cleared."
    assert release_facts(lead).date == date(2021, 7, 21)
    recap = (
        "Acme Update\nWe are pleased to give the following update on the projects of the company.\n"
        "On 31 May 2023, we announced that 160 subjects had been recruited."
    )
    assert release_facts(recap).date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香港 - Media OutReach - 2021年2月22日- 本公告乃由", date(2021, 2, 22)),
        ("日 期:2022年08月10日\n公司名稱", date(2022, 8, 10)),
        ("Headline\nSydney, Feb 9, 2022 AEST (ABN Newswire) - Acme Ltd (ASX:ACM) is pleased", date(2022, 2, 9)),
        ("Acme Reports First Quarter 2022 Financial Results and Provides Corporate Update\n"
         "On May 12, 2022 Acme Bio, Inc. (NASDAQ: ACME) reported results for the first quarter ended "
         "March 31, 2022 (Press release, Acme, MAY 12, 2022)", date(2022, 5, 12)),
        ("Headline\nEisai Inc. announced today that the FDA assigned a PDUFA date of March 27, 2013.\nSource:", None),
        # a page's timestamp (a date with its time of day) before a period the report covers
        ("Alerts\nHalf Yearly Report 29 Jul 2014 07:00 RNS Number : 5534N\nAcme plc\n30 June 2014\n\n"
         "-- Raised funds\nOxford, UK - 29 July 2014:Acme plc today announces its interim results", date(2014, 7, 29)),
        ("Wed, 26 Jan, 2022, 08:15 - English - Quarterly Report\n\nAcme AB\n"
         "September 1, 2021 - November 30, 2021\nRevenue grew.", date(2022, 1, 26)),
        # an older wire dateline without its year takes the page's year
        ("7.26.2007\nAcme Commences Trial\nROCKVILLE, Md., July 24 /PRNewswire-FirstCall/ -- Acme, Inc. today "
         "announced news.", date(2007, 7, 24)),
    ],
)
def test_dates_in_more_page_shapes(text: str, expected: date | None) -> None:
    assert release_facts(text).date == expected


def test_a_defined_short_name_in_parentheses_is_not_a_listing() -> None:
    text = "Munich, May 1, 2024 – Isotope Technologies Munich SE (ITM), a company, today announced news."
    assert release_facts(text).tickers == ()


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    text = "Acme Bio said results were strong. The FDA approved it on March 17, 2025. The company grows."
    assert release_facts(text).date is None
    assert release_facts("The trial began on 30 March 2020 and is ongoing.").date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACME-KONSERNIN PUOLIVUOSIKATSAUS\nAcme Oyj Puolivuosikatsaus 14.8.2019 klo 9:30 (EET)\nYHTEENVETO",
         date(2019, 8, 14)),
        ("Acme Initiates First Clinical Trial for Patients with Malignancy 6/1/2004\nFrom: Acme", date(2004, 6, 1)),
        ("Acme Pressemitteilung 25/03/2021\nAcme AG gibt bekannt", date(2021, 3, 25)),  # 25 is no month
        # a page's "Release Date:" in digits, when the numbers tell day from month; a German page's label
        ("Acme news\nRelease Date: 23/02/2017 8:42am\nAcme today said.", date(2017, 2, 23)),
        ("Acme news\nRelease Date: 02/08/2012 12:00am\nAcme today said.", None),  # either order reads
        ("Acme Pressemitteilung\nVeröffentlichungsdatum: 11.10.2006 - 09:12\nAcme AG gibt bekannt.",
         date(2006, 10, 11)),
        # a header in capitals, its time's word too
        ("Acme peruuttaa yhtiökokouksen\n\nACME OYJ PÖRSSITIEDOTE 19.3.2020 KLO 12.20\n\nHallitus on päättänyt.",
         date(2020, 3, 19)),
        ("Acme cancels its AGM\n\nACME CORPORATION STOCK EXCHANGE RELEASE 19.3.2020 AT 12.20\n\nThe Board decided.",
         date(2020, 3, 19)),
        ("Acme results\nRevenue was up 3.5% to 1.2.2020 levels, the company said.", None),  # not closing a line
        ("Acme results\n" + "x " * 400 + "\n14.8.2019", None),  # not among the first lines
    ],
)
def test_a_date_in_digits_opening_the_release(text: str, expected: date | None) -> None:
    assert release_facts(text).date == expected


def test_a_date_in_digits_gives_way_to_the_feed_date() -> None:
    feed_date = date(2021, 3, 26)
    assert release_facts("Acme Pressemitteilung 25/03/2021\nText", published=feed_date).date == feed_date


def test_a_brand_before_its_generic_name_is_a_product_and_an_acronym_spelled_out_is_not() -> None:
    from ir_feed.extract.products import products

    assert [m.text for m in products("the NDA for ZELVANTRA (cytarabine and daunorubicin) injection")] == ["ZELVANTRA"]
    assert [m.text for m in products("LUXTRANATM (voretigene neparvovec) received")] == ["LUXTRANA"]
    assert products("patients with AML (acute myeloid leukemia) were treated") == []
    assert products("during the COVID (coronavirus disease) outbreak") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pressmeddelande\n09 nov 2018  ·  Regulatorisk information\nAcme ger tillstånd", date(2018, 11, 9)),
        ("Delay in study\n(Stockholm, 16 September, 2021.) An administrative backlog is causing", date(2021, 9, 16)),
        ("Acme Completes Enrollment\nThursday, July 8, 2010 General News\nEXTON, Pa., July 8 Acme Inc.",
         date(2010, 7, 8)),
        ("januari 11, 2022\nAcme AB receives approval for its phase I/II study", date(2022, 1, 11)),
        ("公告\n时间:2020-06-29 07:49:39\n公司 2020年6月24日 签订", date(2020, 6, 29)),
    ],
)
def test_a_page_s_own_date_line(text: str, expected: date) -> None:
    assert release_facts(text).date == expected


def test_a_weekday_date_inside_prose_is_no_date_line() -> None:
    assert release_facts("Acme said the meeting on Thursday, July 8, 2010 went well. More text.").date is None


@pytest.mark.parametrize(
    "line",
    [
        "Posted on March 3, 2026 by Acme",
        "Issued: 3 March 2026, 07:00 GMT",
        "Mar 3, 2026 8:00 AM ET",
        "NEW YORK and LONDON, March 3, 2026 /PRNewswire/ -- Acme Inc. today announced",
        "BOSTON, MA (Mar. 3, 2026) - Acme Inc. today announced",
        "SAN DIEGO, CA / ACCESSWIRE / March 3, 2026 / Acme Inc. today announced",
        "2026-03-03 – Acme AB today announced",
    ],
)
def test_a_release_s_date_in_the_shapes_pages_and_wires_write_it(line: str) -> None:
    assert release_facts(f"Acme Announces Something\n{line}\nAcme Inc. today announced news.").date == date(2026, 3, 3)


def test_a_labelled_date_inside_prose_is_no_release_date() -> None:
    text = "Acme said the trial, posted in the registry, ended. It was dated March 3, 2019 in its notes. More."
    assert release_facts(text).date is None


def test_a_listing_written_without_brackets_after_the_issuer() -> None:
    facts = release_facts(
        'Sydney, 28 April 2022. Actinogen Medical ASX: ACW ("ACW" or "the Company") announces its quarterly report.'
    )
    assert [str(t) for t in facts.tickers] == ["ASX:ACW"] and facts.company == "Actinogen Medical"
    # prose that names an exchange is no listing
    assert release_facts("The shares trade on the ASX: ACW is the code.").tickers == ()


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("The information was submitted by the above contact person for publication on 13th September 2018.",
         date(2018, 9, 13)),
        ("The information was submitted, through the agency of the contact persons set out below, for publication "
         "at 07:00 CET on December 16, 2022.", date(2022, 12, 16)),
    ],
)
def test_a_market_abuse_disclosure_stamp_in_english(footer: str, expected: date) -> None:
    # a Nordic release with no dateline: its EU market-abuse footer says when it was published
    text = "Acme AB receives approval\nAcme AB today announced news.\nThis is information that Acme AB is obliged " + (
        "to disclose under the EU market abuse regulation. " + footer
    )
    assert release_facts(text).date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the release's own label before its date, in a copy that runs the header into one line
        ("Acme to trial drug\nABN 12 345 678 901 ASX ANNOUNCEMENT 30 June 2016 ACME TO TRIAL DRUG. Acme Ltd said.",
         date(2016, 6, 30)),
        # a blog's date line: its comments "Off", then "By" the author
        ("FDA lifts hold on Acme trial\n\nMay 15, 2019 Off By BusinessWire\n\nPRINCETON, N.J.–(BUSINESS WIRE)–Acme.",
         date(2019, 5, 15)),
    ],
)
def test_a_page_s_date_by_its_label_or_byline(text: str, expected: date) -> None:
    assert release_facts(text).date == expected


def test_a_manuscript_submitted_for_publication_dates_no_release() -> None:
    text = "03.03.2026\nAcme AB today announced news. Data were submitted for publication to a journal on May 1, 2019."
    assert release_facts(text).date == date(2026, 3, 3)
    # … while the footer's own words, its time written with a full stop, still do
    footer = (
        "Acme AB\nAcme AB today announced.\nThis information is such that Acme AB is obliged to make public. The "
        "information was submitted for publication, through the agency of the contact person set out above, at 08.00 "
        "CET on 13 September 2018."
    )
    assert release_facts(footer).date == date(2018, 9, 13)
