"""Feed item (+ release page text) → :class:`~ir_feed.models.PressRelease`.

Pure.  Decides a release's identity and its content hash:

* ``key``: ``<wire host>:<release id>`` when the wire gives a stable id
  (GlobeNewswire's ``dc:identifier``), else the GUID, else the link, else a hash
  of title and date.  The same release seen in two feeds gets the same key.
* ``content_hash``: SHA-256 of the title and the best text we have, with
  white space folded, so re-rendered markup does not make a new version but a
  corrected sentence does.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from ir_feed.models import FeedItem, PressRelease

_WS = re.compile(r"\s+")
MAX_KEY = 300


def fold_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _bounded(prefix: str, value: str) -> str:
    key = f"{prefix}:{value}"
    if len(key) <= MAX_KEY:
        return key
    return f"{prefix}:sha256:{hashlib.sha256(value.encode()).hexdigest()}"


def _canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def release_key(item: FeedItem) -> str:
    """The stable identity of the release this item announces."""
    if item.release_id:
        wire = _host(item.guid) or _host(item.url) or "id"
        return _bounded(wire, item.release_id.strip())
    if item.guid and item.guid.strip():
        guid = item.guid.strip()
        return _bounded("guid", _canonical_url(guid) if "://" in guid else guid)
    if item.url:
        return _bounded("url", _canonical_url(item.url))
    stamp = item.published.isoformat() if item.published else ""
    digest = hashlib.sha256(f"{fold_space(item.title)}|{stamp}".encode()).hexdigest()
    return f"hash:{digest}"


def entry_key(item: FeedItem) -> str:
    """The item's identity inside one feed (its GUID, else link, else release key)."""
    for value in (item.guid, item.url):
        if value and value.strip():
            return value.strip()[:500]
    return release_key(item)


def content_hash(title: str, text: str) -> str:
    payload = f"{fold_space(title)}\n{fold_space(text)}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def normalize(item: FeedItem, *, page_text: str | None = None) -> PressRelease:
    """Build the release from its feed item and, when fetched, the release page's text."""
    title = fold_space(item.title)
    if page_text and page_text.strip():
        text, full = page_text.strip(), True
    elif item.content and item.content.strip():
        text, full = item.content.strip(), True
    else:
        text, full = item.summary.strip(), False
    return PressRelease(
        key=release_key(item),
        guid=item.guid,
        url=item.url,
        title=title,
        published=item.published,
        modified=item.modified,
        issuer=fold_space(item.issuer) if item.issuer else None,
        tickers=tuple(dict.fromkeys(item.tickers)),
        isin=item.isin,
        language=item.language,
        subjects=item.subjects,
        summary=item.summary.strip(),
        text=text,
        full_text=full,
        content_hash=content_hash(title, text),
    )
