"""Issuer listings in more shapes: labels in other scripts, stock codes of CJK filings,
prose listings, joint releases, and listings that are not the issuer's."""

from __future__ import annotations

import pytest

from ir_feed.extract import release_facts

LEAD = "HOUSTON, May 01, 2024 (GLOBE NEWSWIRE) -- Acme Bio, Inc. {listing}, a company, today announced news."


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("(AIM/納斯達克: ACM)", ["AIM:ACM", "NASDAQ:ACM"]),
        ("(纳斯达克股票代码:ACME)", ["NASDAQ:ACME"]),
        ("(OTCBB: [ ACME ])", ["OTC:ACME"]),  # a copy's link brackets around the symbol
        ("(Nasdaq ACME)", ["NASDAQ:ACME"]),  # no colon, the exchange in any case
        ("(NASDAQ Symbol: ACME)", ["NASDAQ:ACME"]),  # the label says what follows
        ("(Pink Sheets: ACME)", ["OTC:ACME"]),
        ("(ACME.PK)", ["OTC:ACME"]),  # Pink Sheets
        ("(OTC Pink Limited: ACME)", ["OTC:ACME"]),  # the OTC Pink market's tiers
        ("(OTC Pink Current Information: ACME)", ["OTC:ACME"]),
        ("(ACME.OB)", ["OTC:ACME"]),  # OTC Bulletin Board
        ("(AIM: ACM, First North: ACME)", ["AIM:ACM", "OMX:ACME"]),  # Nasdaq's First North market, by its name
        # the next listing's exchange is no further symbol of the first
        ("(NASDAQ:ACME, OTC PINK:ACMEW)", ["NASDAQ:ACME", "OTC:ACMEW"]),
        ("(TSX: “ACM”, OTC PINK: “ACMEF”, FRANKFURT: “AC1”)", ["TSX:ACM", "OTC:ACMEF", "FRA:AC1"]),
        ("(NASDAQ: ACME, ACMEW)", ["NASDAQ:ACME", "NASDAQ:ACMEW"]),  # (a second symbol stays)
        # several exchanges before one symbol, joined by commas
        ("(NASDAQ, TASE: ACME)", ["NASDAQ:ACME", "TASE:ACME"]),
        ("(TSX, NYSE Amex, FSE: “ACM”)", ["TSX:ACM", "NYSE AMERICAN:ACM", "FRA:ACM"]),
        ("(Nasdaq, ticker: ACME)", ["NASDAQ:ACME"]),  # (a label naming no exchange is dropped)
        # the NYSE American's abbreviation and former name; a dotted or spaced OTC tier; a doubled colon
        ("(NYSE AMER: ACME)", ["NYSE AMERICAN:ACME"]),
        ("(NYSE Alternext US: ACM)", ["NYSE AMERICAN:ACM"]),
        ("(OTC.QB: ACME)", ["OTCQB:ACME"]),
        ("(OTC QX: ACMEF)", ["OTCQX:ACMEF"]),
        ("(OTC:: ACMEF)", ["OTC:ACMEF"]),
        ("(OTC: ACME.OB)", ["OTC:ACME"]),  # the OTC BB's quote suffix on a named exchange
        ("(4999.HK)", ["HKEX:4999"]),
        ("(STKM: ACM)", ["OMX:ACM"]),  # Stockholm's old quote code
        ("(Nasdaq: ACME and ACMEW)", ["NASDAQ:ACME", "NASDAQ:ACMEW"]),  # a Hong Kong stock code with its quote suffix
        # Stockholm by its quote code; a Nordic share class after the symbol (on no other market);
        # two exchanges joined by "&"
        ("(STO: ACME)", ["OMX:ACME"]),
        ("(NASDAQ STO: ACME)", ["OMX:ACME"]),
        ("(FN STO:ACME)", ["OMX:ACME"]),
        ("(Nasdaq Stockholm: ACME B)", ["OMX:ACME B"]),
        ("(OMX: ACM B, ACMEY)", ["OMX:ACM B", "OMX:ACMEY"]),
        ("(Nasdaq Stockholm: ACME A, ACME B)", ["OMX:ACME A", "OMX:ACME B"]),  # each symbol its class
        ("(NASDAQ: ACME B)", ["NASDAQ:ACME"]),
        ("(Euronext & Nasdaq: ACME)", ["EURONEXT:ACME", "NASDAQ:ACME"]),
    ],
)
def test_more_listing_shapes(listing: str, expected: list[str]) -> None:
    assert [str(t) for t in release_facts(LEAD.format(listing=listing)).tickers] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020年3月4日 各 位 会 社 名 アクメ株式会社 (コード番号:4999) 問 合 せ 先", ["4999"]),
        ("平成26年11月25日\n株式会社アクメ\n(JASDAQ・コード4999)\nお知らせ", ["TYO:4999"]),
        ("2018年3月27日 各 位 会 社 名 アクメ株式会社 (東証1部 コード番号4999) 問合せ先", ["TYO:4999"]),  # its section
        ("各位\n会社名 アクメ株式会社\n(コード番号:4999    東証マザーズ)\n", ["TYO:4999"]),  # the market after the code
        ("证券代码:002999证券简称:阿克米公告编号:2024-030\n阿克米股份有限公司", ["SZSE:002999"]),
        ("證券代碼:600999\n公告", ["SSE:600999"]),
        ("標題:阿克米 澄清報導。\n日期:2020-07-14\n股票代號:4999\n", ["4999"]),
        ("日 期:2022年08月10日\n\n公司名稱:阿克米幹細胞 (4999)\n", ["4999"]),
        ("阿克米(2020)年度報告", []),  # a year in brackets is no code
        # a code in the page's title, then the release's own listing of it with its exchange
        (
            "アクメ(4999) – Acme receives a designation\n\nAcme Co., Ltd. (TSE 4999; President: A. Person) announced.",
            ["TYO:4999"],
        ),
    ],
)
def test_stock_codes_of_cjk_filings(text: str, expected: list[str]) -> None:
    assert [str(t) for t in release_facts(text).tickers] == expected


