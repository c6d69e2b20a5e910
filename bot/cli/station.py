"""`jingmin station add|list` and `jingmin beat add|list`: the station and its beats.

A new station's first steps: its police station, then its beats (警务区), then venues,
invites and the wanted list, which all name a beat or station by its code.
"""

from __future__ import annotations

import click
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from storage.models import Beat, Station

_CODE_CHARS = 32


def _code(text: str) -> str:
    code = text.strip()
    if not code or len(code) > _CODE_CHARS or any(c.isspace() for c in code):
        raise click.BadParameter(f"a code is 1 to {_CODE_CHARS} characters without spaces")
    return code


def _name(text: str) -> str:
    name = text.strip()
    if not name or len(name) > 100:
        raise click.BadParameter("a name is 1 to 100 characters")
    return name


@click.group()
def station() -> None:
    """The police station (派出所) this server serves."""


@station.command(name="add")
@click.option("--code", required=True, help="Short code, e.g. S001 (used by --station options).")
@click.option("--name", required=True, help="Full name, e.g. 城关派出所.")
@click.pass_context
def station_add(ctx: click.Context, code: str, name: str) -> None:
    """Add a station, or rename the one with this code."""
    settings = settings_from(ctx)
    done = run(_add_station, settings, _code(code), _name(name))
    click.echo(f"station {code} {done}")
    if settings.station.name != name.strip():
        # The chats name the station from the configuration, not from this table.
        click.echo(
            f"note: the bot calls itself {settings.station.name} ([station] name): "
            f'set name = "{name.strip()}" there and restart jingmin serve',
            err=True,
        )


async def _add_station(settings: Settings, code: str, name: str) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        found = (await session.exec(select(Station).where(Station.code == code))).first()
        return await _add_or_rename(session, found, Station(code=code, name=name))


@station.command(name="list")
@click.pass_context
def station_list(ctx: click.Context) -> None:
    """Stations and their beats."""
    rows = run(_stations, settings_from(ctx))
    if not rows:
        click.echo("no station yet: jingmin station add --code S001 --name 城关派出所")
    for line in rows:
        click.echo(line)


async def _stations(settings: Settings) -> list[str]:
    async with open_services(settings) as services, services.sessions() as session:
        stations = (await session.exec(select(Station).order_by(col(Station.id)))).all()
        beats = (await session.exec(select(Beat).order_by(col(Beat.id)))).all()
    lines = []
    for s in stations:
        mine = [f"{b.name} ({b.code})" for b in beats if b.station_id == s.id]
        lines.append(f"{s.code}\t{s.name}\tbeats: {', '.join(mine) or 'none yet'}")
    return lines


@click.group()
def beat() -> None:
    """Beats (警务区): each officer, venue and group chat belongs to one."""


@beat.command(name="add")
@click.option("--station", "station_code", required=True, help="The station's code.")
@click.option("--code", required=True, help="Short code, e.g. east (used by --beat options).")
@click.option("--name", required=True, help="Full name, e.g. 城东警务区.")
@click.pass_context
def beat_add(ctx: click.Context, station_code: str, code: str, name: str) -> None:
    """Add a beat to a station, or rename the one with this code."""
    done = run(_add_beat, settings_from(ctx), station_code.strip(), _code(code), _name(name))
    click.echo(f"beat {code} {done}")


async def _add_beat(settings: Settings, station_code: str, code: str, name: str) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        home = (await session.exec(select(Station).where(Station.code == station_code))).first()
        if home is None:
            raise click.ClickException(
                f"no station with code {station_code!r}; add it first: "
                f"jingmin station add --code {station_code} --name 名称"
            )
        found = (await session.exec(select(Beat).where(Beat.code == code))).first()
        if found is not None and found.station_id != home.id:
            raise click.ClickException(f"beat {code!r} belongs to another station")
        assert home.id is not None
        return await _add_or_rename(session, found, Beat(station_id=home.id, code=code, name=name))


async def _add_or_rename(
    session: AsyncSession, found: Station | Beat | None, new: Station | Beat
) -> str:
    """Add `new`, or give `found` (the row with its code) its name; what was done, after
    the code: a rename says from what, and a code given again with its name changes nothing."""
    if found is None:
        session.add(new)
        await session.commit()
        return f"added: {new.name}"
    if found.name == new.name:
        return f"already exists with this name ({new.name}): nothing changed"
    old, found.name = found.name, new.name
    session.add(found)
    await session.commit()
    return f"renamed: {old} → {new.name}"


@beat.command(name="list")
@click.pass_context
def beat_list(ctx: click.Context) -> None:
    """Beats: code, name, station."""
    lines = run(_beats, settings_from(ctx))
    click.echo("\n".join(lines) if lines else "no beat yet: jingmin beat add --station CODE ...")


async def _beats(settings: Settings) -> list[str]:
    async with open_services(settings) as services, services.sessions() as session:
        rows = await session.exec(
            select(Beat, Station)
            .join(Station, col(Station.id) == col(Beat.station_id))
            .order_by(col(Beat.id))
        )
        return [f"{b.code}\t{b.name}\t{s.code} {s.name}" for b, s in rows.all()]
