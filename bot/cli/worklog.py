"""`jingmin worklog export --officer … --month 2026-11 > file.csv`."""

from __future__ import annotations

from datetime import date

import click
from sqlmodel import col, select

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.worklog import month_csv
from storage.models import Person, Role


@click.group()
def worklog() -> None:
    """Officers' work records (工作台账)."""


def _month(_ctx: click.Context, _param: click.Parameter, value: str) -> date:
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise click.BadParameter("expected YYYY-MM, such as 2026-11") from None


@worklog.command()
@click.option("--officer", required=True, help="The officer's person id or display name.")
@click.option("--month", required=True, callback=_month, help="YYYY-MM (station time).")
@click.pass_context
def export(ctx: click.Context, officer: str, month: date) -> None:
    """Write one officer's work record for a month as CSV to standard output."""
    # The BOM lets spreadsheet programs read the Chinese text as UTF-8.
    click.echo("\ufeff" + run(_export, settings_from(ctx), officer, month), nl=False)


async def _export(settings: Settings, key: str, month: date) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        staff = col(Person.role).in_([Role.OFFICER, Role.ADMIN])
        found = (await session.exec(select(Person).where(staff, Person.display_name == key))).all()
        if not found and key.isdigit():
            person = await session.get(Person, int(key))
            found = (
                [person] if person is not None and person.role in (Role.OFFICER, Role.ADMIN) else []
            )
        if not found:
            raise click.ClickException(f"no officer with id or name {key!r}")
        if len(found) > 1:
            ids = ", ".join(str(p.id) for p in found)
            raise click.ClickException(
                f"several officers are named {key!r} (ids {ids}); use the id"
            )
        return await month_csv(session, found[0], month, services.settings.zone)
