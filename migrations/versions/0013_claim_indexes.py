"""PostgreSQL indexes in the order the claims read: feeds (next_poll_at, id); messages
waiting to be sent (next_attempt_at, id) where status is pending or retrying

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 10:00:00

A claim reads its rows ``ORDER BY next_poll_at, id`` (feeds) or ``ORDER BY
next_attempt_at, id`` (messages) under ``FOR UPDATE SKIP LOCKED``.  On PostgreSQL the
existing indexes give neither order: the feeds claim sorted every due feed, and the
messages claim (``status IN ('pending', 'retrying')`` over the ``(status,
next_attempt_at)`` index) read, joined and sorted the whole waiting backlog to lock the
first few hundred rows.  SQLite needs neither: its indexes end with the rowid (``id``),
and its outbox claim reads each status in index order already.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index("ix_feeds_next_poll_at_id", "feeds", ["next_poll_at", "id"], unique=False)
    op.create_index(
        "ix_messages_waiting",
        "messages",
        ["next_attempt_at", "id"],
        unique=False,
        postgresql_where=sa.text("status IN ('pending', 'retrying')"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_messages_waiting", table_name="messages")
    op.drop_index("ix_feeds_next_poll_at_id", table_name="feeds")
