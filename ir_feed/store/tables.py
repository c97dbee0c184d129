"""Database tables (SQLAlchemy 2 typed declarative models).

These are rows, not domain objects: :mod:`ir_feed.store.releases` and
:mod:`ir_feed.store.feeds` convert between them and :mod:`ir_feed.models`.
Every constraint is named by ``NAMING_CONVENTION`` so Alembic migrations are
stable across SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time zones: values are stored as naive UTC and tagged UTC
    again when read.  PostgreSQL stores ``timestamp with time zone``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Row ids and the columns that refer to them: 64-bit, as years of attempts, messages and
# diffs may pass 2**31 rows.  On SQLite an INTEGER primary key is the 64-bit rowid already
# (and only a column declared INTEGER is that alias), so the variant keeps it INTEGER there.
Key = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# A message waiting to be sent (a claim's rows): the statuses the outbox's claim reads, and
# the condition of ``ix_messages_waiting`` written out as the claim writes it.
WAITING_STATUSES = ("pending", "retrying")
_WAITING = text("status IN ('pending', 'retrying')")

# Indexes made on PostgreSQL only (``migrations/env.py`` leaves them out on SQLite): there a
# claim's ``ORDER BY ..., id`` needs ``id`` in the index; SQLite's indexes end with the rowid
# (``id``) already, and its outbox claim reads each waiting status on its own.
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_feeds_next_poll_at_id", "ix_messages_waiting"})


class DaemonRow(Base):
    """A running daemon, seen at its last heartbeat: how many share the feeds' hosts."""

    __tablename__ = "daemons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, one per process start
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class FeedRow(Base):
    """A polled feed and its health.  What is due is decided here (``next_poll_at``)."""

    __tablename__ = "feeds"
    __table_args__ = (
        # the poller's claim: due feeds in the order it takes them (PostgreSQL only)
        Index("ix_feeds_next_poll_at_id", "next_poll_at", "id").ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_outcome: Mapped[str | None] = mapped_column(String(30))
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # what the last successful parse had to put up with (entity declarations, broken XML
    # recovered): the poll was ok, but the operator should see it
    last_warning: Mapped[str | None] = mapped_column(Text)
    next_poll_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    polls: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeedEntryRow(Base):
    """An item as last seen in one feed: lets a poll skip items it already has."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed_id", "entry_key"),)

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    feed_id: Mapped[int] = mapped_column(Key, ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(500))
    digest: Mapped[str] = mapped_column(String(64))
    release_id: Mapped[int | None] = mapped_column(Key, ForeignKey("releases.id", ondelete="SET NULL"), index=True)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)  # False: page still to fetch
    page_attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReleaseRow(Base):
    """A press release, stored once whatever feeds carry it; its current version."""

    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    guid: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issuer: Mapped[str | None] = mapped_column(Text)
    tickers: Mapped[list[str]] = mapped_column(JSON, default=list)
    isin: Mapped[str | None] = mapped_column(String(12))
    language: Mapped[str | None] = mapped_column(String(20))
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    full_text: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    ticker_rows: Mapped[list[ReleaseTickerRow]] = relationship(
        back_populates="release", cascade="all, delete-orphan", lazy="selectin"
    )


class ReleaseTickerRow(Base):
    """One listing named by a release; indexed for ``--ticker`` queries."""

    __tablename__ = "release_tickers"
    __table_args__ = (
        UniqueConstraint("release_id", "exchange", "symbol"),
        Index("ix_release_tickers_symbol_exchange", "symbol", "exchange"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    release_id: Mapped[int] = mapped_column(Key, ForeignKey("releases.id", ondelete="CASCADE"))
    exchange: Mapped[str] = mapped_column(String(30), default="")  # "" when the source names none
    symbol: Mapped[str] = mapped_column(String(30))

    release: Mapped[ReleaseRow] = relationship(back_populates="ticker_rows")


class ReleaseVersionRow(Base):
    """Every version of a release we have seen, oldest first: corrections keep history."""

    __tablename__ = "release_versions"
    __table_args__ = (
        UniqueConstraint("release_id", "version"),
        # retention: replaced versions whose text is still kept, oldest replaced first
        Index("ix_release_versions_text_pruned_at_superseded_at", "text_pruned_at", "superseded_at"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    release_id: Mapped[int] = mapped_column(Key, ForeignKey("releases.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(Text, default="")
    # None while this is the current version: its text is the release's (``releases.text``),
    # kept once; moved here when a newer version replaces it (retention empties it later)
    text: Mapped[str | None] = mapped_column(Text)
    full_text: Mapped[bool] = mapped_column(Boolean, default=False)
    feed_id: Mapped[int | None] = mapped_column(Key, ForeignKey("feeds.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # when a newer version replaced this one (None: the current version)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # when retention emptied ``summary`` and ``text`` (the rest of the row stays)
    text_pruned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EventRow(Base):
    """The current state of one fact (a designation, an IND clearance, a trial
    start), identified by its natural key.  Every change is a :class:`DiffRow`."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_kind_occurred_at", "kind", "occurred_at"),
        Index("ix_events_designation_occurred_at", "designation", "occurred_at"),
        Index("ix_events_status_occurred_at", "status", "occurred_at"),
        Index("ix_events_agency_occurred_at", "agency", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    company: Mapped[str | None] = mapped_column(Text)
    tickers: Mapped[list[str]] = mapped_column(JSON, default=list)
    agency: Mapped[str | None] = mapped_column(String(60))
    designation: Mapped[str | None] = mapped_column(String(60))
    product: Mapped[str] = mapped_column(String(300))
    indication: Mapped[str | None] = mapped_column(Text)
    trial: Mapped[str | None] = mapped_column(String(300))
    phase: Mapped[str | None] = mapped_column(String(20))
    indications: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(30))
    timing_text: Mapped[str | None] = mapped_column(Text)
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    # a kind's fields that have no column of their own (a later kind's ``priority_review``):
    # name → JSON value (a date as YYYY-MM-DD); None when the kind has none
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    announced: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text)
    retracted: Mapped[bool] = mapped_column(Boolean, default=False)
    # When the fact happened, as far as we know: the publication time of the
    # first release that reported it (else when we first saw it).  Queries order by it.
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The release whose text set the current state, and its publication time:
    # an older release cannot overwrite what a newer one said.
    state_release_id: Mapped[int | None] = mapped_column(Key, ForeignKey("releases.id", ondelete="SET NULL"))
    state_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extractor_version: Mapped[str] = mapped_column(String(40))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class EventTickerRow(Base):
    """A listing of an event's issuer, denormalised with ``occurred_at`` so that
    "one ticker's events, newest first" is a single index range scan."""

    __tablename__ = "event_tickers"
    __table_args__ = (
        UniqueConstraint("event_id", "exchange", "symbol"),
        Index("ix_event_tickers_symbol_occurred_at", "symbol", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    event_id: Mapped[int] = mapped_column(Key, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    exchange: Mapped[str] = mapped_column(String(30), default="")
    symbol: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventSourceRow(Base):
    """One release's support for a fact: what that release (at its latest
    version) said about it.  A fact whose last active support goes is retracted."""

    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("event_id", "release_id"),)

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    event_id: Mapped[int] = mapped_column(Key, ForeignKey("events.id", ondelete="CASCADE"))
    release_id: Mapped[int] = mapped_column(Key, ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    release_version: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    announced: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DiffRow(Base):
    """An append-only change to a fact: the event's history, and the outbox that
    delivery reads.  ``public_id`` is stable and is what consumers see."""

    __tablename__ = "diffs"

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(30))
    event_id: Mapped[int] = mapped_column(Key, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(500))
    release_id: Mapped[int | None] = mapped_column(Key, ForeignKey("releases.id", ondelete="SET NULL"))
    release_version: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    event: Mapped[dict[str, Any]] = mapped_column(JSON)  # the event as published with this diff
    release: Mapped[dict[str, Any]] = mapped_column(JSON)  # the release reference as published
    cause: Mapped[str] = mapped_column(String(20))  # poll | reprocess
    extractor_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SubscriptionRow(Base):
    """A subscriber: where diffs go, how they are signed, which ones it wants."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    secrets: Mapped[list[str]] = mapped_column(JSON, default=list)  # newest first
    # a rotation's retired secrets: they sign beside ``secrets`` until ``previous_secrets_expire_at``
    previous_secrets: Mapped[list[str] | None] = mapped_column(JSON)
    previous_secrets_expire_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    filters: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(10))  # config | cli | api
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first failure of the current streak
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MessageRow(Base):
    """The outbox: one diff for one subscription.  ``public_id`` is the
    ``webhook-id`` and never changes across retries."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("subscription_id", "diff_id"),
        Index("ix_messages_status_next_attempt_at", "status", "next_attempt_at"),
        # retention: delivered / dead messages by when they became so
        Index("ix_messages_status_updated_at", "status", "updated_at"),
        # the deliverer's claim: the waiting messages in the order it takes them, and only
        # those (delivered and dead ones leave it), so a claim reads about as many rows as it
        # takes, however long the backlog (PostgreSQL only)
        Index("ix_messages_waiting", "next_attempt_at", "id", postgresql_where=_WAITING).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True)
    subscription_id: Mapped[int] = mapped_column(Key, ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True)
    diff_id: Mapped[int] = mapped_column(Key, ForeignKey("diffs.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # pending | retrying | delivered | dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttemptRow(Base):
    """Every delivery attempt: status, latency, error, the start of the answer."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(Key, primary_key=True)
    message_id: Mapped[int] = mapped_column(Key, ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    error_kind: Mapped[str | None] = mapped_column(String(20))
    response_excerpt: Mapped[str] = mapped_column(Text, default="")
