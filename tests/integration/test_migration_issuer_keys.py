"""Migration 0004 moves a database written by extractor 2026.12.1 (events keyed by
listing, raw exchange labels) to keys by issuer symbol and canonical exchange codes,
merging the facts one issuer's two listings had split — and ``reprocess`` afterwards
finds nothing that really changed.  SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select, text, update

from ir_feed.models import Ticker
from ir_feed.services import reprocess
from ir_feed.services.extraction import extract_row
from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory
from ir_feed.store.events import apply_extraction
from ir_feed.store.queries import EventFilter, list_events
from ir_feed.store.releases import list_releases, save_release
from ir_feed.store.tables import (
    DiffRow,
    EventRow,
    EventSourceRow,
    EventTickerRow,
    ReleaseRow,
    ReleaseTickerRow,
    SubscriptionRow,
)
from tests.support.releases import press_release
from tests.support.schema import downgrade_to

GRANT = (
    "BOSTON, Jan. 5, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) today announced that the U.S. Food "
    "and Drug Administration (FDA) has granted Fast Track designation to ACM-101 for the treatment of "
    "idiopathic pulmonary fibrosis."
)
# months later the company trades over the counter; its feed files it under "Other OTC"
RECALL = (
    "BOSTON, Sept. 8, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. today announced that the U.S. Food and Drug "
    "Administration (FDA) has granted Fast Track designation to ACM-101 for the treatment of idiopathic "
    "pulmonary fibrosis, the company said again."
)
KEY = "acme|designation|fda|fast-track|acm101|idiopathic-pulmonary-fibrosis"


def _store(engine: Engine, rid: str, published: datetime, ticker: Ticker, body: str) -> None:
    release = press_release(rid, published, [ticker], text=body, issuer="Acme Bio, Inc.")
    with session_factory(engine, write=True).begin() as s:
        saved = save_release(s, release, feed_id=None, now=published)
        row = s.get_one(ReleaseRow, saved.release_id)
        apply_extraction(s, release=row, extraction=extract_row(row), cause="poll", now=published)


def _as_written_by_2026_12_1(engine: Engine, listing: str, label: str) -> None:
    """Give the newest event the key and listing labels the previous version wrote."""
    with session_factory(engine, write=True).begin() as s:
        event = s.scalars(select(EventRow).where(EventRow.key == KEY)).one()
        event.key = f"{listing}-acme|" + KEY.split("|", 1)[1]
        s.execute(update(DiffRow).where(DiffRow.event_id == event.id).values(event_key=event.key))
        if label:
            s.execute(update(EventTickerRow).where(EventTickerRow.event_id == event.id).values(exchange=label))
            s.execute(update(ReleaseTickerRow).values(exchange=label).where(ReleaseTickerRow.exchange == "OTC"))
            event.tickers = [f"{label}:ACME"]
            for r in s.scalars(select(ReleaseRow)):
                r.tickers = [t.replace("OTC:", f"{label}:") for t in r.tickers]


def test_split_facts_merge_and_reprocess_finds_no_change(empty_engine: Engine) -> None:
    engine = empty_engine
    store_engine.upgrade(engine)  # rows as today's code writes them, then taken back to 0003
    _store(engine, "1", datetime(2026, 1, 5, 12, tzinfo=UTC), Ticker("NASDAQ", "ACME"), GRANT)
    _as_written_by_2026_12_1(engine, "nasdaq", "")
    _store(engine, "2", datetime(2026, 9, 8, 12, tzinfo=UTC), Ticker("OTC", "ACME"), RECALL)
    _as_written_by_2026_12_1(engine, "other-otc", "OTHER OTC")
    with session_factory(engine, write=True).begin() as s:
        s.add(
            SubscriptionRow(
                name="desk",
                url="https://hooks.example.test/x",
                format="webhook",
                secrets=["whsec_x"],
                filters={"tickers": ["NYSEAMERICAN:ABC", "Other OTC:ACME", "ACME"]},
                enabled=True,
                origin="cli",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
                updated_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
    with session_factory(engine).begin() as s:
        assert len(s.scalars(select(EventRow)).all()) == 2  # one fact, split by listing

    downgrade_to(engine, "0003")
    store_engine.upgrade(engine)

    with session_factory(engine).begin() as s:
        (event,) = s.scalars(select(EventRow)).all()
        assert event.key == KEY
        assert event.tickers == ["NASDAQ:ACME", "OTC:ACME"]
        assert event.occurred_at.date().isoformat() == "2026-01-05"  # the first report's
        assert "company said again" in event.evidence  # the newest release's state
        assert {d.event_key for d in s.scalars(select(DiffRow))} == {KEY}
        assert len(s.scalars(select(DiffRow)).all()) == 2  # history kept
        assert len(s.scalars(select(EventSourceRow).where(EventSourceRow.event_id == event.id)).all()) == 2
        assert sorted(
            (t.exchange, t.symbol) for t in s.scalars(select(EventTickerRow).where(EventTickerRow.event_id == event.id))
        ) == [("NASDAQ", "ACME"), ("OTC", "ACME")]
        assert {tuple(r.tickers) for r in s.scalars(select(ReleaseRow))} == {("NASDAQ:ACME",), ("OTC:ACME",)}
        assert {t.exchange for t in s.scalars(select(ReleaseTickerRow))} == {"NASDAQ", "OTC"}
        sub = s.scalars(select(SubscriptionRow)).one()
        assert sub.filters["tickers"] == ["ACME", "NYSE AMERICAN:ABC", "OTC:ACME"]
        # the ticker filters on events and releases agree
        for wanted in ("OTC:ACME", "Other OTC:ACME", "NASDAQ:ACME", "ACME"):
            assert [e.key for e in list_events(s, EventFilter(ticker=wanted))] == [KEY]
        assert len(list_releases(s, ticker="OTC:ACME")) == 1

    summary = reprocess(engine)
    assert (summary.created, summary.updated, summary.retracted) == (0, 0, 0)
    with session_factory(engine).begin() as s:
        assert s.scalar(text("select count(*) from diffs")) == 2
