"""Inspection photos found by their hash

Revision ID: a8d3f5c2e914
Revises: c4f2a8e61d37
Create Date: 2026-11-30 00:25:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a8d3f5c2e914"
down_revision: str | None = "c4f2a8e61d37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The review tells the officer when an item's photo was sent for another venue or
    # item: a lookup by hash on every review.
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_item_photo"), ["photo"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_item_photo"))
