"""Feed bytes → ``ParsedFeed``.  Pure: bytes in, values out, no I/O.

Design: a cheap lxml scan, then feedparser only for what is new
------------------------------------------------------------------

feedparser costs about 0.65 ms per 4 KB item; a recovering lxml pass costs
about 0.02 ms.  A poll usually brings the same 20–100 items as the last one,
so parsing cost should grow with what is *new*, not with the feed's size:

1. **Scan** (``scan_feed``) — lxml reads the bytes once with a recovering
   parser that never expands entities, never loads a DTD and never touches the
   network (``resolve_entities=False, no_network=True, load_dtd=False,
   huge_tree=False``).  Two repairs make the tree well-formed XML again:
   elements with an undeclared namespace prefix (the GlobeNewswire capture
   drops ``xmlns:dc``) are moved into that prefix's well-known namespace (or a
   ``urn:x-ir-feed:undeclared:<prefix>`` placeholder), and entity references
   left unexpanded are replaced by their HTML character when they name one and
   dropped otherwise.  Every ``item``/``entry`` then yields an ``ItemStub``:
   its ``key`` (guid, else ``dc:identifier``/atom ``id``, else link, else the
   digest) and its ``digest``, the sha256 hex of the item's serialized markup.
2. **Skip** — ``parse_feed(data, skip=...)`` calls ``skip(digest)`` for every
   item; an item for which it returns True is *known and unchanged*: it is
   left out of the result and never reaches feedparser.  Typical use:
   ``skip=store.has_item_digest``.
3. **Parse** — the items still wanted are kept in the repaired tree, the rest
   removed, and the reduced document (original channel header, namespaces
   declared) is serialized and handed to feedparser as a byte stream.  When
   every item is skipped feedparser is not run at all.  feedparser gets a
   ``BytesIO``, never a URL or a ``bytes`` object (it would try a bytes value
   as a *file name*), and runs with ``sanitize_html=False,
   resolve_relative_uris=False``: we only ever take plain text out of HTML
   (``ir_feed.page.html_to_text``) and resolve the item link ourselves.
4. **Fallback** — when lxml finds no items (a document it cannot make sense
   of), or feedparser's entries do not line up with the scanned items,
   feedparser parses the original bytes; digests then come from the entries'
   data (stable across polls) and ``skip`` filters the result, but every
   entry has paid for feedparser.  No items, no entries and no recognisable
   feed root raise ``FeedParseError``; a valid empty feed gives zero items.

Recoverable damage (lxml's error log, feedparser's ``bozo`` exception) is kept
in ``ParsedFeed.problems``.

Item fields: a wire's own categories → tickers and ``isin`` and a release id read from
the guid or link, by the feed sources of :mod:`ir_feed.sources` (GlobeNewswire's
``.../rss/stock`` and ``.../rss/ISIN`` categories, its ``/news-release/…/<id>/`` paths);
``dc:identifier`` → ``release_id`` first; ``dc:contributor`` → ``issuer``,
``dc:modified`` → ``modified``, other categories and ``dc:subject`` → ``subjects``.
"""

from __future__ import annotations

import codecs
import hashlib
import html.entities
import io
import json
import re
from calendar import timegm
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from ir_feed import sources
from ir_feed.errors import FeedParseError
from ir_feed.exchanges import canonical_exchange
from ir_feed.models import (
    MAX_ISSUER,
    MAX_LANGUAGE,
    FeedItem,
    ParsedFeed,
    Ticker,
    clean_text,
)
from ir_feed.page import html_to_text

__all__ = [
    "FeedScan",
    "ItemStub",
    "normalise_exchange",
    "parse_feed",
    "scan_feed",
]

# Namespaces feeds use without always declaring them.
_KNOWN_NS: Mapping[str, str] = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "atom": "http://www.w3.org/2005/Atom",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "georss": "http://www.georss.org/georss",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
}
_UNDECLARED_NS = "urn:x-ir-feed:undeclared:"
_ITEM_PARENTS = frozenset({"channel", "feed", "RDF", "rss"})
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_MAX_PROBLEMS = 20

