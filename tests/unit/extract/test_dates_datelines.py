"""The release date in more dateline shapes, and dates near a dateline that are not the
release's (a range's bound, a page's live clock, an event's schedule, a body date)."""

from __future__ import annotations

from datetime import date

import pytest

from ir_feed.extract import release_facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wire dateline written day first, with a French or Italian abbreviation
        (
            "LYON et BOSTON, 25 avr. 2023 (GLOBE NEWSWIRE) -- ACME (Euronext : ACM) publie ses résultats.",
            date(2023, 4, 25),
        ),
        ("MILANO, 12 dic. 2024 (GLOBE NEWSWIRE) -- Acme S.p.A. annuncia i risultati.", date(2024, 12, 12)),
        # the dateline's places in brackets between its date and its dash
        (
            "Acme Vaccine Enters Phase 1 » a bullet » another December 4th, 2007 (Oslo, Norway / Lyon, France) - "
            "Acme and Beta announce the start of a trial.",
            date(2007, 12, 4),
        ),
        # a date closing the place, then the issuer and its listing (a copy that lost the dash)
        (
            "DALLAS, TX,\nJune 4, 2007, ACME PHARMACEUTICALS, INC. (OTC BB: ACMP) announced today news.",
            date(2007, 6, 4),
        ),
        # the dateline's time closes its line
        ("Acme publie ses résultats semestriels\nLyon, 30 septembre 2019, 18h\nPerte nette de 3 M€", date(2019, 9, 30)),
        # a byline under the headline
        (
            "Acme Doses First Patient\n<span>Nov 21, 2024 by Newsdesk</span>\nAcme Bio, Inc. today announced news.",
            date(2024, 11, 21),
        ),
        # a page's publication stamp in digits, day first after a French label
        (
            "Accueil > Actus Acme\n\nActualité publiée le 04/06/19 17:55\n\nAcme (Paris:ACM) : résultats",
            date(2019, 6, 4),
        ),
        # a page's item date, year first, opening its line
        ("お知らせ\n\n2022.05.06 Acme receives designation\n\nAcme announces on 2022年5月3日.", date(2022, 5, 6)),
        # a dateline run into the text around it: "Place, date" and the next sentence
        (
            "1 Meddelelse nr. 9/2008 Til: Børsen Hillerød, 27. november 2008 Acme Pharma offentliggør rapport",
            date(2008, 11, 27),
        ),
        # a lead dating itself after a summary line under the headline
        (
            "Acme Bio Receives Designation\nAcme Bio receives a designation from the FDA for a disease in children.\n"
            "On January 9, 2017, Acme Bio, LLC announced that the FDA has granted a designation.",
            date(2017, 1, 9),
        ),
        # no dateline: a Nordic release's own disclosure stamp (Swedish market-abuse footer, Finnish header)
        (
            "Acme AB erhåller särläkemedelsstatus\n\nAcme AB meddelar att FDA har beviljat status.\n\n"
            "Denna information är sådan som Acme AB är skyldigt att offentliggöra. Informationen lämnades, genom "
            "kontaktpersonens försorg, för offentliggörande den 3 mars 2026, kl. 08.00 CET.",
            date(2026, 3, 3),
        ),
        ("Acme Oyj\nYhtiötiedote 3.3.2026 kello 9:00\n\nAcme Oyj on saanut luvan.", date(2026, 3, 3)),
        # a page that opens with its date, then the issuer's name
        ("May 2, 2017 Acme Pharma Co., Ltd.\n\nAcme Pharma announces a designation for AC-101.", date(2017, 5, 2)),
        # a portal's stamp: a date in digits, a comma, its time
        (
            "Acme Receives a Designation\n\nQuelle: Business Wire (engl.)\n03.04.2021, 08:15  |  120\n\nNews:",
            date(2021, 4, 3),
        ),
    ],
)
def test_more_dateline_shapes(text: str, expected: date) -> None:
    assert release_facts(text).date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range's bounds: the report's own date is the one alone on its line
        ("Delårsrapport 1 juli, 2022 – 30 september 2022\n\n27 oktober, 2022\n\nSammanfattning", date(2022, 10, 27)),
        ("Nyheter\n\nBokslut 2012\n\nFjärde kvartalet (2012-10-01 – 2012-12-31)\n\n* Omsättning 40 SEK", None),
        # a page's live clock (a time with seconds) is when the copy was made, not the release
        (
            "10:18:55 EDT Thu 28 Mar 2024\nEnter Symbol\n\nAcme Bio Inc\n\n2020-05-21 12:44 ET - News Release\n\n"
            "Mr. A. Person reports",
            date(2020, 5, 21),
        ),
        # an event's schedule: a date whose next line gives the time
        (
            "Acme to Present at a Congress\n\nAcme Bio (NASDAQ: ACME) today announced a poster.\n\n"
            "Date: Thursday, July 7, 2022\n\nTime: 1:00-2:00 p.m. CEST\n",
            None,
        ),
        # an event's day and hour is no page timestamp: the lead's own "On <date>" dates the release
        (
            "Acme to Present at a Healthcare Conference\n\nOn November 11, 2025 Acme Bio, Inc. (NYSE: ACME) "
            "reported that it will participate in the conference (Press release, Acme, NOV 11, 2025). The CEO will "
            "present on Wednesday, December 4, 2025, at 11:30 a.m. Eastern Time.\n",
            date(2025, 11, 11),
        ),
        # a body date before a dateline that has none does not cross the paragraph to the wire
        (
            "A net decrease of $3.1 million in cash occurred during the three months ended June 30, 2022.\n\n"
            "DALLAS--(BUSINESS WIRE)--Acme Inc. (NASDAQ: ACME) reported.",
            None,
        ),
        # a bracket of prose after a date is no wire's or place's
        (
            "Further to the reports as of October 29, 2013 and October 28, 2014 (reference number: 1), the Company "
            "reports a meeting.",
            None,
        ),
    ],
)
def test_dates_that_are_not_the_release_s(text: str, expected: date | None) -> None:
    assert release_facts(text).date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a CJK dateline: a short place, the date, then a dash or the weekday and a colon
        ("Acme更新\nFDA将日期延长至2024年2月24日\n加州某市,2023年9月14日--Acme公司今天宣布。", date(2023, 9, 14)),
        (
            "日期: 2019年12月3日(星期二)\n時間: 08:50 am EST\n\n倫敦2019年10月17 日,星期四 :Acme今日宣布。",
            date(2019, 10, 17),
        ),
        # a filing header's date field, also in the years of the Republic of China (108 = 2019)
        ("Acme 發言日期108/04/09 發言人 某人 主旨 本公司於2017年1月26日公告", date(2019, 4, 9)),
        ("公告日期:2022-05-18\n\n本公司于2022年4月2日发布了公告。", date(2022, 5, 18)),
        # a Japanese era's year: Heisei 26 = 2014
        ("お知らせ\n平成26年11月25日\n株式会社アクメ\n(2013年3月13日プレスリリース)", date(2014, 11, 25)),
        # a date inside a body sentence is the body's
        ("关于产品获得认定的公告\n公司全资子公司于2024年5月28日收到认定函。", None),
    ],
)
def test_dates_written_in_cjk(text: str, expected: date | None) -> None:
    assert release_facts(text).date == expected
