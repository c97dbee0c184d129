"""Retention: deleting what is old enough, in small batches, never what is still needed.

Each ``prune_*`` function does one batch inside the caller's (write) transaction and
returns what it deleted; :func:`ir_feed.services.pruning.prune` commits batch after
batch, so no transaction holds SQLite's write lock for long or grows large on
PostgreSQL.  A batch picks its rows with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL
and the statements that delete them repeat every condition, so several daemons
pruning at once take disjoint rows, a row is deleted (and counted) once, and a
second run finds nothing left to do.

What goes, and what never does:

* messages ``delivered`` (or ``dead``) longer ago than their cutoff, with their
  attempts — never a message still waiting (``pending``, ``retrying``);
* diffs created before their cutoff that no message refers to any more (a diff a
  dead letter or a waiting message needs stays: ``deliveries retry`` sends it);
* the summary and text of release versions replaced before their cutoff — never a
  release's current version, nor a version an event's active support was read from
  (a correction whose page never arrived leaves its facts on the version before);
  the row itself (number, title, hash, times) stays, and so does every release,
  event and piece of evidence.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, false, func, or_, select, update
from sqlalchemy.orm import Session

from ir_feed.settings import RetentionSettings
from ir_feed.store.tables import AttemptRow, DiffRow, EventSourceRow, MessageRow, ReleaseRow, ReleaseVersionRow

__all__ = [
    "Cutoffs",
    "PruneCounts",
    "cutoffs",
    "prunable",
    "prune_diffs",
    "prune_messages",
    "prune_version_texts",
]


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """What is older than this goes; None keeps that kind for ever."""

    delivered_messages: datetime | None = None  # delivered before
    dead_messages: datetime | None = None  # dead since before
    version_texts: datetime | None = None  # replaced before
    diffs: datetime | None = None  # created before


def cutoffs(retention: RetentionSettings, now: datetime) -> Cutoffs:
    """The retention settings read at ``now`` (an age of 0 days keeps for ever)."""

    def before(days: int) -> datetime | None:
        return now - timedelta(days=days) if days > 0 else None

    return Cutoffs(
        delivered_messages=before(retention.delivered_messages_days),
        dead_messages=before(retention.dead_messages_days),
        version_texts=before(retention.old_version_text_days),
        diffs=before(retention.diffs_days),
    )


@dataclass(frozen=True, slots=True)
class PruneCounts:
    """Rows deleted (or, for version texts, emptied), by kind."""

    delivered_messages: int = 0
    dead_messages: int = 0
    delivery_attempts: int = 0
    diffs: int = 0
    version_texts: int = 0

    def __add__(self, other: PruneCounts) -> PruneCounts:
        return PruneCounts(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)))

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @property
    def total(self) -> int:
        return sum(dataclasses.astuple(self))


def _batch(session: Session, ids: Any, where: ColumnElement[bool], oldest: Any, limit: int) -> list[int]:
    """The ids of up to ``limit`` rows ``where`` holds, oldest first, locked for this
    transaction; rows another daemon holds are skipped (SKIP LOCKED on PostgreSQL)."""
    picked = select(ids).where(where).order_by(oldest).limit(limit).with_for_update(skip_locked=True)
    return list(session.scalars(picked))


# -- messages ------------------------------------------------------------------


def _old(status: str, before: datetime) -> ColumnElement[bool]:
    """Messages in a final ``status`` since before ``before`` (``updated_at`` is when
    they became so: nothing writes a delivered or dead message but a replay or a
    retry, and those make it wait again)."""
    return and_(MessageRow.status == status, MessageRow.updated_at < before)


def prune_messages(session: Session, status: str, before: datetime, *, limit: int) -> tuple[int, int]:
    """Delete up to ``limit`` messages ``delivered`` or ``dead`` since before ``before``,
    oldest first, with their attempts.  Returns (messages, attempts) deleted."""
    if status not in ("delivered", "dead"):
        raise ValueError(f"only delivered or dead messages are pruned, not {status!r}")
    ids = _batch(session, MessageRow.id, _old(status, before), MessageRow.updated_at, limit)
    if not ids:
        return 0, 0
    attempts = session.execute(
        delete(AttemptRow).where(AttemptRow.message_id.in_(ids)).execution_options(synchronize_session=False)
    )
    messages = session.execute(
        delete(MessageRow)
        .where(MessageRow.id.in_(ids), _old(status, before))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(messages, "rowcount", 0)), int(getattr(attempts, "rowcount", 0))


# -- diffs ---------------------------------------------------------------------


def _unreferenced() -> ColumnElement[bool]:
    return ~exists().where(MessageRow.diff_id == DiffRow.id)


def prune_diffs(session: Session, before: datetime, *, limit: int) -> int:
    """Delete up to ``limit`` diffs created before ``before`` that no message refers to,
    oldest first.  (A message's foreign key would take it along: one still there keeps
    its diff.)  Returns how many were deleted."""
    ids = _batch(session, DiffRow.id, and_(DiffRow.created_at < before, _unreferenced()), DiffRow.created_at, limit)
    if not ids:
        return 0
    result = session.execute(
        delete(DiffRow)
        .where(DiffRow.id.in_(ids), DiffRow.created_at < before, _unreferenced())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


# -- release versions' text ----------------------------------------------------


def _replaced_text_kept(before: datetime) -> ColumnElement[bool]:
    """Versions replaced before ``before`` whose text is still kept, that are not their
    release's current version nor the version an active support was read from."""
    current = select(ReleaseRow.version).where(ReleaseRow.id == ReleaseVersionRow.release_id).scalar_subquery()
    supports = exists().where(
        EventSourceRow.release_id == ReleaseVersionRow.release_id,
        EventSourceRow.release_version == ReleaseVersionRow.version,
        EventSourceRow.active.is_(True),
    )
    return and_(
        ReleaseVersionRow.text_pruned_at.is_(None),
        ReleaseVersionRow.superseded_at < before,
        ReleaseVersionRow.version < current,
        ~supports,
    )


