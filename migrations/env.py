"""Alembic environment for ir_feed.

Run through ``ir-feed db upgrade`` (which passes its engine in
``config.attributes["engine"]``) or plain ``alembic`` with ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, engine_from_config, pool

from ir_feed.store.tables import POSTGRESQL_ONLY_INDEXES, Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations must not import application types: UTCDateTime is stored as a
    # plain timezone-aware DateTime.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"

    def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        # the indexes made on PostgreSQL only are no difference elsewhere
        return postgresql or type_ != "index" or name not in POSTGRESQL_ONLY_INDEXES

    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER
        compare_type=True,
        render_item=_render_item,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        engine = engine_from_config(
            config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
        )
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
