"""`jingmin db upgrade`."""

from __future__ import annotations

import logging

import click

from bot.cli.runtime import settings_from
from storage import migrate


@click.group()
def db() -> None:
    """Database schema."""


@db.command()
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    """Create or migrate the schema to the latest version."""
    settings = settings_from(ctx)
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    try:
        migrate.upgrade(settings.database.url, revision)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the database: {exc}") from None
    click.echo("database schema is up to date")