_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")
_WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class ItemStub:
    """One item as the scan sees it.  ``key`` is its identity (guid, else
    dc:identifier / atom id, else link, else the digest); ``digest`` the
    sha256 hex of its markup — equal digests mean an unchanged item."""

    key: str
    digest: str


@dataclass(frozen=True, slots=True)
class FeedScan:
    """What the cheap lxml pass learns: enough to decide what to parse."""

    title: str | None
    ttl_minutes: int | None
    items: tuple[ItemStub, ...]
    problems: tuple[str, ...] = ()


def normalise_exchange(label: str) -> str | None:
    """A wire's exchange label → the canonical code of :mod:`ir_feed.exchanges`
    (``"Other OTC"`` → ``OTC``, ``"Toronto"`` → ``TSX``, ``"TSX-V"`` → ``TSXV``);
    unknown labels are upper-cased with inner whitespace collapsed."""
    return canonical_exchange(label)


def scan_feed(data: bytes) -> FeedScan:
    """The lxml pre-scan alone: title, ttl and one ``ItemStub`` per item.
    Never raises; a document lxml cannot read gives no items and a problem."""
    scan = _scan(_defuse_char_refs(data))
    return FeedScan(scan.title, scan.ttl, tuple(s for s, _ in scan.items), scan.problems)


def parse_feed(
    data: bytes,
    *,
    base_url: str | None = None,
    skip: Callable[[str], bool] | None = None,
    content_type: str | None = None,
) -> ParsedFeed:
    """Parse feed bytes.  ``skip(digest)`` returning True marks an item as
    known and unchanged: it is left out of ``items`` and not parsed.  Item
    links are resolved against ``base_url``; a link that is not http(s) (or
    ``file:`` in a ``file:`` feed) is dropped.  The ``charset`` of the HTTP
    ``content_type`` decides the encoding (RFC 7303), over the XML declaration;
    a byte-order mark decides over both.  Raises ``FeedParseError`` when
    the bytes hold no entries and no recognisable feed, or feedparser fails."""
    data = _in_declared_charset(data, content_type)
    data = _defuse_char_refs(data)
    data, cut = _bound_person_fields(data)
    data, closed = _close_cdata(data)
    scan = _scan(data, [n for n in (cut, closed) if n])
    if scan.items:
        wanted = [(stub, el) for stub, el in scan.items if skip is None or not skip(stub.digest)]
        if not wanted:
            return ParsedFeed(scan.title, (), scan.ttl, scan.problems)
        parsed = _parse_reduced(scan, wanted, base_url)
        if parsed is not None:
            return parsed
    return _parse_fallback(data, scan, base_url, skip)


# -- scan ----------------------------------------------------------------------

_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb"^(\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*)([\"'])[^\"']{0,40}\2")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _in_declared_charset(data: bytes, content_type: str | None) -> bytes:
    """The document re-encoded as UTF-8 (its declaration saying so) when the HTTP
    header names another charset: a windows-1252 feed served with ``charset=windows-1252``
    and no declaration would otherwise be read as UTF-8, its accents lost as U+FFFD."""
    m = _CHARSET_PARAM.search(content_type or "")
    if m is None or data.startswith(_BOMS):
        return data
    try:
        codec = codecs.lookup(m.group(1)).name
    except LookupError:
        return data  # a charset Python does not know: the document's own declaration decides
    if codec == "utf-8" and not _XML_DECL_ENCODING.match(data):
        return data
    text = data.decode(codec, errors="replace").encode("utf-8", errors="surrogatepass")
    declared = _XML_DECL_ENCODING.match(text)
    if declared is not None:
        text = declared.group(1) + b'"utf-8"' + text[declared.end() :]
    return text


