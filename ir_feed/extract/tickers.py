"""Issuer listings and name from the release prose.

The issuer's listings are the first parenthesised group that names one
(``(Nasdaq: ALLO)``, ``(NASDAQ: MDNA TSX: MDNA)``, ``(TSXV: PGZ; OTCQB: PGZFF; FRA: 2EU)``,
``(ASX:OPT; Nasdaq:OPT)``) plus the groups right after it (``(TSX: TH) (NASDAQ: THTX)``).
Later groups (partners, peers) are not the issuer's.  The issuer's name is the text
just before that group, back to the dateline dash or the start of the line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from ir_feed import patterns
from ir_feed.exchanges import CODES, PROSE_LABELS, canonical_exchange
from ir_feed.extract.sentences import holds_any, word_led
from ir_feed.models import Ticker

_EXCHANGE = "(?:" + "|".join(a for a, _ in PROSE_LABELS) + "|TSE)"
# "Nasdaq: ALLO", "NASDAQ/TASE: BLRX" (two exchanges, one symbol), "Nasdaq – CALT",
# "TSX: \"XYZ\"", and more symbols on the same exchange: "NASDAQ: ESLA, ESLAW", "ASX: PAA & PAAO"
# (a copy's link brackets may wrap the symbol: "OTCBB: [ ACME ]")
_PAIR = patterns.compile(
    # (the label may say what follows: "NASDAQ Symbol: ACME", "Nasdaq ticker: ACME")
    # (several exchanges, one symbol: "NASDAQ/TASE: BLRX", "Euronext Paris and Nasdaq: X", "TSX, NYSE Amex, FSE: X")
    r"(?<![A-Za-z])(" + _EXCHANGE + r"(?:(?:\s*/\s*|\s+and\s+|\s*&\s*|\s*,\s*)" + _EXCHANGE + r")*)"
    # (a copy may double the colon: "OTC:: ACME")
    r"(?:\s+(?:ticker\s+)?symbol|\s+ticker)?(?:\s*[:：]{1,2}|\s+[–—-])\s*"
    r"(?:[\"“]|\[\s*)?"
    # (an ISIN before the symbol is passed over: "Euronext Paris: CH0308403085 GNRO", "- FR0010557264 - AB")
    r"(?:(?-i:[A-Z]{2}[A-Z0-9]{9}[0-9])(?:\s+[–—-]\s+|\s+)(?=[A-Za-z0-9]))?"
    # (a further symbol is never the next listing's exchange: "NASDAQ: ACME, OTC Pink: ACMEW")
    # (each symbol with the Nordic share class written after it: "Nasdaq Stockholm: ACME B, ACMEY")
    r"([A-Za-z0-9][A-Za-z0-9.\-]{0,11}(?-i: [AB](?![\w.:-]))?)(?:[\"”]|\s*\])?"
    r"((?-i:(?:\s*[,;&]|\s+and)\s*(?!(?i:" + _EXCHANGE + r")\s*[:：])[A-Z][A-Z0-9.]{0,9}(?: [AB](?![\w.:-]))?"
    r"(?![\w:：.\-]|\s*/))*)",
    re.IGNORECASE,
)
# a quote vendor's market suffix on a symbol whose exchange is named ("RENE.L", "ABC.TO");
# share-class suffixes ("BRK.B", "ACME.U") stay
# (and the over-the-counter markets' old ones: "OTC: ACME.OB" OTC BB, "ACME.PK" Pink Sheets)
_MARKET_SUFFIX = patterns.compile(r"\.(?:L|TO|V|AX|ST|HE|CO|PA|AS|BR|DE|F|SW|OL|HK|T|KS|KQ|SS|SZ|TW|NS|BO|OB|PK)$")
# a share class written after the symbol, Nordic only: "(Nasdaq Stockholm: ACME B)", "OMX: ACM A"
_CLASS_TAIL = patterns.compile(r" [AB]$")
_SLASH = patterns.compile(r"\s*/\s*|\s+and\s+|\s*&\s*|\s*,\s*")
# (also with no space inside the bracket, "Acme Medicines Inc. (AMCM) announced", unless the
# letters are the name's initials, an alias: "Acme Bio Corp. (ABC)" — see :func:`_initials_of`)
# (a legal suffix starting a word, :func:`word_led`: the engine skips ahead to its first letters)
_BARE_SYMBOL = patterns.compile(
    word_led(r"Inc|Corp|Corporation|Ltd|Limited|plc|PLC|AG|SE|AB|ASA|Oyj|N\.V|S\.A|Holdings") + r"\.?,?\s*"
    r"(\(\s|\()\s*([A-Z]{2,5})\s*\)(?=\s*[,(]|\s+(?:today|is|has|announced|a|an|the)\b)"
)
_GROUP = patterns.compile(r"\(([^()]{1,240})\)")
_GAP = patterns.compile(r"^[\s,;]*$")
_BOUNDARY = patterns.compile(r"(?:--|[—–]|\)\s*-|\s-\s|\n)")


_ISIN = patterns.compile(r"[A-Z]{2}[A-Z0-9]{9}[0-9]")


# the symbol first, then the exchange's full name: "(PYM: London Stock Exchange)"
_REVERSED = patterns.compile(r"^\s*([A-Z][A-Z0-9.]{1,5})\s*:\s*((?:[A-Z][a-z]+\s+){1,3}(?:Stock\s+)?Exchange)\s*$")


# Hong Kong and mainland China write a listing as a stock code: "(Stock Code: 570)",
# "(stock code: 002082)" — up to five digits is Hong Kong's; six, Shenzhen's (0…, 3…)
# or Shanghai's (6…)
_STOCK_CODE = patterns.compile(r"(?i:stock\s+code)\s*[:：]\s*(\d{1,6})\b")
# an exchange's code and the symbol with no colon between, as the group's first item:
# "(OSE ULTI)", "(TSE 4552; Chairman: …)"
_SPACED = patterns.compile(
    # (the exchange in any case: "(Nasdaq ACME)")
    r"^\s*((?i:NASDAQ|NYSE|TSXV?|TSE|ASX|CSE|OSE|AIM|LSE|HKEX|SEHK|TYO|OTCQB|OTCQX|SIX|TASE|KOSDAQ|SGX|FRA|XETRA))"
    r"\s+([A-Z0-9][A-Z0-9.]{0,5})\s*(?:[;,]|$)"
)


def _tse(symbol: str) -> str:
    """"TSE" is Tokyo's for a numeric code and, as Canada wrote it, Toronto's otherwise."""
    return "TYO" if symbol.isdigit() else "TSX"


def _code_of(exchange: str, symbol: str) -> str | None:
    """The canonical code of a listing's exchange label ("TSE" by its symbol: Tokyo's or Toronto's)."""
    return _tse(symbol) if exchange.upper() == "TSE" else canonical_exchange(exchange)


