"""`jingmin db upgrade`."""

from __future__ import annotations

import asyncio
import logging

import click
from alembic.util import CommandError
from sqlalchemy.exc import OperationalError

from bot.cli.runtime import settings_from
from storage import migrate
from storage.db import is_sqlite


@click.group()
def db() -> None:
    """Database schema."""


@db.command()
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    """Create or migrate the schema to the latest version."""
    settings = settings_from(ctx)
    url = settings.database.url
    # A wrong password or a database not created yet is one line, not a traceback; SQLite
    # makes its file (and folder) on the first upgrade.
    problem = None if is_sqlite(url) else asyncio.run(migrate.unusable(url))
    if problem is not None:
        raise click.ClickException(problem)
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    try:
        migrate.upgrade(url, revision)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the database: {exc}") from None
    except OperationalError as exc:  # a full disk, the server gone mid-way
        # PostgreSQL rolls the whole upgrade back; SQLite keeps the tables made before the
        # failure without recording them, and a second run stops at "already exists".
        after = (
            "restore the backup taken before the upgrade (SQLite keeps a half-done "
            "upgrade), fix the cause and run it again"
            if is_sqlite(url)
            else "nothing was changed: fix the cause and run it again"
        )
        raise click.ClickException(f"the upgrade stopped: {exc.orig}; {after}") from None
    except CommandError as exc:
        if revision != "head":
            raise click.ClickException(
                f"{exc} (--revision; the latest is {migrate.head()})"
            ) from None
        # The database names a revision this version does not have: a newer jingmin
        # migrated it, and this one cannot go back.
        raise click.ClickException(
            f"{exc} in the database: a newer version of jingmin migrated it (this one goes "
            f"up to {migrate.head()}); run that version, or restore the backup taken "
            "before the upgrade"
        ) from None
    click.echo("database schema is up to date")
