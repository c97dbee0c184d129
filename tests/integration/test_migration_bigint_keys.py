"""Migration 0009: row ids (and the columns referring to them) are 64-bit on
PostgreSQL, as SQLite's rowid is; a database upgraded from 0008 keeps its rows and
goes on numbering past 2**31, through storing, fan-out and delivery.  SQLite and
PostgreSQL."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import BigInteger, Engine, Integer, Table, insert, inspect, select, text

from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, FeedRow, ReleaseRow, ReleaseVersionRow
from tests.integration.test_delivery_outbox import Clock, deliver, messages, publish, subscribe
from tests.integration.test_migration_retention import _release, _version
from tests.support.httpserver import LocalHTTPServer, Response

PAST_32_BITS = 2**31 + 7
_MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0009_bigint_keys.py"


def _columns() -> dict[str, tuple[str, ...]]:
    spec = importlib.util.spec_from_file_location("bigint_keys", _MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    columns: dict[str, tuple[str, ...]] = module.COLUMNS
    return columns


def test_the_migration_names_every_key_column_of_the_schema(engine: Engine) -> None:
    # a table or a reference added later must be added to 0009's successor, not forgotten
    found: dict[str, set[str]] = {}
    for table in inspect(engine).get_table_names():
        if table in ("alembic_version", "daemons"):  # (a daemon's id is a random name, no row number)
            continue
        cols = {"id"} | {c for fk in inspect(engine).get_foreign_keys(table) for c in fk["constrained_columns"]}
        found[table] = cols
    assert found == {t: set(c) for t, c in _columns().items()}


def test_every_key_column_is_64_bit(engine: Engine) -> None:
    wanted = Integer if engine.dialect.name == "sqlite" else BigInteger  # (SQLite's INTEGER key is 64-bit)
    for table, columns in _columns().items():
        types = {c["name"]: c["type"] for c in inspect(engine).get_columns(table)}
        for column in columns:
            assert isinstance(types[column], wanted), (table, column, types[column])


def _restart_ids_past_32_bits(engine: Engine) -> None:
    """Make the next row of every table get an id past 2**31."""
    with engine.begin() as conn:
        for table in _columns():
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {PAST_32_BITS})"))
    if engine.dialect.name == "sqlite":  # (a rowid follows the largest one: a feed placed there)
        now = datetime(2026, 1, 1, tzinfo=UTC)
        with engine.begin() as conn:
            conn.execute(
                insert(FeedRow).values(
                    id=PAST_32_BITS,
                    name="placeholder",
                    url="http://x",
                    next_poll_at=now,
                    created_at=now,
                    updated_at=now,
                )
            )


def test_an_upgraded_database_keeps_its_rows_and_numbers_past_2_31(
    empty_engine: Engine, http_server: LocalHTTPServer
) -> None:
    engine = empty_engine
    store_engine.upgrade(engine, "0008")
    releases, versions = ReleaseRow.__table__, ReleaseVersionRow.__table__
    assert isinstance(releases, Table) and isinstance(versions, Table)
    with engine.begin() as conn:  # a release and its version as 0008 stored them
        old = conn.execute(insert(releases).values(_release("old", 1))).inserted_primary_key[0]
        conn.execute(insert(versions).values(_version(old, 1, datetime(2025, 1, 1, tzinfo=UTC))))
    store_engine.upgrade(engine)
    assert store_engine.is_at_head(engine)
    _restart_ids_past_32_bits(engine)

    http_server.route("/hook", Response(204))
    subscribe(engine, "desk", http_server.url("/hook"))
    publish(engine, "2", "NWB-202")  # a release, its event, diff and message, past 2**31
    with session_factory(engine)() as s:
        release_ids = list(s.scalars(select(ReleaseRow.id).order_by(ReleaseRow.id)))
        (diff_id,) = s.scalars(select(DiffRow.id))
        assert s.get_one(ReleaseRow, old).key == "old"  # kept
    assert release_ids[0] == old < 2**31
    (message,) = messages(engine)
    assert message.diff_id == diff_id
    if engine.dialect.name == "postgresql":
        assert release_ids[1] > 2**31 and diff_id > 2**31 and message.id > 2**31
    result = deliver(engine, Clock())  # the outbox's claims bind these ids
    assert (result.sent, result.delivered) == (1, 1)
    assert [m.status for m in messages(engine)] == ["delivered"]
