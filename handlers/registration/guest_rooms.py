"""The room question of a guest's check-in: 302, 3O2房, 住302, 跟他爸一个房 302, 同一间,
and a homestay's rooms by name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import FormEnv
from bot.forms.spec import AskedBack
from bot.validators import Invalid
from bot.validators.rooms import parse_room, parse_room_name, reads_letter_o, room_label
from handlers.registration.opening import VENUE_KIND
from storage.models import GuestStay, VenueKind

#: 住302, 都住在3O2房, 跟刚才那个一样302: the room's own words before it, at the room's
#: question too (跟刚才那个一样302 had been refused as a room number).
_STAYS_IN = re.compile(
    r"^(?:(?:跟|和|同)?(?:刚才|前面|上)?(?:那个|那位|一个|一位)?(?:人|客人)?一样的?|也)?(?:都?住在?)?"
)


#: 同一间, 同一个房间, 跟刚才一样: the room of the guest registered just before, said at a
#: new registration's room (it had been refused as 房间号只能包含数字…, and a homestay had
#: kept it as a room's name).
#: 跟他爸一个房, 和老婆一间: whom a room is shared with, said before its number.
_SHARED_WITH = re.compile(
    r"^(?:跟|和|同)[\u4e00-\u9fff]{1,6}?(?:一个房间?|一间房?|同一[间个]房?间?|同屋|住一起|一起住?)的?[\s,，：:]*"
)
_SAME_ROOM = re.compile(
    r"(?:跟|和|同)?(?:刚才|前面|上一?个?)?(?:那个|那位|一个|一位)?(?:人|客人|旅客)?的?(?:也|都)?"
    r"(?:住在?)?(?:同一[间个]|同一个|一样的?|一间|同屋|一起|住一起)(?:房间?|屋)?的?"
)
#: What the parser gives for `_SAME_ROOM`, which the room's check (`room_read_back`)
#: turns into the question of which room; never kept as a room.
SAME_ROOM = "同一间"
#: How long ago a registration is the one 同一间 means.
_JUST_NOW = timedelta(hours=1)


def parse_room_answer(text: str, env: FormEnv) -> str:
    """302, 3O2房, 住302 (住3O2房 at the room's question had got 房间号只能包含数字…); at a
    homestay also a room's name (桂花轩, 二楼东边那间 had been a dead end)."""
    if _SAME_ROOM.fullmatch(re.sub(r"[\s。.!！,，]", "", text)):
        return SAME_ROOM
    said = _STAYS_IN.sub("", text.strip()) or text
    # 跟他爸一个房 302: whom the guest shares it with, then the room (it had been refused).
    said = _SHARED_WITH.sub("", said).strip() or said
    if env.answers.get(VENUE_KIND) == VenueKind.HOMESTAY.value:
        return parse_room_name(said)
    return parse_room(said)


#: What parts the words of a one-sentence registration (`said_first`), for the room's.
_APART = re.compile(r"[\s,，、;；。!！]+")


def parse_room_or_none(word: str) -> str | None:
    """The room a word reads as (3O2房 as 302), or None."""
    try:
        return parse_room(_STAYS_IN.sub("", word))
    except Invalid:
        return None


async def room_read_back(ctx: Context, value: Any, answers: Mapping[str, Any]) -> str | None:
    """3O2 (the letter O for 0) had been kept as typed, and 退房 302 then found no guest: it
    is read as 302 and asked back, the owner's 是 taking it. 同一间: see `_same_room`."""
    if value == SAME_ROOM:
        return await _same_room(ctx, answers)
    # The word of the room itself: in 登记 张三 护照 E1O23456 302, the O is no room's.
    words = _APART.split(ctx.inbound.text)
    if not any(reads_letter_o(word) and parse_room_or_none(word) == value for word in words):
        return None
    return AskedBack(
        f"房间号是「{value}」吗？（字母 O 按数字 0 读）是的话请回复「是」，不是请重新输入房间号。",
        str(value),
    )


async def _same_room(ctx: Context, answers: Mapping[str, Any]) -> str:
    """同一间 at a new registration's room: the room of the owner's guest registered at the
    place within the hour, asked back with it as a button; else the room asked plainly."""
    latest = (
        await ctx.session.exec(
            select(GuestStay)
            .where(
                GuestStay.venue_id == answers.get("venue_id"),
                GuestStay.registered_by_account_id == ctx.account.id,
                col(GuestStay.checked_out_at).is_(None),
                col(GuestStay.created_at) >= ctx.now - _JUST_NOW,
            )
            .order_by(col(GuestStay.id).desc())
            .limit(1)
        )
    ).first()
    if latest is None:
        return "「同一间」是和哪一间相同？最近没有您登记的在住旅客，请直接输入房间号，例如 302。"
    room = latest.room
    return AskedBack(
        f"是和刚才登记的 {latest.name_masked} 住同一间（{room_label(room)}）吗？"
        f"是的话请点「{room}」或回复「是」，不是请输入房间号。",
        room,
        offers=(room,),
    )