# a copy that writes the exchange twice: "(Nasdaq: NASDAQ:ACME)"
_DOUBLED = patterns.compile(r"(?<![A-Za-z])" + _EXCHANGE + r"\s*:\s*(" + _EXCHANGE + r")\s*:", re.IGNORECASE)


def _pairs(group: str) -> list[Ticker]:
    if group.count(":") >= 2:  # (every match holds two)
        group = _DOUBLED.sub(r"\1:", group)
    reversed_pair = _REVERSED.match(group) if "Exchange" in group else None
    if reversed_pair is not None:
        code = canonical_exchange(reversed_pair.group(2))
        if code:
            return [Ticker(code, reversed_pair.group(1))]
    stock_code = _STOCK_CODE.search(group) if "ode" in group else None
    if stock_code is not None:
        number = stock_code.group(1)
        market = "HKEX" if len(number) <= 5 else {"6": "SSE"}.get(number[0], "SZSE")
        return [Ticker(market, number)]
    spaced = _SPACED.match(group)
    if spaced is not None:
        label, symbol = spaced.group(1), spaced.group(2).rstrip(".")
        return [Ticker(_code_of(label, symbol), symbol)]
    found: list[Ticker] = []
    for m in _PAIR.finditer(group):
        symbols = [m.group(2), *(x for x in re.split(r"[,;&]|\s+and\s+", m.group(3)) if x.strip())]
        exchanges = [m.group(1)]
        if "/" in m.group(1) or " and " in m.group(1) or "," in m.group(1) or "&" in m.group(1):
            # "NASDAQ/TASE", "Euronext Paris and Nasdaq", "TSX, FSE" are two exchanges; "OTC/BB",
            # "Nasdaq/SmallCap" one; a label naming none in a comma list is dropped ("Nasdaq, ticker")
            parts = _SLASH.split(m.group(1))
            if all(canonical_exchange(p) in CODES for p in parts):
                exchanges = parts
            elif "," in m.group(1):
                exchanges = [p for p in parts if canonical_exchange(p) in CODES] or exchanges
        symbols = [x for x in symbols if not _ISIN.fullmatch(x.strip())]  # an ISIN alone is no symbol
        for exchange in exchanges:
            for raw in symbols:
                symbol = raw.strip().rstrip(".-").upper()
                code = _code_of(exchange, symbol)
                if code != "OMX":
                    symbol = _CLASS_TAIL.sub("", symbol)  # (a share class is Nordic: "ACME B" elsewhere is ACME)
                if code is not None:
                    symbol = _MARKET_SUFFIX.sub("", symbol)  # "LSE: RENE.L" → RENE
                if symbol:
                    found.append(Ticker(code, symbol))
    return found


