"""Value objects that flow through the pipeline.

All are frozen, slotted dataclasses, checked when built.  Datetimes are
aware and in UTC; collections are tuples.  These are the domain types: the
database rows (``ir_feed.store.tables``) and the wire payloads
(``ir_feed.delivery``) are separate types converted at their boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from ir_feed.exchanges import canonical_exchange

# Bounds of the columns these values are stored in (``ir_feed.store.tables``).
# The parser and ``normalize`` drop (or, for the issuer, cut) what exceeds them:
# on PostgreSQL one over-long value aborts the whole feed's write transaction.
MAX_SYMBOL = 30  # release_tickers.symbol String(30)
MAX_EXCHANGE = 30  # release_tickers.exchange String(30)
MAX_LANGUAGE = 20  # releases.language String(20)
MAX_ISSUER = 300  # releases.issuer is Text, but the issuer heads event keys (events.key String(500))
ISIN_FORMAT = re.compile(r"[A-Z]{2}[A-Z0-9]{9}[0-9]")  # releases.isin String(12); check digit not verified
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without NUL characters (PostgreSQL text cannot hold them) and
    with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text.replace("\x00", ""))


def valid_isin(value: str | None) -> str | None:
    """``value`` upper-cased when it has the ISIN format (2 letters, 9 letters
    or digits, 1 digit), else None."""
    if not value:
        return None
    candidate = value.strip().upper()
    return candidate if ISIN_FORMAT.fullmatch(candidate) else None


# What a person may give as a ticker filter: ``SYMBOL`` or ``EXCHANGE:SYMBOL`` (an exchange
# label of letters, digits, spaces or dots — "Other OTC", "NYSE American" — and a symbol
# of letters, digits, dots, hyphens, slashes or carets: "BRK/A"), within the columns' bounds.
TICKER_FILTER_PATTERN = r"^(?:[A-Za-z][A-Za-z0-9 .&-]{0,29}:\s*)?[A-Za-z0-9][A-Za-z0-9.^/-]{0,29}$"
_TICKER_FILTER = re.compile(TICKER_FILTER_PATTERN)


def ticker_filter(text: str) -> str:
    """``text`` stripped when it is a ticker filter, else ValueError naming the form."""
    value = text.strip()
    if not _TICKER_FILTER.fullmatch(value):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValueError(f"not a ticker (SYMBOL or EXCHANGE:SYMBOL, e.g. ALLO or NASDAQ:ALLO): {shown!r}")
    return value


def storable_ticker(ticker: Ticker) -> bool:
    """True when the listing fits its columns."""
    return len(ticker.symbol) <= MAX_SYMBOL and len(ticker.exchange or "") <= MAX_EXCHANGE


def _check_utc(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() != UTC.utcoffset(value)):
        raise ValueError(f"{name} must be an aware UTC datetime, got {value!r}")


@dataclass(frozen=True, slots=True, order=True)
class Ticker:
    """One listing: an exchange code (upper case, e.g. ``NASDAQ``, ``TSXV``,
    ``OTC``) and a symbol.  ``exchange`` is None when the source names none."""

    exchange: str | None
    symbol: str

    def __post_init__(self) -> None:
        if not self.symbol or self.symbol != self.symbol.strip():
            raise ValueError(f"bad ticker symbol {self.symbol!r}")
        if self.exchange is not None and (not self.exchange or self.exchange != self.exchange.upper()):
            raise ValueError(f"exchange must be upper case, got {self.exchange!r}")

    def __str__(self) -> str:
        return f"{self.exchange}:{self.symbol}" if self.exchange else self.symbol

    @classmethod
    def parse(cls, text: str) -> Ticker:
        """``"NASDAQ:ALLO"`` → Ticker("NASDAQ", "ALLO"); ``"ALLO"`` → Ticker(None, "ALLO").
        The exchange may be any label :mod:`ir_feed.exchanges` knows (``"Other OTC:ABCD"``
        → Ticker("OTC", "ABCD")); it is stored and compared by its canonical code."""
        exchange, sep, symbol = text.strip().partition(":")
        if not sep:
            return cls(None, exchange.strip().upper())
        return cls(canonical_exchange(exchange), symbol.strip().upper())


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed, as read from the feed document (no page fetched yet).

    ``digest`` is a hash of the item's raw markup: when it is unchanged since the
    last poll the item is skipped without a full parse.
    """

    guid: str | None
    release_id: str | None  # the wire's stable id (GlobeNewswire dc:identifier)
    url: str | None
    title: str
    published: datetime | None
    modified: datetime | None
    issuer: str | None
    tickers: tuple[Ticker, ...] = ()
    isin: str | None = None
    language: str | None = None
    subjects: tuple[str, ...] = ()
    summary: str = ""  # plain text of the description (first paragraph on GlobeNewswire)
    content: str | None = None  # plain text of full content when the feed carries it
    digest: str = ""

    def __post_init__(self) -> None:
        _check_utc("published", self.published)
        _check_utc("modified", self.modified)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What one feed document holds."""

    title: str | None
    items: tuple[FeedItem, ...]
    ttl_minutes: int | None = None  # RSS <ttl>
    problems: tuple[str, ...] = ()  # non-fatal parse problems (feedparser "bozo")


@dataclass(frozen=True, slots=True)
class PressRelease:
    """A normalized release: what we store and extract events from.

    ``key`` is our stable identity for the release across feeds and versions;
    ``content_hash`` changes when the release's text changes (a new version).
    """

    key: str
    guid: str | None
    url: str | None
    title: str
    published: datetime | None
    modified: datetime | None
    issuer: str | None
    tickers: tuple[Ticker, ...]
    isin: str | None
    language: str | None
    subjects: tuple[str, ...]
    summary: str
    text: str  # the best text we have: full page text, else feed content, else summary
    full_text: bool  # True when ``text`` is the full release, not only the summary
    content_hash: str

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("release key must not be empty")
        _check_utc("published", self.published)
        _check_utc("modified", self.modified)
