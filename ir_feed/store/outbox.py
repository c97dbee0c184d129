"""The outbox: messages (one diff for one subscription), claims, attempts.

* ``enqueue`` fans new diffs out to every enabled subscription whose filters
  match, inside the transaction that records the diffs.
* ``claim_due`` leases due messages (``FOR UPDATE SKIP LOCKED`` on PostgreSQL)
  so the sender can work with no transaction open; a crashed sender's lease
  expires and the message is sent again, with the same ``webhook-id``.
* ``record`` writes every attempt and the message's next state in one
  transaction per batch.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Insert,
    Select,
    Table,
    Text,
    Update,
    all_,
    and_,
    any_,
    bindparam,
    case,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy import (
    cast as cast_,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from ir_feed.delivery import DiffMessage, Filters, matches
from ir_feed.models import Ticker
from ir_feed.store.notify import announce
from ir_feed.store.subscriptions import active_secrets, filters_of
from ir_feed.store.tables import WAITING_STATUSES, AttemptRow, DiffRow, EventTickerRow, MessageRow, SubscriptionRow

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUSES = ("pending", "retrying", "delivered", "dead")
PAUSED = "paused"  # the disabled_reason of a subscription paused by its operator
_IN_CHUNK = 900  # ids per UPDATE ... IN (...), well inside every backend's parameter limit


def _in(postgresql: bool, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids``.  On PostgreSQL as ``= ANY(array)``: one bound array keeps
    the statement's text the same whatever the number of ids, so the driver and the
    server reuse its plan (an expanded IN list was re-parsed on every claim)."""
    if postgresql:
        return cast(ColumnElement[bool], column == any_(literal(list(ids), ARRAY(BigInteger))))
    return cast(ColumnElement[bool], column.in_(list(ids)))


