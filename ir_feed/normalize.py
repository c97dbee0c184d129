"""Feed item (+ release page text) → :class:`~ir_feed.models.PressRelease`.

Pure.  Decides a release's identity and its content hash:

* ``key``: ``<wire host>:<release id>`` when the wire gives a stable id
  (GlobeNewswire's ``dc:identifier``), else the GUID, else the link, else a hash
  of title and date.  The same release seen in two feeds gets the same key — unless
  its only identity is a guid that is not a URL, or its title and date: those are
  scoped to the feed (two feeds' ``<guid>g1</guid>`` are two releases).
* ``content_hash``: SHA-256 of the title and the best text we have, with
  white space folded, so re-rendered markup does not make a new version but a
  corrected sentence does.

Every value is made storable: NUL characters are removed (PostgreSQL text
cannot hold them), the issuer is cut to ``MAX_ISSUER`` characters, and a
language, ISIN or listing that does not fit its column is dropped.  With
``now``, a date more than ``MAX_FUTURE`` after it (an item dated 2099) is
clamped to ``now``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from ir_feed.models import (
    MAX_ISSUER,
    MAX_LANGUAGE,
    FeedItem,
    PressRelease,
    clean_text,
    storable_ticker,
    valid_isin,
)

_WS = re.compile(r"\s+")
MAX_KEY = 300
_KEY_COLUMN = 500  # releases.key String(500)
_MAX_KEY_PREFIX = _KEY_COLUMN - len(":sha256:") - 64
MAX_FUTURE = timedelta(days=1)  # a date later than ``now`` + this is clamped to ``now``


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
    """``prefix:value`` when it has at most ``MAX_KEY`` characters, else
    ``prefix:sha256:<hash of value>``; a prefix too long for that to fit the
    key column (a "host" no DNS name is this long) is hashed with the value."""
    key = f"{prefix}:{value}"
    if len(key) <= MAX_KEY:
        return key
    if len(prefix) > _MAX_KEY_PREFIX:
        return f"sha256:{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()}"
    return f"{prefix}:sha256:{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()}"


def _canonical_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an invalid IPv6 host: keep the text as it is
        return url.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _clean(value: str | None) -> str | None:
    return clean_text(value) if value else value


def release_key(item: FeedItem, feed: str | None = None) -> str:
    """The stable identity of the release this item announces.

    A wire id, a URL guid or a link names the release wherever it is seen; a guid
    that is not a URL ("g1", "item-42") or, failing all, the title and date only
    mean something inside their ``feed`` (its URL), so they are scoped to it: two
    feeds' "g1" are two releases, and one feed cannot rewrite another's facts."""
    release_id, guid, url = _clean(item.release_id), _clean(item.guid), _clean(item.url)
    if release_id and release_id.strip():
        wire = _host(guid) or _host(url) or "id"
        return _bounded(wire, release_id.strip())
    if guid and guid.strip():
        guid = guid.strip()
        if "://" in guid:
            return _bounded("guid", _canonical_url(guid))
        return scoped_guid_key(feed, guid)
    if url and url.strip():
        return _bounded("url", _canonical_url(url))
    stamp = item.published.isoformat() if item.published else ""
    return scoped_hash_key(feed, item.title, stamp)


def scoped_guid_key(feed: str | None, guid: str) -> str:
    """The key of a release known only by a guid that is not a URL, inside ``feed``."""
    return _bounded("guid", f"{_canonical_url(feed)}#{guid}" if feed else guid)


def scoped_hash_key(feed: str | None, title: str, stamp: str) -> str:
    """The key of a release with no guid or link: its title and date, inside ``feed``."""
    scope = f"{_canonical_url(feed)}|" if feed else ""
    digest = hashlib.sha256(f"{scope}{fold_space(title)}|{stamp}".encode()).hexdigest()
    return f"hash:{digest}"


def entry_key(item: FeedItem) -> str:
    """The item's identity inside one feed (its GUID, else link, else release key)."""
    for value in (item.guid, item.url):
        if value and value.strip():
            return clean_text(value).strip()[:500] or release_key(item)
    return release_key(item)


def content_hash(title: str, text: str) -> str:
    payload = f"{fold_space(title)}\n{fold_space(text)}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _not_future(value: datetime | None, now: datetime | None) -> datetime | None:
    if value is None or now is None or value <= now + MAX_FUTURE:
        return value
    return now


def _issuer(issuer: str | None) -> str | None:
    if not issuer:
        return None
    return fold_space(clean_text(issuer))[:MAX_ISSUER].rstrip() or None


def _language(language: str | None) -> str | None:
    language = _clean(language)
    return language if language and len(language) <= MAX_LANGUAGE else None


def normalize(
    item: FeedItem, *, page_text: str | None = None, now: datetime | None = None, feed: str | None = None
) -> PressRelease:
    """Build the release from its feed item and, when fetched, the release page's text.

    ``now`` (aware) is the time of the poll: a ``published`` or ``modified``
    more than ``MAX_FUTURE`` (1 day) after it is taken as ``now``, so an item
    dated in the future does not sort first forever.  Without ``now`` dates are
    kept as they are.  The key is made from the item's own dates, never ``now``;
    ``feed`` (the feed's URL) scopes the keys that only mean something inside it
    (:func:`release_key`).
    """
    if now is not None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError(f"now must be an aware datetime, got {now!r}")
        now = now.astimezone(UTC)
    title = fold_space(clean_text(item.title))
    page = clean_text(page_text).strip() if page_text else ""
    content = clean_text(item.content).strip() if item.content else ""
    summary = clean_text(item.summary).strip()
    if page:
        text, full = page, True
    elif content:
        text, full = content, True
    else:
        text, full = summary, False
    return PressRelease(
        key=release_key(item, feed),
        guid=_clean(item.guid),
        url=_clean(item.url),
        title=title,
        published=_not_future(item.published, now),
        modified=_not_future(item.modified, now),
        issuer=_issuer(item.issuer),
        tickers=tuple(t for t in dict.fromkeys(item.tickers) if storable_ticker(t)),
        isin=valid_isin(item.isin),
        language=_language(item.language),
        subjects=tuple(s for s in (clean_text(s) for s in item.subjects) if s),
        summary=summary,
        text=text,
        full_text=full,
        content_hash=content_hash(title, text),
    )
