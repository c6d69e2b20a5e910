"""Inspection items whose required photo the owner could not take (未拍照)

Revision ID: d41c7e2a9b10
Revises: caa5714f6a83
Create Date: 2026-11-29 03:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d41c7e2a9b10"
down_revision: str | None = "caa5714f6a83"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("photo_missing", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.drop_column("photo_missing")