def issuer_listing(text: str) -> tuple[str | None, tuple[Ticker, ...], int]:
    """(issuer name, listings, offset of the first listing group or -1)."""
    head = text[:20_000]
    groups: list[re.Match[str]] = []
    coded = _cjk_code(head) if not head.isascii() else None
    scan = _GROUP.finditer(head)  # lazily: the listing is usually among the first groups
    for g in scan:
        groups.append(g)
        gi = len(groups) - 1
        inner = g.group(1)
        tickers = (
            _pairs(inner)
            if ":" in inner or "：" in inner or "–" in inner or " - " in inner or _SPACED.match(inner)
            else []
        )
        if not tickers:
            continue
        if all(t.exchange is None for t in tickers):  # "… listed on Euronext Growth Milan (Ticker: ACM)"
            named = _NAMED_BEFORE.search(head, max(0, g.start() - 60), g.start())
            code = canonical_exchange(named.group(1)) if named is not None else None
            if code is not None:
                tickers = [Ticker(code, t.symbol) for t in tickers]
        if coded is not None and coded[1] < g.start() and all(t.symbol != coded[0].symbol for t in tickers):
            break  # a filing's stock code before the first listing group ("(コード番号:1234)"), not its own
        paragraph = head.rfind("\n", 0, g.start()) + 1
        if _litigation(head, max(paragraph, g.start() - 400), g.start()):
            # a law firm's notice to another company's investors: the listing is the defendant's
            return _lead_issuer(head), (), -1
        groups.extend(itertools.islice(scan, 3))
        end = g.end()
        for nxt in groups[gi + 1 : gi + 4]:
            if not _GAP.match(head[end : nxt.start()]):
                break
            more = _pairs(nxt.group(1))
            if not more:
                break
            tickers.extend(more)
            end = nxt.end()
        tickers.extend(_co_issuer(head, end))
        tickers.extend(_listed_under(head, g.start()))  # (often restating the group's: kept once)
        return _issuer_name(head, groups[:gi], g.start()), tuple(dict.fromkeys(tickers)), g.start()
    if coded is not None:
        return _lead_issuer(head), (coded[0],), coded[1]
    # no exchange named: a bare symbol right after the issuer's legal name ("Acme Bio,
    # Inc. ( ACME), a …": a copy that lost the exchange)
    # (patterns led by a look-behind are tried at every position: each is run only where
    # the literals every match holds occur)
    suffixed = _SUFFIXED.search(head, 0, 5_000) if holds_any(head[:5_000], _SUFFIX_HINTS) else None
    if suffixed is not None:
        found = [Ticker(_SUFFIX_MARKET[suffixed.group(2)], suffixed.group(1))]
        end = suffixed.end()
        for nxt in _NEXT_BARE.finditer(head, end, end + 40):  # "(ACM.TO)(ACMEF)": an OTC symbol beside it
            if nxt.start() != end:
                break
            found.append(Ticker(None, nxt.group(1)))
            end = nxt.end()
        return _issuer_name(head, [], suffixed.start()), tuple(found), suffixed.start()
    bare = _BARE_SYMBOL.search(head, 0, 5_000)
    if bare is not None and not (bare.group(1) == "(" and _initials_of(head, bare.start(1), bare.group(2))):
        return _issuer_name(head, [], bare.start(1) - 1), (Ticker(None, bare.group(2)),), bare.start(1)
    listed = _listed_under(head, 0, 3_000)
    if listed:
        return _lead_issuer(head), tuple(listed), -1
    # a Hong Kong filing's header gives its stock code on a line of its own ("Stock Code: 570")
    code_line = _CODE_LINE.search(head, 0, 3_000) if "ode" in head[:3_000] else None
    if code_line is not None:
        return _lead_issuer(head), (Ticker("HKEX", code_line.group(1)),), code_line.start()
    symbol_line = _SYMBOL_LINE.search(head, 0, 3_000) if "ymbol" in head[:3_000] else None
    if symbol_line is not None:
        tickers = _pairs(symbol_line.group(1))
        if tickers and all(t.exchange is not None for t in tickers):
            return _lead_issuer(head), tuple(tickers), symbol_line.start()
    # a listing written without brackets right after the issuer's name, in the dateline's
    # line ("Sydney, 28 April 2022. Actinogen Medical ASX: ACW (“ACW”) announces …")
    loose = _UNBRACKETED.search(head, 0, 3_000) if holds_any(head[:3_000], _UNBRACKETED_HINTS) else None
    if loose is not None:
        tickers = _pairs(loose.group(0))
        if tickers:
            return _issuer_name(head, [], loose.start()), tuple(tickers), loose.start()
    return _lead_issuer(head), (), -1


