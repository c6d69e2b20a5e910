"""Owners' view of their own registrations: the day's check-ins and check-outs, and who is
in one room.

今天登记了几个人 · 登记记录 · /今日登记      today's guests (in and out) and tenants, masked
今天退房的有哪些 · /今日登记 退房            only today's check-outs
今天该退房的有哪些 · /今日登记 到期          guests in the house due to leave by today, masked
306住的是谁 · /房间住客 306                 the guests in room 306 now, masked

/在住旅客 lists only who is in the house: a guest checked out at noon was nowhere to be
seen, and 今天登记了几个人 was offered a new registration. An officer's /今日登记 counts the
beat's registrations (handlers.venues.people_lookup); an owner's is this list.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import and_, or_
from sqlmodel import col, select

from bot.context import Context
from bot.forms.clock import dated, local_time, said_near
from bot.messages import Button, Choices, Reply, Text
from bot.router import AtOnce, Router, Suggestion
from bot.validators import Invalid
from bot.validators.rooms import room_label
from handlers.registration import overdue
from handlers.registration.guest import OWNERS
from handlers.registration.house_rooms import house_rooms
from handlers.registration.timefmt import short, to_local
from handlers.registration.venue_choice import private_only
from handlers.services.person_search import day_start
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Role, Tenancy, Venue, VenueKind

#: An owner's list of a day is a phone screen or two: the rest is counted, not listed.
SHOWN = 30
#: 今天退房的有哪些, /今日登记 退房: only the check-outs.
_OUT_WORDS = ("退房", "走了", "离店", "退租", "搬走")
#: 今天该退房的有哪些, 哪些客人到期了: guests due to leave, not the check-outs done (the
#: offer had been 今日登记 退房, which lists those already gone).
_DUE_WORDS = ("该退房", "要退房", "到期", "该走", "应退房", "应该退房")
DUE_WORD = "到期"
#: Rooms offered as 退房 buttons under the list of guests due.
_DUE_BUTTONS = 8
ROOM_COMMAND = "房间住客"
#: 306住的是谁, 306房住着谁: asked of a room of the owner's own house.
ROOM_HINTS = ("住的是谁", "住的谁", "住着谁", "住了谁", "是谁在住", "住的什么人", "住的哪位")


async def _mine(ctx: Context) -> list[Venue]:
    return await owned_venues(ctx.session, ctx.person.id)


def _where(stay: GuestStay, venues: dict[int | None, Venue]) -> str:
    tag = f"【{venues[stay.venue_id].name}】" if len(venues) > 1 else ""
    return f"{tag}{room_label(stay.room)}"


async def owner_today(ctx: Context) -> list[Reply]:
    """The owner's registrations of today: guests checked in or out today (masked), and
    tenants registered or moved out today."""
    if (in_group := private_only(ctx, "今日登记")) is not None:
        return in_group
    places = await _mine(ctx)
    if not places:
        return [Text("您名下还没有场所。请向社区民警索取邀请码完成绑定。")]
    said = ctx.match.args.strip() if ctx.match else ""
    if said.startswith(DUE_WORD) or any(word in ctx.inbound.text for word in _DUE_WORDS):
        return await _due_today(ctx, places)
    only_out = any(word in said or word in ctx.inbound.text for word in _OUT_WORDS)
    zone = ctx.services.settings.zone
    today = local_time(ctx).date()
    start = day_start(today, zone)
    end = start + timedelta(days=1)
    ids = [v.id for v in places]
    venues = {v.id: v for v in places}
    # Registered today, whatever day it says the guest came: one who arrived last night and
    # was entered this morning had been left out of 今日登记.
    came = or_(
        and_(col(GuestStay.check_in_at) >= start, col(GuestStay.check_in_at) < end),
        and_(col(GuestStay.created_at) >= start, col(GuestStay.created_at) < end),
    )
    left = and_(col(GuestStay.checked_out_at) >= start, col(GuestStay.checked_out_at) < end)
    stays = list(
        (
            await ctx.session.exec(
                select(GuestStay)
                .where(col(GuestStay.venue_id).in_(ids), left if only_out else or_(came, left))
                .order_by(col(GuestStay.check_in_at), col(GuestStay.id))
            )
        ).all()
    )
    moved_in = and_(col(Tenancy.created_at) >= start, col(Tenancy.created_at) < end)
    moved_out = and_(col(Tenancy.moved_out_at) >= start, col(Tenancy.moved_out_at) < end)
    tenants = list(
        (
            await ctx.session.exec(
                select(Tenancy)
                .where(
                    col(Tenancy.venue_id).in_(ids),
                    moved_out if only_out else or_(moved_in, moved_out),
                )
                .order_by(col(Tenancy.id))
            )
        ).all()
    )
    what = "退房、退租" if only_out else "登记"
    if not stays and not tenants:
        how = _list_hint(places) if only_out else _register_hint(places)
        return [Text(f"今日（{dated(today, today)}）还没有{what}记录。{how}")]
    arrived = sum(
        1
        for s in stays
        if today in (to_local(s.check_in_at, zone).date(), to_local(s.created_at, zone).date())
    )
    gone = sum(1 for s in stays if s.checked_out_at is not None)
    lines = [f"今日（{dated(today, today)}）{what}记录："]
    if stays:
        counts = f"退房 {gone} 人" if only_out else f"入住 {arrived} 人，退房 {gone} 人"
        lines.append(counts)
    for stay in stays[:SHOWN]:
        out = stay.checked_out_at
        state = f"退房 {short(out, zone, ctx.now)}" if out else "在住"
        lines.append(
            f"{_where(stay, venues)}　{stay.name_masked}　入住 {short(stay.check_in_at, zone, ctx.now)}，"
            + state
        )
    for tenancy in tenants[: max(0, SHOWN - len(stays))]:
        moved = tenancy.moved_out_at
        state = f"已搬离 {short(moved, zone, ctx.now)}" if moved else "在租"
        room = f"{room_label(tenancy.room)} " if tenancy.room else ""
        lines.append(
            f"【{venues[tenancy.venue_id].name}】{room}租客 {tenancy.name_masked}　{state}"
        )
    if len(stays) + len(tenants) > SHOWN:
        lines.append(f"……共 {len(stays) + len(tenants)} 条，只列出前 {SHOWN} 条。")
    lines.append(f"姓名已隐去部分。{_list_hint(places)}")
    return [Text("\n".join(lines))]


def _list_hint(places: list[Venue]) -> str:
    """Where the owner's current list is: a landlord's 在住旅客 had answered 您名下没有旅馆."""
    lists = []
    if any(v.kind in GUEST_KINDS for v in places):
        lists.append("「在住旅客」查看在住名单")
    if any(v.kind is VenueKind.RENTAL for v in places):
        lists.append("「租客」查看在租租客")
    return f"发送{'，'.join(lists)}。" if lists else ""


def _register_hint(places: list[Venue]) -> str:
    if not any(v.kind in GUEST_KINDS for v in places):
        return "发送「登记租客」登记租客。"
    return "发送「登记」登记入住。"


async def _due_today(ctx: Context, places: list[Venue]) -> list[Reply]:
    """The guests in the house whose stay ends today or ended before (their expected
    check-out, or `[registration] overdue_days` after check-in), masked, with 退房 buttons."""
    guest_places = {v.id: v for v in places if v.kind in GUEST_KINDS}
    if not guest_places:
        return [Text("您名下没有旅馆、民宿，没有要退房的旅客。租客请发送「租客」查看。")]
    settings = ctx.services.settings
    zone = settings.zone
    today = local_time(ctx).date()
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(
            col(GuestStay.venue_id).in_(list(guest_places)),
            col(GuestStay.checked_out_at).is_(None),
        )
        .order_by(col(GuestStay.room), col(GuestStay.id))
    )
    days = settings.registration.overdue_days
    due = [s for s in rows.all() if overdue.due_day(s, zone, days) <= today]
    if not due:
        return [
            Text(
                f"今天（{dated(today, today)}）没有到预计退房日的在住旅客。"
                "发送「在住旅客」查看在住名单。"
            )
        ]
    lines = [f"今天（{dated(today, today)}）该退房的在住旅客 {len(due)} 人（含已过预计退房日的）："]
    for stay in due[:SHOWN]:
        said = said_near(overdue.due_day(stay, zone, days), today)
        lines.append(f"{_where(stay, guest_places)}　{stay.name_masked}　预计退房 {said}")
    if len(due) > SHOWN:
        lines.append(f"……共 {len(due)} 人，只列出前 {SHOWN} 人。")
    lines.append(
        "姓名已隐去部分。已走的请发送「退房 房间号」（或点下面的房间），"
        "还在住的请发送「续住 房间号 日期」。"
    )
    rooms = list(dict.fromkeys((s.room, s.venue_id) for s in due))
    several = len(guest_places) > 1
    buttons = tuple(
        Button(f"退房 {room}", f"退房 {room} #{venue}" if several else f"退房 {room}")
        for room, venue in rooms[:_DUE_BUTTONS]
    )
    return [Choices("\n".join(lines), buttons)]


async def day_offer(ctx: Context, offer: Suggestion) -> Suggestion:
    """今天登记了几个人: the offer is the day's list; 今天退房的有哪些: its check-outs;
    今天该退房的有哪些: the owner's guests due to leave."""
    text = ctx.inbound.text
    if ctx.role is Role.OWNER and any(word in text for word in _DUE_WORDS):
        return replace(offer, typed=f"/今日登记 {DUE_WORD}", shown="今天该退房的旅客")
    out = any(word in text for word in _OUT_WORDS)
    return replace(offer, typed="/今日登记 退房" if out else "/今日登记")


