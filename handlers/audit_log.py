"""`/审计`: the station admin (所长) reads who looked at whose personal data.

/审计                  the latest 20 views by the station's people (commands run are left out)
/审计 王强             who looked at the guests, tenants, wanted persons and reporters named
                       王强 (found through the blind index: nothing is decrypted)
/审计 旅客12           who looked at that registration (a /查人 list showing it counts)
/审计 一号民警         what that officer looked at
谁查看过王强的信息     said in words, the same as /审计 王强

Officers are told the audit log is the admin's (`Route.staff_way`). Every reading of the log
is itself written to it.
"""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context, Handler
from bot.messages import Reply, Text
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.text import parse_person_name
from handlers.registration.timefmt import short
from handlers.services.audit_log import (
    Entry,
    Subject,
    action_words,
    import_said,
    joined_ids,
    read_events,
    read_subject,
    subject_said,
    subjects_named,
)
from handlers.services.scope import station_beats
from handlers.services.station_scope import sees_everything
from storage.models import Person, Role

router = Router()

#: Lines a reply lists: a phone screen or two.
SHOWN = 20
USAGE = (
    "用法：「/审计」看最近的查看记录；「/审计 姓名」看谁查看过该旅客、租客、通缉人员或报案人的"
    "信息；「/审计 旅客12」看某条登记；「/审计 民警姓名」看该民警查看过什么。"
)
ADMIN_ONLY = (
    "审计日志（谁查看过哪些个人信息）只有管理员（所领导）可以查看，民警不能查看。"
    "如需了解，请联系所领导。"
)


@router.route(
    "audit_log",
    commands=("审计", "audit"),
    keywords=("审计日志",),
    roles=(Role.ADMIN,),
    private_for=(Role.ADMIN,),
    staff_way=ADMIN_ONLY,
    help="审计日志：谁查看过旅客、租客、比中、通缉人员的信息，如 /审计 王强",
    topic="审计",
    daily=5,  # the head's first line of 帮助: the one thing only they can do
)
async def audit_log(ctx: Context) -> list[Reply]:
    said = ctx.match.args.strip() if ctx.match else ""
    if not said:
        return await _latest(ctx)
    subject = read_subject(said)
    if subject is not None:
        return await _on(ctx, [subject], f"{subject.said}的查看记录", "by=key results={}")
    colleague = await _colleague(ctx, said)
    if colleague is not None:
        return await _by(ctx, colleague)
    if any(ch.isdigit() for ch in said):
        # An ID number or phone typed here would be kept in the chat's history for nothing.
        return [Text(f"请按姓名或登记编号（如 旅客12）查询，不要发送证件号码或手机号。\n{USAGE}")]
    try:
        name = parse_person_name(said)
    except Invalid as exc:
        return [Text(f"{exc.reason}\n{USAGE}")]
    scope = await station_beats(ctx.session, ctx.person)
    subjects = await subjects_named(ctx.session, ctx.services, name, scope, _station(ctx.person))
    if not subjects:
        audit(ctx, "view:audit", detail="by=name results=0")
        return [
            Text(
                f"本所没有姓名为「{name}」的旅客、租客、通缉人员或报案记录"
                "（已按规定清除的登记无法再按姓名查到）。"
            )
        ]
    named = "、".join(s.said for s in subjects[:8]) + ("等" if len(subjects) > 8 else "")
    return await _on(
        ctx, subjects, f"姓名为「{name}」的记录（{named}）的查看记录", "by=name results={}"
    )


def _station(person: Person) -> int | None:
    """The station whose records and people `person` reads; None: every station's."""
    return None if sees_everything(person) else person.station_id or -1


async def _latest(ctx: Context) -> list[Reply]:
    entries = await read_events(ctx.session, station_id=_station(ctx.person), limit=SHOWN)
    audit(ctx, "view:audit", detail=f"by=latest results={len(entries)}")
    if not entries:
        return [Text(f"审计日志中还没有记录。\n{USAGE}")]
    lines = [f"最近 {len(entries)} 条审计记录（新的在前）："]
    lines += [_line(ctx, e) for e in entries]
    lines.append(USAGE)
    return [Text("\n".join(lines))]