# a Canadian symbol with the quote vendors' market suffix, alone in brackets after the
# issuer's name: "Acme Inc. (ACM.V)", "Acme Inc. (ACM.TO)(ACMEF)"
# (and a US over-the-counter one: "Acme Inc. (ACME.PK)", Pink Sheets; "(ACME.OB)", OTC BB)
# (and a Hong Kong stock code: "Acme Pharma (1234.HK)")
_SUFFIX_MARKET = {"TO": "TSX", "V": "TSXV", "CN": "CSE", "PK": "OTC", "OB": "OTC", "HK": "HKEX"}
_SUFFIXED = patterns.compile(r"(?<=[A-Za-z.]) ?\(\s*([A-Z][A-Z0-9]{0,5}|\d{1,5}(?=\.HK))\.(TO|V|CN|PK|OB|HK)\s*\)")
_SUFFIX_HINTS = tuple(f".{suffix}" for suffix in _SUFFIX_MARKET)
_CODE_LINE = patterns.compile(r"(?im)^[ \t]*\(?[ \t]*stock[ \t]+code[ \t]*[:：][ \t]*(\d{1,5})[ \t]*\)?[ \t]*$")
# a wire's header line naming the listing: "Stock symbol: TSX: ACM", "Ticker Symbol: NASDAQ:ACME"
_SYMBOL_LINE = patterns.compile(
    r"(?im)^[ \t]*(?:stock|ticker|trading)[ \t]+symbols?[ \t]*[:：][ \t]*([^\n]{2,80}?)[ \t]*$"
)
_NEXT_BARE = patterns.compile(r"\s?\(([A-Z]{2,5})\)")
# an exchange named right before a group that gives the symbol alone
_NAMED_BEFORE = patterns.compile(r"(" + _EXCHANGE + r")\s*$", re.IGNORECASE)


