"""`jingmin group add|code|list`: group chats that receive a beat's alerts."""

from __future__ import annotations

import re
from datetime import timedelta

import click
from sqlmodel import col, select

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.groups import add_robot_group, create_group_code
from handlers.services.invites import InviteError
from handlers.services.lookup import NotFound, find_beat, find_venue
from handlers.services.venue_kinds import unknown_kind
from storage.models import Beat, ChatGroup, Venue, VenueKind

#: A WeCom robot's webhook key: a UUID-like string of letters, digits and hyphens.
_ROBOT_KEY = re.compile(r"[A-Za-z0-9-]{20,64}")


def _kind(text: str | None) -> VenueKind | None:
    if not text:
        return None
    try:
        return VenueKind.parse(text)
    except ValueError:
        raise click.BadParameter(unknown_kind(text)) from None


@click.group()
def group() -> None:
    """Group chats: WeCom group robots, and codes for `/绑定群`."""


@group.command()
@click.option("--key", required=True, help="The robot's webhook key (the key=... in its URL).")
@click.option("--name", required=True, help="What to call the group, e.g. 一号警务区旅馆群.")
@click.option("--beat", help="Beat (code, name or id) whose alerts the group receives.")
@click.option("--kind", help="Venue kind the group is for: 旅馆, 民宿, 小网吧… (default: all).")
@click.pass_context
def add(ctx: click.Context, key: str, name: str, beat: str | None, kind: str | None) -> None:
    """Add (or update) a WeCom group robot."""
    key = key.strip()
    if "key=" in key:  # the whole webhook URL was pasted
        key = key.split("key=", 1)[1].split("&", 1)[0]
    if not _ROBOT_KEY.fullmatch(key):
        raise click.BadParameter(
            "expected the key=... part of the robot's webhook address "
            "(like 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa), or the whole address",
            param_hint="--key",
        )
    settings = settings_from(ctx)
    group_id = run(_add, settings, key, name, beat, _kind(kind))
    click.echo(f"group {group_id} saved (wecom_robot)")
    if not settings.wecom_robot.enabled:
        # Otherwise its alerts fail in the outbox ("unknown channel") without a word.
        click.echo(
            "warning: [wecom_robot] enabled is false, so nothing is posted to this group: "
            "set it to true and restart jingmin serve",
            err=True,
        )


async def _add(
    settings: Settings, key: str, name: str, beat: str | None, kind: VenueKind | None
) -> int:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            beat_id = (await find_beat(session, beat)).id if beat else None
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        saved = await add_robot_group(
            session, key=key, name=name, beat_id=beat_id, venue_kind=kind, now=services.clock()
        )
        await session.commit()
        assert saved.id is not None
        return saved.id


@group.command()
@click.option("--beat", help="Beat (code, name or id).")
@click.option("--kind", help="Venue kind (default: all kinds of the beat).")
@click.option("--venue", help="A single venue (id, plate or name) instead of beat and kind.")
@click.pass_context
def code(ctx: click.Context, beat: str | None, kind: str | None, venue: str | None) -> None:
    """Print a single-use code; send `/绑定群 CODE` in the group to bind it."""
    # Said here, in English: the service's own messages are Chinese, for the chat.
    if not beat and not venue:
        raise click.ClickException(
            "a group code needs --beat (the beat's code, name or id) "
            "or --venue (the venue's id, plate or exact name)"
        )
    made = run(_code, settings_from(ctx), beat, _kind(kind), venue)
    click.echo(f"{made}\n(single use, valid 24 h; send in the group: /绑定群 {made})")


async def _code(
    settings: Settings, beat: str | None, kind: VenueKind | None, venue: str | None
) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        try:
            beat_id = (await find_beat(session, beat)).id if beat else None
            venue_id = (await find_venue(session, venue)).id if venue else None
            made = await create_group_code(
                session,
                now=services.clock(),
                ttl=timedelta(hours=24),
                beat_id=beat_id,
                venue_kind=kind,
                venue_id=venue_id,
            )
        except (NotFound, InviteError) as exc:
            raise click.ClickException(str(exc)) from None
        await session.commit()
        return made


@group.command(name="list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List groups (robot keys are shown shortened: they are secrets)."""
    for line in run(_list, settings_from(ctx)):
        click.echo(line)


async def _list(settings: Settings) -> list[str]:
    async with open_services(settings) as services, services.sessions() as session:
        query = (
            select(ChatGroup, Beat, Venue)
            .join(Beat, col(Beat.id) == col(ChatGroup.beat_id), isouter=True)
            .join(Venue, col(Venue.id) == col(ChatGroup.venue_id), isouter=True)
        )
        rows = (await session.exec(query.order_by(col(ChatGroup.id)))).all()
    lines = []
    for row, beat, venue in rows:
        chat = f"{row.chat_id[:6]}…" if row.channel == "wecom_robot" else row.chat_id
        kind = VenueKind(row.venue_kind).label if row.venue_kind else "全部"
        # The code, as --beat takes it: the id alone told IT staff nothing.
        where = beat.code if beat else "none"
        line = f"{row.id}\t{row.channel}\t{chat}\t{row.name}\tbeat={where}\t{kind}"
        if venue is not None:
            # One venue's group, not every venue of the kind; named as --venue takes it.
            line += f"\tvenue={venue.name}" + (f" plate={venue.plate}" if venue.plate else "")
        lines.append(line)
    return lines
