"""Tenancies keep the room (or flat) of the house a tenant rents

Revision ID: f4b8d2e6a9c1
Revises: e3a7c5b9d104
Create Date: 2026-12-01 07:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql import sqltypes

revision: str = "f4b8d2e6a9c1"
down_revision: str | None = "e3a7c5b9d104"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tenancy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("room", sqltypes.AutoString(length=16), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("tenancy", schema=None) as batch_op:
        batch_op.drop_column("room")
