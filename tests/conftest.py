"""Fixtures shared by every test tier.

``http_server``: a real scriptable HTTP server on 127.0.0.1 (tests/support/httpserver.py).

``db_url`` / ``empty_engine`` / ``engine``: real databases — every test using them
runs on SQLite and on PostgreSQL.  PostgreSQL comes from ``IR_FEED_TEST_PG_URL``
(default: the local server, ``postgresql://postgres@127.0.0.1:5432/test``); each
test gets its own schema, dropped afterwards.  Without a reachable server the
PostgreSQL variants skip with the reason — unless ``IR_FEED_REQUIRE_PG=1`` (CI
sets it), where they fail.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from ir_feed.store.engine import make_engine, upgrade
from tests.support.httpserver import LocalHTTPServer


@pytest.fixture(scope="session", autouse=True)
def _pattern_cache_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The commands and daemons the tests start keep the extractor's compiled patterns
    (ir_feed.cli._patterns) in this run's temporary directory, one for all workers, never
    in the user's home."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.getbasetemp().parent / "xdg-cache")
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def anyio_backend() -> str:
    """The event loop the anyio-marked tests run on (one, not also trio)."""
    return "asyncio"


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A started :class:`~tests.support.httpserver.LocalHTTPServer` on 127.0.0.1
    (see that module for its API); stopped, with its threads joined, afterwards."""
    with LocalHTTPServer() as server:
        yield server

PG_URL = os.environ.get("IR_FEED_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
_pg_problem: str | None = None
_pg_checked = False


def pg_available() -> str | None:
    """None when PostgreSQL answers, else why not."""
    global _pg_checked, _pg_problem
    if not _pg_checked:
        _pg_checked = True
        try:
            probe = make_engine(PG_URL)
            with probe.connect() as conn:
                conn.execute(text("select 1"))
            probe.dispose()
        except Exception as exc:
            _pg_problem = f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}"
    return _pg_problem


def _need_pg() -> None:
    problem = pg_available()
    if problem:
        if os.environ.get("IR_FEED_REQUIRE_PG") == "1":
            pytest.fail(f"IR_FEED_REQUIRE_PG=1 but {problem}")
        pytest.skip(problem)


def _fresh_schema() -> str:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return schema


def _drop_schema(schema: str) -> None:
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@contextmanager
def _pg_schema_url() -> Iterator[str]:
    _need_pg()
    schema = _fresh_schema()
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        _drop_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (no schema yet) on each backend.  On
    PostgreSQL the URL pins a fresh schema through ``options=-csearch_path=``,
    so subprocesses given the URL see the same isolated schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with _pg_schema_url() as url:
        yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """An empty PostgreSQL schema's URL (for PostgreSQL-only behaviour)."""
    with _pg_schema_url() as url:
        yield url


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine, request: pytest.FixtureRequest) -> Engine:
    """A database at the schema head, on each backend: a copy of one the migrations built
    once per worker (a schema ``pg_dump`` wrote, an SQLite file copied page by page), not
    the migrations run again for every test — 1 s of Alembic a PostgreSQL test on this
    machine, 0.3 s an SQLite one.  The migrations' own tests run them on ``empty_engine``."""
    if empty_engine.dialect.name == "sqlite":
        head: Path = request.getfixturevalue("_sqlite_head")
        with sqlite3.connect(head) as source, empty_engine.connect() as conn:
            source.backup(conn.connection.driver_connection)
    else:
        request.getfixturevalue("_postgresql_head").copy_into(empty_engine)
    return empty_engine


@pytest.fixture(scope="session")
def _sqlite_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("head") / "head.db"
    head = make_engine(f"sqlite:///{path}")
    upgrade(head)
    head.dispose()
    return path


@dataclass
class _PostgresHead:
    """A schema the migrations brought to head, and the DDL ``pg_dump`` wrote of it."""

    schema: str
    ddl: str  # (the template schema's name in it replaced by ``{schema}``)
    rows: tuple[str, ...]  # the tables the migrations wrote rows in (alembic_version)

    def copy_into(self, engine: Engine) -> None:
        if not self.ddl:  # (no pg_dump on this machine: the migrations, as before)
            upgrade(engine)
            return
        with engine.connect() as conn:
            (schema,) = conn.execute(text("select current_schema()")).one()
            conn.exec_driver_sql(self.ddl.replace("{schema}", schema))
            for table in self.rows:
                conn.exec_driver_sql(f'INSERT INTO "{schema}"."{table}" SELECT * FROM "{self.schema}"."{table}"')
            conn.commit()
            conn.invalidate()  # (the dump's SET commands stay with this connection: it is not pooled)


@pytest.fixture(scope="session")
def _postgresql_head() -> Iterator[_PostgresHead]:
    _need_pg()
    schema = _fresh_schema()
    sep = "&" if "?" in PG_URL else "?"
    head = make_engine(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        upgrade(head)
        with head.connect() as conn:
            tables = conn.execute(text("select tablename from pg_tables where schemaname = current_schema()")).scalars()
            rows = tuple(t for t in tables if conn.exec_driver_sql(f'select exists (select from "{t}")').scalar())
        head.dispose()
        yield _PostgresHead(schema, _schema_ddl(schema), rows)
    finally:
        head.dispose()
        _drop_schema(schema)


def _schema_ddl(schema: str) -> str:
    """``pg_dump --schema-only`` of ``schema``, less what a fresh schema already has
    (``CREATE SCHEMA``) and psql's own commands; "" when pg_dump cannot be run."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        return ""
    dumped = subprocess.run(
        [pg_dump, "--schema-only", "--no-owner", "--no-privileges", f"--schema={schema}", PG_URL],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if dumped.returncode != 0:
        return ""
    keep = [
        line for line in dumped.stdout.splitlines()
        if not line.startswith("\\") and not line.startswith(f"CREATE SCHEMA {schema};")
    ]  # fmt: skip
    return "\n".join(keep).replace(schema, "{schema}")


# tests that must run alone (README command 2 runs them after the parallel part, in one
# process): whole daemons timed against leases and host budgets, a PostgreSQL restart (which
# would cut every other test's connections), and LISTEN/NOTIFY on the database's one channel
# (another test's commit would wake the listener)
# (the extraction corpus's acceptance tests time nothing and start no daemon: they run in parallel)
_SERIAL = ("/tests/acceptance/", "/tests/integration/test_outbox_notify.py")
_PARALLEL = ("/tests/acceptance/test_extract_",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = str(item.path)
        if any(part in path for part in _SERIAL) and not any(part in path for part in _PARALLEL):
            item.add_marker(pytest.mark.serial)
