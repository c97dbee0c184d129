"""Release page HTML → the release's plain text.  Pure: bytes or str in, str out.

``article_text(html, url)`` returns the body of a press-release page as plain
text, headline first, paragraphs separated by one blank line.  It never raises
on bad input: junk (binary data, empty input, a document lxml cannot read)
gives ``""``.

How the body is found, in order:

1. a newswire's own layout (:mod:`ir_feed.sources`; GlobeNewswire's ``articleBody``
   element, its ``article-headline`` h1); the headline is otherwise the page's first
   ``h1``;
2. otherwise ``<article>`` (the one with the most text), then ``<main>``;
3. otherwise the densest text container: each ``<p>`` credits its text length
   to its parent (and half to its grandparent), the best-scoring element wins;
4. otherwise ``<body>``.

Boilerplate is dropped before any of this: script, style, nav, header, footer,
aside, forms, iframes, elements whose class/id names sharing, cookies,
breadcrumbs, subscriptions, and "Skip to main content" links.

Bounds: the input is cut at ``MAX_INPUT_BYTES``; lxml parses with no network
access and its default depth limit (very deep nesting is cut, never a crash);
every tree walk here is iterative, so no Python recursion depends on the
input.

``html_to_text(fragment)`` is the same text conversion for an HTML fragment
(a feed description); plain text passes through with entities unescaped and
whitespace normalised.  It is the one HTML → text implementation of ir_feed.
"""

from __future__ import annotations

import codecs
import html as htmllib
import re

from lxml import etree, html

from ir_feed import sources

__all__ = ["MAX_INPUT_BYTES", "article_text", "html_to_text"]

MAX_INPUT_BYTES = 5 * 1024 * 1024

# Elements whose whole subtree is never article text.
_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "form", "button", "input", "select", "textarea", "iframe", "object", "embed",
        "svg", "canvas", "video", "audio", "map", "head", "title", "meta", "link",
    }
)  # fmt: skip
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# class/id tokens that mark widgets around the article, not the article.
_DROP_NAME = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|cookie|cookies|breadcrumbs?|skip|skiplink|"
    r"newsletter|subscribe|subscription|advert|ads|banner|sidebar|related|toolbar|"
    r"menu|navbar|modal|popup|print-only|sr-only|visually-hidden)(?:$|[\s_-])",
    re.IGNORECASE,
)
_SKIP_TEXT = re.compile(r"^\s*skip to (?:main )?content\s*$", re.IGNORECASE)

# Elements that end a paragraph (a blank line) and those that end a line.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "blockquote", "pre", "figure", "figcaption", "address", "hr", "center",
        "body", "html", "caption",
    }
)  # fmt: skip
_LINE_TAGS = frozenset({"br", "tr"})
_CELL_TAGS = frozenset({"td", "th"})

_PARA_BREAK = "\x00P"
_LINE_BREAK = "\x00L"
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (or of plain text): entities unescaped,
    block elements as paragraphs separated by blank lines, ``<br>`` as a line
    break, runs of whitespace collapsed.  Never raises."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _normalise(fragment)
    data = fragment.encode("utf-8", "replace")
    root = _parse(data, fragment=True)
    if root is None:
        return _normalise(fragment)
    if _lost_to_depth(root, data):
        return _stripped_text(data)
    _drop_boilerplate(root, keep=None)
    return _text_of(root)


def article_text(html: bytes | str, url: str | None = None) -> str:
    """The release body of a press-release page as plain text (headline first,
    paragraphs separated by blank lines); ``""`` when there is none.

    ``url`` is the page's address; it is accepted for callers' convenience and
    for future layout dispatch, and is never fetched.
    """
    del url  # the layout is recognised from the markup; nothing is fetched
    data = html.encode("utf-8", "replace") if isinstance(html, str) else bytes(html)
    data = data[:MAX_INPUT_BYTES]
    if _looks_binary(data):
        return ""
    utf8 = _to_utf8(data)
    root = _parse(utf8, fragment=False)
    if root is None:
        return ""
    if _lost_to_depth(root, utf8):
        return _stripped_text(utf8)
    body, headline_el = sources.article_body(root)
    if headline_el is None:
        headline_el = next(root.iter("h1"), None)
    headline = _text_of(headline_el) if headline_el is not None else ""
    _drop_boilerplate(root, keep=body)
    if body is None or _is_detached(body, root):
        body = _generic_body(root)
    if body is None:
        return headline
    text = _text_of(body)
    # the page's h1 lies outside the body: a body with its own h1 keeps that one
    outside = headline_el is not None and _is_detached(headline_el, body)
    if headline and outside and next(body.iter("h1"), None) is not None:
        headline = ""
    if headline and not text.startswith(headline):
        return f"{headline}\n\n{text}" if text else headline
    return text


