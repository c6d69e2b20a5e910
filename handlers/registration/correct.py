"""`更正登记` (or `换房`): putting right a check-in already submitted.

刚才登记的208房间号填错了 had been offered a new 登记 208 (refused: the guest is in the
house already), 208的客人换到209了 got 没有理解. A room is moved here in one message
(更正登记 208 209); a wrong name or number is not changed in place, since the police
already hold what was submitted: the wrong stay is voided (作废登记, not a check-out that
never happened) and the guest registered again, which this says step by step. A phone, no
part of who the guest is, is put right in place once the owner confirms it
(刚才陈静的手机号登错了 应该是150…).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router, Suggestion
from bot.validators import Invalid
from bot.validators.masking import mask_phone
from bot.validators.phone import IN_TEXT, parse_phone
from handlers.registration import void
from handlers.registration.guest import OWNERS, told_apart
from handlers.registration.guest_labels import choice_labels, named_in
from handlers.registration.house_rooms import house_rooms, new_room
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay
from storage.phone_index import phone_index

COMMAND = "更正登记"
#: 刚才登记的208房间号填错了, 208的客人换到209了: a check-in submitted wrong, or a move.
_HINTS = (
    "刚才登记的", "登记错了", "登错了", "登记有误", "填错了", "写错了", "号填错", "号写错",
    "换到", "换了房", "换个房",
)  # fmt: skip
#: How far back the check-ins offered for correcting go, when no room is named.
_RECENT = timedelta(hours=24)


#: The fields of a submitted check-in that are put right by voiding it: 更正登记 305 姓名.
_FIELDS = ("姓名", "证件号")
#: 名字写错了, 身份证号填错了: the field a sentence says is wrong.
_FIELD_SAID = {"名字": "姓名", "姓名": "姓名", "证件号": "证件号", "身份证号": "证件号"}
#: The word for a guest's phone among 更正登记's (更正登记 305 电话 150… 旅客#15).
_PHONE = "电话"
_PHONE_SAID = re.compile(r"手机|电话|联系方式")
#: 刚才那个美国人, 老外: a foreign guest, as owners speak of one.
_FOREIGN_SAID = re.compile(r"外国|老外|国人|护照")


async def _rooms_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """208的客人换到209了: the offer carries both rooms, so that its button moves them;
    桂花轩的客人换到209了 and 桂花轩登记错了 the room by its name."""
    house = await house_rooms(ctx)
    rooms = house.said(ctx.inbound.text)
    if len(rooms) >= 2:
        return replace(offer, typed=f"/{COMMAND} {rooms[0]} {rooms[1]}")
    if (phone := await _phone_said(ctx, offer)) is not None:
        return phone
    named = house.named_in(ctx.inbound.text)
    if named:
        return replace(offer, typed=f"/{COMMAND} {named[0]}")
    field = next((f for word, f in _FIELD_SAID.items() if word in ctx.inbound.text), None)
    if rooms or field is None:
        return offer
    # 刚才那个美国人名字写错了，应该是Jon Smith had been offered /更正登记 Jon Smith (JON
    # 房间没有在住旅客): the owner's last check-in (the foreign guest's, when one is said).
    stay = await _last_registered(ctx, bool(_FOREIGN_SAID.search(ctx.inbound.text)))
    if stay is None:
        return offer
    return replace(
        offer,
        typed=f"/{COMMAND} {stay.room} {field} 旅客#{stay.id}",
        shown=f"更正登记 {stay.room} {field} {stay.name_masked}",
    )


async def _phone_said(ctx: Context, offer: Suggestion) -> Suggestion | None:
    """刚才陈静的手机号登错了 应该是15012345679: that guest's phone (the last check-in's,
    when no guest in the house is named), asked at once; it had asked the room, then
    offered only a move or a voiding, the name and number dropped."""
    text = ctx.inbound.text
    number = IN_TEXT.search(text)
    if number is None or not _PHONE_SAID.search(text):
        return None
    try:
        phone = parse_phone(number.group(0))
    except Invalid:
        return None
    owned = [v.id for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)]
    rows = await ctx.session.exec(
        select(GuestStay).where(
            col(GuestStay.venue_id).in_(owned), col(GuestStay.checked_out_at).is_(None)
        )
    )
    named = named_in(text, list(rows.all()), ctx.services.blind_index)
    stay = named[0][1] if len(named) == 1 else await _last_registered(ctx, False)
    if stay is None:
        return None
    return replace(
        offer,
        typed=f"/{COMMAND} {stay.room} {_PHONE} {phone} 旅客#{stay.id}",
        shown=f"更正登记 {stay.room} {_PHONE} {stay.name_masked}",
        at_once=True,  # it only asks (改为…？)
    )


async def _new_phone(ctx: Context, room: str, stays: list[GuestStay], words: list[str]) -> Reply:
    """更正登记 305 电话 150… 旅客#15 [确认]: asked, then put right in place."""
    one = next((record_number(w[2:]) for w in words if w.startswith("旅客#")), None)
    guests = [s for s in stays if s.id == one] if one is not None else stays
    if len(guests) != 1:
        return Text(f"请写明是哪位旅客，如「{COMMAND} {room} 电话 新号码」后点选旅客。")
    stay = guests[0]
    try:
        phone = parse_phone(words[2]) if len(words) > 2 else ""
    except Invalid as exc:
        return Text(exc.reason)
    if not phone:
        return Text(f"请写上正确的电话，如「{COMMAND} {room} 电话 13800001111」。")
    was = stay.phone_masked or "未填"
    who = f"{room} 房间 {stay.name_masked}"
    if "确认" not in words:
        typed = f"/{COMMAND} {room} {_PHONE} {phone} 旅客#{stay.id}"
        return Choices(
            f"把 {who} 的联系电话由 {was} 改为 {mask_phone(phone)}？其他登记信息不变。",
            (Button("确认", f"{typed} 确认"), Button("不用了", "/在住旅客")),
        )
    services = ctx.services
    stay.phone_enc = services.cipher.encrypt(phone, "guest_stay.phone")
    stay.phone_masked = mask_phone(phone)
    stay.phone_idx = phone_index(services.blind_index, phone)
    ctx.session.add(stay)
    _audit_corrected(ctx, "phone", [stay])
    return Text(f"✅ 已更正 {who} 的联系电话为 {stay.phone_masked}（原 {was}）。")


