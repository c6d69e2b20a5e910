"""`jingmin venue plate assign`: the next free plate numbers for rentals without one."""

from __future__ import annotations

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.lookup import NotFound, find_beat
from handlers.services.plates import FIRST_PLATE, LAST_PLATE, PlatesExhausted, assign_plates
from handlers.services.venue_registry import Actor


@click.group()
def plate() -> None:
    """Rental plate numbers (标识牌编号, 6 digits)."""


@plate.command()
@click.option(
    "--start",
    type=click.IntRange(1, LAST_PLATE),
    default=FIRST_PLATE,
    show_default=True,
    help="Lowest number to hand out; numbers in use are skipped.",
)
@click.option("--beat", help="Only rentals of this beat (code, name or id).")
@click.option("--dry-run", is_flag=True, help="Show what would be assigned, change nothing.")
@click.pass_context
def assign(ctx: click.Context, start: int, beat: str | None, dry_run: bool) -> None:
    """Give every rental house without a plate the next free number, oldest first."""
    lines = run(_assign, settings_from(ctx), start, beat, dry_run)
    for line in lines:
        click.echo(line)


async def _assign(settings: Settings, start: int, beat: str | None, dry_run: bool) -> list[str]:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            scope = frozenset({(await find_beat(session, beat)).id or 0}) if beat else None
            assigned = await assign_plates(
                session,
                actor=Actor("plate-assign"),
                now=services.clock(),
                start=start,
                scope=scope,
                dry_run=dry_run,
            )
        except (NotFound, PlatesExhausted) as exc:
            raise click.ClickException(str(exc)) from None
        if not dry_run:
            await session.commit()
        lines = [f"{v.id}\t{plate}\t{v.name}\t{v.address}" for v, plate in assigned]
        verb = "would be assigned" if dry_run else "assigned"
        return [*lines, f"{len(assigned)} plate(s) {verb}"]
