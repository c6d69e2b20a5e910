"""Guests' and tenants' phones get a blind index, so that officers can search by phone

A migration has no keys: the rows already written keep `phone_idx` empty here, and the
first jingmin process started with the keys (`jingmin serve`, or any command) decrypts their
phones and fills it in before it serves (storage.phone_index.index_phones), as the
wanted persons' names left plain by e5b1c0d7f3a2 are sealed. Each table keeps such rows in a
partial index, empty once all are filled, so that every start's look costs nothing.

Revision ID: b3e9d2f4a7c1
Revises: f7a3c1d9e2b4
Create Date: 2026-11-29 12:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "b3e9d2f4a7c1"
down_revision: str | None = "f7a3c1d9e2b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("guest_stay", "tenancy")


def _unindexed() -> sa.ColumnElement[bool]:
    # As storage.models.registration.phone_unindexed writes it.
    empty = sa.literal_column("''")
    return sa.and_(
        sa.column("phone_enc").is_not(None),
        sa.func.coalesce(sa.column("phone_idx"), empty) == empty,
    )


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("phone_idx", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
            )
            batch_op.create_index(f"ix_{table}_phone_idx", ["phone_idx"], unique=False)
        op.create_index(
            f"ix_{table}_phone_unindexed",
            table,
            ["id"],
            sqlite_where=_unindexed(),
            postgresql_where=_unindexed(),
        )


def downgrade() -> None:
    for table in _TABLES:
        op.drop_index(f"ix_{table}_phone_unindexed", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_phone_idx")
            batch_op.drop_column("phone_idx")
