"""``reprocess``: re-run the current extractor over stored releases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from ir_feed.extract import EXTRACTOR_VERSION
from ir_feed.services.clock import utcnow
from ir_feed.services.extraction import extract_row
from ir_feed.store import engine as store_engine
from ir_feed.store import events as event_store
from ir_feed.store import outbox
from ir_feed.store import releases as release_store
from ir_feed.store.tables import ReleaseRow


@dataclass(frozen=True, slots=True)
class ReprocessSummary:
    releases: int
    created: int
    updated: int
    retracted: int
    extractor_version: str
    awaiting_page: int = 0  # corrections known only by their summary: left as they are


def reprocess(
    engine: Engine,
    *,
    since: datetime | None = None,
    ticker: str | None = None,
    batch: int = 50,
    clock: Callable[[], datetime] = utcnow,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ReprocessSummary:
    """Re-run the current extractor over stored releases and record only what changed.

    Each batch is its own transaction, so an interrupted run keeps what it did and
    a second run finds nothing left to change (it records no duplicate diffs).
    ``progress(done, total)`` is called after every batch.
    """
    read = store_engine.session_factory(engine)
    write = store_engine.session_factory(engine, write=True)
    with read() as session:
        ids = release_store.release_ids(session, since=since, ticker=ticker)
    counts = {"event.created": 0, "event.updated": 0, "event.retracted": 0}
    done = awaiting = 0
    version = EXTRACTOR_VERSION
    for start in range(0, len(ids), batch):
        if should_stop():
            break
        chunk = ids[start : start + batch]
        with write.begin() as session:
            event_store.serialise_writers(session)
            now = clock()
            for rid in chunk:
                row = session.get_one(ReleaseRow, rid)
                if release_store.awaiting_page(session, row):
                    awaiting += 1  # its facts stay as the last full text stated them
                    continue
                extraction = extract_row(row)
                version = extraction.extractor_version
                diffs = event_store.apply_extraction(
                    session, release=row, extraction=extraction, cause="reprocess", now=now
                )
                outbox.enqueue(session, diffs, now)
                for diff in diffs:
                    counts[diff.type] += 1
        done += len(chunk)
        if progress is not None:
            progress(done, len(ids))
    return ReprocessSummary(
        releases=done,
        created=counts["event.created"],
        updated=counts["event.updated"],
        retracted=counts["event.retracted"],
        extractor_version=version,
        awaiting_page=awaiting,
    )