async def _room_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """306住的是谁, 桂花轩住的是谁: the offer carries the room."""
    rooms = (await house_rooms(ctx)).said(ctx.inbound.text)
    if len(rooms) != 1:
        return offer
    return replace(offer, typed=f"/{ROOM_COMMAND} {rooms[0]}")


def build_router() -> Router:
    router = Router()

    @router.route(
        "room_guests",
        commands=(ROOM_COMMAND, "room"),
        hints=ROOM_HINTS,
        roles=OWNERS,
        help="查看某个房间的在住旅客，如：房间住客 306",
        topic="登记",
        kinds=GUEST_KINDS,
        picks=_room_named,
        at_once=AtOnce.SHOWN_WHEN_ASKED,  # 306住的是谁
    )
    async def room_guests(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, ROOM_COMMAND)) is not None:
            return in_group
        said = ctx.match.args.strip() if ctx.match else ""
        if not said:
            return [Text(f"请发送房间号，如「{ROOM_COMMAND} 306」。发送「在住旅客」查看全部。")]
        try:
            room = (await house_rooms(ctx)).read(said.split()[0])
        except Invalid as exc:
            return [Text(f"{exc.reason}\n如「{ROOM_COMMAND} 306」。")]
        places = await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)
        venues = {v.id: v for v in places}
        rows = await ctx.session.exec(
            select(GuestStay)
            .where(
                col(GuestStay.venue_id).in_(list(venues)),
                col(GuestStay.checked_out_at).is_(None),
                GuestStay.room == room,
            )
            .order_by(col(GuestStay.id))
        )
        stays = list(rows.all())
        if not stays:
            return [Text(f"{room} 房间目前没有在住旅客。发送「在住旅客」查看全部。")]
        zone = ctx.services.settings.zone
        lines = [f"{room} 房间在住 {len(stays)} 人："]
        lines += [
            f"{_where(s, venues)}　{s.name_masked}　{s.doc_no_masked}　入住 "
            f"{short(s.check_in_at, zone, ctx.now)}"
            for s in stays
        ]
        lines.append(f"换房请发送「更正登记 {room} 新房号」，退房请发送「退房 {room}」。")
        return [Text("\n".join(lines))]

    return router