def _among(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """:func:`_in` for the session's database."""
    return _in(session.get_bind().dialect.name == "postgresql", column, ids)


def new_message_id(now: datetime) -> str:
    """``msg_`` + a 26-character ULID: 48 bits of milliseconds, 80 random bits."""
    value = (int(now.timestamp() * 1000) & ((1 << 48) - 1)) << 80 | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "msg_" + "".join(reversed(chars))


class _DiffLike(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def event(self) -> dict[str, Any]: ...
    @property
    def changes(self) -> dict[str, Any]: ...
    @property
    def release(self) -> dict[str, Any]: ...


def diff_message(public_id: str, diff: _DiffLike) -> DiffMessage:
    return DiffMessage(
        message_id=public_id,
        diff_type=diff.type,  # type: ignore[arg-type]
        occurred_at=diff.created_at,
        event=diff.event,
        changes=diff.changes,
        release=diff.release,
    )


def _probe(diff: DiffRow) -> DiffMessage:
    return diff_message("msg_" + "0" * 26, diff)


def enqueue(session: Session, diffs: Sequence[DiffRow], now: datetime) -> int:
    """One message per (diff, enabled or paused subscription whose filters match)."""
    if not diffs:
        return 0
    # Paused subscriptions keep queueing (resume delivers the backlog); ones
    # disabled for failing do not (``deliveries replay`` re-sends what they missed).
    wanted = or_(SubscriptionRow.enabled.is_(True), SubscriptionRow.disabled_reason == PAUSED)
    subs: list[tuple[int, Filters]] = [
        (row.id, filters_of(row)) for row in session.scalars(select(SubscriptionRow).where(wanted))
    ]
    if not subs:
        return 0
    rows: list[dict[str, Any]] = []
    for diff in diffs:
        probe = _probe(diff)
        for sub_id, filters in subs:
            if matches(filters, probe):
                rows.append(_message(sub_id, diff.id, now))
    if rows:
        session.execute(insert(MessageRow), rows)
        announce(session)  # every daemon's deliverer looks at commit (PostgreSQL)
    return len(rows)


def _message(sub_id: int, diff_id: int, now: datetime) -> dict[str, Any]:
    return {
        "public_id": new_message_id(now),
        "subscription_id": sub_id,
        "diff_id": diff_id,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
    }


@dataclass(frozen=True, slots=True)
class ClaimedDiff:
    """The part of a diff a delivery needs (read as plain columns, no ORM objects)."""

    id: int
    type: str
    created_at: datetime
    event: dict[str, Any]
    changes: dict[str, Any]
    release: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClaimedSubscription:
    """The part of a subscription a delivery needs."""

    id: int
    name: str
    url: str
    secrets: list[str]
    format: str
    failing_since: datetime | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A leased message with what is needed to send it."""

    id: int
    public_id: str
    attempts: int
    diff: ClaimedDiff
    subscription: ClaimedSubscription


# Claims and records run for every batch: they are written in SQLAlchemy Core over
# the tables, not through the ORM, whose per-statement work (compiling entity
# selects, bulk-update bookkeeping) cost more than the statements themselves.
_MESSAGES = cast(Table, MessageRow.__table__)
_DIFFS = cast(Table, DiffRow.__table__)
_SUBSCRIPTIONS = cast(Table, SubscriptionRow.__table__)
_ATTEMPTS = cast(Table, AttemptRow.__table__)
_DUE_COLUMNS = (
    _MESSAGES.c.id,
    _MESSAGES.c.public_id,
    _MESSAGES.c.attempts,
    _MESSAGES.c.diff_id,
    _MESSAGES.c.subscription_id,
)
_SUBSCRIPTION_COLUMNS = (
    _SUBSCRIPTIONS.c.id,
    _SUBSCRIPTIONS.c.name,
    _SUBSCRIPTIONS.c.url,
    _SUBSCRIPTIONS.c.secrets,
    _SUBSCRIPTIONS.c.format,
    _SUBSCRIPTIONS.c.failing_since,
    _SUBSCRIPTIONS.c.previous_secrets,
    _SUBSCRIPTIONS.c.previous_secrets_expire_at,
)


def _ids(postgresql: bool, ids: Collection[int]) -> list[int] | str:
    """Row ids as :func:`_among_ids` binds them: a list (a PostgreSQL array), or JSON text."""
    return list(ids) if postgresql else json.dumps(list(ids))


def _among_ids(postgresql: bool, column: Any, key: str) -> ColumnElement[bool]:
    """``column`` is one of the ids bound as ``key`` (:func:`_ids`): ``= ANY(array)`` on
    PostgreSQL, ``IN (SELECT value FROM json_each(...))`` on SQLite.  One bound value
    whatever the number of ids, so the statement is built, compiled and (by the driver)
    prepared once; an expanded ``IN`` list was new SQL text at every claim."""
    if postgresql:
        return cast(ColumnElement[bool], column == any_(bindparam(key, type_=ARRAY(BigInteger))))
    listed = func.json_each(bindparam(key, type_=Text)).table_valued("value")
    return cast(ColumnElement[bool], column.in_(select(listed.c.value)))


@functools.lru_cache(maxsize=2)
def _lease(postgresql: bool) -> Update:
    """A claim's lease on its messages ``:ids`` until ``:until``."""
    return update(_MESSAGES).where(_among_ids(postgresql, _MESSAGES.c.id, "ids")).values(lease_until=bindparam("until"))


@functools.lru_cache(maxsize=2)
def _claimed_diffs(postgresql: bool) -> Select[Any]:
    """The diffs ``:ids`` of a claim: id, type, created_at and their event, changes and
    release as one JSON array, in text, parsed once per diff (three JSON columns cost a
    decoder call each, through the driver's and SQLAlchemy's per-column processing)."""
    d = _DIFFS
    if postgresql:
        data: ColumnElement[str] = cast_(func.json_build_array(d.c.event, d.c.changes, d.c.release), Text)
    else:  # the stored texts joined as they are (json_array would parse and write each again)
        event, changes, release = (type_coerce(c, Text) for c in (d.c.event, d.c.changes, d.c.release))
        comma = literal_column("','", Text)
        data = literal_column("'['", Text) + event + comma + changes + comma + release + literal_column("']'", Text)
    return select(d.c.id, d.c.type, d.c.created_at, data).where(_among_ids(postgresql, d.c.id, "ids"))


@functools.lru_cache(maxsize=2)
def _claimed_subscriptions(postgresql: bool) -> Select[Any]:
    return select(*_SUBSCRIPTION_COLUMNS).where(_among_ids(postgresql, _SUBSCRIPTIONS.c.id, "ids"))


def _is_postgresql(bind: Connection) -> bool:
    return bind.dialect.name == "postgresql"


def _unless_among(postgresql: bool, column: Any, key: str) -> ColumnElement[bool]:
    """``column`` is none of the ids bound as ``key`` (:func:`_ids`): ``<> ALL(array)`` on
    PostgreSQL, ``NOT IN (SELECT value FROM json_each(...))`` on SQLite."""
    if postgresql:
        return cast(ColumnElement[bool], column != all_(bindparam(key, type_=ARRAY(BigInteger))))
    listed = func.json_each(bindparam(key, type_=Text)).table_valued("value")
    return cast(ColumnElement[bool], column.not_in(select(listed.c.value)))


@functools.lru_cache(maxsize=8)
def _due(postgresql: bool, excluding: bool, without_full: bool) -> Select[Any]:
    """The first ``:scan`` messages claimable at ``:now``, oldest due first, none of
    ``:exclude`` (when ``excluding``) nor of the subscriptions ``:full`` (when
    ``without_full``).  Built once per shape: a claim only binds its values.

    PostgreSQL locks them as it reads, skipping rows another claim holds, walking
    ``ix_messages_waiting`` (the waiting messages in this order) and stopping at
    ``:scan``; over the ``(status, next_attempt_at)`` index it read, joined and sorted
    every waiting message of the backlog first (3.5 ms of the server's time per claim
    with 5,000 waiting).  SQLite
    (one writer at a time, no row locks) reads each due status on its own, in the
    order of the ``(status, next_attempt_at)`` index, and merges the two: a claim
    then reads about as many rows as it takes, where ``status IN (...)`` read
    every due message of the backlog and sorted them all, on every claim."""
    m = _MESSAGES
    joined = m.join(_SUBSCRIPTIONS, _SUBSCRIPTIONS.c.id == m.c.subscription_id)
    now: BindParameter[datetime] = bindparam("now")
    scan: BindParameter[int] = bindparam("scan")
    where = [
        m.c.next_attempt_at <= now,
        or_(m.c.lease_until.is_(None), m.c.lease_until <= now),
        _SUBSCRIPTIONS.c.enabled.is_(True),
    ]
    if excluding:
        where.append(_unless_among(postgresql, m.c.id, "exclude"))
    if without_full:
        where.append(_unless_among(postgresql, m.c.subscription_id, "full"))
    if postgresql:
        # the statuses written into the statement, not bound: only then may the planner
        # read ``ix_messages_waiting`` (whose condition they are) in a prepared statement's
        # generic plan
        waiting = m.c.status.in_(bindparam("waiting", WAITING_STATUSES, expanding=True, literal_execute=True))
        return (
            select(*_DUE_COLUMNS)
            .select_from(joined)
            .where(waiting, *where)
            .order_by(m.c.next_attempt_at, m.c.id)
            .limit(scan)
            .with_for_update(of=m, skip_locked=True)
        )
    parts = [
        select(*_DUE_COLUMNS, m.c.next_attempt_at)
        .select_from(joined)
        .where(m.c.status == status, *where)
        .order_by(m.c.next_attempt_at, m.c.id)
        .limit(scan)
        .subquery()
        for status in WAITING_STATUSES
    ]
    merged = union_all(*(select(part) for part in parts)).subquery()
    return select(*(merged.c[c.name] for c in _DUE_COLUMNS)).order_by(merged.c.next_attempt_at, merged.c.id).limit(scan)


def _capped(
    rows: Sequence[Row[Any]],
    limit: int,
    per_subscription: int | None,
    taken: dict[int, int],
    exclude: Collection[int],
) -> list[Row[Any]]:
    """The first ``limit`` rows not in ``exclude``, at most ``per_subscription`` of
    one subscription counting ``taken`` (updated)."""
    kept = []
    for row in rows:
        n = taken.get(row.subscription_id, 0)
        if (per_subscription is not None and n >= per_subscription) or row.id in exclude:
            continue
        taken[row.subscription_id] = n + 1
        kept.append(row)
        if len(kept) >= limit:
            break
    return kept


@functools.lru_cache(maxsize=2)
def _other_subscriptions(postgresql: bool) -> Select[int]:
    """How many enabled subscriptions are none of ``:taken``."""
    subs = _SUBSCRIPTIONS
    return (
        select(func.count())
        .select_from(subs)
        .where(subs.c.enabled.is_(True), _unless_among(postgresql, subs.c.id, "taken"))
    )


def _room(conn: Connection, postgresql: bool, per_subscription: int, taken: Mapping[int, int]) -> int:
    """How many messages the enabled subscriptions may still be given: what each one
    held lacks of ``per_subscription``, and all of it for each other one.

    A claim takes no more, so it need not read more: when a busy deliverer's
    subscriptions are all near their cap, a claim for the room left in flight (a few
    hundred) read — and on PostgreSQL locked — twice that many rows to take a few
    dozen, on every refill."""
    others = conn.execute(_other_subscriptions(postgresql), {"taken": _ids(postgresql, taken)}).scalar_one()
    return sum(max(0, per_subscription - n) for n in taken.values()) + per_subscription * int(others)


def claim_due(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    exclude: Collection[int] = (),
    lapsed: Collection[int] | None = None,
    per_subscription: int | None = None,
    held: Mapping[int, int] | None = None,
) -> list[Claimed]:
    """Lease up to ``limit`` due messages, oldest due first.

    ``exclude``: messages this process is still sending (an attempt can outlive its
    lease; it must not be sent twice): never claimed.  ``lapsed``: those of them the
    query itself leaves out (all of them when None).  A caller that knows which of
    its messages' leases may have run out names only those: the others' leases keep
    them out of the query already (and one read all the same is dropped here), and a
    query naming every message in flight — hundreds of ids, compared with each row
    read — cost more than the rest of the claim.  ``per_subscription``: at most this many
    messages of one subscription held at once, counting ``held`` (subscription id →
    messages this process already holds), so one subscriber's backlog does not fill
    the claim and hold everyone else's messages back.

    Four statements whatever the number of messages: the due ones (plain columns,
    no ORM objects), one UPDATE leasing them, their diffs and their subscriptions;
    and, when this process holds messages already, a count of the others
    (:func:`_room`)."""
    conn = session.connection()
    postgresql = _is_postgresql(conn)
    taken: dict[int, int] = dict(held or {})
    full = [sub for sub, n in taken.items() if per_subscription is not None and n >= per_subscription]
    if per_subscription is not None and taken:
        limit = min(limit, _room(conn, postgresql, per_subscription, taken))
        if limit <= 0:
            return []
    # Scan a little further than ``limit`` so that capping one subscription
    # still leaves others' messages to take.
    scan = limit if per_subscription is None else limit * 2
    left_out = exclude if lapsed is None else lapsed
    values: dict[str, Any] = {"now": now, "scan": scan}
    if left_out:
        values["exclude"] = _ids(postgresql, left_out)
    if full:
        values["full"] = _ids(postgresql, full)
    rows = conn.execute(_due(postgresql, bool(left_out), bool(full)), values).all()
    messages = _capped(rows, limit, per_subscription, taken, exclude)
    if not messages:
        return []
    conn.execute(_lease(postgresql), {"ids": _ids(postgresql, [m.id for m in messages]), "until": now + lease})
    diffs = {}
    for diff_id, diff_type, created_at, data in conn.execute(
        _claimed_diffs(postgresql), {"ids": _ids(postgresql, {m.diff_id for m in messages})}
    ):
        event, changes, release = json.loads(data)
        diffs[diff_id] = ClaimedDiff(diff_id, diff_type, created_at, event, changes, release)
    subs = {}
    sub_ids = _ids(postgresql, {m.subscription_id for m in messages})
    for row in conn.execute(_claimed_subscriptions(postgresql), {"ids": sub_ids}):
        sub_id, name, url, current, fmt, failing_since, previous, expire_at = row
        # every secret signing at ``now``: a rotation's previous ones too while its overlap lasts
        secrets_now = active_secrets(current, previous, expire_at, now)
        subs[sub_id] = ClaimedSubscription(sub_id, name, url, secrets_now, fmt, failing_since)
    return [Claimed(m.id, m.public_id, m.attempts, diffs[m.diff_id], subs[m.subscription_id]) for m in messages]


def renew_leases(session: Session, ids: Sequence[int], until: datetime) -> None:
    """Extend the leases of messages this process still holds (not yet recorded).
    Rows locked by a concurrent write (their attempt being recorded) are skipped,
    never waited for: waiting could deadlock with that write, and it ends the lease."""
    for start in range(0, len(ids), _IN_CHUNK):
        locked = (
            select(MessageRow.id)
            .where(_among(session, MessageRow.id, ids[start : start + _IN_CHUNK]), MessageRow.lease_until.is_not(None))
            .order_by(MessageRow.id)
            .with_for_update(skip_locked=True)
        )
        session.execute(
            update(MessageRow)
            .where(MessageRow.id.in_(locked.scalar_subquery()))
            .values(lease_until=until)
            .execution_options(synchronize_session=False)
        )


def release_leases(session: Session, ids: Sequence[int]) -> None:
    """Give back leases taken but not used (a shutdown): the messages are due again at once."""
    for start in range(0, len(ids), _IN_CHUNK):
        session.execute(
            update(MessageRow)
            .where(
                _among(session, MessageRow.id, ids[start : start + _IN_CHUNK]),
                MessageRow.status.in_(("pending", "retrying")),
            )
            .values(lease_until=None)
            .execution_options(synchronize_session=False)
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt led to (decided by :func:`ir_feed.delivery.next_attempt`)."""

    message_id: int
    subscription_id: int
    number: int  # this attempt's number, from 1
    started_at: datetime
    status: int | None
    latency_ms: int
    error: str | None
    error_kind: str | None
    response_excerpt: str
    new_status: str  # delivered | retrying | dead
    next_attempt_at: datetime | None
    disable_reason: str | None = None  # disable the subscription


def record(session: Session, outcomes: Sequence[Outcome], now: datetime) -> set[int]:
    """Write the attempts and each message's next state; returns the ids of the
    subscriptions this disabled (not those another write had disabled already).

    A handful of statements whatever the number of outcomes: one INSERT of the
    attempts, one UPDATE per group of messages moving to the same values (typically
    every delivered message of a batch), the other messages in one executemany, and
    the subscriptions' health."""
    if not outcomes:
        return set()
    conn = session.connection()
    postgresql = _is_postgresql(conn)
    rows = [_attempt_row(o) for o in outcomes]
    if postgresql:  # one statement over arrays, not one INSERT per row in a pipeline
        conn.execute(_insert_attempts_from_arrays(), {c: [r[c] for r in rows] for c in _ATTEMPT_COLUMNS})
    else:  # the driver steps one prepared INSERT per row, in C
        conn.execute(insert(_ATTEMPTS), rows)
    _update_messages(conn, postgresql, outcomes, now)
    # Subscription health: a success ends a failure streak; a failure starts one.
    # A message that could not even be built (error_kind invalid_message) says
    # nothing about the endpoint.
    ok = {o.subscription_id for o in outcomes if o.new_status == "delivered"}
    failed = {
        o.subscription_id for o in outcomes if o.new_status != "delivered" and o.error_kind != "invalid_message"
    } - ok
    subs = _SUBSCRIPTIONS
    if ok:
        conn.execute(_answered(postgresql), {"ids": _ids(postgresql, ok), "b_now": now})
    if failed:
        conn.execute(_failing(postgresql), {"ids": _ids(postgresql, failed), "b_now": now})
    disabled: set[int] = set()
    for o in outcomes:
        if o.disable_reason is not None and o.subscription_id not in disabled:
            result = conn.execute(
                update(subs)
                .where(subs.c.id == o.subscription_id, subs.c.enabled.is_(True))
                .values(enabled=False, disabled_reason=o.disable_reason, updated_at=now)
            )
            if result.rowcount:
                disabled.add(o.subscription_id)
    return disabled


def _error_text(o: Outcome) -> str | None:
    return (o.error or None) and o.error[:2000]


_ATTEMPT_COLUMNS = ("message_id", "number", "started_at", "status", "latency_ms", "error", "error_kind",
                    "response_excerpt")  # fmt: skip


@functools.cache
def _insert_attempts_from_arrays() -> Insert:
    """PostgreSQL: ``INSERT INTO delivery_attempts (...) SELECT * FROM unnest(:message_id,
    :number, ...)``, one array bound per column.  A batch of attempts is one statement
    executed once, with the same text whatever its size; an executemany sent one INSERT
    per attempt (psycopg's pipeline: a Bind and an Execute each, on both ends), which
    cost more than the rest of recording a batch."""
    arrays = [bindparam(c, type_=ARRAY(_ATTEMPTS.c[c].type)) for c in _ATTEMPT_COLUMNS]
    rows = func.unnest(*arrays).table_valued(*_ATTEMPT_COLUMNS).render_derived(with_types=False)
    return insert(_ATTEMPTS).from_select(_ATTEMPT_COLUMNS, select(*(rows.c[c] for c in _ATTEMPT_COLUMNS)))


@functools.lru_cache(maxsize=2)
def _next_state(postgresql: bool) -> Update:
    """Messages ``:ids`` moving to the same next state (:func:`_update_messages`)."""
    m = _MESSAGES
    return (
        update(m)
        .where(_among_ids(postgresql, m.c.id, "ids"))
        .values(
            status=bindparam("b_status"),
            attempts=bindparam("b_attempts"),
            next_attempt_at=bindparam("b_next_attempt_at"),
            lease_until=None,
            last_status=bindparam("b_last_status"),
            last_error=bindparam("b_last_error"),
            delivered_at=bindparam("b_delivered_at"),
            updated_at=bindparam("b_now"),
        )
    )


@functools.lru_cache(maxsize=2)
def _answered(postgresql: bool) -> Update:
    """Subscriptions ``:ids`` that answered: their failure streak, if any, ends."""
    subs = _SUBSCRIPTIONS
    now: BindParameter[datetime] = bindparam("b_now")
    return (
        update(subs)
        .where(_among_ids(postgresql, subs.c.id, "ids"))
        .values(failing_since=None, last_success_at=now, updated_at=now)
    )


@functools.lru_cache(maxsize=2)
def _failing(postgresql: bool) -> Update:
    """Subscriptions ``:ids`` that failed: a failure streak starts (one going on keeps its start)."""
    subs = _SUBSCRIPTIONS
    now: BindParameter[datetime] = bindparam("b_now")
    return (
        update(subs)
        .where(_among_ids(postgresql, subs.c.id, "ids"), subs.c.failing_since.is_(None))
        .values(failing_since=now, updated_at=now)
    )


def _attempt_row(o: Outcome) -> dict[str, Any]:
    return {
        "message_id": o.message_id,
        "number": o.number,
        "started_at": o.started_at,
        "status": o.status,
        "latency_ms": o.latency_ms,
        "error": _error_text(o),
        "error_kind": o.error_kind,
        "response_excerpt": o.response_excerpt[:1024],
    }


def _update_messages(conn: Connection, postgresql: bool, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Each message's next state.  Outcomes with the same new values share one
    ``UPDATE ... WHERE id IN (...)``; the rest go as one executemany."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for o in outcomes:
        groups.setdefault((o.new_status, o.number, o.next_attempt_at, o.status, _error_text(o)), []).append(
            o.message_id
        )
    m = _MESSAGES
    singles: list[dict[str, Any]] = []
    for (new_status, number, next_at, status, error), ids in groups.items():
        delivered_at = now if new_status == "delivered" else None
        if len(ids) == 1:
            singles.append({"b_id": ids[0], "status": new_status, "attempts": number, "next_attempt_at": next_at,
                            "lease_until": None, "last_status": status, "last_error": error,
                            "delivered_at": delivered_at, "updated_at": now})  # fmt: skip
            continue
        values = {"b_status": new_status, "b_attempts": number, "b_next_attempt_at": next_at, "b_last_status": status,
                  "b_last_error": error, "b_delivered_at": delivered_at, "b_now": now}  # fmt: skip
        conn.execute(_next_state(postgresql), {"ids": _ids(postgresql, sorted(ids)), **values})
    if singles:
        singles.sort(key=lambda row: row["b_id"])  # one lock order for every writer
        conn.execute(update(m).where(m.c.id == bindparam("b_id")), singles)


@dataclass(frozen=True, slots=True)
class MessageView:
    public_id: str
    subscription: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    diff_id: str
    diff_type: str
    event_key: str
    created_at: datetime
    delivered_at: datetime | None

    @property
    def last_attempt_failed(self) -> bool:
        """The last attempt got no 2xx (what ``status=failed`` selects among retrying messages)."""
        return self.last_error is not None or (self.last_status is not None and not 200 <= self.last_status < 300)

    def public(self) -> dict[str, Any]:
        """The message as the API and ``deliveries --format json`` show it (no row ids)."""
        return {
            "id": self.public_id,
            "subscription": self.subscription,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at,
            "last_status": self.last_status,
            "last_error": self.last_error,
            "diff": {"id": self.diff_id, "type": self.diff_type, "event_key": self.event_key},
            "created_at": self.created_at,
            "delivered_at": self.delivered_at,
        }


def _views() -> Select[MessageRow, str, str, str, str]:
    return (
        select(MessageRow, SubscriptionRow.name, DiffRow.public_id, DiffRow.type, DiffRow.event_key)
        .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
        .join(DiffRow, DiffRow.id == MessageRow.diff_id)
    )


def _view(row: Row[MessageRow, str, str, str, str]) -> MessageView:
    m, subscription, diff_id, diff_type, event_key = row
    return MessageView(
        public_id=m.public_id,
        subscription=subscription,
        status=m.status,
        attempts=m.attempts,
        next_attempt_at=m.next_attempt_at,
        last_status=m.last_status,
        last_error=m.last_error,
        diff_id=diff_id,
        diff_type=diff_type,
        event_key=event_key,
        created_at=m.created_at,
        delivered_at=m.delivered_at,
    )


def _last_attempt_failed() -> ColumnElement[bool]:
    not_2xx = or_(MessageRow.last_status < 200, MessageRow.last_status >= 300)
    return or_(MessageRow.last_error.is_not(None), and_(MessageRow.last_status.is_not(None), not_2xx))


def list_messages(
    session: Session, *, status: str | None = None, subscription: str | None = None, limit: int = 100
) -> list[MessageView]:
    """Newest first.  ``status``: a stored status, or ``failed`` (retrying after a
    failed attempt; a replayed message waits as ``retrying`` without having failed)."""
    stmt = _views()
    if status == "failed":  # waiting for a retry after a failed attempt
        stmt = stmt.where(MessageRow.status == "retrying", _last_attempt_failed())
    elif status:
        stmt = stmt.where(MessageRow.status == status)
    if subscription:
        stmt = stmt.where(SubscriptionRow.name == subscription)
    stmt = stmt.order_by(MessageRow.id.desc()).limit(limit)
    return [_view(row) for row in session.execute(stmt)]


_Sel = TypeVar("_Sel", bound="Select[*tuple[Any, ...]]")


def counts_by_subscription(session: Session, name: str | None = None) -> dict[str, dict[str, int]]:
    """Messages per subscription name (only ``name``'s when given): how many are
    ``pending``, ``retrying``, ``delivered`` and ``dead``, and of the retrying how many
    wait after a ``failed`` attempt (as :func:`list_messages` reads ``failed``).  A
    subscription with no message is absent."""
    out: dict[str, dict[str, int]] = {}

    def of_subscriptions(stmt: _Sel) -> _Sel:
        stmt = stmt.select_from(MessageRow).join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
        return stmt.where(SubscriptionRow.name == name) if name is not None else stmt

    by_status = of_subscriptions(select(SubscriptionRow.name, MessageRow.status, func.count()))
    for sub, status, n in session.execute(by_status.group_by(SubscriptionRow.name, MessageRow.status)):
        out.setdefault(sub, {})[status] = n
    failed = of_subscriptions(select(SubscriptionRow.name, func.count()))
    failed = failed.where(MessageRow.status == "retrying", _last_attempt_failed()).group_by(SubscriptionRow.name)
    for sub, n in session.execute(failed):
        out.setdefault(sub, {})["failed"] = n
    return out


@dataclass(frozen=True, slots=True)
class AttemptView:
    number: int  # 1, 2, ... in the order the attempts were made (a replay continues the count)
    started_at: datetime
    status: int | None
    latency_ms: int
    error: str | None
    error_kind: str | None
    response_excerpt: str


@dataclass(frozen=True, slots=True)
class MessageDetail:
    message: MessageView
    attempts: tuple[AttemptView, ...]

    def public(self) -> dict[str, Any]:
        """The message with its ``history``, every attempt oldest first."""
        return self.message.public() | {"history": [dataclasses.asdict(a) for a in self.attempts]}


def message_detail(session: Session, public_id: str) -> MessageDetail | None:
    """One message and every attempt made to deliver it, oldest first."""
    found = session.execute(_views().where(MessageRow.public_id == public_id)).first()
    if found is None:
        return None
    m = found[0]
    view = _view(found)
    rows = session.scalars(select(AttemptRow).where(AttemptRow.message_id == m.id).order_by(AttemptRow.id))
    attempts = tuple(
        AttemptView(
            number=n,
            started_at=a.started_at,
            status=a.status,
            latency_ms=a.latency_ms,
            error=a.error,
            error_kind=a.error_kind,
            response_excerpt=a.response_excerpt,
        )
        for n, a in enumerate(rows, start=1)
    )
    return MessageDetail(view, attempts)


def retry(session: Session, public_id: str, now: datetime) -> bool:
    """Send one message again now (a dead letter, or one waiting for its next try).
    False when there is no such undelivered message, or it is being sent right now."""
    result = session.execute(
        update(MessageRow)
        .where(MessageRow.public_id == public_id, MessageRow.status != "delivered", _not_leased(now))
        .values(status="retrying", next_attempt_at=now, lease_until=None, updated_at=now)
    )
    found = bool(getattr(result, "rowcount", 0))
    if found:
        announce(session)
    return found


def requeue_waiting(session: Session, subscription_id: int, now: datetime) -> int:
    """After a subscription's URL changed: its messages waiting for a retry are due at
    once, with the whole retry schedule ahead of them (the new endpoint has not failed
    yet).  Pending messages are due already; one being sent keeps its lease (its answer
    is recorded, a retry goes to the new URL); dead letters stay dead (``replay``
    re-sends them).  Returns how many were re-queued."""
    result = session.execute(
        update(MessageRow)
        .where(
            MessageRow.subscription_id == subscription_id,
            MessageRow.status == "retrying",
            _not_leased(now),
        )
        .values(
            next_attempt_at=case((MessageRow.next_attempt_at > now, now), else_=MessageRow.next_attempt_at),
            attempts=0,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    requeued = int(getattr(result, "rowcount", 0) or 0)
    if requeued:
        announce(session)
    return requeued


def _not_leased(now: datetime) -> ColumnElement[bool]:
    """Not held by a sender right now (re-queueing one would send it twice at once)."""
    return or_(MessageRow.lease_until.is_(None), MessageRow.lease_until <= now)


def replay(session: Session, *, subscription: str, since: datetime, ticker: str | None, now: datetime) -> int | None:
    """Send again every diff since ``since`` the subscription matches (optionally one
    ticker's): existing messages are re-queued with their own ``webhook-id``; diffs
    it never had a message for get one.  None when there is no such subscription."""
    sub = session.scalar(select(SubscriptionRow).where(SubscriptionRow.name == subscription))
    if sub is None:
        return None
    filters = filters_of(sub)
    stmt = select(DiffRow).where(DiffRow.created_at >= since)
    if ticker:
        t = Ticker.parse(ticker)
        sub_q = select(EventTickerRow.event_id).where(EventTickerRow.symbol == t.symbol)
        if t.exchange:
            sub_q = sub_q.where(EventTickerRow.exchange == t.exchange)
        stmt = stmt.where(DiffRow.event_id.in_(sub_q))
    wanted = [diff.id for diff in session.scalars(stmt.order_by(DiffRow.id)) if matches(filters, _probe(diff))]
    existing: dict[int, MessageRow] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        # Locked as they are read (PostgreSQL): a message retention deletes meanwhile is
        # then not found — its diff gets a new one — instead of failing the UPDATE below.
        existing.update(
            (m.diff_id, m)
            for m in session.scalars(
                select(MessageRow)
                .where(MessageRow.subscription_id == sub.id, MessageRow.diff_id.in_(chunk))
                .order_by(MessageRow.id)
                .with_for_update()
            )
        )
    count = len(wanted)
    new_rows = []
    for diff_id in wanted:
        message = existing.get(diff_id)
        if message is None:
            new_rows.append(_message(sub.id, diff_id, now))
        elif message.lease_until is not None and message.lease_until > now:
            continue  # being sent right now: re-queueing it would send it twice at once
        else:
            message.status, message.next_attempt_at, message.lease_until = "retrying", now, None
            message.attempts, message.updated_at = 0, now
    if new_rows:
        session.execute(insert(MessageRow), new_rows)
    if count:
        announce(session)
    return count


def queue_depth(session: Session, now: datetime | None = None) -> tuple[int, datetime | None]:
    """Messages waiting (pending or retrying) and the creation time of the oldest."""

    count, oldest = session.execute(
        select(func.count(MessageRow.id), func.min(MessageRow.created_at)).where(
            MessageRow.status.in_(("pending", "retrying"))
        )
    ).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return int(count), oldest


__all__ = [
    "STATUSES",
    "AttemptView",
    "Claimed",
    "ClaimedDiff",
    "ClaimedSubscription",
    "MessageDetail",
    "MessageView",
    "Outcome",
    "claim_due",
    "diff_message",
    "enqueue",
    "list_messages",
    "message_detail",
    "new_message_id",
    "queue_depth",
    "record",
    "release_leases",
    "renew_leases",
    "replay",
    "requeue_waiting",
    "retry",
]
