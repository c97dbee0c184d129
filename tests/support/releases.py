"""Store releases with a given extraction, as the poller would, for tests and benches.

``press_release`` builds a normalized release; ``store_release`` saves it,
records the events (diffs included) and fans the diffs out to the outbox, in
one transaction, exactly like a poll — without a feed or the extractor, so a
test controls the facts precisely.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine

from ir_feed.events import Event, Extraction, ReleaseFacts
from ir_feed.models import PressRelease, Ticker
from ir_feed.normalize import content_hash
from ir_feed.store import outbox
from ir_feed.store.engine import session_factory
from ir_feed.store.events import apply_extraction
from ir_feed.store.releases import save_release
from ir_feed.store.tables import ReleaseRow

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def press_release(
    rid: str,
    published: datetime | None,
    tickers: Sequence[Ticker],
    *,
    text: str = "Body.",
    title: str | None = None,
    issuer: str = "Issuer",
    url: str | None = None,
) -> PressRelease:
    title = title or f"Release {rid}"
    return PressRelease(
        key=f"globenewswire.com:{rid}",
        guid=None,
        url=url or f"https://example.test/news/{rid}?a=1&b=2",
        title=title,
        published=published,
        modified=None,
        issuer=issuer,
        tickers=tuple(tickers),
        isin=None,
        language="en",
        subjects=(),
        summary=text,
        text=text,
        full_text=True,
        content_hash=content_hash(title, text),
    )


def store_release(
    engine: Engine,
    release: PressRelease,
    events: Sequence[Event],
    *,
    company: str | None,
    now: datetime = NOW,
    extractor_version: str = "test",
) -> int:
    """Save ``release`` stating ``events``; fan its diffs out; return how many messages were queued."""
    with session_factory(engine, write=True).begin() as s:
        saved = save_release(s, release, feed_id=None, now=now)
        row = s.get_one(ReleaseRow, saved.release_id)
        facts = ReleaseFacts(company, release.published.date() if release.published else None, release.tickers)
        extraction = Extraction(facts, tuple(events), extractor_version)
        diffs = apply_extraction(s, release=row, extraction=extraction, cause="poll", now=now)
        return outbox.enqueue(s, diffs, now)
