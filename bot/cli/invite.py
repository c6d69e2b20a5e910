"""`jingmin invite`: make a single-use binding code; `invite list|revoke`: see and void them.

Only a hash of each code is kept, so a list cannot show the codes themselves: it numbers
them, and `revoke` takes that number or the code as it was printed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import click
from sqlmodel import col, select

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.registration.timefmt import to_local
from handlers.services.invites import (
    InviteError,
    create_invite,
    find_invite,
    recent_invites,
    void_invite,
)
from handlers.services.lookup import Ambiguous, NotFound, find_beat, find_venue
from handlers.services.numbers import MAX_ID
from storage.models import Account, Beat, Invite, Role, Venue
from storage.models.base import as_utc

#: Codes made this many days ago or less are listed whatever became of them; older ones
#: only while they can still be used (as `/邀请 列表` lists owner codes).
LISTED_DAYS = 7


@click.group(invoke_without_command=True)
@click.option("--role", type=click.Choice(["officer", "owner", "admin"]))
@click.option("--beat", help="Officer's beat (code, name or id).")
@click.option("--venue", help="Owner's venue (id, plate or exact name).")
@click.option("--name", default="", help="Display name shown to colleagues, e.g. 城东社区民警.")
@click.pass_context
def invite(
    ctx: click.Context, role: str | None, beat: str | None, venue: str | None, name: str
) -> None:
    """Print an invite code; the user sends `/绑定 CODE` to the bot.

    `jingmin invite list` shows the codes made lately and what became of them;
    `jingmin invite revoke N` voids an unused one (a code sent to the wrong person).
    """
    if ctx.invoked_subcommand is not None:
        if role or beat or venue or name:
            raise click.UsageError(
                f"--role, --beat, --venue and --name make a code: "
                f"`jingmin {ctx.invoked_subcommand}` takes none of them"
            )
        return
    if role is None:
        raise click.UsageError(
            "--role is needed to make a code (officer, owner or admin); "
            "`jingmin invite list` shows the codes made"
        )
    # Said here, in English: the service's own messages are Chinese, for the chat.
    if role == "officer" and not beat:
        raise click.ClickException("--role officer needs --beat (the beat's code, name or id)")
    if role == "owner" and not venue:
        raise click.ClickException(
            "--role owner needs --venue (the venue's id, plate or exact name)"
        )
    settings = settings_from(ctx)
    code = run(_create, settings, Role(role), beat, venue, name)
    hours = settings.security.invite_ttl_hours
    click.echo(f"{code}\n(single use, valid {hours} h; send: /绑定 {code})")
    link = settings.telegram.deep_link(code)
    if link:
        click.echo(f"Telegram: {link}")


async def _create(
    settings: Settings, role: Role, beat: str | None, venue: str | None, name: str
) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            beat_id = (await find_beat(session, beat)).id if beat else None
            try:
                venue_id = (await find_venue(session, venue)).id if venue else None
            except Ambiguous:
                raise
            except NotFound as exc:
                # 100001 in the README is a plate; a station's venues may have none yet.
                raise click.ClickException(
                    f"{exc}: `jingmin venue list` shows each venue's id, plate and name"
                ) from None
            code = await create_invite(
                session,
                role=role,
                now=services.clock(),
                ttl=timedelta(hours=settings.security.invite_ttl_hours),
                beat_id=beat_id,
                venue_id=venue_id,
                display_name=name,
            )
        except Ambiguous as exc:
            raise click.ClickException(exc.text("--venue")) from None
        except (NotFound, InviteError) as exc:
            raise click.ClickException(str(exc)) from None
        await session.commit()
        return code


@invite.command(name="list")
@click.pass_context
def list_invites(ctx: click.Context) -> None:
    """Codes made in the last 7 days, and older ones still usable: number, role, beat or
    venue, name, made, valid until, and whether used (the codes themselves are not kept)."""
    run(_list, settings_from(ctx))


async def _list(settings: Settings) -> None:
    zone = settings.zone
    async with open_services(settings) as services, services.sessions() as session:
        now = services.clock()
        invites = await recent_invites(session, now, now - timedelta(days=LISTED_DAYS))
        beats = {b.id: b.name for b in (await session.exec(select(Beat))).all()}
        venues = {v.id: v.name for v in (await session.exec(select(Venue))).all()}
        used = [i.used_by_account_id for i in invites if i.used_by_account_id is not None]
        accounts = await session.exec(select(Account).where(col(Account.id).in_(used)))
        users = {a.id: a.person_id for a in accounts.all()}

    def at(moment: datetime) -> str:
        return f"{to_local(moment, zone):%Y-%m-%d %H:%M}"

    click.echo("no\trole\tfor\tname\tmade\tvalid until\tstate")
    for i in invites:
        place = venues.get(i.venue_id) or beats.get(i.beat_id) or ""
        if i.person_id is not None:  # `/绑定码`: the same person on another channel
            place = f"link code of person {i.person_id}"
        if i.used_at is not None:
            state = f"used {at(i.used_at)} by person {users.get(i.used_by_account_id, '?')}"
        elif as_utc(i.expires_at) > as_utc(now):
            state = "unused"
        else:
            state = "unused, expired or revoked"  # revoking moves the expiry to that moment
        fields = (i.id, i.role.value, place, i.display_name, at(i.created_at), at(i.expires_at))
        click.echo("\t".join(str(f) for f in (*fields, state)))
    if not invites:
        # On stderr: the list itself stays tab-separated for scripts.
        click.echo(
            f"no invite code made in the last {LISTED_DAYS} days and none still usable: "
            "`jingmin invite --role officer --beat …` makes one",
            err=True,
        )


@invite.command(name="revoke")
@click.argument("code_or_number")
@click.pass_context
def revoke(ctx: click.Context, code_or_number: str) -> None:
    """Void an unused code, given as printed (ABCD-EFGH) or by its number in `invite list`.

    A used code bound someone already: `jingmin people revoke ID` takes their role away."""
    click.echo(run(_revoke, settings_from(ctx), code_or_number))


async def _revoke(settings: Settings, given: str) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        now = services.clock()
        found: Invite | None
        if given.strip().lstrip("#").isdigit():
            number = int(given.strip().lstrip("#"))
            found = await session.get(Invite, number) if number <= MAX_ID else None
        else:
            found = await find_invite(session, given)
        if found is None:
            raise click.ClickException(
                f"no invite code {given!r}: give the code as printed (ABCD-EFGH) or its "
                "number from `jingmin invite list`"
            )
        if found.used_at is not None:
            account = await session.get(Account, found.used_by_account_id)
            who = f"person {account.person_id}" if account else "an account since removed"
            when = f"{to_local(found.used_at, settings.zone):%Y-%m-%d %H:%M}"
            raise click.ClickException(
                f"invite {found.id} was used {when} by {who}: `jingmin people revoke ID` "
                "takes the role away "
                "(`jingmin people list` shows the ids)"
            )
        if as_utc(found.expires_at) <= as_utc(now):
            return f"invite {found.id} can no longer be used already (expired or revoked)"
        void_invite(session, found, now)
        await session.commit()
        return f"invite {found.id} ({found.role.value}) revoked: sending it to the bot now binds nobody"
