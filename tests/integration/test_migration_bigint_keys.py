"""Migration 0009: row ids (and the columns referring to them) are 64-bit on
PostgreSQL, as SQLite's rowid is; a database upgraded from 0008 keeps its rows and
goes on numbering past 2**31, through storing, fan-out, delivery and the API's
cursors.  SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import BigInteger, Engine, Integer, insert, inspect, select, text

from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, FeedRow, MessageRow, ReleaseRow
from tests.integration.test_delivery_outbox import Clock, deliver, messages, publish, subscribe
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
        if table == "alembic_version":
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
    http_server.route("/hook", Response(204), Response(204))
    subscribe(engine, "desk", http_server.url("/hook"))
    publish(engine, "1", "NWB-101")  # a release, its event, diff and message as 0008 stored them
    store_engine.upgrade(engine)
    assert store_engine.is_at_head(engine)
    _restart_ids_past_32_bits(engine)

    publish(engine, "2", "NWB-202")
    with session_factory(engine)() as s:
        release_ids = list(s.scalars(select(ReleaseRow.id).order_by(ReleaseRow.id)))
        diff_ids = list(s.scalars(select(DiffRow.id).order_by(DiffRow.id)))
    assert release_ids[0] < 2**31 and diff_ids[0] < 2**31  # the old rows, kept
    if engine.dialect.name == "postgresql":
        assert release_ids[1] > 2**31 and diff_ids[1] > 2**31
    sent = messages(engine)
    assert len(sent) == 2 and (engine.dialect.name == "sqlite" or sent[1].id > 2**31)
    assert sent[1].diff_id == diff_ids[1]
    result = deliver(engine, Clock())  # the outbox's claims bind these ids
    assert (result.sent, result.delivered) == (2, 2)
    assert all(m.status == "delivered" for m in messages(engine))
    with session_factory(engine)() as s:
        assert s.scalar(select(MessageRow.id).where(MessageRow.diff_id == diff_ids[1])) == sent[1].id
