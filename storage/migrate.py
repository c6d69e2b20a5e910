"""Schema migrations (Alembic), callable from the CLI and tests.

Alembic's env.py calls `asyncio.run`, so these functions run in a worker thread when they are
called from inside an event loop.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

_SCRIPTS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Developers: generate a migration from the models (`make migration m="..."`)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
