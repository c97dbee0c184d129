"""Engines, sessions and schema migrations.

SQLite files get WAL, a busy timeout and foreign keys; ``postgresql://`` URLs
use psycopg 3.  The schema is owned by the Alembic history in ``migrations/``
(shipped inside the wheel as ``ir_feed/_migrations``), never by ``create_all``.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ir_feed.errors import StoreError
from ir_feed.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 here."""
    u = make_url(url)
    if u.drivername in {"postgresql", "postgres"}:
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    url = normalize_url(url)
    backend = make_url(url).get_backend_name()
    # (JSON columns read with orjson — a page of events parses hundreds of them — and, for what
    # the standard library writes and orjson refuses or rounds, by the standard library: see _read_json)
    kwargs: dict[str, Any] = {"echo": echo, "future": True, "json_deserializer": _read_json}
    if backend == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _read_json(text: str | bytes) -> Any:
    """A JSON column's value: orjson's reading (fast), or the standard library's for what that
    library wrote and orjson cannot read alike — a lone surrogate escape ("\\ud800", which a
    page's text may hold), NaN, an integer past 64 bits (orjson would round it to a float)."""
    # (psycopg hands PostgreSQL's json over as bytes, SQLite's driver as text)
    if (_BIG_INT.search(text) if isinstance(text, str) else _BIG_INT_BYTES.search(text)) is not None:
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


_BIG_INT = re.compile(r"\d{19}")  # (nineteen digits in a row: maybe an integer past 64 bits, read exactly)
_BIG_INT_BYTES = re.compile(rb"\d{19}")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # Writers say BEGIN IMMEDIATE (see ``writer``): they take the write lock up
    # front and queue on the busy timeout instead of failing with "database is
    # locked" when a read transaction tries to upgrade.  Readers stay deferred;
    # reads of one statement each (``statement_reads``) say none: SQLite runs a
    # statement outside a transaction in one of its own.
    mode = conn.get_execution_options().get("sqlite_begin", "")
    if mode is not None:
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def database_failure(exc: BaseException) -> str | None:
    """When ``exc`` is the database failing rather than a bug or a refused row — a full
    disk, an I/O error, a lock held past the busy timeout, a lost server: SQLAlchemy's
    ``OperationalError``, on either backend — the first line of the error that started
    it, to log in one line instead of a traceback.  None for anything else.

    The chain of exceptions of a database error is searched: on SQLite a statement
    failing with ``SQLITE_FULL`` may roll the whole transaction back, and the rollback
    of a savepoint then fails too ("no such savepoint"), hiding the cause."""
    if not isinstance(exc, SQLAlchemyError):  # a bug raised while handling one stays a bug
        return None
    first: OperationalError | None = None
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OperationalError):
            first = current  # the last one found is the earliest raised
        current = current.__context__ or current.__cause__
    if first is None:
        return None
    text = str(first.orig if first.orig is not None else first).strip().splitlines()
    return (text[0] if text else type(first).__name__)[:300]


def writer(engine: Engine) -> Engine:
    """The same engine, with transactions that intend to write."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def statement_reads(engine: Engine) -> Engine:
    """The same engine (the same pool) for reads of one statement each, which need no
    transaction around them (one SELECT is a snapshot by itself): on PostgreSQL in autocommit,
    so that such a read pays no BEGIN and no ROLLBACK round trip (a connection is back in
    transactions when it returns to the pool); on SQLite without the BEGIN that
    ``_sqlite_begin`` would say (the ROLLBACK at the end finds no transaction and does nothing)."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine.execution_options(sqlite_begin=None)


def session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    return sessionmaker(writer(engine) if write else engine, expire_on_commit=False)


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package, else the source tree's."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise StoreError("the Alembic migrations directory is missing from this installation")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_at_head(engine: Engine) -> bool:
    return current_revision(engine) == head_revision(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (idempotent)."""
    command.upgrade(alembic_config(engine), revision)


def check(engine: Engine) -> None:
    """Raise if the tables differ from what the migrations create (``alembic check``)."""
    command.check(alembic_config(engine))


def prepare(settings: Settings) -> Engine:
    """An engine whose schema is at head.

    An embedded SQLite database is upgraded on the spot (its directory created);
    a PostgreSQL database must be upgraded explicitly with ``ir-feed db upgrade``,
    so several daemons never race to migrate a shared server.
    """
    url = settings.database_url
    engine = make_engine(url, echo=settings.database.echo)
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        upgrade(engine)
        return engine
    try:
        current, head = current_revision(engine), head_revision(engine)
    except Exception as exc:  # translate driver errors at the edge
        engine.dispose()
        raise StoreError(f"cannot reach the database: {exc.__class__.__name__}: {exc}") from exc
    if current != head:
        engine.dispose()
        raise StoreError(f"database schema is at {current or 'nothing'}, not {head}: run `ir-feed db upgrade`")
    return engine


@contextmanager
def daemon_lock(engine: Engine) -> Iterator[None]:
    """One daemon per SQLite file: held for the daemon's life (an OS lock on
    ``<file>.daemon-lock``, released by the kernel however the process ends, kill -9
    included).  A second daemon on the same file gets a :class:`StoreError` at once
    instead of idling on the database's write lock.  PostgreSQL takes any number of
    daemons: nothing is held."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    fd = os.open(f"{path}.daemon-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another ir-feed daemon is running on {path}: an SQLite database serves one daemon "
                "(run several against PostgreSQL)"
            ) from None
        yield
    finally:
        os.close(fd)  # (closing the file releases the lock)


_CONFIG_SYNC_LOCK = 0x1F_EED_5C_01  # the advisory lock key of config sync


def serialise_config_sync(session: Session) -> None:
    """Daemons started together make the feeds and subscriptions match the config one
    after the other: on PostgreSQL a transaction-scoped advisory lock (released at
    commit) queues them, so the second sees the rows the first inserted instead of
    inserting them again.  SQLite serialises writers already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CONFIG_SYNC_LOCK})
