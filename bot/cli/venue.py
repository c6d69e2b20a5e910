"""`jingmin venue add|import|list`."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import col, select

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.csv_rows import CsvError, count_lines
from handlers.services.venue_fields import VenueError, build_venue
from handlers.services.venue_import import VenueImportReport, import_venues
from handlers.services.venue_registry import Actor, create_venue
from storage.models import Beat, Venue


@click.group()
def venue() -> None:
    """Managed venues (旅馆、民宿、出租屋、九小场所)."""


@venue.command()
@click.option("--kind", required=True, help="旅馆/民宿/出租屋/小商店/… or hotel, rental, shop…")
@click.option("--name", required=True)
@click.option("--beat", required=True, help="Beat code, name or id.")
@click.option("--address", default="")
@click.option("--lat", "latitude", default="")
@click.option("--lon", "longitude", default="")
@click.option("--plate", default="", help="Rental houses: the 6-digit plate number.")
@click.option("--phone", default="")
@click.pass_context
def add(ctx: click.Context, **fields: str) -> None:
    """Add one venue."""
    venue_id = run(_add, settings_from(ctx), fields)
    click.echo(f"venue {venue_id} added")


async def _add(settings: Settings, fields: dict[str, str]) -> int:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            item = await build_venue(session, fields)
        except VenueError as exc:
            raise click.ClickException(str(exc)) from None
        await create_venue(session, item, Actor("cli"), services.clock())
        await session.commit()
        assert item.id is not None
        return item.id


@venue.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--update",
    is_flag=True,
    help="Rows naming a known venue by id/编号 or plate/门牌 change it (non-empty cells only).",
)
@click.pass_context
def import_(ctx: click.Context, file: Path, update: bool) -> None:
    """Import venues from CSV (columns: kind/类型, name/名称, beat/警务区, address, latitude,
    longitude, plate, phone, licence_no, licence_valid_until, notes, contact_name,
    contact_phone, contact_role). Bad rows are listed; good rows are kept; every change is
    kept in the venue's history. Without --update, rows whose venue is already present
    (same 编号, plate, or name and address in the beat) are skipped. Exits 1 if any row was
    rejected."""
    report = run(_import, settings_from(ctx), file, update)
    click.echo(report.summary())
    if report.errors:
        # The good rows are kept. Under --update a second run of the whole file would add
        # again the rows that carry neither 编号 nor plate.
        again = (
            "import only them again" if update else "import the file again (rows added are skipped)"
        )
        click.echo(f"fix the rejected lines and {again}")
        ctx.exit(1)


async def _import(settings: Settings, file: Path, update: bool) -> VenueImportReport:
    async with open_services(settings) as services, services.sessions() as session:
        with progress_bar("venues", count_lines(file)) as advance:
            try:
                return await import_venues(session, services, file, advance, update=update)
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None


@venue.command(name="list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List venues, tab-separated: id, kind, name, plate, address, beat."""
    lines = run(_list, settings_from(ctx))
    click.echo("id\tkind\tname\tplate\taddress\tbeat")
    for line in lines:
        click.echo(line)


async def _list(settings: Settings) -> list[str]:
    async with open_services(settings) as services, services.sessions() as session:
        query = select(Venue, Beat).join(Beat, col(Beat.id) == col(Venue.beat_id))
        rows = (await session.exec(query.order_by(col(Venue.id)))).all()
        return [
            f"{v.id}\t{v.kind.label}\t{v.name}\t{v.plate or ''}\t{v.address}\t{b.name}"
            for v, b in rows
        ]
