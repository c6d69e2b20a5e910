"""Incidents keep the officer's words, and can be withdrawn (撤销) without being deleted

Revision ID: f7a3c1d9e2b4
Revises: 8f3d4ca16311
Create Date: 2026-11-29 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "f7a3c1d9e2b4"
down_revision: str | None = "8f3d4ca16311"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "description",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("withdrawn_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "withdrawn_reason",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("withdrawn_by_person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_incident_withdrawn_by_person_id_person",
            "person",
            ["withdrawn_by_person_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_constraint("fk_incident_withdrawn_by_person_id_person", type_="foreignkey")
        batch_op.drop_column("withdrawn_by_person_id")
        batch_op.drop_column("withdrawn_reason")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("description")