# (upper-case exchange names only, then a symbol in capitals: prose never writes these)
_UNBRACKETED_PAIR = r"(?-i:NASDAQ|Nasdaq|NYSE|ASX|TSXV?|TSX-V|CSE|LSE|AIM|OTCQB|OTCQX)\s*:\s*[A-Z][A-Z0-9]{0,5}\b"
# (one or more: "Acme plc, AIM:ACM and NASDAQ: ACME (“Acme”) …")
_UNBRACKETED = patterns.compile(
    r"(?<![\w(])" + _UNBRACKETED_PAIR + r"(?:\s*(?:,|;|&|and)\s*" + _UNBRACKETED_PAIR + r")*"
    r"(?=\s*(?:[(,;]|\)|announces\b|announced\b|today\b))"
)
_UNBRACKETED_HINTS = ("NASDAQ", "Nasdaq", "NYSE", "ASX", "TSX", "CSE", "LSE", "AIM", "OTCQ")


# an unlisted issuer: the name that opens the dateline paragraph, after its dash and
# before what the issuer does ("… /PRNewswire/ -- Chemomab Ltd., a clinical-stage …",
# "… -- Regulus Therapeutics Inc. today announced …")
_LEAD_ISSUER = patterns.compile(
    r"(?:--|[—–]|/\s*-|\)\s*-)\s*(?P<name>[A-Z][^\n,()“\"]{1,90}?)"
    r"(?=\s*(?:,|\(|[“\"]|\s(?:today|announced|announces|is\s+pleased|has|have|reported|reports|said|says)\b))"
)
_NAME_JOINERS = frozenset({"of", "and", "&", "de", "du", "la", "für", "y", "e"})


def _lead_issuer(head: str) -> str | None:
    m = _LEAD_ISSUER.search(head, 0, 5_000)
    if m is None:
        return None
    name = _tidy_name(m.group("name"))
    words = name.split()
    if not 1 <= len(words) <= 8 or any(c.isdigit() for c in name):
        return None  # a date, a figure, a sentence
    if not all(w[0].isupper() or w in _NAME_JOINERS for w in words):
        return None  # prose, not a name
    return name


def _issuer_name(text: str, before: list[re.Match[str]], start: int) -> str | None:
    # step back over parenthesised aliases such as ("Ocugen" or the "Company")
    for g in reversed(before):
        if _GAP.match(text[g.end() : start]):
            start = g.start()
        else:
            break
    line = text[max(0, start - 160) : start]
    cut = 0
    for m in _BOUNDARY.finditer(line):
        cut = m.end()
    name = _tidy_name(line[cut:])
    if not name or len(name.split()) > 10 or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name


# what a copy writes before the issuer's name: a dateline's date ("On May 14, 2019",
# "Guildford, UK, 27 May 2011:") and a description ("Cancer drug developer Antisoma plc")
_DATED_PREFIX = patterns.compile(r"^.*\b(?:19|20)\d\d\b[.:,]?\s*-?\s*")


def _tidy_name(raw: str) -> str:
    name = _DATED_PREFIX.sub("", raw.strip(" ,;:-–—\n\t")).strip(" ,;:-–—\n\t")
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _DESCRIBER:
            return " ".join(words[i + 1 :])
    return name


_DESCRIBER = frozenset(
    "company developer biotech biotechnology firm specialist leader pioneer innovator maker manufacturer".split()  # noqa: SIM905
)


def _initials_of(head: str, end: int, letters: str) -> bool:
    """``letters`` spell the initials of the capitalised words right before ``end`` (the
    name an alias in brackets abbreviates: "Acme Bio Corp. (ABC)")."""
    words = re.findall(r"[A-Z][\w'-]*", head[max(0, end - 120) : end])
    # (with the legal suffix's letters or without: "Acme Bio, Inc. (ABI)", "Acme Bio, Inc. (AB)")
    return any(
        "".join(w[0] for w in words[i:j]) == letters
        for j in range(max(0, len(words) - 2), len(words) + 1)
        for i in range(j)
    )


