"""`jingmin invite`: make a single-use binding code."""

from __future__ import annotations

from datetime import timedelta

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.invites import InviteError, create_invite
from handlers.services.lookup import Ambiguous, NotFound, find_beat, find_venue
from storage.models import Role


@click.command()
@click.option("--role", type=click.Choice(["officer", "owner", "admin"]), required=True)
@click.option("--beat", help="Officer's beat (code, name or id).")
@click.option("--venue", help="Owner's venue (id, plate or exact name).")
@click.option("--name", default="", help="Display name shown to colleagues, e.g. 城东社区民警.")
@click.pass_context
def invite(ctx: click.Context, role: str, beat: str | None, venue: str | None, name: str) -> None:
    """Print an invite code; the user sends `/绑定 CODE` to the bot."""
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
