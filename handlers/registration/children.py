"""A child left in a hotel room after the adults checked out (`minors.left_alone`): what
the owner then says of them.

The warning offers 「孩子也退房」 and asks for the guardian's phone if the child stays on.
Owners answered in words: 孩子跟妈妈一起走的 刚才忘了 had got a legal FAQ on divorce. Now:

- 孩子也退房, the button's words, typed, even after another reply: the button, as any
  button's title typed is (`bot.choice_memory.resolve_earlier`).
- a sentence saying the child left too (孩子跟妈妈一起走的): that button, offered.
- 登记监护人 302 13812345678: the guardian's phone kept on the child's stay, and the beat's
  officers told who can be called.
- a sentence naming the child and a phone (203那个小孩他妈妈晚上过来 电话137…): that
  command, offered (it had been offered 举报/报案).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.forms.clock import local_time
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Router
from bot.validators import Invalid
from bot.validators.phone import parse_phone
from handlers.registration import minors
from handlers.registration.fields import show_phone
from handlers.registration.guest import OWNERS
from handlers.registration.house_rooms import house_rooms
from handlers.registration.timefmt import short
from handlers.services.officers import beat_officer_accounts
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Venue
from storage.outbox import enqueue_to_accounts

#: A child, as owners say it.
_CHILD = re.compile(r"孩子|小孩|儿子|女儿|小朋友|宝宝|娃")
#: Gone with them: 走, 退房, 接走, 一起.
_GONE = re.compile(r"走|退房|退了|离开|离店|回家|一起")
#: Still there, or not yet: 孩子还没走, 孩子不退.
_STAYING = re.compile(r"没走|没退|不走|不退|未退|别退|还在|还没|没有走|没离开|留下")
#: A question of one's own (孩子跟妈妈走了要不要登记): not a word on this child.
_ASKING = re.compile(r"[?？]|吗|怎么|要不要|能不能|可不可以|需不需要")


#: A mobile number in a sentence (电话13700001111): the guardian's, said of a child.
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
#: A room said in a sentence (203那个小孩): which child it is, of several rooms.
_ROOM_SAID = re.compile(r"(?<![\d])(\d{1,5}[A-Za-z]?)(?:号房间?|房间?|室)?(?![\d])")


def says_child_gone(text: str) -> bool:
    """Whether `text` says a child left too (孩子跟妈妈一起走的 刚才忘了, 小孩也走了)."""
    return bool(
        _CHILD.search(text)
        and _GONE.search(text)
        and not _STAYING.search(text)
        and not _ASKING.search(text)
    )


async def _in_house(ctx: Context) -> tuple[dict[int | None, Venue], list[GuestStay]]:
    venues = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(col(GuestStay.venue_id).in_(list(venues)), col(GuestStay.checked_out_at).is_(None))
        .order_by(col(GuestStay.room), col(GuestStay.id))
    )
    return venues, list(rows.all())


async def left_in_rooms(ctx: Context, stays: Sequence[GuestStay]) -> list[list[GuestStay]]:
    """The owner's rooms (of `stays`, the guests in the house) where children stay on
    after the adults of the room checked out, each as its children."""
    return await minors.alone_in_rooms(ctx.session, stays, local_time(ctx).date())


def _checkout(children: Sequence[GuestStay]) -> str:
    """The command the warning's 孩子也退房 sends for these children of one room (with its
    slash: a group reads no bare command)."""
    first = children[0]
    if len(children) == 1:
        return f"/退房 {first.room} 旅客#{first.id}"
    return f"/退房 {first.room} #{first.venue_id} 全部"


def with_children_gone(handler: Handler) -> Handler:
    """A sentence saying a child left with the adults, while the owner has a child left in
    a room: that child's check-out, offered (said in words, it may mean another child)."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.retold or not text or ctx.role not in OWNERS:
            return await handler(ctx)
        guardian = _guardian_phone(text) if ctx.inbound.chat_type is ChatType.PRIVATE else ""
        if not guardian and not says_child_gone(text):
            return await handler(ctx)
        _venues, stays = await _in_house(ctx)
        rooms = await left_in_rooms(ctx, stays)
        if not rooms:
            return await handler(ctx)
        if guardian:
            return [_guardian_offer(text, guardian, rooms)]
        in_group = ctx.inbound.chat_type is not ChatType.PRIVATE
        if len(rooms) == 1:
            children = rooms[0]
            names = "" if in_group else " " + "、".join(s.name_masked for s in children) + " "
            return [
                Choices(
                    f"{children[0].room} 房间的未成年旅客{names}也一起走了吗？"
                    f"是的话请点「{minors.CHILD_TOO}」，为孩子办理退房（点错了可撤销）。",
                    (Button(minors.CHILD_TOO, _checkout(children)),),
                )
            ]
        buttons = tuple(Button(f"{c[0].room} 的孩子退房", _checkout(c)) for c in rooms[:8])
        rooms_said = "、".join(c[0].room for c in rooms)
        return [Choices(f"{rooms_said} 房间都有未成年旅客留在房间。哪个房间的孩子走了？", buttons)]

    return wrapped


