"""Running the (pure) extractor over a release: the text it reads and its inputs.

The extractor is built never to raise (a hypothesis test holds it to that).
Should a bug slip through anyway, the release is still stored — with its feed
listings and no events — and the failure is logged as ``extraction_failed``;
``ir-feed reprocess`` picks it up once the extractor is fixed.  A bad release
never costs the feed its other releases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from ir_feed.events import Extraction, ReleaseFacts
from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.logs import get_logger
from ir_feed.models import PressRelease, Ticker
from ir_feed.store.tables import ReleaseRow


def extraction_text(title: str, text: str) -> str:
    """The text the extractor reads: the headline, then the body."""
    if text.startswith(title):
        return text
    return f"{title}\n\n{text}"


def _safe_extract(
    key: str, title: str, text: str, tickers: Sequence[Ticker], issuer: str | None, published: date | None
) -> Extraction:
    try:
        return fit_columns(
            extract(extraction_text(title, text), feed_tickers=tickers, issuer=issuer, published=published)
        )
    except Exception as exc:
        get_logger(component="extractor").error("extraction_failed", release=key, error=repr(exc)[:500])
        return Extraction(ReleaseFacts(issuer, published, tuple(tickers)), (), EXTRACTOR_VERSION)


#: The longest value each event field's column holds (ir_feed/store/tables.py, EventRow).
FIELD_LIMITS = {"agency": 60, "designation": 60, "product": 300, "trial": 300, "phase": 20, "status": 30}


def fit_columns(extraction: Extraction) -> Extraction:
    """Events whose fields fit their columns: a longer value is cut (the same way every
    time, so re-extracting the same text gives the same state and no diff).  The
    extractor does not produce such values on the corpus; hostile text might."""
    events = []
    changed = False
    for event in extraction.events:
        cut: dict[str, Any] = {
            name: value[:limit]
            for name, limit in FIELD_LIMITS.items()
            if isinstance(value := getattr(event, name, None), str) and len(value) > limit
        }
        if cut:
            changed = True
            event = dataclasses.replace(event, **cut)
        events.append(event)
    return dataclasses.replace(extraction, events=tuple(events)) if changed else extraction


def extract_release(release: PressRelease) -> Extraction:
    """Run the extractor over a normalized release."""
    published = release.published.date() if release.published else None
    return _safe_extract(release.key, release.title, release.text, release.tickers, release.issuer, published)


def extract_row(row: ReleaseRow) -> Extraction:
    """Run the extractor over a stored release."""
    published = row.published_at.date() if row.published_at else None
    tickers = tuple(Ticker.parse(t) for t in row.tickers)
    return _safe_extract(row.key, row.title, row.text, tickers, row.issuer, published)