def _audit_corrected(ctx: Context, field: str, stays: list[GuestStay]) -> None:
    """A registration changed in place, recorded against the guests it changed (the
    command's own row names nobody). Which field only: never the value, old or new, as
    audit rows hold no personal data."""
    audit(
        ctx,
        action=f"correct:{field}",
        subject_kind="guest_stay",
        subject_id=",".join(str(s.id) for s in stays),
    )


async def _last_registered(ctx: Context, foreign: bool) -> GuestStay | None:
    """The last check-in of the last day the owner entered and the guest is still in."""
    owned = [v.id for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)]
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(
            col(GuestStay.venue_id).in_(owned),
            col(GuestStay.checked_out_at).is_(None),
            col(GuestStay.created_at) >= ctx.now - _RECENT,
        )
        .order_by(col(GuestStay.id).desc())
    )
    stays = list(rows.all())
    mine = [s for s in stays if s.registered_by_account_id == ctx.account.id] or stays
    return next((s for s in mine if s.is_foreign or not foreign), None)


def _how(room: str, hours: int, late: bool) -> str:
    """The ways to put the room's registrations right; `late`: past the window to void
    them, which the beat officer then does (作废登记 had been offered all the same)."""
    moved = (
        f"· 房间号错了或换了房：发送「{COMMAND} {room} 正确房号」，如「{COMMAND} {room} 209」。\n"
    )
    wrong = "· 姓名、证件号错了、客人没入住或登记重复："
    if late:
        return (
            f"{moved}{wrong}登记提交已超过 {hours} 小时，不能自行作废，请发送"
            f"「问民警 作废登记 {room} 姓名 原因」，由社区民警处理。"
        )
    return (
        f"{moved}{wrong}发送「作废登记 {room} 姓名」作废那条登记"
        f"（提交后 {hours} 小时内），需要时再发送「登记」重新登记。"
    )


