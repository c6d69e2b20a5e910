"""`jingmin watchlist import`."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.csv_rows import CsvError, ImportReport, count_lines
from handlers.services.watchlist_import import import_watchlist


@click.group()
def watchlist() -> None:
    """The wanted list (officers only)."""


@watchlist.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, file: Path) -> None:
    """Import wanted persons from CSV (columns: name/姓名, doc_no/证件号码, birth_date/出生日期,
    sex/性别, case/案由, issuing_unit/发布单位, visibility/可见范围). Re-importing updates."""
    report = run(_import, settings_from(ctx), file)
    click.echo(report.summary())


async def _import(settings: Settings, file: Path) -> ImportReport:
    async with open_services(settings) as services, services.sessions() as session:
        with progress_bar("wanted persons", count_lines(file)) as advance:
            try:
                return await import_watchlist(session, services, file, advance)
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None
