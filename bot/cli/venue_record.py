"""`jingmin venue contact|history`: a venue's contacts and its change history."""

from __future__ import annotations

import click
from sqlmodel import col, select

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from bot.validators import Invalid
from bot.validators.phone import parse_phone
from bot.validators.text import parse_person_name
from handlers.services.lookup import NotFound, find_venue
from handlers.services.venue_registry import Actor, add_contact, history_of
from handlers.venues.history_text import history_text
from storage.models import Person


@click.command()
@click.argument("venue")
@click.option("--name", required=True, help="The contact's name.")
@click.option("--phone", default="", help="Mobile or landline (stored encrypted).")
@click.option("--role", default="联系人", show_default=True, help="房东, 负责人, 业主 …")
@click.pass_context
def contact(ctx: click.Context, venue: str, name: str, phone: str, role: str) -> None:
    """Add a contact to VENUE (id, plate or exact name)."""
    click.echo(run(_contact, settings_from(ctx), venue, name, phone, role))


async def _contact(settings: Settings, key: str, name: str, phone: str, role: str) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            venue = await find_venue(session, key)
            name = parse_person_name(name)
            phone = parse_phone(phone) if phone else ""
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        except Invalid as exc:
            raise click.ClickException(exc.reason) from None
        await add_contact(
            session,
            services,
            venue,
            name=name,
            phone=phone,
            role=role[:16],
            actor=Actor("cli"),
            now=services.clock(),
        )
        await session.commit()
        return f"contact added to venue {venue.id} ({venue.name})"


@click.command()
@click.argument("venue")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.pass_context
def history(ctx: click.Context, venue: str, limit: int) -> None:
    """Show VENUE's changes, newest first."""
    click.echo(run(_history, settings_from(ctx), venue, limit))


async def _history(settings: Settings, key: str, limit: int) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            venue = await find_venue(session, key)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        assert venue.id is not None
        rows = await history_of(session, venue.id, limit)
        ids = {r.actor_person_id for r in rows if r.actor_person_id}
        people = (await session.exec(select(Person).where(col(Person.id).in_(ids)))).all()
        names = {p.id: p.display_name or "民警" for p in people if p.id is not None}
        return history_text(f"#{venue.id} {venue.name}", rows, names, services.settings.zone)
