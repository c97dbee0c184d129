"""The daemons sharing this database, by heartbeat (``daemons``).

Each daemon beats every few seconds; those seen within ``within`` are alive.  A daemon that
stops cleanly leaves at once; one killed drops out when its heartbeat is older than ``within``.
The count is what the per-host politeness is shared by (:meth:`ir_feed.fetch.Fetcher.share_hosts`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ir_feed.store.tables import DaemonRow

__all__ = ["beat", "leave", "live"]


def beat(session: Session, daemon_id: str, *, hostname: str, pid: int, started_at: datetime, now: datetime) -> None:
    """This daemon is alive at ``now`` (its row made on the first beat)."""
    row = session.get(DaemonRow, daemon_id)
    if row is None:
        session.add(DaemonRow(id=daemon_id, hostname=hostname[:255], pid=pid, started_at=started_at, seen_at=now))
    else:
        row.seen_at = max(row.seen_at, now)


def live(session: Session, now: datetime, within: timedelta, *, forget_after: timedelta | None = None) -> int:
    """How many daemons beat within ``within`` of ``now`` (at least this one, which just beat);
    rows silent for longer than ``forget_after`` are deleted (a killed daemon's)."""
    if forget_after is not None:
        session.execute(delete(DaemonRow).where(DaemonRow.seen_at < now - forget_after))
    count = session.scalar(select(func.count()).select_from(DaemonRow).where(DaemonRow.seen_at >= now - within))
    return max(1, int(count or 0))


def leave(session: Session, daemon_id: str) -> None:
    """This daemon stops: the others stop counting it at their next beat."""
    session.execute(delete(DaemonRow).where(DaemonRow.id == daemon_id))
