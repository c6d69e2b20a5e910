"""退房 101 203, 101和203都退房了: several rooms checked out in one message.

`/退房 101 203` had read 203 as a guest's name (101 房间没有在住的这位旅客), and the offer
of 101和203都退房了 was 退房 101 alone, 203 silently dropped. Each room named is checked out
whole (several rooms at once are rooms left, not one guest of a shared room), and one reply
says what was done and what was not: a room with no guest in the house, or a number two of
the owner's places both have, is left for its own 退房.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Suggestion
from bot.validators import Invalid
from bot.validators.rooms import is_room_name, parse_room
from handlers.registration import checkout_undo, minors
from handlers.registration.checkout_undo import UNDO_HOURS
from handlers.registration.house_rooms import HouseRooms
from handlers.registration.timefmt import short
from handlers.services.watchlist import tell_checkout
from storage.models import GuestStay, Venue


def more_rooms(words: Sequence[str], house: HouseRooms) -> list[str]:
    """The rooms among 退房's words after its first (203 of 退房 101 203, 二楼东间 of 退房
    桂花轩 二楼东间); a guest's name, 全部, #7 or 旅客#15 is none."""
    rooms: list[str] = []
    for word in words:
        if word in house.rooms:  # a room's name, as registered
            rooms.append(word)
            continue
        if word.startswith(("#", "＃", "旅客#")) or not any(ch.isdigit() for ch in word):
            continue
        try:
            rooms.append(parse_room(word))
        except Invalid:
            return []  # not a list of rooms: the single room's words, as before
    return rooms


def offer_rooms(text: str, offer: Suggestion, house: HouseRooms) -> Suggestion:
    """101和203都退房了: the offer is 退房 101 203, not 退房 101; 桂花轩的客人走了: 退房
    桂花轩, a room's name being no number the router could find."""
    command, _, first = offer.typed.partition(" ")
    rooms = house.said(text)
    named = any(is_room_name(r) for r in rooms)
    if not named and (len(rooms) < 2 or not first or parse_room_or_none(first) not in rooms):
        return offer
    return replace(offer, typed=f"{command} {' '.join(rooms)}")


def parse_room_or_none(word: str) -> str | None:
    try:
        return parse_room(word)
    except Invalid:
        return None


async def check_out_rooms(
    ctx: Context,
    rooms: Sequence[str],
    stays: Sequence[GuestStay],
    venues: Mapping[int | None, Venue],
) -> list[Reply]:
    """Check out everyone in each of `rooms` (the owner's guests in the house: `stays`)."""
    in_group = ctx.inbound.chat_type is not ChatType.PRIVATE
    done: list[str] = []
    not_done: list[str] = []
    left: dict[int | None, list[GuestStay]] = {}
    gone = await _left_lately(ctx, rooms, venues)
    for room in dict.fromkeys(rooms):
        leaving = [s for s in stays if s.room == room]
        places = sorted({s.venue_id for s in leaving}, key=lambda v: v or 0)
        if not leaving and room in gone:
            # 退房 101 203 sent again had been told to check the room numbers.
            not_done.append(
                f"{room}：已于 {short(gone[room], ctx.services.settings.zone, ctx.now)} 办理退房"
            )
            continue
        if not leaving:
            not_done.append(f"{room}：没有在住旅客，请核对房间号")
            continue
        if len(places) > 1:
            not_done.append(
                f"{room}：您有 {len(places)} 个场所都有这个房间，请单独发送「退房 {room}」"
            )
            continue
        for stay in leaving:
            stay.checked_out_at = ctx.now
            ctx.session.add(stay)
        left.setdefault(places[0], []).extend(leaving)
        names = "" if in_group else "：" + "、".join(s.name_masked for s in leaving)
        done.append(f"{room} 房间 {len(leaving)} 位{names}")
    for place, leaving in left.items():
        await tell_checkout(ctx.session, ctx.services, leaving, venues[place], ctx.now)
        await minors.picked_up(ctx.session, ctx.services, leaving, venues[place], ctx.now)
    lines = ["✅ 已办理退房：", *done] if done else []
    if not_done:
        lines += ["未退房：", *not_done, "发送「在住旅客」查看在住名单。"]
    if not done:
        return [Text("\n".join(lines))]
    lines.append(f"如退错了房间，{UNDO_HOURS} 小时内可点「撤销退房」恢复。")
    buttons = tuple(
        checkout_undo.button(leaving)
        if len(left) == 1
        else Button(f"撤销 {venues[place].name} 的退房", checkout_undo.button(leaving).value)
        for place, leaving in left.items()
    )
    return [Choices("\n".join(lines), buttons)]


#: How far back a room's check-out is still news when it is checked out again.
_LATELY = timedelta(hours=24)


async def _left_lately(
    ctx: Context, rooms: Sequence[str], venues: Mapping[int | None, Venue]
) -> dict[str, datetime]:
    """When each of `rooms` (of the owner's `venues`) was last checked out, if lately."""
    rows = await ctx.session.exec(
        select(GuestStay.room, GuestStay.checked_out_at).where(
            col(GuestStay.venue_id).in_([v for v in venues if v is not None]),
            col(GuestStay.room).in_(list(rooms)),
            col(GuestStay.checked_out_at) > ctx.now - _LATELY,
        )
    )
    gone: dict[str, datetime] = {}
    for room, at in rows.all():
        if at is not None and (room not in gone or at > gone[room]):
            gone[room] = at
    return gone
