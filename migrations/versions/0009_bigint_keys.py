"""64-bit row ids: every id column and every column referring to one is BIGINT

Years of delivery attempts, messages and diffs may pass 2**31 rows, the most an
``INTEGER`` id (and its ``SERIAL`` sequence) holds on PostgreSQL.  SQLite's
``INTEGER PRIMARY KEY`` is its 64-bit rowid already: nothing changes there.

On PostgreSQL each table is rewritten under an exclusive lock while its columns
change type: on a large database, run the upgrade in a quiet hour
(docs/operations.md).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 18:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> its id column and the columns referring to another table's id
COLUMNS: dict[str, tuple[str, ...]] = {
    "feeds": ("id",),
    "feed_entries": ("id", "feed_id", "release_id"),
    "releases": ("id",),
    "release_tickers": ("id", "release_id"),
    "release_versions": ("id", "release_id", "feed_id"),
    "events": ("id", "state_release_id"),
    "event_tickers": ("id", "event_id"),
    "event_sources": ("id", "event_id", "release_id"),
    "diffs": ("id", "event_id", "release_id"),
    "subscriptions": ("id",),
    "messages": ("id", "subscription_id", "diff_id"),
    "delivery_attempts": ("id", "message_id"),
}


def _retype(kind: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # (SQLite: an INTEGER key is 64-bit)
    for table, columns in COLUMNS.items():
        changes = ", ".join(f"ALTER COLUMN {c} TYPE {kind}" for c in columns)
        op.execute(f"ALTER TABLE {table} {changes}")
        # the id's sequence counts in its own type: as an integer it stops at 2**31 - 1
        op.execute(f"ALTER SEQUENCE IF EXISTS {table}_id_seq AS {kind}")


def upgrade() -> None:
    _retype("BIGINT")


def downgrade() -> None:
    _retype("INTEGER")
