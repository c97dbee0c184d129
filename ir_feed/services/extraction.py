"""Running the (pure) extractor over a release: the text it reads and its inputs."""

from __future__ import annotations

from ir_feed.events import Extraction
from ir_feed.extract import extract
from ir_feed.models import PressRelease, Ticker
from ir_feed.store.tables import ReleaseRow


def extraction_text(title: str, text: str) -> str:
    """The text the extractor reads: the headline, then the body."""
    if text.startswith(title):
        return text
    return f"{title}\n\n{text}"


def extract_release(release: PressRelease) -> Extraction:
    """Run the (pure) extractor over a normalized release."""
    return extract(
        extraction_text(release.title, release.text),
        feed_tickers=release.tickers,
        issuer=release.issuer,
        published=release.published.date() if release.published else None,
    )


def extract_row(row: ReleaseRow) -> Extraction:
    return extract(
        extraction_text(row.title, row.text),
        feed_tickers=tuple(Ticker.parse(t) for t in row.tickers),
        issuer=row.issuer,
        published=row.published_at.date() if row.published_at else None,
    )