# a filing's header in Japanese, Chinese or Korean gives a stock code, not a listing:
# "(コード番号:1234)", "(JASDAQ・コード1234)", "(東証1部 コード番号1234)" (a Tokyo market named,
# its section too: TYO), "证券代码:301234"
# (six digits: Shanghai's 6…, else Shenzhen's), "股票代號:1234" (Taiwan: no exchange of ours)
_CODE_LABEL = patterns.compile(
    r"(?:(JASDAQ|東証|東京証券取引所|マザーズ)(?:[1-2１２一二]部)?[^\s:：()（）\d]{0,8}?[・ \t]*)?"
    r"(?:(?:証券)?コード(?:番号)?|(?:证券|證券|股票)代[码碼號号])[ \t]*[:：]?[ \t]*(\d{4,6})(?!\d)"
    # (the market may follow the code: "(コード番号:1234 東証マザーズ)")
    r"(?:[ \t・,、]*(JASDAQ|東証|東京証券取引所|マザーズ|グロース|プライム|スタンダード))?"
)
# a company named in CJK with its stock code in brackets: "某某生技 (1234)", "某某(1234)"
# (a year is no code: "(2020)")
_CJK_NAME_CODE = patterns.compile(r"[\u3040-\u30ff\u4e00-\u9fff][ \t]*[(（]((?!19|20)[1-9]\d{3})[)）]")
_CODE_WITHIN = 1_500  # a filing's header
# both patterns hold a kana or a CJK ideograph: a header without one is passed over in a
# single character-class scan (neither pattern can skip ahead to a literal of its own)
_CJK_CHAR = patterns.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _cjk_code(head: str) -> tuple[Ticker, int] | None:
    """The stock code a CJK filing's header gives, and where."""
    if _CJK_CHAR.search(head, 0, _CODE_WITHIN) is None:
        return None
    found: list[tuple[int, Ticker]] = []
    m = _CODE_LABEL.search(head, 0, _CODE_WITHIN)
    if m is not None:
        number = m.group(2)
        if len(number) == 6:
            market: str | None = "SSE" if number[0] == "6" else "SZSE"
        else:
            market = "TYO" if m.group(1) or m.group(3) else None
        found.append((m.start(), Ticker(market, number)))
    n = _CJK_NAME_CODE.search(head, 0, _CODE_WITHIN)
    if n is not None:
        found.append((n.start(), Ticker(None, n.group(1))))
    if not found:
        return None
    at, ticker = min(found, key=lambda f: f[0])
    return ticker, at


# a law firm's notice to investors of a company sued: the lead names the firm and the case
# before the company's listing ("The law firm of X LLP reminds investors that a class action …
# filed against Acme, Inc. (NASDAQ: ACME)")
_LITIGATION = patterns.compile(
    r"\b(?:law\s+firm|class\s+action|securities\s+(?:fraud|litigation)|shareholder\s+rights)\b", re.IGNORECASE
)
# a word every match holds, in some case (in a text without İ ı ſ K, in lower case)
_LITIGATION_HINTS = ("firm", "action", "securities", "shareholder")
# the characters IGNORECASE matches to ASCII letters they are not, or whose lower case is longer
_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _litigation(head: str, start: int, end: int) -> bool:
    """``_LITIGATION`` matches in ``head[start:end]`` (the pattern, tried at every position,
    runs only where one of its words occurs)."""
    part = head[start:end]
    if not holds_any(part.lower(), _LITIGATION_HINTS) and (part.isascii() or not holds_any(part, _LOOKALIKES)):
        return False
    return _LITIGATION.search(head, start, end) is not None


# a joint release: the lead's subject is two issuers, each with its listing, before the verb —
# "Acme Inc. (NASDAQ: ACME) and Beta plc (LSE: BETA) today announced", "Acme (NASDAQ: ACME),
# a biotech company …, and Beta AB ("Beta") (Nasdaq Stockholm: BETA), a …, announce that"
_APPOSITIVE = r"(?:,[ \t]+an?[ \t]+[^()\n]{0,250}?)?"
# (each issuer may have its alias in brackets: "Acme Inc. (NASDAQ: ACME) ("Acme") and Beta Inc. (NYSE: BETA)
# ("Beta") today announced", "… (NYSE: BETA) (the Companies) today announced")
_ALIAS = r"(?:[ \t]*\([^()\n]{0,60}\))?"
_CO_ISSUER = patterns.compile(
    _ALIAS + _APPOSITIVE + r",?[ \t]+and[ \t]+(?:[A-Z][\w.&'-]*,?[ \t]+){1,6}?"
    r"(?:\([^()\n]{0,60}\)[ \t]*){0,2}?\(([^()\n]{1,60}[:：][^()\n]{1,60})\)"
)
_CO_VERB = patterns.compile(
    _ALIAS
    + _APPOSITIVE
    + r",?[ \t]+(?:today[ \t]+|have[ \t]+|jointly[ \t]+)*(?:announced?|announces|report(?:ed|s)?)\b"
)


