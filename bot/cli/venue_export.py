"""`jingmin venue export > venues.csv`."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.lookup import NotFound, find_beat
from handlers.services.venue_export import export_csv


@click.command()
@click.option("--beat", help="Only this beat's venues (code, name or id).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_context
def export(ctx: click.Context, beat: str | None, output: Path | None) -> None:
    """Export venues as CSV (UTF-8 with BOM, for spreadsheet programs). Contacts' phones
    are masked; edit and re-import the file with `venue import --update`."""
    text, count = run(_export, settings_from(ctx), beat)
    # The BOM lets spreadsheet programs read the Chinese text as UTF-8.
    if output is None:
        click.echo("\ufeff" + text, nl=False)
    else:
        output.write_text("\ufeff" + text, encoding="utf-8")
        click.echo(f"{count} venue(s) written to {output}", err=True)


async def _export(settings: Settings, beat: str | None) -> tuple[str, int]:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            scope = frozenset({(await find_beat(session, beat)).id or 0}) if beat else None
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        return await export_csv(session, scope)
