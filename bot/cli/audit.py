"""`jingmin audit`: who looked at whose data, newest first (`--csv` for a spreadsheet)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

import click
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.registration.timefmt import to_local
from handlers.services.audit_log import (
    Entry,
    Subject,
    action_words,
    read_events,
    read_subject,
    subject_typed,
)
from storage.models import AuditEvent, Person

HEADER = ("时间", "人员编号", "姓名", "身份", "事项", "动作", "对象", "说明")


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD, such as 2026-11-30") from None


def _subject(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Subject | None:
    if value is None:
        return None
    subject = read_subject(value)
    if subject is None:
        raise click.BadParameter("expected KIND:ID, such as guest_stay:12 or tenancy:3")
    return subject


@click.command()
@click.option("--person", help="Only what this person did: their person id or display name.")
@click.option(
    "--subject",
    callback=_subject,
    help="Only events on this record, KIND:ID (guest_stay:12, tenancy:3, wanted_person:5, "
    "report:7, venue:2); a guest or tenant shown in a /查人 list counts.",
)
@click.option(
    "--action",
    default="",
    help="An action (view:hit) or its first part (view). The row of every command run is "
    "listed only when asked for: --action command.",
)
@click.option("--since", callback=_day, help="From this day (YYYY-MM-DD, station time).")
@click.option("--until", callback=_day, help="Up to and including this day.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (UTF-8 with BOM) instead.")
@click.pass_context
def audit(
    ctx: click.Context,
    person: str | None,
    subject: Subject | None,
    action: str,
    since: date | None,
    until: date | None,
    limit: int,
    as_csv: bool,
) -> None:
    """List the audit log, newest first: who viewed which guest, tenant, hit, wanted
    person, tip or report, and when.

    Subjects are shown by kind and id only: reading a guest's name would itself be a view.
    This reading is written to the audit log too.
    """
    settings = settings_from(ctx, quiet=True)
    entries = run(_read, settings, person, subject, action, since, until, limit)
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(_fields(e, settings) for e in entries)
        # The BOM lets spreadsheet programs read the Chinese text as UTF-8.
        click.echo("\ufeff" + out.getvalue(), nl=False)
        return
    click.echo("time\tperson\tname\trole\taction\tsubject\tdetail")
    for entry in entries:
        time_, person_id, name, role, words, _code, subject_, detail = _fields(entry, settings)
        click.echo("\t".join((time_, person_id, name, role, words, subject_, detail)))
    if not entries:
        click.echo("no audit events match", err=True)


def _fields(entry: Entry, settings: Settings) -> tuple[str, ...]:
    event = entry.event
    return (
        f"{to_local(event.at, settings.zone):%Y-%m-%d %H:%M:%S}",
        str(event.person_id or ""),
        entry.viewer_name,
        entry.viewer_role,
        action_words(event.action),
        event.action,
        subject_typed(event),
        event.detail,
    )


async def _read(
    settings: Settings,
    person: str | None,
    subject: Subject | None,
    action: str,
    since: date | None,
    until: date | None,
    limit: int,
) -> list[Entry]:
    zone = settings.zone
    async with open_services(settings) as services, services.sessions() as session:
        viewers = [await _person(session, person)] if person else None
        entries = await read_events(
            session,
            viewers=viewers,
            subjects=[subject] if subject else None,
            action=action.strip(),
            since=datetime.combine(since, time(), zone) if since else None,
            until=datetime.combine(until + timedelta(days=1), time(), zone) if until else None,
            limit=limit,
        )
        # Reading the log is a look at who looked at what: recorded as any other view.
        session.add(
            AuditEvent(
                at=services.clock(),
                action="view:audit",
                subject_kind=subject.kind if subject else "",
                subject_id=subject.id[:64] if subject else "",
                detail=f"cli results={len(entries)}",
            )
        )
        await session.commit()
        return entries


async def _person(session: AsyncSession, key: str) -> int:
    """The id of the person `key` names: an id, or a display name only one person has."""
    key = key.strip()
    if key.isdigit() and await session.get(Person, int(key)) is not None:
        return int(key)
    found = (await session.exec(select(Person.id).where(Person.display_name == key))).all()
    ids = [i for i in found if i is not None]
    if not ids:
        raise click.ClickException(f"no person with id or name {key!r} (see jingmin people list)")
    if len(ids) > 1:
        listed = ", ".join(str(i) for i in ids)
        raise click.ClickException(f"several people are named {key!r} (ids {listed}); use the id")
    return ids[0]
