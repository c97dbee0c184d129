"""events.details: the fields of a kind that have no column of their own, as JSON — a new
event kind (its spec in ir_feed/kinds) is stored without a migration of its own

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 03:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", recreate="never") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    # (never a copy of the table: on SQLite, re-creating ``events`` would cascade-delete the
    # rows that reference it — SQLite drops a column in place since 3.35)
    with op.batch_alter_table("events", recreate="never") as batch:
        batch.drop_column("details")
