"""retention: when a release version was replaced and its text pruned; indexes for pruning

``release_versions.superseded_at`` is when a newer version replaced the row (NULL for
a release's current version); existing rows get the time the next version was seen.
``release_versions.text_pruned_at`` is when retention emptied the row's summary and
text.  ``ix_release_versions_text_pruned_at_superseded_at`` finds the replaced texts
still kept, oldest first; ``ix_messages_status_updated_at`` finds delivered and dead
messages by when they became so.  Without them every pruning run would read every row.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-21 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("release_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("text_pruned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_release_versions_text_pruned_at_superseded_at", ["text_pruned_at", "superseded_at"], unique=False
        )
    # A version was replaced when the next one was seen.  Only replaced versions are
    # written (a release's current version stays NULL): one statement, both backends.
    op.execute(
        """
        UPDATE release_versions SET superseded_at = (
            SELECT MIN(n.seen_at) FROM release_versions n
            WHERE n.release_id = release_versions.release_id AND n.version > release_versions.version
        )
        WHERE EXISTS (
            SELECT 1 FROM release_versions n
            WHERE n.release_id = release_versions.release_id AND n.version > release_versions.version
        )
        """
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_status_updated_at", ["status", "updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_status_updated_at")
    with op.batch_alter_table("release_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_release_versions_text_pruned_at_superseded_at")
        batch_op.drop_column("text_pruned_at")
        batch_op.drop_column("superseded_at")
