"""Indexes for a station-sized database: owners by venue, a venue's recent stays.

SQLite keeps no statistics, so it plans from the indexes alone. With 20,000 chat accounts
the owners of a station's 400 venues were found by walking every account (300 ms for each
alert, twice when it is sent), and a venue's stays of the last days by reading its whole
year (the digest and the nightly risk rules). Creating them on an existing station takes
a second or two.

Revision ID: caa5714f6a83
Revises: b26f9fa5a734
Create Date: 2026-11-29 00:24:20.395429
"""
from collections.abc import Sequence

from alembic import op


revision: str = 'caa5714f6a83'
down_revision: str | None = 'b26f9fa5a734'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('guest_stay', schema=None) as batch_op:
        batch_op.create_index('ix_guest_stay_venue_created', ['venue_id', 'created_at'], unique=False)

    with op.batch_alter_table('venueowner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venueowner_venue_id'), ['venue_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('venueowner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venueowner_venue_id'))

    with op.batch_alter_table('guest_stay', schema=None) as batch_op:
        batch_op.drop_index('ix_guest_stay_venue_created')