async def _on(ctx: Context, subjects: list[Subject], head: str, detail: str) -> list[Reply]:
    # A station's admin reads what its own people did: another station's officers are its
    # leaders' to answer for.
    station = _station(ctx.person)
    entries = await read_events(ctx.session, subjects=subjects, station_id=station, limit=SHOWN)
    kind, ids = joined_ids(subjects)
    audit(ctx, "view:audit", kind, ids, detail=detail.format(len(entries)))
    if not entries:
        return [Text(f"{head}：没有人查看过。")]
    lines = [f"{head}，共 {len(entries)} 条（新的在前）："]
    lines += [_line(ctx, e, subject=len(subjects) > 1) for e in entries]
    return [Text("\n".join(lines))]


async def _by(ctx: Context, person: Person) -> list[Reply]:
    assert person.id is not None
    entries = await read_events(ctx.session, viewers=[person.id], limit=SHOWN)
    audit(
        ctx,
        "view:audit",
        subject_kind="person",
        subject_id=str(person.id),
        detail=f"by=viewer results={len(entries)}",
    )
    name = person.display_name
    if not entries:
        return [Text(f"{name}没有查看过个人信息。")]
    lines = [f"{name}的查看记录，共 {len(entries)} 条（新的在前）："]
    lines += [_line(ctx, e, viewer=False) for e in entries]
    return [Text("\n".join(lines))]


async def _colleague(ctx: Context, said: str) -> Person | None:
    """The officer or admin of the station named `said`, if exactly one is."""
    query = select(Person).where(
        Person.display_name == said, col(Person.role).in_([Role.OFFICER, Role.ADMIN])
    )
    station = _station(ctx.person)
    if station is not None:
        query = query.where(Person.station_id == station)
    found = (await ctx.session.exec(query)).all()
    return found[0] if len(found) == 1 else None


def _line(ctx: Context, entry: Entry, *, viewer: bool = True, subject: bool = True) -> str:
    event = entry.event
    parts = [short(event.at, ctx.services.settings.zone, ctx.now)]
    if viewer:
        role = f"（{entry.viewer_role}）" if entry.viewer_role else ""
        parts.append(f"{entry.viewer_name}{role}")
    parts.append(action_words(event.action))
    if subject and (said := subject_said(event)):
        parts.append(said)
    if written := import_said(event):
        parts[-1] += f"（{written}）"
    return "　".join(parts)


#: 谁查看过王强的信息, 谁看了王强的登记, 王强的信息被谁查过: the audit of that name.
_WHO_LOOKED = re.compile(
    r"^(?:请问|想知道)?谁(?:查看|看|查|查阅|调阅|调取|打开)(?:过|了)+(?P<name>[^，,。？?！!\s的]{2,20})的"
    r"(?:个人)?(?:信息|记录|资料|登记|档案)"
    r"|^(?P<name_>[^，,。？?！!\s的]{2,20})的(?:个人)?(?:信息|记录|资料|登记|档案)"
    r"(?:被|让)?(?:谁|哪些人|哪个民警)(?:查看|看|查|查阅|调阅|调取|打开)(?:过|了)+"
)


def with_audit_questions(handler: Handler) -> Handler:
    """A staff member asking in words who looked at someone's data gets `/审计 姓名`: the
    log for an admin, for an officer the plain word of who may read it."""

    async def wrapped(ctx: Context) -> list[Reply]:
        if ctx.role in STAFF and not ctx.retold:
            found = _WHO_LOOKED.search(ctx.inbound.text.strip())
            if found is not None:
                ctx.retell = f"/审计 {found['name'] or found['name_']}"
                return []
        return await handler(ctx)

    return wrapped
