"""Audit rows keep the blind index of a purged registration's name

Revision ID: e3a7c5b9d104
Revises: d8b2f6a1c3e7
Create Date: 2026-12-01 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql import sqltypes

revision: str = "e3a7c5b9d104"
down_revision: str | None = "d8b2f6a1c3e7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_idx", sqltypes.AutoString(length=40), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_audit_event_name_idx"), ["name_idx"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_name_idx"))
        batch_op.drop_column("name_idx")
