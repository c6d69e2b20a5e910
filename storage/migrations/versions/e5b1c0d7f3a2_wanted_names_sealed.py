"""A wanted person's name and aliases are sealed at rest

Revision ID: e5b1c0d7f3a2
Revises: d41c7e2a9b10
Create Date: 2026-11-29 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "e5b1c0d7f3a2"
down_revision: str | None = "d41c7e2a9b10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Keep in step with storage.wanted_sealing.PLAIN_MARK.
_PLAIN = ":plain:"


def upgrade() -> None:
    # A migration has no keys: the names stay readable, marked plain, and the first jingmin
    # process started with the keys (server or command) seals them (storage.wanted_sealing).
    with op.batch_alter_table("wanted_person", schema=None) as batch_op:
        batch_op.alter_column(
            "name",
            new_column_name="name_enc",
            existing_type=sa.String(length=64),
            type_=sqlmodel.sql.sqltypes.AutoString(),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "aliases",
            new_column_name="aliases_enc",
            existing_type=sa.String(length=200),
            type_=sqlmodel.sql.sqltypes.AutoString(),
            existing_nullable=False,
        )
    # History rows name the person too; those written so far stay plain JSON until then.
    with op.batch_alter_table("wanted_change", schema=None) as batch_op:
        batch_op.alter_column(
            "detail",
            existing_type=sa.String(length=4000),
            type_=sqlmodel.sql.sqltypes.AutoString(),
            existing_nullable=False,
        )
    op.execute(f"UPDATE wanted_person SET name_enc = '{_PLAIN}' || name_enc")
    op.execute(
        f"UPDATE wanted_person SET aliases_enc = '{_PLAIN}' || aliases_enc WHERE aliases_enc != ''"
    )


def downgrade() -> None:
    sealed = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT count(*) FROM wanted_person WHERE name_enc NOT LIKE ':plain:%' "
                "OR (aliases_enc != '' AND aliases_enc NOT LIKE ':plain:%')"
            )
        )
        .scalar()
    )
    history = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM wanted_change WHERE detail NOT LIKE '{%'"))
        .scalar()
    )
    if sealed or history:
        raise RuntimeError("wanted persons' names are sealed: a downgrade cannot read them")
    n = len(_PLAIN) + 1
    op.execute(f"UPDATE wanted_person SET name_enc = substr(name_enc, {n})")
    op.execute(
        f"UPDATE wanted_person SET aliases_enc = substr(aliases_enc, {n}) WHERE aliases_enc != ''"
    )
    with op.batch_alter_table("wanted_person", schema=None) as batch_op:
        batch_op.alter_column(
            "name_enc", new_column_name="name", type_=sa.String(length=64), existing_nullable=False
        )
        batch_op.alter_column(
            "aliases_enc",
            new_column_name="aliases",
            type_=sa.String(length=200),
            existing_nullable=False,
        )
    with op.batch_alter_table("wanted_change", schema=None) as batch_op:
        batch_op.alter_column("detail", type_=sa.String(length=4000), existing_nullable=False)
