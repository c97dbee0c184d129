"""Connection set-up and schema guards."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from ir_feed.errors import StoreError
from ir_feed.settings import parse_settings
from ir_feed.store.engine import make_engine, migrations_dir, normalize_url, prepare


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    engine.dispose()


def test_prepare_migrates_an_embedded_sqlite_file_and_creates_its_directory(tmp_path: Path) -> None:
    settings = parse_settings({"database": {"url": "sqlite:///deep/dir/ir.db"}}, base_dir=tmp_path, env={})
    engine = prepare(settings)
    assert (tmp_path / "deep" / "dir" / "ir.db").exists()
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from releases")).scalar() == 0
    engine.dispose()


@pytest.mark.postgres
def test_prepare_refuses_an_out_of_date_postgresql_schema(pg_url: str) -> None:
    settings = parse_settings({"database": {"url": pg_url}}, base_dir=Path("/"), env={})
    with pytest.raises(StoreError, match="ir-feed db upgrade"):
        prepare(settings)


def test_postgres_urls_use_psycopg3() -> None:
    assert normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert normalize_url("postgres://u@h/db").startswith("postgresql+psycopg://")
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_ship_with_the_code() -> None:
    assert (migrations_dir() / "versions").is_dir()


def test_the_daemon_lock_holds_one_daemon_per_sqlite_file(tmp_path: Path) -> None:
    from ir_feed.errors import StoreError
    from ir_feed.store.engine import daemon_lock, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'one.db'}")
    other = make_engine(f"sqlite:///{tmp_path / 'two.db'}")
    try:
        with daemon_lock(engine):
            with pytest.raises(StoreError, match="another ir-feed daemon is running on"), daemon_lock(engine):
                pass
            with daemon_lock(other):  # another file is another daemon's
                pass
        with daemon_lock(engine):  # released with the first
            pass
    finally:
        engine.dispose()
        other.dispose()


def test_json_columns_read_back_what_the_standard_library_wrote(empty_engine: Engine) -> None:
    # the store writes JSON with the standard library and reads it with orjson; what orjson cannot
    # read alike — a lone surrogate escape, an integer past 64 bits (NaN too) — reads back as written
    from sqlalchemy import JSON, Column, Integer, MetaData, Table, insert, select

    engine = empty_engine  # (on each backend: psycopg hands json over as bytes, SQLite's driver as text)
    table = Table("docs", MetaData(), Column("id", Integer, primary_key=True), Column("doc", JSON))
    table.create(engine)
    values = [{"t": "\ud800 a lone surrogate"}, {"n": 2**70}, {"x": [1, "é", None]}]
    with engine.begin() as conn:
        conn.execute(insert(table), [{"doc": v} for v in values])
    with engine.connect() as conn:
        assert [r.doc for r in conn.execute(select(table).order_by(table.c.id))] == values
