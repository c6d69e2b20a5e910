"""`/场所`: an officer reads and keeps up a venue's record; every change keeps its history.

/场所 · /场所 第2页             the beat's venues, riskiest first, a page at a time
/场所 200001                  the venue card
/场所 200001 历史              what changed, when, by whom
/场所 200001 备注 内容         add a dated note
/场所 200001 地址|名称|电话 值  change a fact
/场所 200001 许可证 编号 [有效期]
/场所 200001 联系人 姓名 电话 [身份]    /场所 200001 移除联系人 姓名
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import case
from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context
from bot.forms.engine import local_time
from bot.messages import Choices, Reply, Text
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.dates import parse_date
from bot.validators.phone import parse_phone
from bot.validators.text import parse_free_text, parse_person_name
from handlers.services.paging import fetch_page, named_page
from handlers.services.risk.describe import MARKS
from handlers.services.risk.rating import latest_changes
from handlers.services.risk.ruleset import load_rule_set
from handlers.services.risk.scoring import score_now
from handlers.services.scope import resolve_venue, station_beats, unresolved
from handlers.services.venue_registry import (
    Actor,
    add_contact,
    contacts_of,
    history_of,
    remove_contact,
    update_venue,
)
from handlers.services.worklog import log_work
from handlers.venues.card import audit_lookup, occupants, venue_card
from handlers.venues.history_text import history_text
from handlers.venues.risk import score_unscored
from storage.models import Person, RiskColour, Venue, VenueRisk

router = Router()

USAGE = (
    "用法：/场所 门牌号或编号 [住客|历史|备注 内容|地址 新地址|名称 新名称|电话 号码|"
    "许可证 编号 有效期|联系人 姓名 电话 身份|移除联系人 姓名]"
)
NOTES_MAX = 2000
Edit = Callable[[Context, Venue, str], Awaitable[str]]


def _actor(ctx: Context) -> Actor:
    return Actor("chat", ctx.person.id)


async def _changed(ctx: Context, venue: Venue, changes: dict[str, object], what: str) -> str:
    done = await update_venue(ctx.session, venue, changes, _actor(ctx), ctx.now)
    if not done:
        return f"{what}未变化。"
    log_work(
        ctx.session,
        ctx.person,
        "venue.update",
        f"{venue.name}：修改{what}",
        now=ctx.now,
        subject_kind="venue",
        subject_id=venue.id or "",
    )
    return f"✅ 已更新「{venue.name}」的{what}，原内容已存入变更记录。"


async def _note(ctx: Context, venue: Venue, text: str) -> str:
    note = parse_free_text(text, max_length=300)
    stamp = f"{local_time(ctx):%m-%d} {ctx.person.display_name or '民警'}：{note}"
    notes = f"{venue.notes}\n{stamp}" if venue.notes else stamp
    # The oldest lines give way; they stay in the venue's history.
    return await _changed(ctx, venue, {"notes": notes[-NOTES_MAX:]}, "备注")


async def _address(ctx: Context, venue: Venue, text: str) -> str:
    return await _changed(ctx, venue, {"address": parse_free_text(text, max_length=300)}, "地址")


async def _name(ctx: Context, venue: Venue, text: str) -> str:
    return await _changed(ctx, venue, {"name": parse_free_text(text, max_length=200)}, "名称")


async def _phone(ctx: Context, venue: Venue, text: str) -> str:
    return await _changed(ctx, venue, {"contact_phone": parse_phone(text)}, "场所电话")


async def _licence(ctx: Context, venue: Venue, text: str) -> str:
    number, _, until = text.partition(" ")
    if not number:
        raise Invalid("请写许可证编号，如：许可证 JY12345 2027-06-30")
    changes: dict[str, object] = {"licence_no": number[:64]}
    if until.strip():
        changes["licence_valid_until"] = parse_date(until, today=local_time(ctx).date())
    said = await _changed(ctx, venue, changes, "许可证")
    # A rule looks at the licence: scored now, the card no longer says 未登记许可证 until
    # the nightly scoring.
    await score_now(ctx.session, ctx.services.settings, venue, ctx.now)
    return said


async def _contact(ctx: Context, venue: Venue, text: str) -> str:
    parts = text.split()
    if len(parts) < 2:
        raise Invalid("请写联系人姓名和电话，如：联系人 张三 13800001111 房东")
    name, phone = parse_person_name(parts[0]), parse_phone(parts[1])
    role = parse_free_text(parts[2], max_length=16) if len(parts) > 2 else "联系人"
    await add_contact(
        ctx.session,
        ctx.services,
        venue,
        name=name,
        phone=phone,
        role=role,
        actor=_actor(ctx),
        now=ctx.now,
    )
    log_work(
        ctx.session,
        ctx.person,
        "venue.contact",
        f"{venue.name}：登记{role}",
        now=ctx.now,
        subject_kind="venue",
        subject_id=venue.id or "",
    )
    return f"✅ 已为「{venue.name}」登记{role} {name}。"


async def _remove_contact(ctx: Context, venue: Venue, text: str) -> str:
    assert venue.id is not None
    matching = [c for c in await contacts_of(ctx.session, venue.id) if c.name == text.strip()]
    if not matching:
        return f"「{venue.name}」没有名为「{text.strip()}」的联系人。"
    for contact in matching:
        await remove_contact(ctx.session, contact, _actor(ctx), ctx.now)
    return f"✅ 已移除联系人 {text.strip()}（保留在变更记录中）。"


EDITS: dict[str, Edit] = {
    "备注": _note,
    "地址": _address,
    "名称": _name,
    "电话": _phone,
    "许可证": _licence,
    "联系人": _contact,
    "移除联系人": _remove_contact,
}


async def _history(ctx: Context, venue: Venue) -> str:
    assert venue.id is not None
    rows = await history_of(ctx.session, venue.id)
    risks = await latest_changes(ctx.session, venue.id, 10)
    ids = {r.actor_person_id for r in rows if r.actor_person_id}
    ids |= {c.actor_person_id for c in risks if c.actor_person_id}
    people = (await ctx.session.exec(select(Person).where(col(Person.id).in_(ids)))).all()
    names = {p.id: p.display_name or "民警" for p in people if p.id is not None}
    zone = ctx.services.settings.zone
    return history_text(f"#{venue.id} {venue.name}", rows, names, zone, risks, now=ctx.now)


#: Venues on one page of `/场所`: a beat has dozens to hundreds, and the list had shown
#: the first 30 with no way to the rest.
LISTED = 20


def _page_command(number: int) -> str:
    return f"/场所 第{number}页"


async def _beat_venues(ctx: Context, number: int) -> list[Reply]:
    """A page of the officer's beat's venues, riskiest first; the first page ends with the
    usage."""
    if ctx.person.beat_id is None:
        return [Text(USAGE)]
    # Scored as /风险 scores them: the list had shown ⚪ 尚未评估 beside /风险's colours.
    await score_unscored(ctx, load_rule_set(ctx.services.settings))
    # Red first, as the enum lists the colours; venues not yet scored last.
    severity = case(
        {colour: n for n, colour in enumerate(RiskColour)},
        value=col(VenueRisk.colour),
        else_=len(RiskColour),
    )
    query = (
        select(Venue, VenueRisk)
        .join(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id), isouter=True)
        .where(Venue.beat_id == ctx.person.beat_id)
        .order_by(severity, col(Venue.id))
    )
    page = await fetch_page(ctx.session, query, number, LISTED)
    if not page.items:
        return [Text(f"本警务区还没有场所档案。\n{USAGE}")]
    lines = [f"本警务区场所 {page.total} 处："]
    for venue, risk in page.items:
        mark = MARKS[risk.colour] if risk else "⚪"
        plate = f" 门牌{venue.plate}" if venue.plate else ""
        lines.append(f"{mark} #{venue.id} {venue.name}（{venue.kind.label}）{plate}")
    if any(risk is None for _venue, risk in page.items):
        # Scored by the nightly job; until then /风险 scores one on demand.
        lines.append("⚪ 表示尚未评估风险，发送「/风险 名称」即时评估。")
    if footer := page.footer(_page_command):
        lines.append(footer)
    if page.number == 1:
        lines.append(USAGE)
    following = page.next_button(_page_command)
    return [Choices("\n".join(lines), following)] if following else [Text("\n".join(lines))]


@router.route(
    "venue", commands=("场所", "venue"), roles=STAFF, help="查看或更新场所档案", private_for=STAFF
)
async def venue_record(ctx: Context) -> list[Reply]:
    said = ctx.match.args if ctx.match else ""
    page = named_page(said)  # nothing, or 第2页
    if page is not None:
        return await _beat_venues(ctx, page)
    args = said.split(maxsplit=2)
    scope = await station_beats(ctx.session, ctx.person)
    venue = await resolve_venue(ctx.session, scope, args[0])
    if isinstance(venue, str):
        return [unresolved(ctx, venue)]
    assert venue.id is not None
    action = args[1] if len(args) > 1 else ""
    if not action:
        audit_lookup(ctx, "id", [venue.id])
        log_work(
            ctx.session,
            ctx.person,
            "venue.view",
            venue.name,
            now=ctx.now,
            subject_kind="venue",
            subject_id=venue.id,
        )
        if await ctx.session.get(VenueRisk, venue.id) is None:
            # As the list: a venue never scored had shown no 风险 line at all.
            await score_now(ctx.session, ctx.services.settings, venue, ctx.now)
        today = local_time(ctx).date()
        return [Text(await venue_card(ctx.session, ctx.services, venue, today, ctx.now))]
    if action == "历史":
        return [Text(await _history(ctx, venue))]
    if action in ("住客", "旅客", "租客", "在住"):
        # Personal data an officer looks at: audited, as /报案 and /线索 details are.
        audit(ctx, action="view:occupants", subject_kind="venue", subject_id=str(venue.id))
        today = local_time(ctx).date()
        return [await occupants(ctx.session, ctx.services, venue, today, ctx.now)]
    edit = EDITS.get(action)
    if edit is None:
        return [Text(f"不认识「{action}」。{USAGE}")]
    try:
        return [Text(await edit(ctx, venue, args[2] if len(args) > 2 else ""))]
    except Invalid as exc:
        return [Text(exc.reason)]