def _defuse_char_refs(data: bytes) -> bytes:
    """Character references XML cannot carry are replaced before lxml and
    feedparser see them: a surrogate (``&#xD800;``) by ``&#xFFFD;`` (lxml
    would serialize it as invalid UTF-8, so that feedparser decodes the whole
    document as another charset, and feedparser itself fails on one); a C0
    control but tab and line ends (``&#0;``), U+FFFE/U+FFFF or past U+10FFFF
    is removed, as lxml's recovery already did, which then also dropped the
    entities after it in the same text.  A reference written with a capital
    ``X`` or without its ``;`` is written as XML wants it, and an ``&`` that starts
    no reference is escaped.  Works on the bytes of any ASCII-compatible
    encoding; items without such a character keep their digest."""
    if b"&" not in data:
        return data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:64]:
        return data  # UTF-16/32: these byte patterns would cut its characters in half
    if b"&#" in data:
        data = _CHAR_REF.sub(_defuse_char_ref, data)
    return _escape_bare_ampersands(data)


# an "&" that starts no reference ("?id=1&b=2" written raw): lxml's recovery would drop
# it and the name after it ("?id=1=2"), merging two items' identities; feedparser keeps it
_BARE_AMP = re.compile(rb"&(?!#[0-9]+;|#x[0-9A-Fa-f]+;|[A-Za-z_][A-Za-z0-9._-]*;)")
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)


