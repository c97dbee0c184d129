"""one copy of a release's text: the current version's text is the release's

``release_versions.text`` was a second copy of ``releases.text`` for every release's
current version.  It is now NULL while the version is current and takes the text
when a newer version replaces it (``store.releases.save_release``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 19:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def upgrade() -> None:
    with op.batch_alter_table("release_versions", schema=None) as batch_op:
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=True)
    op.execute(
        "UPDATE release_versions SET text = NULL "
        "WHERE version = (SELECT r.version FROM releases r WHERE r.id = release_versions.release_id)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE release_versions SET text = (SELECT r.text FROM releases r WHERE r.id = release_versions.release_id) "
        "WHERE text IS NULL"
    )
    with op.batch_alter_table("release_versions", schema=None) as batch_op:
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=False)
