"""Tips made before the wording changed call their tipster 举报人, not 线人

Aliases were 线人-7F3K (informant) until tips were given 举报人-7F3K (reporter): the tipster
reads the alias too (when their reply is passed on), and 线人 put residents off. The alias
is stored with the tip, so older tips went on showing 线人 to both sides. The four
characters after the dash stay: officers who noted a tip's alias still find it.

Revision ID: 8f3d4ca16311
Revises: 54c9a884a3e0
Create Date: 2026-11-29 06:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8f3d4ca16311"
down_revision: str | None = "54c9a884a3e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # substr and length count characters on both engines: 线人- is three; the column holds 16.
    op.execute(
        "UPDATE tip SET alias = '举报人-' || substr(alias, 4) "
        "WHERE alias LIKE '线人-%' AND length(alias) < 16"
    )


def downgrade() -> None:
    # The older code reads either word: nothing to undo.
    pass