_NAMED_REF = re.compile(rb"&([A-Za-z_][A-Za-z0-9._-]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _named_ref(match: re.Match[bytes]) -> bytes:
    """An HTML entity (``&nbsp;``) as a character reference; any other name not XML's
    own five (an undeclared name, or one a DTD declares: never expanded) kept as text.
    libxml2's recovery from an undefined entity also drops the ``&amp;`` after it."""
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    code = html.entities.name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % code if code is not None else b"&amp;" + name + b";"


def _escape_bare_ampersands(data: bytes) -> bytes:
    """``&`` → ``&amp;`` where it starts no reference, HTML entities → character
    references, outside CDATA sections and comments (where an ``&`` is literal)."""
    out: list[bytes] = []
    pos = 0
    for m in _CDATA.finditer(data):
        out.append(_escape_part(data[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_escape_part(data[pos:]))
    return b"".join(out)


def _escape_part(part: bytes) -> bytes:
    part = _BARE_AMP.sub(b"&amp;", part)
    return _NAMED_REF.sub(_named_ref, part) if b";" in part else part


def _defuse_char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, dec_digits = match.group(1), match.group(2)
    digits = (hex_digits or dec_digits).lstrip(b"0") or b"0"
    code = int(digits, 16 if hex_digits else 10) if len(digits) <= 8 else 0x110000
    if 0xD800 <= code <= 0xDFFF:
        return b"&#xFFFD;"
    if (code < 0x20 and code not in (0x9, 0xA, 0xD)) or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF:
        return b""
    # written as XML wants it: "&#X41;" (capital X) and a reference missing its ";"
    # would otherwise be dropped by lxml's recovery ("X41;" left in the text)
    return b"&#x" + hex_digits + b";" if hex_digits else b"&#" + dec_digits + b";"


@dataclass(slots=True)
class _Scan:
    root: etree._Element | None
    title: str | None
    ttl: int | None
    items: list[tuple[ItemStub, etree._Element]]
    problems: tuple[str, ...]


# feedparser reads a person field (author, dc:creator, managingEditor, ...) with an e-mail
# regex whose time grows with the square of its length: 16 KB cost a second, 150 KB
# minutes, holding the GIL (every other feed and the API froze with it).  A name or an
# address is short; a longer text of such a field is cut before any parser sees it.
_PERSON_TEXT = re.compile(
    rb"(<(?:[\w.-]{1,40}:)?(?:author|creator|managingEditor|managingeditor|webMaster|webmaster|publisher|"
    rb"contributor|name|email|owner)(?:\s[^<>]{0,400})?>(?:<!\[CDATA\[)?)([^<\]]{%d,})" % 513
)
_PERSON_MAX = 512


def _bound_person_fields(data: bytes) -> tuple[bytes, str | None]:
    if b"<" not in data:
        return data, None
    longest = 0

    def cut(m: re.Match[bytes]) -> bytes:
        nonlocal longest
        longest = max(longest, len(m.group(2)))
        text = m.group(2)[:_PERSON_MAX]
        amp = text.rfind(b"&")
        if amp >= 0 and b";" not in text[amp:]:
            text = text[:amp]  # never half a character reference
        return m.group(1) + text.decode("utf-8", "ignore").encode("utf-8")

    bounded = _PERSON_TEXT.sub(cut, data)
    if not longest:
        return data, None
    note = f"an author field of {longest} bytes was cut to {_PERSON_MAX} (feedparser reads it in quadratic time)"
    return bounded, note


_CDATA_OPENED = re.compile(rb"<([\w:.-]{1,60})(?:\s[^<>]{0,400})?>\s*<!\[CDATA\[")


def _close_cdata(data: bytes) -> tuple[bytes, str | None]:
    """A CDATA section left open swallows the rest of the document (every later item is
    lost to lxml and to feedparser alike): one that its element's end tag comes before
    any ``]]>`` is closed there."""
    if data.count(b"<![CDATA[") <= data.count(b"]]>"):
        return data, None
    out: list[bytes] = []
    pos = closed = 0
    for m in _CDATA_OPENED.finditer(data):
        if m.start() < pos:
            continue
        end_tag = data.find(b"</" + m.group(1) + b">", m.end())
        cdata_end = data.find(b"]]>", m.end())
        if end_tag != -1 and (cdata_end == -1 or cdata_end > end_tag):
            out.append(data[pos:end_tag] + b"]]>")
            pos = end_tag
            closed += 1
    if not closed:
        return data, None
    out.append(data[pos:])
    return b"".join(out), f"{closed} unterminated CDATA section(s) closed at their element's end"


def _scan(data: bytes, notes: list[str] | None = None) -> _Scan:
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return _Scan(None, None, None, [], (*(notes or ()), f"not readable as XML: {exc}"))
    problems = _problems(
        [*(notes or ()), *_entity_warnings(data), *(f"line {e.line}: {e.message}" for e in parser.error_log)]
    )
    if root is None:
        return _Scan(None, None, None, [], problems or ("not readable as XML",))
    _repair(root)
    channel = _child(root, "channel")
    head = channel if channel is not None else root
    title = _child_text(head, "title")
    items: list[tuple[ItemStub, etree._Element]] = []
    for el in root.iter():
        name = _local(el)
        if name not in ("item", "entry"):
            continue
        parent = el.getparent()
        if parent is None or _local(parent) not in _ITEM_PARENTS:
            continue
        raw = etree.tostring(el, encoding="utf-8", with_tail=False)
        digest = hashlib.sha256(raw).hexdigest()
        items.append((ItemStub(_item_key(el) or digest, digest), el))
    return _Scan(root, title, _ttl(_child_text(head, "ttl")), items, problems)


_ENTITY_DECL = re.compile(rb"<!ENTITY\s+%?\s*[\w.:-]+\s+(SYSTEM|PUBLIC)?", re.IGNORECASE)


def _entity_warnings(data: bytes) -> list[str]:
    """A feed that declares entities is a feed to look at: they are never expanded (no
    entity-expansion bomb, no external file or URL read), and the operator is told."""
    head = data[:65_536]
    if b"<!ENTITY" not in head and b"<!entity" not in head:
        return []
    found = list(_ENTITY_DECL.finditer(head))
    if not found:
        return []
    external = any(m.group(1) for m in found)
    what = "external entities (SYSTEM/PUBLIC)" if external else f"{len(found)} entity declaration(s)"
    return [f"the feed declares {what} in a DTD: not expanded"]


def _repair(root: etree._Element) -> None:
    """Give undeclared-prefix elements a namespace; resolve or drop leftover
    entity references (never expanding a declared entity)."""
    doomed: list[etree._Element] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            if isinstance(el, etree._Entity):
                doomed.append(el)
            continue
        if tag[0] != "{" and ":" in tag:
            prefix, _, local = tag.partition(":")
            uri = _KNOWN_NS.get(prefix.lower(), _UNDECLARED_NS + prefix)
            try:
                el.tag = f"{{{uri}}}{local}"
            except ValueError:
                continue
    for ent in doomed:
        name = (ent.text or "").strip("&;")  # an entity node's text is "&name;"
        code = html.entities.name2codepoint.get(name)
        _replace_with_text(ent, chr(code) if code is not None else "")


def _replace_with_text(node: etree._Element, text: str) -> None:
    parent = node.getparent()
    if parent is None:
        return
    text += node.tail or ""
    prev = node.getprevious()
    parent.remove(node)
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _item_key(el: etree._Element) -> str | None:
    for name in ("guid", "identifier", "id"):
        value = _child_text(el, name)
        if value:
            return value
    link = _child(el, "link")
    if link is not None:
        return (link.get("href") or link.text or "").strip() or None
    return None


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for child in el:
        if _local(child) == name:
            return child
    return None


def _child_text(el: etree._Element, name: str) -> str | None:
    child = _child(el, name)
    if child is None:
        return None
    text = " ".join("".join(child.itertext()).split())  # type: ignore[arg-type]
    return text or None


def _ttl(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None


def _problems(messages: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for message in messages:
        # one line per kind of problem: "line 25: Namespace prefix dc ..." x 12 → 1
        kind = re.sub(r"^line \d+: | on \S+", "", message).strip()
        seen.setdefault(kind, clean_text(message).strip())
    out = list(seen.values())
    if len(out) > _MAX_PROBLEMS:
        out = [*out[:_MAX_PROBLEMS], f"... and {len(out) - _MAX_PROBLEMS} more"]
    return tuple(out)


# -- parse ---------------------------------------------------------------------


def _parse_reduced(
    scan: _Scan, wanted: list[tuple[ItemStub, etree._Element]], base_url: str | None
) -> ParsedFeed | None:
    assert scan.root is not None
    keep = {id(el) for _, el in wanted}
    for _, el in scan.items:
        if id(el) not in keep:
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    doc = etree.tostring(scan.root, encoding="utf-8", xml_declaration=True)
    # lxml writes what it kept as is; feedparser must get valid UTF-8, or it
    # decodes the whole document as another charset and garbles every item.
    doc = doc.decode("utf-8", "replace").encode("utf-8")
    try:
        result = _feedparser(doc)
    except FeedParseError:
        return None  # the fallback tries the original bytes
    entries = _get(result, "entries") or []
    if len(entries) != len(wanted):
        return None
    problems = list(scan.problems)
    if _get(result, "bozo"):
        problems.append(f"feedparser: {_get(result, 'bozo_exception')}")
    language = _get(_get(result, "feed"), "language")
    items = tuple(
        _item(entry, stub.digest, base_url, language) for (stub, _), entry in zip(wanted, entries, strict=True)
    )
    return ParsedFeed(scan.title, items, scan.ttl, _problems(problems))


def _parse_fallback(data: bytes, scan: _Scan, base_url: str | None, skip: Callable[[str], bool] | None) -> ParsedFeed:
    result = _feedparser(data)
    entries = _get(result, "entries") or []
    feed = _get(result, "feed")
    problems = list(scan.problems)
    if _get(result, "bozo"):
        problems.append(f"feedparser: {_get(result, 'bozo_exception')}")
    root_name = _local(scan.root) if scan.root is not None else ""
    if not entries and not _get(result, "version") and root_name not in _FEED_ROOTS:
        detail = "; ".join(_problems(problems)[:3]) or "no feed elements found"
        raise FeedParseError(f"not a feed: no entries and no RSS/Atom root ({detail})")
    language = _get(feed, "language")
    digests = [_entry_digest(e) for e in entries]
    items = tuple(
        _item(e, d, base_url, language) for e, d in zip(entries, digests, strict=True) if skip is None or not skip(d)
    )
    title = scan.title or _plain(_get(feed, "title"), _get(feed, "title_detail")) or None
    ttl = scan.ttl if scan.ttl is not None else _ttl(_str(_get(feed, "ttl")))
    return ParsedFeed(title, items, ttl, _problems(problems))


def _feedparser(doc: bytes) -> Any:
    # A stream, never bytes or str: feedparser opens a str URL and tries a
    # bytes value as a file name.
    try:
        return feedparser.parse(io.BytesIO(doc), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # one hostile feed is a parse error, never a crash of the poller
        raise FeedParseError(f"feedparser failed: {type(exc).__name__}: {clean_text(str(exc))[:300]}") from exc


def _entry_digest(entry: Mapping[str, Any]) -> str:
    raw = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _item(entry: Mapping[str, Any], digest: str, base_url: str | None, feed_language: str | None) -> FeedItem:
    guid = _str(_get(entry, "id"))
    link = _str(_get(entry, "link"))
    url = _item_url(link, base_url)
    release_id = _str(_get(entry, "dc_identifier")) or sources.release_id(guid, link)
    tickers: list[Ticker] = []
    subjects: list[str] = []
    isin: str | None = None
    for tag in _get(entry, "tags") or ():
        term = " ".join(clean_text(str(_get(tag, "term") or "")).split())
        scheme = str(_get(tag, "scheme") or "").strip()
        if not term:
            continue
        said = sources.category(scheme, term)
        if said is not None:  # a wire's listing or ISIN category (ir_feed.sources)
            if said.ticker is not None and said.ticker not in tickers:
                tickers.append(said.ticker)
            isin = isin or said.isin
        elif term not in subjects:
            subjects.append(term)
    contributors = _get(entry, "contributors") or ()
    issuer = _str(_get(contributors[0], "name")) if contributors else None
    if issuer is not None and len(issuer) > MAX_ISSUER:
        issuer = issuer[:MAX_ISSUER].rstrip()
    summary = _plain(_get(entry, "summary"), _get(entry, "summary_detail"))
    content: str | None = None
    for part in _get(entry, "content") or ():
        text = _plain(_get(part, "value"), part)
        if text and text != summary:
            content = text
            break
    published = _struct_dt(_get(entry, "published_parsed")) or _struct_dt(_get(entry, "updated_parsed"))
    modified = _date(_str(_get(entry, "dc_modified"))) or _struct_dt(_get(entry, "updated_parsed"))
    language = (
        _language(_get(entry, "language"))
        or _language(_get(_get(entry, "summary_detail"), "language"))
        or _language(feed_language)
    )
    return FeedItem(
        guid=guid,
        release_id=release_id,
        url=url,
        title=_plain(_get(entry, "title"), _get(entry, "title_detail")),
        published=published,
        modified=modified,
        issuer=issuer,
        tickers=tuple(tickers),
        isin=isin,
        language=language,
        subjects=tuple(subjects),
        summary=summary,
        content=content,
        digest=digest,
    )


def _item_url(link: str | None, base_url: str | None) -> str | None:
    """The item's link resolved against the feed's URL, when it is an http(s)
    URL with a host, or a local ``file:`` URL in a ``file:`` feed; else None
    (a ``javascript:`` or ``data:`` link is never kept, fetched or republished)."""
    if not link:
        return None
    try:
        url = urljoin(base_url, link) if base_url else link
        parts = urlsplit(url)
        base_scheme = urlsplit(base_url).scheme if base_url else ""
    except ValueError:  # e.g. "http://[oops/": an invalid IPv6 host
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    if parts.scheme in _WEB_SCHEMES and parts.hostname:
        return url
    if parts.scheme == "file" and base_scheme == "file" and parts.netloc in ("", "localhost"):
        return url
    return None


def _language(value: Any) -> str | None:
    language = _str(value)
    return language if language is not None and len(language) <= MAX_LANGUAGE else None


def _plain(value: Any, detail: Any) -> str:
    if not value:
        return ""
    text = clean_text(str(value))
    kind = str(_get(detail, "type") or "text/html")
    if "html" in kind:
        return html_to_text(text)
    return " ".join(text.split())


def _get(mapping: Any, key: str) -> Any:
    """Plain dict lookup: FeedParserDict.get() adds aliases and, for
    ``updated*``, a deprecated fallback that warns."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = clean_text(str(value)).strip()
    return text or None


def _struct_dt(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(timegm(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _date(text: str | None) -> datetime | None:
    """RFC 822 (seconds optional, as GlobeNewswire writes them) or ISO 8601;
    None when absent, unreadable or not representable in UTC (``0001-01-01
    T00:00:00+05:00`` and ``Fri, 31 Dec 9999 23:59 -1200`` overflow)."""
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            parsed = datetime.fromisoformat(text)
        except (ValueError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