def build_router() -> Router:
    router = Router()

    @router.route(
        "guest_correct",
        commands=(COMMAND, "换房", "fix"),
        hints=_HINTS,
        roles=OWNERS,
        help="已提交的旅客登记有误或换房，如：更正登记 208 209",
        topic="登记",
        kinds=GUEST_KINDS,
        picks=_rooms_named,
    )
    async def correct(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, COMMAND)) is not None:
            return in_group
        venues = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        owned = list(venues)
        query = select(GuestStay).where(
            col(GuestStay.venue_id).in_(owned), col(GuestStay.checked_out_at).is_(None)
        )
        words = (ctx.match.args if ctx.match else "").split()
        if not words:
            rows = await ctx.session.exec(
                query.where(col(GuestStay.check_in_at) >= ctx.now - _RECENT).order_by(
                    col(GuestStay.id).desc()
                )
            )
            rooms = list(dict.fromkeys(s.room for s in rows.all()))[:8]
            if not rooms:
                return [Text("最近一天没有还在住的旅客登记。发送「在住旅客」查看名单。")]
            buttons = tuple(Button(room, f"{COMMAND} {room}") for room in rooms)
            return [Choices("要更正哪个房间的登记？", buttons)]
        try:
            room = (await house_rooms(ctx)).read(words[0])
        except Invalid as exc:
            return [Text(f"{exc.reason}\n如：「{COMMAND} 208 209」把 208 的旅客改到 209。")]
        # In the order registered: the buttons name the guests in a stable order.
        rows = await ctx.session.exec(
            query.where(GuestStay.room == room).order_by(col(GuestStay.id))
        )
        stays = list(rows.all())
        if not stays:
            return [Text(f"{room} 房间没有在住旅客，请核对房间号。发送「在住旅客」查看名单。")]
        if len(words) > 1 and words[1] == _PHONE:
            return [await _new_phone(ctx, room, stays, words)]
        field = words[1] if len(words) > 1 and words[1] in _FIELDS else ""
        if field:  # 更正登记 305 姓名 旅客#15: one guest's name, put right by voiding
            one = next((record_number(w[2:]) for w in words[2:] if w.startswith("旅客#")), None)
            stays = [s for s in stays if s.id == one] or stays
        try:
            # The new room as the place's registration reads it: a homestay's by name too.
            place = venues.get(stays[0].venue_id)
            right = new_room(words[1], place) if len(words) > 1 and not field else None
        except Invalid as exc:
            return [Text(f"{exc.reason}\n如：「{COMMAND} {room} 209」把 {room} 的旅客改到 209。")]
        shown = told_apart(stays)
        names = "、".join(shown[s.id] for s in stays)
        if right is None:
            late = void.past_window(ctx, stays)
            how = _how(room, ctx.services.settings.registration.void_hours, late)
            said = (
                f"{room} 房间 {names} 的{field}：已提交的登记不能直接修改，请作废后重新登记。"
                if field
                else f"{room} 房间在住：{names}。"
            )
            if late:
                return [Text(f"{said}\n{how}")]
            voiding = Button(void.COMMAND, f"/{void.COMMAND} {room}")
            return [Choices(f"{said}\n{how}", (voiding,))]
        if len({s.venue_id for s in stays}) > 1:
            return [
                Text(
                    f"您有几个场所都有 {room} 房间，无法确定改哪一家的。请发送「作废登记 {room}」"
                    "作废登记错的那条，再发送「登记」重新登记。"
                )
            ]
        one = next((record_number(w[2:]) for w in words[2:] if w.startswith("旅客#")), None)
        if one is not None:  # a button below: 更正登记 208 209 旅客#15
            stays = [s for s in stays if s.id == one]
        elif len(stays) > 1 and "全部" not in words[2:]:
            # 王强的房间号填错了: the family in 208 stays where it is unless all of it moves.
            move = f"{COMMAND} {room} {right}"
            # As 退房's choice: what the owner tells each guest by, not 王*、李* alone.
            told = choice_labels(stays, local_time(ctx).date(), ctx.services.settings.zone)
            buttons = (
                Button(f"全部 {len(stays)} 位", f"{move} 全部"),
                *(Button(told[s.id], f"{move} 旅客#{s.id}") for s in stays[:8]),
            )
            return [
                Choices(f"{room} 房间有 {len(stays)} 位在住旅客：{names}。改哪位的房间？", buttons)
            ]
        if not stays:
            return [Text("这位旅客已不在住。发送「在住旅客」查看名单。")]
        for stay in stays:
            stay.room = right
            ctx.session.add(stay)
        _audit_corrected(ctx, "room", stays)
        moved = "、".join(shown[s.id] for s in stays)
        return [Text(f"✅ 已把 {room} 房间的 {moved} 改为 {right} 房间，其他登记信息不变。")]

    return router
