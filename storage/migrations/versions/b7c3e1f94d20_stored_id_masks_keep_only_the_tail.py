"""Stored ID-number masks keep only the tail

Guests', tenants' and reporters' rows kept their document number masked as 4101**********1234
beside the birth date and sex in plain. Of an 18-digit ID number that left two area digits
unknown, and the check digit narrowed those to about nine candidates: a reader of the
database or a backup recovered the number without the keys. The mask now keeps the tail
only (`bot.validators.masking.mask_stored_id_number`); the rows are rewritten from the mask
itself, so this needs no keys and decrypts nothing.

Revision ID: b7c3e1f94d20
Revises: a8d3f5c2e914
Create Date: 2026-11-30 03:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b7c3e1f94d20"
down_revision: str | None = "a8d3f5c2e914"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: As many stars as the column (40) holds.
_STARS = "*" * 40
# A quarter of the mask, at most 4, as the masks keep at each end; length() counts
# characters and / of two integers truncates on both engines.
_KEEP = "CASE WHEN length(doc_no_masked) >= 16 THEN 4 ELSE length(doc_no_masked) / 4 END"


def upgrade() -> None:
    for table in ("guest_stay", "tenancy", "report"):
        # A mask that still starts with a character of the number: its head goes.
        op.execute(
            f"UPDATE {table} SET doc_no_masked = "
            f"substr('{_STARS}', 1, length(doc_no_masked) - ({_KEEP})) "
            f"|| substr(doc_no_masked, length(doc_no_masked) - ({_KEEP}) + 1) "
            "WHERE doc_no_masked NOT LIKE '*%'"
        )


def downgrade() -> None:
    # The head cannot come back without the keys, and older code shows any mask as it is.
    pass