# -- parsing -------------------------------------------------------------------


# libxml2's HTML parser stops building the tree past a fixed nesting depth (about 256
# elements): the text of a page nested deeper (hostile, or a broken template) is lost
# to it.  Such a page is read by stripping its tags instead (linear, bounded by
# MAX_INPUT_BYTES).
_SCRIPT = re.compile(rb"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(
    rb"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(rb"<[^>]*>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def _lost_to_depth(root: etree._Element, data: bytes) -> bool:
    """The tree holds less than half the words the bytes do (a normal page's tree holds
    them all: the text is the same, only the tags differ)."""
    kept = sum(len(str(t).split()) for t in root.itertext())
    return len(_ANY_TAG.sub(b" ", _SCRIPT.sub(b" ", data)).split()) > 2 * kept


def _stripped_text(data: bytes) -> str:
    text = _ANY_TAG.sub(b" ", _BLOCK_TAG.sub(b"\n", _SCRIPT.sub(b" ", data))).decode("utf-8", "replace")
    lines = (_BLANKS.sub(" ", htmllib.unescape(line)).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if not head.strip():
        return True
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return len(_CONTROL.findall(head)) > len(head) // 20


def _to_utf8(data: bytes) -> bytes:
    """Decode with the page's declared charset (else UTF-8, else cp1252) and
    re-encode as UTF-8, so lxml never guesses."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(codec, "replace").lstrip("\ufeff").encode("utf-8")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = ""
        if name and name != "utf-8":
            return data.decode(name, "replace").encode("utf-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace").encode("utf-8")
    return data


def _parse(data: bytes, *, fragment: bool) -> etree._Element | None:
    parser = html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
    try:
        root: etree._Element
        if fragment:
            root = html.fragment_fromstring(data, create_parent="div", parser=parser)
        else:
            root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


# -- finding the body ----------------------------------------------------------


def _generic_body(root: etree._Element) -> etree._Element | None:
    for tag in ("article", "main"):
        found = [el for el in root.iter(tag)]
        if found:
            return max(found, key=_text_len)
    scores: dict[etree._Element, float] = {}
    for p in root.iter("p"):
        n = _text_len(p)
        if n < 25:
            continue
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + n
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + n / 2
    if scores:
        return max(scores, key=lambda el: scores[el])
    bodies = [el for el in root.iter("body")]
    return bodies[0] if bodies else root


def _text_len(el: etree._Element) -> int:
    value = el.xpath("string-length(normalize-space(.))")
    return int(value) if isinstance(value, float) else 0


def _is_detached(el: etree._Element, root: etree._Element) -> bool:
    while el is not None:
        if el is root:
            return False
        parent = el.getparent()
        if parent is None:
            return True
        el = parent
    return True


# -- boilerplate ---------------------------------------------------------------


def _drop_boilerplate(root: etree._Element, *, keep: etree._Element | None) -> None:
    """Remove boilerplate subtrees; never ``keep``, its ancestors, or the
    ancestors of an ``<article>``/``<main>`` (a page-level class such as
    ``has-sidebar`` must not take the article with it)."""
    protected: set[etree._Element] = set()
    anchors = [keep] if keep is not None else []
    anchors += [el for el in root.iter("article", "main")]
    for anchor in anchors:
        protected.update(anchor.iterancestors())
        protected.add(anchor)
    doomed: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # stray comments / PIs
            continue
        tag = el.tag.lower()
        if el in protected or tag in ("html", "body"):
            continue
        if _is_boilerplate(el, tag):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail (text after the element belongs to the parent)
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _is_boilerplate(el: etree._Element, tag: str) -> bool:
    if tag in _DROP_TAGS:
        return True
    if el.get("role", "").lower() in _DROP_ROLES or el.get("aria-hidden") == "true":
        return True
    if _DROP_NAME.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return True
    return tag == "a" and bool(_SKIP_TEXT.match(_text_of(el)))


# -- text ----------------------------------------------------------------------


def _text_of(el: etree._Element) -> str:
    """Iterative walk emitting text with paragraph/line markers, then tidy."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append(_PARA_BREAK)
            elif tag in _CELL_TAGS:
                parts.append(" ")
            if node.text and isinstance(node.tag, str):
                parts.append(node.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append(_PARA_BREAK)
            elif tag in _LINE_TAGS:
                parts.append(_LINE_BREAK)
            elif tag in _CELL_TAGS:
                parts.append(" ")
            if node.tail and node is not el:
                parts.append(node.tail)
    return _tidy("".join(parts))


def _tidy(raw: str) -> str:
    paragraphs: list[str] = []
    for block in raw.split(_PARA_BREAK):
        lines = [_normalise(line) for line in block.split(_LINE_BREAK)]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
