"""Questions keep the photos they were asked with

Revision ID: c4f2a8e61d37
Revises: b3e9d2f4a7c1
Create Date: 2026-11-29 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "c4f2a8e61d37"
down_revision: str | None = "b3e9d2f4a7c1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Questions asked before had their photos sent to the officers only: none kept.
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "photos", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="[]"
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("photos")
