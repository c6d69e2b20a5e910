"""Wanted names and history left plain are found through partial indexes

Every jingmin process looks at its start for what e5b1c0d7f3a2 left plain (it had no key)
and seals it. That look read both tables whole at every start; it now reads two indexes
that hold only such rows, empty once everything is sealed (storage.models.watchlist).

Revision ID: 54c9a884a3e0
Revises: e5b1c0d7f3a2
Create Date: 2026-11-29 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "54c9a884a3e0"
down_revision: str | None = "e5b1c0d7f3a2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _starts(column: str, prefix: str) -> sa.ColumnElement[bool]:
    # As the model writes it: SQLite uses a partial index only for its very clause.
    return sa.literal_column(column).like(sa.literal_column(f"'{prefix}%'"))


def upgrade() -> None:
    plain = sa.or_(_starts("name_enc", ":plain:"), _starts("aliases_enc", ":plain:"))
    op.create_index(
        "ix_wanted_person_plain",
        "wanted_person",
        ["id"],
        sqlite_where=plain,
        postgresql_where=plain,
    )
    legacy = sa.or_(_starts("detail", "{"), _starts("detail", "["))
    op.create_index(
        "ix_wanted_change_legacy",
        "wanted_change",
        ["id"],
        sqlite_where=legacy,
        postgresql_where=legacy,
    )


def downgrade() -> None:
    op.drop_index("ix_wanted_change_legacy", table_name="wanted_change")
    op.drop_index("ix_wanted_person_plain", table_name="wanted_person")
