"""Databases as an older schema revision left them, for the data-migration tests.

Today's code writes rows at the schema head (its tables have every column the later
migrations added); ``downgrade_to`` then takes the schema back to an older revision —
the later migrations' columns dropped, the rows kept — so the migration under test
runs on a database such as that revision's code left."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from ir_feed.store import engine as store_engine


def downgrade_to(engine: Engine, revision: str) -> None:
    command.downgrade(store_engine.alembic_config(engine), revision)
    assert store_engine.current_revision(engine) == revision
