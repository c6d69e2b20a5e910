"""`jingmin watchlist import|list|capture|revoke`.

`capture` and `revoke` close a card as `/通缉 抓获` and `/通缉 撤销` do in chat, through the
same `handlers.wanted.lifecycle.close`: whoever had the card is told, public notices are
withdrawn and the hits' check tasks closed.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from bot.validators.masking import mask_name
from handlers.registration.timefmt import to_local
from handlers.services.csv_rows import CsvError, count_lines
from handlers.services.numbers import record_number, wanted_number
from handlers.services.watchlist_import import (
    WatchlistReport,
    check_header,
    import_watchlist,
)
from handlers.wanted.facts import card_no
from handlers.wanted.lifecycle import close
from storage.models import Station, WantedPerson, WantedStatus


@click.group()
def watchlist() -> None:
    """The wanted list (officers only)."""


@watchlist.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--photos",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the files the 照片/photo column names.",
)
@click.option(
    "--station",
    metavar="CODE",
    help="Station whose officers rotate these cards (default: every station).",
)
@click.pass_context
def import_(ctx: click.Context, file: Path, photos: Path | None, station: str | None) -> None:
    """Import wanted persons from CSV. Columns (Chinese or English): 姓名/name,
    证件号码/doc_no (also 身份证号码, 身份证号, 证件号; required, cells may be empty),
    证件类型/doc_type, 出生日期/birth_date or 年龄/age (35, 30-40), 性别/sex, 别名/aliases,
    身高/height, 体型/build, 口音/accent, 体貌特征/marks, 案由/case, 发布单位/issuing_unit,
    悬赏/reward, 联系方式/contact, 照片/photo (file names in --photos, ";" between several;
    large ones are shrunk),
    可见范围/visibility (内部 or 公开). Any other column refuses the file.

    Re-importing updates by document number, with the filled cells only: an absent column,
    an empty cell or no --station keeps what is stored. Exits 1 if any row was rejected."""
    report = run(_import, settings_from(ctx), file, photos, station)
    click.echo(report.summary())
    if report.errors:
        ctx.exit(1)


async def _import(
    settings: Settings, file: Path, photos: Path | None, station: str | None
) -> WatchlistReport:
    try:
        check_header(file, photos)  # before any progress is shown: the file is refused whole
    except CsvError as exc:
        raise click.ClickException(str(exc)) from None
    async with open_services(settings) as services, services.sessions() as session:
        station_id = None
        if station:
            found = (await session.exec(select(Station).where(Station.code == station))).first()
            if found is None:
                raise click.BadParameter(
                    f"no station with code {station!r}", param_hint="--station"
                )
            station_id = found.id
        with progress_bar("wanted persons", count_lines(file)) as advance:
            try:
                return await import_watchlist(
                    session, services, file, advance, photos_dir=photos, station_id=station_id
                )
            except CsvError as exc:
                raise click.ClickException(str(exc)) from None


@watchlist.command(name="list")
@click.option(
    "--status",
    type=click.Choice([s.value for s in WantedStatus]),
    help="Only cards in this state (default: every card).",
)
@click.pass_context
def list_(ctx: click.Context, status: str | None) -> None:
    """Every card: number, name and document number masked, status, public or internal,
    last changed. `/通缉 N` in an officer's private chat shows one in full (audited)."""
    run(_list, settings_from(ctx), WantedStatus(status) if status else None)


async def _list(settings: Settings, status: WantedStatus | None) -> None:
    query = select(WantedPerson).order_by(col(WantedPerson.id))
    if status is not None:
        query = query.where(WantedPerson.status == status)
    async with open_services(settings) as services, services.sessions() as session:
        click.echo("no\tname\tdoc_no\tstatus\tvisibility\tupdated")
        cards = (await session.exec(query)).all()
        for card in cards:
            fields = (
                card_no(card),
                mask_name(card.name),
                card.doc_no_masked,  # stored masked: no number is decrypted to list
                card.status.value,
                card.visibility.value,
                f"{to_local(card.updated_at, settings.zone):%Y-%m-%d %H:%M}",
            )
            click.echo("\t".join(fields))
    if not cards:
        # On stderr: the list itself stays tab-separated for scripts.
        which = f"no {status.value} card" if status else "the wanted list is empty"
        click.echo(f"{which}: `jingmin watchlist import FILE` adds cards", err=True)


@watchlist.command(name="capture")
@click.argument("number")
@click.option("--note", default="", help="Shown with the card's history, e.g. 在火车站抓获.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def capture(ctx: click.Context, number: str, note: str, yes: bool) -> None:
    """Close card NUMBER (TJ-0003 or 3) as caught (已抓获), like /通缉 抓获 in chat.

    Every chat that had the card is told to stop looking and its public notices are
    withdrawn; it cannot be undone."""
    _close_command(ctx, number, note, yes, WantedStatus.CAPTURED)


@watchlist.command(name="revoke")
@click.argument("number")
@click.option("--reason", required=True, help="Why, e.g. 已撤案 or 重复录入.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def revoke(ctx: click.Context, number: str, reason: str, yes: bool) -> None:
    """Close card NUMBER (TJ-0003 or 3) as revoked (已撤销), like /通缉 撤销 in chat.

    Every chat that had the card is told and its public notices are withdrawn; it
    cannot be undone."""
    _close_command(ctx, number, reason, yes, WantedStatus.REVOKED)


def _close_command(
    ctx: click.Context, number: str, note: str, yes: bool, status: WantedStatus
) -> None:
    settings = settings_from(ctx)
    wanted_id = record_number(number, "TJ-", "TJ")
    if wanted_id is None:
        raise click.BadParameter(
            f"{number!r} is no card number: give it as `jingmin watchlist list` shows it "
            "(TJ-0003) or as a number (3)",
            param_hint="NUMBER",
        )
    if not yes:
        # The prompt names the card: a mistyped number must not close another person's.
        shown = run(_shown, settings, wanted_id)
        click.confirm(
            f"mark {shown} as {status.value}? everyone who had the card is told",
            abort=True,
        )
    click.echo(run(_close, settings, wanted_id, note, status))


async def _card(session: AsyncSession, wanted_id: int) -> WantedPerson:
    found = await session.get(WantedPerson, wanted_id)
    if found is None:
        raise click.ClickException(
            f"no card {wanted_number(wanted_id)}: `jingmin watchlist list` shows the cards"
        )
    if found.status is not WantedStatus.ACTIVE:
        raise click.ClickException(f"{card_no(found)} is {found.status.value} already")
    return found


async def _shown(settings: Settings, wanted_id: int) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        found = await _card(session, wanted_id)
        return f"{card_no(found)} {mask_name(found.name)}"


async def _close(settings: Settings, wanted_id: int, note: str, status: WantedStatus) -> str:
    async with open_services(settings) as services, services.sessions() as session:
        found = await _card(session, wanted_id)
        closed = await close(
            session, services, found, status, note=note, person_id=None, account_id=None
        )
        await session.commit()
    lines = [f"{card_no(found)} {mask_name(found.name)} marked {status.value}"]
    lines.append(
        f"told {closed.told} chats that had the card ({closed.officers} of them officers')"
        if closed.told
        else "nobody had received the card: nobody to tell"
    )
    if closed.withdrawn:
        lines.append(f"withdrew {closed.withdrawn} public notices carrying it")
    if closed.tasks:
        lines.append(f"closed {closed.tasks} open tasks to check its hits")
    return "\n".join(lines)
