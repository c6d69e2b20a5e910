"""Tenants under 18 keep a guardian, and the guardian's tenancy when they rent the house

Revision ID: df9d8005c603
Revises: f4b8d2e6a9c1
Create Date: 2026-12-01 11:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql import sqltypes

revision: str = "df9d8005c603"
down_revision: str | None = "f4b8d2e6a9c1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tenancy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guardian_name_enc", sqltypes.AutoString(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "guardian_name_masked",
                sqltypes.AutoString(length=64),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("guardian_phone_enc", sqltypes.AutoString(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "guardian_phone_masked",
                sqltypes.AutoString(length=20),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "guardian_relation",
                sqltypes.AutoString(length=40),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("guardian_tenancy_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tenancy", schema=None) as batch_op:
        batch_op.drop_column("guardian_tenancy_id")
        batch_op.drop_column("guardian_relation")
        batch_op.drop_column("guardian_phone_masked")
        batch_op.drop_column("guardian_phone_enc")
        batch_op.drop_column("guardian_name_masked")
        batch_op.drop_column("guardian_name_enc")
