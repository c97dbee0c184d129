"""Migration 0010: a release's current version no longer keeps a second copy of its
text (the release row holds it); replaced versions keep theirs.  Downgrading puts the
copies back.  SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import Engine, Table, insert, select

from ir_feed.store import engine as store_engine
from ir_feed.store.tables import ReleaseRow, ReleaseVersionRow
from tests.integration.test_migration_retention import _release, _version

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _texts(engine: Engine) -> dict[tuple[Any, int], str | None]:
    versions = ReleaseVersionRow.__table__
    assert isinstance(versions, Table)
    with engine.connect() as conn:
        rows = conn.execute(select(versions.c.release_id, versions.c.version, versions.c.text)).all()
    return {(r.release_id, r.version): r.text for r in rows}


def test_the_current_versions_copy_of_the_text_goes_and_comes_back_on_downgrade(empty_engine: Engine) -> None:
    engine = empty_engine
    store_engine.upgrade(engine, "0009")
    releases, versions = ReleaseRow.__table__, ReleaseVersionRow.__table__
    assert isinstance(releases, Table) and isinstance(versions, Table)
    with engine.begin() as conn:  # as 0009 stored them: every version with its text
        corrected = conn.execute(insert(releases).values(_release("a", 2))).inserted_primary_key[0]
        single = conn.execute(insert(releases).values(_release("b", 1))).inserted_primary_key[0]
        conn.execute(
            insert(versions),
            [
                _version(corrected, 1, T0) | {"superseded_at": T0 + timedelta(days=1)},
                _version(corrected, 2, T0 + timedelta(days=1)) | {"text": "a v2", "superseded_at": None},
                _version(single, 1, T0) | {"text": "b v1", "superseded_at": None},
            ],
        )
    store_engine.upgrade(engine)
    assert _texts(engine) == {(corrected, 1): "v1", (corrected, 2): None, (single, 1): None}
    with engine.connect() as conn:  # the release rows keep the text
        assert dict(conn.execute(select(releases.c.key, releases.c.text)).all()) == {"a": "a v2", "b": "b v1"}

    command.downgrade(store_engine.alembic_config(engine), "0009")
    assert _texts(engine) == {(corrected, 1): "v1", (corrected, 2): "a v2", (single, 1): "b v1"}
