"""Migration 0007 gives the versions stored before it the time they were replaced (the
next version's ``seen_at``), so retention treats old corrections as the new code would
have recorded them; a release's current version stays unreplaced.  SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, insert, select

from ir_feed.services.pruning import prune
from ir_feed.settings import RetentionSettings
from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import ReleaseRow, ReleaseVersionRow

T0 = datetime(2025, 1, 1, tzinfo=UTC)
DAY = timedelta(days=1)


def _release(key: str, version: int) -> dict[str, Any]:
    return {
        "key": key,
        "title": key,
        "tickers": [],
        "subjects": [],
        "summary": "",
        "text": f"{key} v{version}",
        "full_text": True,
        "content_hash": "h",
        "version": version,
        "first_seen_at": T0,
        "last_seen_at": T0,
        "updated_at": T0,
    }


def _version(release_id: int, version: int, seen_at: datetime) -> dict[str, Any]:
    return {
        "release_id": release_id,
        "version": version,
        "content_hash": f"h{version}",
        "title": "t",
        "summary": "s",
        "text": f"v{version}",
        "full_text": True,
        "seen_at": seen_at,
    }


def test_versions_stored_before_0007_get_when_they_were_replaced(empty_engine: Engine) -> None:
    engine = empty_engine
    store_engine.upgrade(engine, "0006")
    releases, versions = ReleaseRow.__table__, ReleaseVersionRow.__table__
    assert isinstance(releases, Table) and isinstance(versions, Table)
    with engine.begin() as conn:  # the rows as 0006 knows them (no retention columns yet)
        corrected = conn.execute(insert(releases).values(_release("a", 3))).inserted_primary_key[0]
        single = conn.execute(insert(releases).values(_release("b", 1))).inserted_primary_key[0]
        conn.execute(
            insert(versions),
            [
                _version(corrected, 1, T0),
                _version(corrected, 2, T0 + 5 * DAY),
                _version(corrected, 3, T0 + 40 * DAY),
                _version(single, 1, T0),
            ],
        )

    store_engine.upgrade(engine)

    with session_factory(engine)() as s:
        got = {
            (r.release_id, r.version): (r.superseded_at, r.text_pruned_at) for r in s.scalars(select(ReleaseVersionRow))
        }
    assert got == {
        (corrected, 1): (T0 + 5 * DAY, None),
        (corrected, 2): (T0 + 40 * DAY, None),
        (corrected, 3): (None, None),
        (single, 1): (None, None),
    }
    # and retention reads them so: at T0 + 50, 30 days keep what was replaced after T0 + 20
    result = prune(engine, RetentionSettings(old_version_text_days=30), now=T0 + 50 * DAY, pause=0)
    assert result.counts.version_texts == 1
    with session_factory(engine)() as s:
        texts = dict(
            s.execute(
                select(ReleaseVersionRow.version, ReleaseVersionRow.text).where(
                    ReleaseVersionRow.release_id == corrected
                )
            ).all()
        )
    assert texts == {1: "", 2: "v2", 3: None}  # (0010: the current version's text is the release's)