def test_a_listing_said_in_prose() -> None:
    text = (
        "TORONTO, Aug. 20, 2020 (GLOBE NEWSWIRE) -- Acme Corp. (Nasdaq: ACME) (TSX: ACME) today announced a listing. "
        'The Company\'s common shares will continue to trade on the OTCQB under the symbol "ACMEF" until then, '
        "while Beta Inc. trades on the NYSE under the symbol BETA.\nMore."
    )
    assert [str(t) for t in release_facts(text).tickers] == ["NASDAQ:ACME", "TSX:ACME", "OTCQB:ACMEF"]
    nordic = (
        "On May 2, 2022 Acme reported its B-share is traded on Nasdaq First North Growth Market "
        "under the ticker ACME B (more)."
    )
    assert [str(t) for t in release_facts(nordic).tickers] == ["OMX:ACME B"]


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Acme Inc. (NYSE:ACME) and Beta, Inc. (NASDAQ:BETA) today announced a merger.", ["NYSE:ACME", "NASDAQ:BETA"]),
        (
            'Acme (Euronext Paris: ACM), a company that makes drugs for cancer, and Beta AB ("Beta") (Nasdaq '
            "Stockholm: BETA), a company focused on discovery and development of antibodies, announce that a trial "
            "was cleared.",
            ["EURONEXT:ACM", "OMX:BETA"],
        ),
        # each issuer with its alias in brackets, or the pair's
        (
            "Acme Inc. (NASDAQ: ACME) (\u201cAcme\u201d) and Beta Inc. (NYSE: BETA) (\u201cBeta\u201d) today "
            "announced a deal.",
            ["NASDAQ:ACME", "NYSE:BETA"],
        ),
        (
            "Acme Inc. (Nasdaq:ACME) and Beta, Inc. (NYSE:BETA) (the Companies) today announced a deal.",
            ["NASDAQ:ACME", "NYSE:BETA"],
        ),
        # a partner named after the verb is not an issuer
        ("Acme Inc. (NYSE:ACME) today announced a deal with Beta, Inc. (NASDAQ:BETA).", ["NYSE:ACME"]),
    ],
)
def test_a_joint_release_lists_both_issuers(lead: str, expected: list[str]) -> None:
    assert [str(t) for t in release_facts("LUND, Dec. 21, 2020 /PRNewswire/ -- " + lead).tickers] == expected


def test_a_law_firm_s_notice_lists_no_listing_of_its_own() -> None:
    text = (
        "NEW YORK, May 28, 2024 (GLOBE NEWSWIRE) -- The law firm of Doe & Roe LLP reminds investors that a class "
        "action lawsuit has been filed on behalf of those who acquired Acme Bio, Inc. (NASDAQ: ACME) securities."
    )
    assert release_facts(text).tickers == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BOSTON -- Acme Medicines Inc. (AMCM) announced today news.", ["AMCM"]),  # no space inside the bracket
        ("BOSTON -- Acme Dynamics, Inc. (ADI) announced today news.", []),  # the name's initials: an alias
        ("BOSTON -- Acme Pharmaceuticals S.A. (APSA), a subsidiary, announced today news.", []),
    ],
)
def test_a_bare_symbol_after_the_legal_name(text: str, expected: list[str]) -> None:
    assert [str(t) for t in release_facts(text).tickers] == expected


def test_a_hong_kong_filing_s_stock_code_line() -> None:
    text = (
        "ACME PHARMA GROUP LIMITED\n(Incorporated in Hong Kong with limited liability)\n\n"
        "Stock Code: 4999\n\nVOLUNTARY ANNOUNCEMENT\n\nThe board announces that the product was approved."
    )
    assert [str(t) for t in release_facts(text).tickers] == ["HKEX:4999"]
    # (a stock code inside a sentence is not the header's line)
    assert release_facts("The Stock Code: 4999 of our partner is listed.\nNews.").tickers == ()


def test_a_wire_s_symbol_line() -> None:
    # a Canadian wire's header: "Stock symbol: TSX: ACM" on a line of its own, before the dateline
    text = (
        "https://example.com/news\nStock symbol:TSX: ACM\nOutstanding shares: 12,345,678\n"
        "QUEBEC CITY, QC, April 17, 2013 /CNW Telbec/ - Acme Inc. today announced results."
    )
    assert [str(t) for t in release_facts(text).tickers] == ["TSX:ACM"]
    # (a symbol line naming no exchange gives no listing of ours)
    assert release_facts("Ticker symbol: the one of our partner\nNews.").tickers == ()
