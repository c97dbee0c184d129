"""Stock exchanges: one canonical code per market, and every label we meet for it.

Wires and releases name one market many ways: GlobeNewswire's feed categories say
``Other OTC``, ``Toronto``, ``TSX-V`` or ``Euronext Paris``; release prose says
``NYSE MKT``, ``Nasdaq Global Select Market``, ``OTC Pink`` or ``Paris``.  Every
listing ir_feed stores, filters on or delivers carries the canonical code of this
table (the codes of ``docs/labelling.md``), so a ticker filter written ``OTC:ABCD``
finds the release whose feed said ``Other OTC:ABCD`` and the event whose release said
``(OTC Markets: ABCD)``.

Pure data and two functions; the feed parser (:mod:`ir_feed.parse`), the extractor
(:mod:`ir_feed.extract.tickers`), :meth:`ir_feed.models.Ticker.parse` (user input)
and the migration to canonical codes all read it.
"""

from __future__ import annotations

import functools
import re

# (label pattern, canonical code, also found in release prose).  Patterns are regular
# expressions matched whole and case-insensitively against a label with its spacing
# collapsed; longer labels first, because prose matching takes the first alternative
# that fits.  Code "" means the label names no exchange ("ticker symbol").  Labels
# that are city or country names only ("Toronto", "Oslo") are feed categories and
# not looked for in prose, where a place in parentheses is rarely a listing.
LABELS: tuple[tuple[str, str, bool], ...] = (
    (r"NYSE\s*American(?:\s+LLC)?", "NYSE AMERICAN", True),
    # (its former names too: "NYSE Alternext US" 2008–09, "NYSE Amex", "NYSE MKT"; "NYSE AMER" abbreviated)
    (r"NYSE\s*(?:MKT|Amex|Amer|Alternext(?:\s+US)?)|AMEX|American\s+Stock\s+Exchange", "NYSE AMERICAN", True),
    (r"NYSE\s*Arca", "NYSE ARCA", True),
    (r"New\s+York\s+Stock\s+Exchange|NYSE", "NYSE", True),
    (
        r"Nasdaq\s+(?:OMX\s+)?(?:Stockholm|Copenhagen|Helsinki|Iceland|Tallinn|Riga|Vilnius|Nordic|Baltic|"
        r"First\s+North(?:\s+Premier)?(?:\s+Growth\s+Market)?)",
        "OMX",
        True,
    ),
    # (and Stockholm's old quote code: "(STKM: ACM)")
    (r"OMX(?:\s*(?:Stockholm|Copenhagen|Helsinki|Iceland|Nordic)|S|C|H)?|STKM", "OMX", True),
    # (Stockholm by its quote code: "(STO: ACM)", "(NASDAQ STO: ACM)", "(FN STO: ACM)" on First North)
    (r"(?:Nasdaq\s+|FN\s+)?STO", "OMX", True),
    # (an exchange's name, in prose too: "(AIM: ACM, First North: ACME)"; its cities are not)
    (r"First\s+North(?:\s+Premier)?(?:\s+Growth\s+Market)?", "OMX", True),
    (r"Stockholm|Copenhagen|Helsinki|Iceland", "OMX", False),
    (r"Nasdaq\s+(?:Global\s+(?:Select\s+)?|Capital\s+)?Market", "NASDAQ", True),
    (r"Nasdaq\s+Global(?:\s+Select)?", "NASDAQ", True),
    (r"Nasdaq\s*-?\s*(?:GS|GM|CM)", "NASDAQ", True),
    (r"Nasdaq\s*(?:/\s*)?(?:SmallCap|NMS|National\s+Market)(?:\s+Market)?", "NASDAQ", True),
    (r"Nasdaq", "NASDAQ", True),
    # Chinese names, with the "stock code" a label may add: "纳斯达克股票代码: ACME", "納斯達克: ACME"
    (r"(?:纳斯达克|納斯達克)(?:股票)?(?:代码|代碼|代號|代号)?", "NASDAQ", True),
    (r"(?:纽约证券交易所|紐約證券交易所|纽交所|紐交所)(?:股票)?(?:代码|代碼|代號|代号)?", "NYSE", True),
    (r"TSX\s+Venture(?:\s+Exchange)?", "TSXV", True),
    (r"TSX[-.]?V", "TSXV", True),
    (r"Toronto\s+Stock\s+Exchange|TSX", "TSX", True),
    (r"Toronto", "TSX", False),
    (r"Australian\s+Securities\s+Exchange|ASX", "ASX", True),
    (r"Canadian\s+Securities\s+Exchange|CSE", "CSE", True),
    (r"NEO(?:\s+Exchange)?|Cboe\s+Canada", "NEO", True),
    # (a copy may space or dot the tier: "OTC QB", "OTC.QB")
    (r"OTC[ .]?QX", "OTCQX", True),
    (r"OTC[ .]?QB", "OTCQB", True),
    # (with its tier: "OTC Pink Limited", "OTC Pink Current Information", "OTC Pink Open Market")
    (r"OTC\s*Pink(?:\s+(?:Limited|Current(?:\s+Information)?|Open\s+Market|Sheets|Marketplace))?", "OTC", True),
    (r"OTC\s*Markets", "OTC", True),
    (r"OTC\s*MKTS", "OTC", True),
    (r"OTC\s+Bulletin\s+Board|OTC\.BB|US\s*OTC", "OTC", True),
    (r"OTC(?:\s*/?\s*BB)?", "OTC", True),
    (r"Pink\s+Sheets", "OTC", True),
    (r"Other\s+OTC", "OTC", False),
    (r"Frankfurt(?:\s+Stock\s+Exchange)?", "FRA", True),
    (r"FRA|FSE|FWB", "FRA", True),
    (r"XETRA", "XETRA", True),
    (r"London\s+Stock\s+Exchange|LSE|LON", "LSE", True),
    (r"London", "LSE", False),
    (r"AIM", "AIM", True),
    (r"Aquis(?:\s+Stock\s+Exchange)?|AQSE", "AQSE", True),
    (r"Euronext(?:\s+Growth)?(?:\s+(?:Paris|Amsterdam|Brussels|Lisbon|Dublin|Oslo|Milan))?", "EURONEXT", True),
    (r"Paris|Amsterdam|Brussels|Lisbon", "EURONEXT", True),
    (r"EPA|ENXTPA|ENXTBR|ENXTAM", "EURONEXT", False),
    (r"Oslo(?:\s+B[øo]rs)?|OSE", "OSE", True),
    (r"SIX(?:\s+Swiss\s+Exchange)?|Swiss\s+Exchange|SWX", "SIX", True),
    (r"BIT|Borsa\s+Italiana|Euronext\s+Milan", "EURONEXT", True),
    (r"HKEX|HKSE|SEHK|Hong\s+Kong(?:\s+Stock\s+Exchange)?", "HKEX", True),
    (
        r"(?:TSE|Tokyo(?:\s+Stock\s+Exchange)?)\s+(?:Prime|Standard|Growth|Mothers|1st|First|2nd|Second)"
        r"(?:\s+(?:Market|Section))?(?:\s+Code)?",
        "TYO",
        True,
    ),
    (r"TYO|Tokyo(?:\s+Stock\s+Exchange)?", "TYO", True),
    # Tokyo's markets by their Japanese names, and JASDAQ (a Tokyo Stock Exchange market since 2013)
    (r"JASDAQ|東証|東京証券取引所", "TYO", True),
    (r"BSE|Bombay\s+Stock\s+Exchange", "BSE", True),
    (r"NSX|National\s+Stock\s+Exchange\s+of\s+Australia", "NSX", True),
    (r"NSE|National\s+Stock\s+Exchange(?:\s+of\s+India)?", "NSE", True),
    (r"SGX", "SGX", True),
    (r"TASE|Tel\s+Aviv(?:\s+Stock\s+Exchange)?", "TASE", True),
    (r"KOSDAQ", "KOSDAQ", True),
    (r"SZSE|Shenzhen\s+Stock\s+Exchange", "SZSE", True),
    (r"Shanghai\s+Stock\s+Exchange", "SSE", True),
    (r"ticker(?:\s+symbol)?|symbol|Mn[eé]mo", "", True),
)

PROSE_LABELS: tuple[tuple[str, str], ...] = tuple((p, code) for p, code, prose in LABELS if prose)
"""The labels looked for in release prose, as (pattern, code), longest first."""

CODES: frozenset[str] = frozenset(code for _, code, _ in LABELS if code)
"""Every canonical code."""

_WHOLE = tuple((re.compile(p, re.IGNORECASE), code) for p, code, _ in LABELS)


def canonical_exchange(label: str | None) -> str | None:
    """The canonical code for an exchange label: ``"Other OTC"`` → ``"OTC"``,
    ``"TSX-V"`` → ``"TSXV"``, ``"nyse mkt"`` → ``"NYSE AMERICAN"``; a code is its own
    label.  A label that names no exchange ("ticker symbol", empty) gives None; an
    unknown label is upper-cased with its spacing collapsed (``"Lagos"`` → ``"LAGOS"``)."""
    if label is None:
        return None
    return _canonical(" ".join(label.split()))


@functools.lru_cache(maxsize=2048)
def _canonical(label: str) -> str | None:  # few distinct labels: each is matched once
    for pattern, code in _WHOLE:
        if pattern.fullmatch(label):
            return code or None
    return label.upper() or None
