"""daemons: each running daemon's heartbeat, so that daemons sharing one database share each
feed host's request budget (``http.per_host_interval`` is stretched by their number)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 21:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daemons",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daemons")),
    )
    op.create_index(op.f("ix_daemons_seen_at"), "daemons", ["seen_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_daemons_seen_at"), table_name="daemons")
    op.drop_table("daemons")
