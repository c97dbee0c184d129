"""The Alembic history builds the schema the code expects, on both backends."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from ir_feed.store import engine as store_engine


def test_upgrade_empty_database_to_head(empty_engine: Engine) -> None:
    assert store_engine.current_revision(empty_engine) is None
    store_engine.upgrade(empty_engine)
    assert store_engine.is_at_head(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"feeds", "feed_entries", "releases", "release_versions", "release_tickers"} <= tables


def test_models_match_migrations(engine: Engine) -> None:
    # `alembic check`: autogenerate finds nothing to do.
    store_engine.check(engine)


def test_upgrade_is_idempotent_and_downgrade_works(engine: Engine) -> None:
    store_engine.upgrade(engine)
    assert store_engine.is_at_head(engine)
    from alembic import command

    command.downgrade(store_engine.alembic_config(engine), "base")
    assert store_engine.current_revision(engine) is None
    assert "releases" not in inspect(engine).get_table_names()
