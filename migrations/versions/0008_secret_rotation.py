"""secret rotation: the signing secrets a rotation retired, and until when they still sign

``subscriptions.previous_secrets`` holds the secrets a subscription had before its
last rotation (``ir-feed subscriptions rotate-secret``, ``POST
/v1/subscriptions/{name}/rotate-secret``); they sign every message beside the new one
until ``subscriptions.previous_secrets_expire_at``.  Both NULL: no rotation running.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-22 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_secrets", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("previous_secrets_expire_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("previous_secrets_expire_at")
        batch_op.drop_column("previous_secrets")
