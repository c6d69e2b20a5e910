"""`jingmin people list|revoke`: who holds a role, and taking it away."""

from __future__ import annotations

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.registration.timefmt import to_local
from handlers.services.lookup import Ambiguous, NotFound, find_venue
from handlers.services.people import Holder, PeopleError, Revoked, revoke, role_holders
from storage.models import Role

_ROLES = click.Choice([r.value for r in Role if r is not Role.RESIDENT])


@click.group()
def people() -> None:
    """Officers, admins and venue owners: list them, revoke a role."""


@people.command(name="list")
@click.option("--role", type=_ROLES, help="Only this role.")
@click.pass_context
def list_people(ctx: click.Context, role: str | None) -> None:
    """Everyone bound to a role (residents are not listed)."""
    run(_list, settings_from(ctx), Role(role) if role else None)


async def _list(settings: Settings, role: Role | None) -> None:
    async with open_services(settings) as services, services.sessions() as session:
        holders = await role_holders(session, role)
    click.echo("id\trole\tname\tbeat\tvenues\tchannels")
    for h in holders:
        p = h.person
        fields = (
            p.id,
            p.role.value,
            _name(h, settings),
            h.beat,
            "、".join(h.venues),
            ",".join(h.channels),
        )
        click.echo("\t".join(str(f) for f in fields))
    if not holders:
        who = f"no {role.value} is bound yet" if role else "nobody holds a role yet"
        # On stderr: the list itself stays tab-separated for scripts.
        click.echo(
            f"{who}: `jingmin invite --role officer --beat …` makes a code the officer sends "
            "to the bot as /绑定 CODE (--role admin, or --role owner --venue …, for the others)",
            err=True,
        )


@people.command(name="revoke")
@click.argument("person_id", type=int)
@click.option("--venue", help="Only this venue (id, plate or exact name): the owner keeps others.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def revoke_command(ctx: click.Context, person_id: int, venue: str | None, yes: bool) -> None:
    """Take away a person's role and venues: an officer who moved, a lost phone, a sold venue.

    They stay a resident; their unfinished forms are dropped and they are told in chat.
    `jingmin invite` binds them (or a successor) again.
    """
    if not yes:
        # The prompt names who that is: a mistyped id must not take away a colleague's role.
        who = run(_who, settings_from(ctx), person_id)
        if who is not None:
            what = f"venue {venue} of {who}" if venue else f"every role of {who}"
            click.confirm(f"revoke {what}?", abort=True)
    done = run(_revoke, settings_from(ctx), person_id, venue)
    venues = f"; no longer responsible for {'、'.join(done.venues)}" if done.venues else ""
    click.echo(
        f"person {person_id}: {done.was.value} -> {done.now.value}{venues}; their unfinished "
        "forms were dropped and they were told in chat"
    )
    if done.station_left_alone:
        click.echo(
            "the station has no officer or admin now: wanted-list hits, tips and questions "
            "reach no one until one is bound (jingmin invite --role officer --beat …)"
        )
    elif done.beat_left_alone:
        click.echo(
            f"beat {done.beat_left_alone} has no officer now: its hits, tips and questions go "
            "to the station's officers until one is bound "
            f"(jingmin invite --role officer --beat {done.beat_left_alone})"
        )


async def _who(settings: Settings, person_id: int) -> str | None:
    """How the prompt names a person holding a role; None for anyone else (whom `revoke`
    refuses with its own line, so there is nothing to confirm)."""
    async with open_services(settings) as services, services.sessions() as session:
        holders = await role_holders(session)
    for h in holders:
        if h.person.id == person_id:
            where = [h.beat] if h.beat else []
            where += ["、".join(h.venues)] if h.venues else []
            at = f" ({'; '.join(where)})" if where else ""
            return f"person {person_id}, {h.person.role.value} {_name(h, settings)}{at}"
    return None


def _name(holder: Holder, settings: Settings) -> str:
    """The person's name, or for one invited without a name (owners, usually) when they
    bound: what tells apart two owners of a venue."""
    if holder.person.display_name:
        return holder.person.display_name
    return f"(no name, bound {to_local(holder.bound_at, settings.zone):%Y-%m-%d %H:%M})"


async def _revoke(settings: Settings, person_id: int, venue: str | None) -> Revoked:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            venue_id = (await find_venue(session, venue)).id if venue else None
            done = await revoke(session, person_id, services.clock(), venue_id)
        except Ambiguous as exc:
            raise click.ClickException(exc.text("--venue")) from None
        except (NotFound, PeopleError) as exc:
            raise click.ClickException(str(exc)) from None
        await session.commit()
        return done
