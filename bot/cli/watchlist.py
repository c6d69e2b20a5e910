"""`jingmin watchlist import`."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import select

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.csv_rows import CsvError, count_lines
from handlers.services.watchlist_import import (
    WatchlistReport,
    check_header,
    import_watchlist,
)
from storage.models import Station


@click.group()
def watchlist() -> None:
    """The wanted list (officers only)."""


@watchlist.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--photos",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the files the 照片/photo column names.",
)
@click.option(
    "--station",
    metavar="CODE",
    help="Station whose officers rotate these cards (default: every station).",
)
@click.pass_context
def import_(ctx: click.Context, file: Path, photos: Path | None, station: str | None) -> None:
    """Import wanted persons from CSV. Columns (Chinese or English): 姓名/name,
    证件号码/doc_no (also 身份证号码, 身份证号, 证件号; required, cells may be empty),
    证件类型/doc_type, 出生日期/birth_date or 年龄/age (35, 30-40), 性别/sex, 别名/aliases,
    身高/height, 体型/build, 口音/accent, 体貌特征/marks, 案由/case, 发布单位/issuing_unit,
    悬赏/reward, 联系方式/contact, 照片/photo (file names in --photos, ";" between several;
    large ones are shrunk),
    可见范围/visibility (内部 or 公开). Any other column refuses the file.

    Re-importing updates by document number, with the filled cells only: an absent column,
    an empty cell or no --station keeps what is stored. Exits 1 if any row was rejected."""
    report = run(_import, settings_from(ctx), file, photos, station)
    click.echo(report.summary())
    if report.errors:
        ctx.exit(1)


async def _import(
    settings: Settings, file: Path, photos: Path | None, station: str | None
) -> WatchlistReport:
    try:
        check_header(file, photos)  # before any progress is shown: the file is refused whole
    except CsvError as exc:
        raise click.ClickException(str(exc)) from None
    async with open_services(settings) as services, services.sessions() as session:
        station_id = None
        if station:
            found = (await session.exec(select(Station).where(Station.code == station))).first()
            if found is None:
                raise click.BadParameter(
                    f"no station with code {station!r}", param_hint="--station"
                )
            station_id = found.id
        with progress_bar("wanted persons", count_lines(file)) as advance:
            try:
                return await import_watchlist(
                    session, services, file, advance, photos_dir=photos, station_id=station_id
                )
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None
