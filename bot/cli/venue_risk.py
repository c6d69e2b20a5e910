"""`jingmin venue risk set|import`: the department's (上级) risk ratings."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.csv_rows import CsvError, ImportReport, count_lines
from handlers.services.lookup import NotFound, find_venue
from handlers.services.risk.department import import_department_ratings, parse_department_colour
from handlers.services.risk.rating import rate_by_department


@click.group()
def risk() -> None:
    """Department risk ratings (红/橙/黄/蓝); the combined colour is the most severe of the
    officer's, the department's and the rules'."""


@risk.command(name="set")
@click.argument("venue")
@click.argument("colour")
@click.option("--reason", default="", help="Why, shown to officers.")
@click.pass_context
def set_(ctx: click.Context, venue: str, colour: str, reason: str) -> None:
    """Rate VENUE (id, plate or exact name) COLOUR (红/橙/黄/蓝, red…, or 清除 to withdraw)."""
    click.echo(run(_set, settings_from(ctx), venue, colour, reason))


async def _set(settings: Settings, key: str, text: str, reason: str) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            venue = await find_venue(session, key)
            colour = parse_department_colour(text)
        except (NotFound, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        assert venue.id is not None
        rated = await rate_by_department(session, venue.id, colour, reason, services.clock())
        await session.commit()
        return f"venue {venue.id} ({venue.name}): combined colour {rated.risk.colour.value}"


@risk.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, file: Path) -> None:
    """Import department ratings from CSV (columns: venue/场所 (id, plate or name),
    colour/风险等级, reason/理由). Bad rows are listed; good rows are kept."""
    click.echo(run(_import, settings_from(ctx), file).summary())


async def _import(settings: Settings, file: Path) -> ImportReport:
    async with open_services(settings) as services, services.sessions() as session:
        with progress_bar("ratings", count_lines(file)) as advance:
            try:
                return await import_department_ratings(session, file, services.clock(), advance)
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None
