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
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    Table,
    all_,
    and_,
    any_,
    bindparam,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from ir_feed.delivery import DiffMessage, Filters, matches
from ir_feed.models import Ticker
from ir_feed.store.notify import announce
from ir_feed.store.subscriptions import active_secrets, filters_of
from ir_feed.store.tables import AttemptRow, DiffRow, EventTickerRow, MessageRow, SubscriptionRow

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUSES = ("pending", "retrying", "delivered", "dead")
PAUSED = "paused"  # the disabled_reason of a subscription paused by its operator
_IN_CHUNK = 900  # ids per UPDATE ... IN (...), well inside every backend's parameter limit


def _among(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids``.  On PostgreSQL as ``= ANY(array)``: one bound array keeps
    the statement's text the same whatever the number of ids, so the driver and the
    server reuse its plan (an expanded IN list was re-parsed on every claim)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(ColumnElement[bool], column == any_(literal(list(ids), ARRAY(BigInteger))))
    return cast(ColumnElement[bool], column.in_(list(ids)))


def _not_among(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """``column NOT IN ids`` (``<> ALL(array)`` on PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(ColumnElement[bool], column != all_(literal(list(ids), ARRAY(BigInteger))))
    return cast(ColumnElement[bool], column.not_in(list(ids)))


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


_DIFF_COLUMNS = (DiffRow.id, DiffRow.type, DiffRow.created_at, DiffRow.event, DiffRow.changes, DiffRow.release)
_SUBSCRIPTION_COLUMNS = (
    SubscriptionRow.id,
    SubscriptionRow.name,
    SubscriptionRow.url,
    SubscriptionRow.secrets,
    SubscriptionRow.format,
    SubscriptionRow.failing_since,
)
_ROTATION_COLUMNS = (SubscriptionRow.previous_secrets, SubscriptionRow.previous_secrets_expire_at)


def claim_due(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    exclude: Collection[int] = (),
    per_subscription: int | None = None,
    held: Mapping[int, int] | None = None,
) -> list[Claimed]:
    """Lease up to ``limit`` due messages, oldest due first.

    ``exclude``: messages this process is still sending (an attempt can outlive its
    lease; it must not be sent twice).  ``per_subscription``: at most this many
    messages of one subscription held at once, counting ``held`` (subscription id →
    messages this process already holds), so one subscriber's backlog does not fill
    the claim and hold everyone else's messages back.

    Reads plain columns rather than ORM objects and leases with one UPDATE: a claim
    runs for every batch, and building objects was most of its cost."""
    due = (
        select(MessageRow.id, MessageRow.public_id, MessageRow.attempts, MessageRow.diff_id, MessageRow.subscription_id)
        .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
        .where(
            MessageRow.status.in_(("pending", "retrying")),
            MessageRow.next_attempt_at <= now,
            or_(MessageRow.lease_until.is_(None), MessageRow.lease_until <= now),
            SubscriptionRow.enabled.is_(True),
        )
        .order_by(MessageRow.next_attempt_at, MessageRow.id)
        # Scan a little further than ``limit`` so that capping one subscription
        # still leaves others' messages to take.
        .limit(limit if per_subscription is None else limit * 2)
        .with_for_update(of=MessageRow, skip_locked=True)
    )
    if exclude:
        due = due.where(_not_among(session, MessageRow.id, exclude))
    taken: dict[int, int] = dict(held or {})
    if per_subscription is not None:
        full = [sub for sub, n in taken.items() if n >= per_subscription]
        if full:
            due = due.where(_not_among(session, MessageRow.subscription_id, full))
    messages = []
    for m in session.execute(due):
        n = taken.get(m.subscription_id, 0)
        if per_subscription is not None and n >= per_subscription:
            continue
        taken[m.subscription_id] = n + 1
        messages.append(m)
        if len(messages) >= limit:
            break
    if not messages:
        return []
    for start in range(0, len(messages), _IN_CHUNK):
        session.execute(
            update(MessageRow)
            .where(_among(session, MessageRow.id, [m.id for m in messages[start : start + _IN_CHUNK]]))
            .values(lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
    diffs = {
        row.id: ClaimedDiff(*row)
        for row in session.execute(
            select(*_DIFF_COLUMNS).where(_among(session, DiffRow.id, {m.diff_id for m in messages}))
        )
    }
    subs = {}
    for row in session.execute(
        select(*_SUBSCRIPTION_COLUMNS, *_ROTATION_COLUMNS).where(
            _among(session, SubscriptionRow.id, {m.subscription_id for m in messages})
        )
    ):
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
    subscriptions this disabled (not those another write had disabled already)."""
    if not outcomes:
        return set()
    session.connection().execute(
        insert(AttemptRow.__table__),  # type: ignore[arg-type]
        [
            {
                "message_id": o.message_id,
                "number": o.number,
                "started_at": o.started_at,
                "status": o.status,
                "latency_ms": o.latency_ms,
                "error": (o.error or None) and o.error[:2000],
                "error_kind": o.error_kind,
                "response_excerpt": o.response_excerpt[:1024],
            }
            for o in outcomes
        ],
    )
    # Outcomes with the same new values (typically every delivered message of a
    # batch) share one UPDATE ... WHERE id IN (...); the rest go as one executemany.
    groups: dict[tuple[Any, ...], list[int]] = {}
    for o in outcomes:
        error = (o.error or None) and o.error[:2000]
        groups.setdefault((o.new_status, o.number, o.next_attempt_at, o.status, error), []).append(o.message_id)
    singles: list[dict[str, Any]] = []
    for (new_status, number, next_at, status, error), ids in groups.items():
        values = {
            "status": new_status,
            "attempts": number,
            "next_attempt_at": next_at,
            "lease_until": None,
            "last_status": status,
            "last_error": error,
            "delivered_at": now if new_status == "delivered" else None,
            "updated_at": now,
        }
        if len(ids) == 1:
            singles.append({"b_id": ids[0], **values})
            continue
        for start in range(0, len(ids), _IN_CHUNK):
            session.execute(
                update(MessageRow)
                .where(_among(session, MessageRow.id, ids[start : start + _IN_CHUNK]))
                .values(**values)
                .execution_options(synchronize_session=False)
            )
    if singles:
        singles.sort(key=lambda row: row["b_id"])  # one lock order for every writer
        table = cast(Table, MessageRow.__table__)
        session.connection().execute(update(table).where(table.c.id == bindparam("b_id")), singles)
    # Subscription health: a success ends a failure streak; a failure starts one.
    # A message that could not even be built (error_kind invalid_message) says
    # nothing about the endpoint.
    ok = {o.subscription_id for o in outcomes if o.new_status == "delivered"}
    failed = {
        o.subscription_id for o in outcomes if o.new_status != "delivered" and o.error_kind != "invalid_message"
    } - ok
    if ok:
        session.execute(
            update(SubscriptionRow)
            .where(_among(session, SubscriptionRow.id, ok))
            .values(failing_since=None, last_success_at=now, updated_at=now)
        )
    if failed:
        session.execute(
            update(SubscriptionRow)
            .where(_among(session, SubscriptionRow.id, failed), SubscriptionRow.failing_since.is_(None))
            .values(failing_since=now, updated_at=now)
        )
    disabled: set[int] = set()
    for o in outcomes:
        if o.disable_reason is not None and o.subscription_id not in disabled:
            result = session.execute(
                update(SubscriptionRow)
                .where(SubscriptionRow.id == o.subscription_id, SubscriptionRow.enabled.is_(True))
                .values(enabled=False, disabled_reason=o.disable_reason, updated_at=now)
            )
            if getattr(result, "rowcount", 0):
                disabled.add(o.subscription_id)
    return disabled


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
