"""`jingmin incident import`."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.csv_rows import CsvError, ImportReport, count_lines
from handlers.services.incidents.importer import import_incidents


@click.group()
def incident() -> None:
    """Incidents (警情) for the seven-day warning."""


@incident.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, file: Path) -> None:
    """Import incidents from CSV (columns: time/时间 (YYYY-MM-DD HH:MM), kind/类型,
    beat/警务区, place/地点, number/警情编号). Re-importing adds nothing twice."""
    click.echo(run(_import, settings_from(ctx), file).summary())


async def _import(settings: Settings, file: Path) -> ImportReport:
    async with open_services(settings) as services, services.sessions() as session:
        with progress_bar("incidents", count_lines(file)) as advance:
            try:
                return await import_incidents(
                    session, file, settings.zone, services.clock(), advance
                )
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None
