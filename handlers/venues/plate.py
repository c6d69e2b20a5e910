"""`/门牌`: a rental house by its plate, or plates by landlord name, phone or address."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.forms.engine import local_time
from bot.messages import Reply, Text
from bot.router import STAFF, Router
from handlers.services.plates import SearchBy, search_plates
from handlers.services.scope import restrict, station_beats
from handlers.services.venue_registry import contacts_of
from handlers.services.worklog import log_work
from handlers.venues.card import audit_lookup, venue_card
from storage.models import Venue

router = Router()

USAGE = "请发送「/门牌 门牌号」查房屋，或「/门牌 房东姓名/电话/地址」查门牌号"


async def _usage(ctx: Context) -> str:
    """The usage, its example one of the station's own plates: a made-up one (200001) had
    named a house that does not exist."""
    scope = await station_beats(ctx.session, ctx.person)
    query = select(Venue.plate).where(col(Venue.plate).is_not(None)).order_by(col(Venue.id))
    plate = (await ctx.session.exec(restrict(query, scope).limit(1))).first()
    return f"{USAGE}，如 /门牌 {plate}。" if plate else f"{USAGE}。"


@router.route(
    "plate",
    commands=("门牌", "plate"),
    roles=STAFF,
    help="门牌号查房屋，或按房东姓名、电话、地址查门牌",
    daily=75,
    topic="场所",
    # The card names the landlord and their phone in full: not for a venue's group.
    private_for=STAFF,
)
async def plate(ctx: Context) -> list[Reply]:
    query = ctx.match.args if ctx.match else ""
    if not query:
        return [Text(await _usage(ctx))]
    scope = await station_beats(ctx.session, ctx.person)
    found = await search_plates(ctx.session, ctx.services, query, scope)
    ids = [v.id for v in found.venues if v.id is not None]
    audit_lookup(ctx, found.by.value, ids)
    log_work(
        ctx.session,
        ctx.person,
        "plate.lookup",
        f"按{found.by.label}查询，{len(ids)}条结果",
        now=ctx.now,
        subject_kind="venue" if len(ids) == 1 else "",
        subject_id=ids[0] if len(ids) == 1 else "",
    )
    if not found.venues:
        if found.by is SearchBy.PLATE:
            return [Text(f"本所没有门牌号为 {found.plate} 的房屋。")]
        # A tenant's or guest's phone is not a contact of the house: 查人 finds them.
        person = "查租客、旅客请发送「/查人 姓名、证件号码或手机号」。"
        return [Text(f"没有找到与「{query}」相关的门牌。{await _usage(ctx)}\n{person}")]
    if len(found.venues) == 1:
        today = local_time(ctx).date()
        return [Text(await venue_card(ctx.session, ctx.services, found.venues[0], today, ctx.now))]
    lines = [f"共找到 {len(found.venues)} 处："]
    for venue in found.venues:
        assert venue.id is not None
        people = "、".join(
            f"{c.role}{c.name}" for c in await contacts_of(ctx.session, venue.id) if c.name
        )
        lines.append(f"{venue.plate or '无门牌'}　{venue.name}　{venue.address}　{people}".rstrip())
    lines.append("发送「/门牌 门牌号」查看详情。")
    return [Text("\n".join(lines))]
