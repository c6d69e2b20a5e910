"""Wanted cards' stored ID-number masks keep only the tail

b7c3e1f94d20 cut the head off the masks of guests, tenants and reporters; the wanted list
kept 4101**********1234 beside the plain birth date and sex, which narrowed a sealed ID
number to about nine candidates for a reader of the database or a backup without the keys.
Cards now store `bot.validators.masking.mask_stored_id_number`, and the rows are rewritten
the same way, from the mask itself: no keys, nothing decrypted. Public cards mask the
decrypted number when drawn and are unchanged.

Revision ID: c9e4a7b2d615
Revises: b7c3e1f94d20
Create Date: 2026-12-01 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c9e4a7b2d615"
down_revision: str | None = "b7c3e1f94d20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: As many stars as the column (40) holds.
_STARS = "*" * 40
# A quarter of the mask, at most 4, as the masks keep at each end; length() counts
# characters and / of two integers truncates on both engines.
_KEEP = "CASE WHEN length(doc_no_masked) >= 16 THEN 4 ELSE length(doc_no_masked) / 4 END"


def upgrade() -> None:
    # A mask that still starts with a character of the number: its head goes. A card
    # without a number keeps its empty mask.
    op.execute(
        "UPDATE wanted_person SET doc_no_masked = "
        f"substr('{_STARS}', 1, length(doc_no_masked) - ({_KEEP})) "
        f"|| substr(doc_no_masked, length(doc_no_masked) - ({_KEEP}) + 1) "
        "WHERE doc_no_masked NOT LIKE '*%' AND doc_no_masked <> ''"
    )


def downgrade() -> None:
    # The head cannot come back without the keys, and older code shows any mask as it is.
    pass
