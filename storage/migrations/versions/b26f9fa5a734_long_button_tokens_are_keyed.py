"""Long Telegram button values are named by a keyed hash

Revision ID: b26f9fa5a734
Revises: 14ebc21a76c9
Create Date: 2026-11-29 10:00:00.000000
"""
from collections.abc import Sequence

from alembic import op


revision: str = 'b26f9fa5a734'
down_revision: str | None = '14ebc21a76c9'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The tokens stored so far are the values' plain SHA-256: anyone holding the database
    # could confirm a guess of a value (a guest's name in a button). A migration has no key
    # to rename them with, and a new name would break their buttons all the same, so they
    # go: their buttons answer "expired" (resend the command), as after the 30-day purge.
    op.execute("DELETE FROM telegram_callback")


def downgrade() -> None:
    pass