def _guardian_phone(text: str) -> str:
    """The mobile number of 203那个小孩他妈妈晚上过来 电话137…: a child named, with a phone
    and no word of leaving (孩子跟妈妈走了 is the check-out's); "" for anything else."""
    phone = _MOBILE.search(text)
    if phone is None or not _CHILD.search(text) or says_child_gone(text):
        return ""
    return phone.group()


def _guardian_offer(text: str, phone: str, rooms: Sequence[Sequence[GuestStay]]) -> Choices:
    """登记监护人 with the phone said, for the room said (or the only one with a child
    left in it); the rooms to choose from when that is not plain. In a private chat only:
    the button carries the phone."""
    said = {room.group(1) for room in _ROOM_SAID.finditer(_MOBILE.sub(" ", text))}
    named = [children for children in rooms if children[0].room in said]
    which = named or list(rooms)
    command = minors.GUARDIAN_COMMAND
    if len(which) == 1:
        children = which[0]
        room = children[0].room
        names = "、".join(s.name_masked for s in children)
        return Choices(
            f"要记下 {room} 房间未成年旅客 {names} 的监护人电话 {show_phone(phone)} 吗？"
            f"点「{command}」记下，会告知社区民警。",
            (Button(command, f"/{command} {room} {phone}"),),
        )
    buttons = tuple(
        Button(f"{c[0].room} 的孩子", f"/{command} {c[0].room} {phone}") for c in which[:8]
    )
    rooms_said = "、".join(c[0].room for c in which)
    return Choices(
        f"{rooms_said} 房间都有未成年旅客留在房间。{show_phone(phone)} 是哪个房间孩子的监护人？",
        buttons,
    )


_HOW = (
    f"请发送「{minors.GUARDIAN_COMMAND} 房间号 手机号」，"
    f"如「{minors.GUARDIAN_COMMAND} 302 13812345678」。"
)


def build_router() -> Router:
    router = Router()

    @router.route(
        "guest_guardian",
        commands=(minors.GUARDIAN_COMMAND, "guardian"),
        roles=OWNERS,
        kinds=GUEST_KINDS,
        private_for=frozenset(OWNERS),
    )
    async def guardian(ctx: Context) -> list[Reply]:
        """登记监护人 302 13812345678: the guardian of the children left in 302, who stay on."""
        room_said, _, phone_said = (ctx.match.args if ctx.match else "").partition(" ")
        if not room_said or not phone_said.strip():
            return [Text(f"记下留在房间的未成年旅客的监护人电话，{_HOW}")]
        try:
            room = (await house_rooms(ctx)).read(room_said)
            phone = parse_phone(phone_said.strip())
        except Invalid as exc:
            return [Text(f"{exc.reason.rstrip('。')}。{_HOW}")]
        venues, stays = await _in_house(ctx)
        children = next(
            (c for c in await left_in_rooms(ctx, stays) if c[0].room == room),
            None,
        )
        if children is None:
            return [
                Text(
                    f"{room} 房间没有留在房间的未成年旅客（同住成年人已退房的）。"
                    "发送「在住旅客」查看名单。"
                )
            ]
        masked = show_phone(phone)
        for child in children:
            child.guardian_phone_enc = ctx.services.cipher.encrypt(phone, minors.GUARDIAN_PHONE)
            child.guardian_phone_masked = masked
            ctx.session.add(child)
        venue = venues[children[0].venue_id]
        names = "、".join(s.name_masked for s in children)
        zone = ctx.services.settings.zone
        text = (
            f"🧒 留在房间的未成年旅客：家长另有安排，场所已记下监护人电话\n"
            f"场所：{venue.name}（房间 {room}）\n未成年旅客：{names}\n"
            f"监护人电话：{masked}（{short(ctx.now, zone, ctx.now)} 记下）\n"
            f"发送「/场所 {venue.id} 住客」查看。"
        )
        enqueue_to_accounts(
            ctx.session,
            await beat_officer_accounts(ctx.session, venue.beat_id),
            message_key=f"minor-guardian:{children[0].id}:{ctx.now:%Y%m%d%H%M%S}",
            replies=[Text(text)],
            now=ctx.now,
            priority=minors.PRIORITY,
        )
        return [
            Text(
                f"✅ 已记下 {room} 房间未成年旅客 {names} 的监护人电话 {masked}，已告知社区民警。"
                "请照看好孩子，发现异常立即报告。"
            )
        ]

    return router