def prune_version_texts(session: Session, before: datetime, *, limit: int, now: datetime) -> int:
    """Empty the summary and text of up to ``limit`` versions replaced before ``before``,
    oldest replaced first; the rows stay.  Returns how many were emptied."""
    ids = _batch(session, ReleaseVersionRow.id, _replaced_text_kept(before), ReleaseVersionRow.superseded_at, limit)
    if not ids:
        return 0
    result = session.execute(
        update(ReleaseVersionRow)
        .where(ReleaseVersionRow.id.in_(ids), _replaced_text_kept(before))
        .values(summary="", text="", text_pruned_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


# -- what a run would do ---------------------------------------------------------


def _would_go(c: Cutoffs) -> ColumnElement[bool]:
    """Messages a run with these cutoffs deletes."""
    kinds = [_old(status, at) for status, at in (("delivered", c.delivered_messages), ("dead", c.dead_messages)) if at]
    return or_(*kinds) if kinds else false()


def prunable(session: Session, c: Cutoffs) -> PruneCounts:
    """What a run with these cutoffs would delete now (a dry run: reads only).  A diff
    counts when every message that refers to it would be deleted first."""

    def count(where: ColumnElement[bool], table: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(table).where(where)) or 0)

    delivered = count(_old("delivered", c.delivered_messages), MessageRow) if c.delivered_messages else 0
    dead = count(_old("dead", c.dead_messages), MessageRow) if c.dead_messages else 0
    attempts = 0
    if delivered or dead:
        going = select(MessageRow.id).where(_would_go(c))
        attempts = count(AttemptRow.message_id.in_(going), AttemptRow)
    diffs = 0
    if c.diffs:
        staying = exists().where(MessageRow.diff_id == DiffRow.id, ~_would_go(c))
        diffs = count(and_(DiffRow.created_at < c.diffs, ~staying), DiffRow)
    texts = count(_replaced_text_kept(c.version_texts), ReleaseVersionRow) if c.version_texts else 0
    return PruneCounts(
        delivered_messages=delivered, dead_messages=dead, delivery_attempts=attempts, diffs=diffs, version_texts=texts
    )