def _co_issuer(head: str, end: int) -> list[Ticker]:
    """The second issuer's listings of a joint release (its group closes at or after ``end``)."""
    m = _CO_ISSUER.match(head, end, end + 600)
    if m is None or _CO_VERB.match(head, m.end(), m.end() + 400) is None:
        return []
    return _pairs(m.group(1))


# the issuer's listing said in prose: "the Company's common shares will continue to trade on
# the OTCQB under the symbol "ACMEF"", "its B share is traded on Nasdaq First North Growth
# Market under the ticker ACME B" (a share class after a Nordic symbol)
_LISTED_UNDER = patterns.compile(
    r"\b(?:trade[sd]?|trading|listed|listing|quoted)[ \t]+on[ \t]+(?:the[ \t]+)?(" + _EXCHANGE + r")"
    r"[ \t]+under[ \t]+the[ \t]+(?:ticker[ \t]+)?(?:symbol|ticker)[ \t]+[\"“]?"
    r"(?-i:([A-Z][A-Z0-9.]{0,7})((?:[ \t][A-D])?)\b)[\"”]?",
    re.IGNORECASE,
)
# (the sentence says whose shares: the issuer's own)
_OWN_SHARES = patterns.compile(
    r"\b(?:its|it['’]s|(?:the[ \t]+)?(?:Company|Corporation)(?:['’]s)?|shares?)\b|-share", re.IGNORECASE
)


def _listed_under(head: str, start: int, stop: int | None = None) -> list[Ticker]:
    """Listings said in prose in the paragraph from ``start`` (to ``stop``)."""
    end = head.find("\n", start) if stop is None else stop
    end = len(head) if end < 0 else end
    found: list[Ticker] = []
    part = head[start:end]
    low = part.lower()
    if "under" not in low:
        return found  # (every match holds it, in some case: none of its letters has a lookalike)
    if "symbol" not in low and "ticker" not in low and (part.isascii() or not holds_any(part, _LOOKALIKES)):
        return found  # (every match holds one, in some case: in a text without İ ı ſ K, in lower case)
    for m in _LISTED_UNDER.finditer(head, start, end):
        sentence = max(head.rfind(". ", 0, m.start()), head.rfind("\n", 0, m.start()), start)
        if not _OWN_SHARES.search(head, sentence, m.start()):
            continue
        code = canonical_exchange(m.group(1))
        symbol = m.group(2).rstrip(".") + (m.group(3) if code == "OMX" else "")
        found.append(Ticker(code, symbol))
    return found


def merge_tickers(prose: Iterable[Ticker], feed: Sequence[Ticker]) -> tuple[Ticker, ...]:
    """Prose listings first, then feed listings not already there.  A listing whose
    exchange is unknown is dropped when the same symbol is known with an exchange,
    and a generic ``OTC`` listing (GlobeNewswire's "OTC Markets") when the same
    symbol is known on a named OTC tier (OTCQB, OTCQX, ...)."""
    merged: list[Ticker] = []
    for t in [*prose, *(Ticker(canonical_exchange(f.exchange), f.symbol.upper()) for f in feed)]:
        if t in merged:
            continue
        if any(m.symbol == t.symbol and _less_specific(t, m) for m in merged):
            continue
        merged = [m for m in merged if not (m.symbol == t.symbol and _less_specific(m, t))]
        merged.append(t)
    return tuple(merged)


def _less_specific(a: Ticker, b: Ticker) -> bool:
    """``a`` names the same listing as ``b`` with less detail."""
    if a.exchange is None:
        return b.exchange is not None
    return a.exchange == "OTC" and b.exchange is not None and b.exchange != "OTC" and b.exchange.startswith("OTC")
