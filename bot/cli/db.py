"""`jingmin db upgrade` and `jingmin db copy`."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import click
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.progress import progress_bar
from bot.cli.runtime import settings_from
from bot.config import SecuritySettings
from storage import migrate
from storage.copy import Copied, copy_database
from storage.copy_checks import CopyRefused
from storage.db import sqlite_path


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
    file = sqlite_path(url)
    where = Path(file.split("?", 1)[0]).absolute() if file else None
    created = where is not None and not where.exists()
    setting = f"SQLite file {where}" if where else "[database] url"
    checked = not created and not url.endswith(":memory:")
    problem = asyncio.run(migrate.unusable(url, setting)) if checked else None
    if problem is not None:
        raise click.ClickException(problem)
    before = None if created else asyncio.run(migrate.current_revision(url))
    from alembic.util import CommandError  # Alembic: kept off the other commands' start

    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    try:
        migrate.upgrade(url, revision)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the database: {exc}") from None
    except (SQLAlchemyError, migrate.UpgradeRefused) as exc:  # a full disk, the server gone
        # The whole upgrade is one transaction on both engines (storage/migrations/env.py).
        cause = str(getattr(exc, "orig", None) or exc).strip()
        first = cause.splitlines()[0] if cause else type(exc).__name__
        raise click.ClickException(
            f"the upgrade stopped: {first}; nothing was changed: fix the cause and run it again"
        ) from None
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
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    after = asyncio.run(migrate.current_revision(url))
    click.echo(_upgraded(where or _shown(url), created, before, after))


def _shown(url: str) -> str:
    """`url` without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _upgraded(where: object, created: bool, before: str | None, after: str | None) -> str:
    """What `db upgrade` did, in one line."""
    if created:
        return f"created {where} and migrated it to {after}"
    if before is None:
        return f"created the schema in {where}, at {after}"
    if before != after:
        return f"migrated {where}: {before} → {after}"
    return f"{where}: database schema is up to date ({after})"


@db.command(name="copy")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="The new, empty database: postgresql+asyncpg://USER:PASSWORD@HOST:5432/DB "
    "or sqlite+aiosqlite:///PATH.",
)
@click.pass_context
def copy_(ctx: click.Context, target: str) -> None:
    """Copy every table of the configured database into a new, empty one at URL.

    For moving a station from SQLite to PostgreSQL, or back (an offline copy). Stop the
    server first (every replica): what it writes during the copy would be missed. The
    copy gets its schema from `db upgrade`; a database at URL that already holds data is
    refused, never merged into. Afterwards put URL in config.toml ([database] url), keep
    the same [security] keys, and start the server.
    """
    settings = settings_from(ctx)
    try:
        copied = asyncio.run(
            copy_database(
                settings.database.url,
                target,
                progress=lambda total: progress_bar("copying rows", total),
            )
        )
    except CopyRefused as exc:
        raise click.ClickException(str(exc)) from None
    for line in _summary(copied, settings.security):
        click.echo(line)


def _summary(copied: Copied, security: SecuritySettings) -> list[str]:
    keys = (
        "[security] data_keys, current_key_id and index_key"
        if security.data_keys or security.index_key
        else f"the development key file {security.dev_key_file}"
    )
    return [
        f"copied {len(copied.counts)} tables, {copied.rows:,} rows in {copied.seconds:.1f} s "
        f"(schema {copied.revision}); every table's row count matches the source",
        "Next:",
        "  1. set [database] url in config.toml to the --to URL (or JINGMIN_DATABASE__URL, "
        "where the server's environment sets it)",
        f"  2. keep the same keys ({keys}): the copy's names, ID numbers and key check are "
        "sealed with them, and other keys cannot read it",
        "  3. start the server; keep the old database as it is, a backup of this moment",
    ]
