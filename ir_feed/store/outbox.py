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

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from ir_feed.delivery import DiffMessage, Filters, matches
from ir_feed.models import Ticker
from ir_feed.store.subscriptions import filters_of
from ir_feed.store.tables import AttemptRow, DiffRow, EventTickerRow, MessageRow, SubscriptionRow

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUSES = ("pending", "retrying", "delivered", "dead")
PAUSED = "paused"  # the disabled_reason of a subscription paused by its operator


def new_message_id(now: datetime) -> str:
    """``msg_`` + a 26-character ULID: 48 bits of milliseconds, 80 random bits."""
    value = (int(now.timestamp() * 1000) & ((1 << 48) - 1)) << 80 | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "msg_" + "".join(reversed(chars))


def diff_message(public_id: str, diff: DiffRow) -> DiffMessage:
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
class Claimed:
    """A leased message with what is needed to send it."""

    id: int
    public_id: str
    attempts: int
    diff: DiffRow
    subscription: SubscriptionRow


def claim_due(
    session: Session, now: datetime, *, lease: timedelta, limit: int, exclude: Collection[int] = ()
) -> list[Claimed]:
    """Lease up to ``limit`` due messages.  ``exclude``: messages this process is
    still sending (a slow batch can outlive its lease; it must not be sent twice)."""
    due = (
        select(MessageRow)
        .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
        .where(
            MessageRow.status.in_(("pending", "retrying")),
            MessageRow.next_attempt_at <= now,
            or_(MessageRow.lease_until.is_(None), MessageRow.lease_until <= now),
            SubscriptionRow.enabled.is_(True),
        )
        .order_by(MessageRow.next_attempt_at, MessageRow.id)
        .limit(limit)
        .with_for_update(of=MessageRow, skip_locked=True)
    )
    if exclude:
        due = due.where(MessageRow.id.not_in(list(exclude)))
    messages = list(session.scalars(due))
    if not messages:
        return []
    until = now + lease
    session.execute(update(MessageRow), [{"id": m.id, "lease_until": until} for m in messages])
    diffs = {d.id: d for d in session.scalars(select(DiffRow).where(DiffRow.id.in_({m.diff_id for m in messages})))}
    subs = {
        s.id: s
        for s in session.scalars(
            select(SubscriptionRow).where(SubscriptionRow.id.in_({m.subscription_id for m in messages}))
        )
    }
    return [Claimed(m.id, m.public_id, m.attempts, diffs[m.diff_id], subs[m.subscription_id]) for m in messages]


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


def record(session: Session, outcomes: Sequence[Outcome], now: datetime) -> None:
    if not outcomes:
        return
    session.execute(
        insert(AttemptRow),
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
    session.execute(
        update(MessageRow),
        [
            {
                "id": o.message_id,
                "status": o.new_status,
                "attempts": o.number,
                "next_attempt_at": o.next_attempt_at,
                "lease_until": None,
                "last_status": o.status,
                "last_error": (o.error or None) and o.error[:2000],
                "delivered_at": now if o.new_status == "delivered" else None,
                "updated_at": now,
            }
            for o in outcomes
        ],
    )
    # Subscription health: a success ends a failure streak; a failure starts one.
    ok = {o.subscription_id for o in outcomes if o.new_status == "delivered"}
    failed = {o.subscription_id for o in outcomes if o.new_status != "delivered"} - ok
    if ok:
        session.execute(
            update(SubscriptionRow)
            .where(SubscriptionRow.id.in_(ok))
            .values(failing_since=None, last_success_at=now, updated_at=now)
        )
    if failed:
        session.execute(
            update(SubscriptionRow)
            .where(SubscriptionRow.id.in_(failed), SubscriptionRow.failing_since.is_(None))
            .values(failing_since=now, updated_at=now)
        )
    for o in outcomes:
        if o.disable_reason is not None:
            session.execute(
                update(SubscriptionRow)
                .where(SubscriptionRow.id == o.subscription_id, SubscriptionRow.enabled.is_(True))
                .values(enabled=False, disabled_reason=o.disable_reason, updated_at=now)
            )


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


def list_messages(
    session: Session, *, status: str | None = None, subscription: str | None = None, limit: int = 100
) -> list[MessageView]:
    stmt = (
        select(MessageRow, SubscriptionRow.name, DiffRow.public_id, DiffRow.type, DiffRow.event_key)
        .join(SubscriptionRow, SubscriptionRow.id == MessageRow.subscription_id)
        .join(DiffRow, DiffRow.id == MessageRow.diff_id)
    )
    if status:
        stmt = stmt.where(MessageRow.status == status)
    if subscription:
        stmt = stmt.where(SubscriptionRow.name == subscription)
    stmt = stmt.order_by(MessageRow.id.desc()).limit(limit)
    return [
        MessageView(
            public_id=m.public_id,
            subscription=name,
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
        for m, name, diff_id, diff_type, event_key in session.execute(stmt)
    ]


def retry(session: Session, public_id: str, now: datetime) -> bool:
    """Send one message again now (a dead letter, or one waiting for its next try)."""
    result = session.execute(
        update(MessageRow)
        .where(MessageRow.public_id == public_id, MessageRow.status != "delivered")
        .values(status="retrying", next_attempt_at=now, lease_until=None, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


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
    existing = {m.diff_id: m for m in session.scalars(select(MessageRow).where(MessageRow.subscription_id == sub.id))}
    count = 0
    new_rows = []
    for diff in session.scalars(stmt.order_by(DiffRow.id)):
        if not matches(filters, _probe(diff)):
            continue
        count += 1
        message = existing.get(diff.id)
        if message is None:
            new_rows.append(_message(sub.id, diff.id, now))
        else:
            message.status, message.next_attempt_at, message.lease_until = "retrying", now, None
            message.attempts, message.updated_at = 0, now
    if new_rows:
        session.execute(insert(MessageRow), new_rows)
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
    "Claimed",
    "MessageView",
    "Outcome",
    "claim_due",
    "diff_message",
    "enqueue",
    "list_messages",
    "new_message_id",
    "queue_depth",
    "record",
    "replay",
    "retry",
]
