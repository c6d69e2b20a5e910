"""Guest stays can be voided (作废登记): when, why and by whom, the row kept for the audit

Revision ID: d8b2f6a1c3e7
Revises: c9e4a7b2d615
Create Date: 2026-11-30 19:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql import sqltypes

revision: str = "d8b2f6a1c3e7"
down_revision: str | None = "c9e4a7b2d615"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("guest_stay", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "void_reason",
                sqltypes.AutoString(length=40),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("voided_by_person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_guest_stay_voided_by_person_id_person",
            "person",
            ["voided_by_person_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("guest_stay", schema=None) as batch_op:
        batch_op.drop_constraint("fk_guest_stay_voided_by_person_id_person", type_="foreignkey")
        batch_op.drop_column("voided_by_person_id")
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_at")
