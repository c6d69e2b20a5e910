"""`jingmin broadcast export ID`: an alert as an OASIS CAP 1.2 document."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from bot.media import MediaStore
from handlers.broadcast.api import export as export_cap


@click.group()
def broadcast() -> None:
    """Alerts sent to venues, groups and subscribers."""


@broadcast.command()
@click.argument("broadcast_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@click.pass_context
def export(ctx: click.Context, broadcast_id: int, output: str | None) -> None:
    """Print alert BROADCAST_ID as CAP 1.2 XML (any alert: this runs on the server)."""
    body = run(_export, settings_from(ctx), broadcast_id)
    if output:
        Path(output).write_bytes(body)
        click.echo(f"written to {output}")
    else:
        click.echo(body.decode("utf-8"))


async def _export(settings: Settings, broadcast_id: int) -> bytes:
    async with open_services(settings) as services:
        body = await export_cap(
            services, MediaStore(Path(settings.storage.media_dir)), broadcast_id
        )
    if body is None:
        raise click.ClickException(f"no alert #{broadcast_id}")
    return body
