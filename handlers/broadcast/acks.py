"""「收到」: a recipient acknowledges an alert, by the button or by saying it.

`收到 12` names the alert (the button sends that); a bare `收到` acknowledges every alert sent
to this chat in the last few days that it has not yet acknowledged (an urgent alert followed
by an ordinary one: answering the newest had left the urgent one unread), or says the latest
was acknowledged already. In a group, each member who presses it is recorded, and the group
counts as acknowledged from the first. A member of a robot group (which the bot cannot read)
may acknowledge in private with `收到 12`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Router
from handlers.broadcast.compose import ACK_WORD, ack_value
from handlers.services.numbers import record_number
from knowledge.intent import small_talk
from storage.models import (
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    BroadcastStatus,
    Role,
)

#: Thanks that also acknowledge: 收到了谢谢, 好的，谢谢提醒.
_ACKNOWLEDGING = re.compile(r"收到|知道|明白|已阅|提醒|好的")
#: 1 (扣1, 收到请回复1): how a group answers a notice; full-width and keycap forms too.
_SAYS_ONE = re.compile(r"[1１]+(?:\ufe0f?\u20e3)?[。.！!]?")
#: An acknowledgement's own words at the start of a message (收到, 好的收到, 已收到了), and
#: what may follow them at once: an end, a mark, a space, or the words that round them off.
_ACK_LEAD = re.compile(
    r"(?:好的|好|嗯+|ok|OK)?[，,。.!！\s]*(?:已经?|都)?收到(?:收到)?了?(?:啦|啊|哈|哦|滴)?"
    r"(?=$|[，,。.!！~～、\s#＃\d]|谢|[\U0001F300-\U0001FAFF\u2600-\u27BF])"
)
#: More than this after the words tells something of its own; 收到，马上转告员工 is a few.
_ACK_TAIL = 14
#: What asks rather than acknowledges, after the words (收到，是真的吗).
_ACK_ASKS = re.compile(r"[?？]|吗|么|是不是|是否|怎么|真的|要不要|能不能|可不可以")
#: The route's name, which the hints look for (`acknowledges`).
ACK_ROUTE = "broadcast_ack"
#: How far back a bare 收到 looks for the alert it answers.
RECENT = timedelta(days=3)
_OPEN = (BroadcastStatus.SENDING, BroadcastStatus.DONE)
#: Most alerts a wrong number's reply names, a button each.
_NAMED = 3

router = Router()


async def received_alert(
    ctx: Context, broadcast_id: int
) -> tuple[Broadcast, BroadcastRecipient | None]:
    broadcast = await ctx.session.get(Broadcast, broadcast_id)
    if broadcast is None or broadcast.status not in _OPEN:
        raise LookupError
    msg = ctx.inbound
    here = select(BroadcastRecipient).where(BroadcastRecipient.broadcast_id == broadcast_id)
    recipient = (
        await ctx.session.exec(
            here.where(
                BroadcastRecipient.channel == msg.channel,
                BroadcastRecipient.chat_id == msg.chat_id,
            )
        )
    ).first()
    if recipient is None:
        # Reached on another of their accounts (their WeCom, say) and answering here.
        recipient = (
            await ctx.session.exec(here.where(BroadcastRecipient.person_id == ctx.person.id))
        ).first()
    if recipient is None and ctx.role is Role.RESIDENT:
        # Only bound owners and staff answer for a robot group in private; anyone else
        # guessing a number must neither count as a reader nor learn the alert's title.
        raise LookupError
    return broadcast, recipient


async def recent_alerts(ctx: Context) -> list[tuple[Broadcast, BroadcastRecipient]]:
    """The alerts this chat got lately, newest first: those not yet acknowledged, or else
    the latest one alone. Raises `LookupError` if there are none."""
    msg = ctx.inbound
    rows = await ctx.session.exec(
        select(BroadcastRecipient, Broadcast)
        .join(Broadcast, col(Broadcast.id) == col(BroadcastRecipient.broadcast_id))
        .where(
            BroadcastRecipient.channel == msg.channel,
            BroadcastRecipient.chat_id == msg.chat_id,
            col(Broadcast.status).in_(_OPEN),
            col(Broadcast.released_at) >= ctx.now - RECENT,
        )
        .order_by(col(Broadcast.id).desc())
    )
    found = [(broadcast, recipient) for recipient, broadcast in rows.all()]
    if not found:
        raise LookupError
    return [pair for pair in found if pair[1].acked_at is None] or found[:1]


#: A resident's 收到: public alerts ask for no acknowledgement, and the officer's read
#: figures count the venues that must confirm, not the public.
_RESIDENT_ACK = "好的。公开通报不需要回复「收到」，请注意安全。发送「通报」可再看最近的通报。"


@router.route(
    ACK_ROUTE,
    commands=(ACK_WORD, "ack"),
    keywords=(ACK_WORD, "收到了", "已收到", "收到收到"),
    in_forms=True,
    number_only=True,
)
async def acknowledge(ctx: Context) -> list[Reply]:
    number = record_number(ctx.match.args) if ctx.match else None
    try:
        found = (
            [await received_alert(ctx, number)] if number is not None else await recent_alerts(ctx)
        )
    except LookupError:
        if number is not None:
            return await not_that_one(ctx, number)
        return [Text("没有找到需要确认的通报。如需帮助请发送「帮助」。")]
    if _public_reader(ctx):
        # (In a venue's group, members are unbound and their 收到 is the group's.)
        return [Text(_RESIDENT_ACK)]
    return await record_acks(ctx, found)


def _public_reader(ctx: Context) -> bool:
    """A resident in private: what reaches them is public alerts, which ask for no 收到."""
    return ctx.role is Role.RESIDENT and ctx.inbound.chat_type is ChatType.PRIVATE


async def not_that_one(ctx: Context, number: int) -> list[Reply]:
    """收到 5 with no alert #5 here: the alerts that do wait for this chat's 收到, named
    with a button each (a mistyped number had left #3 unacknowledged without a word)."""
    try:
        found = await recent_alerts(ctx)
    except LookupError:
        found = []
    waiting = [broadcast for broadcast, recipient in found if recipient.acked_at is None]
    if not waiting:
        return [Text(f"没有找到需要确认的通报#{number}。如需帮助请发送「帮助」。")]
    named = "、".join(f"#{b.id}「{b.title}」" for b in waiting[:_NAMED])
    buttons = tuple(Button(f"收到 #{b.id}", f"/{ack_value(b.id or 0)}") for b in waiting[:_NAMED])
    return [Choices(f"没有找到通报#{number}。您待确认的通报是{named}，点下面的按钮确认。", buttons)]


def acknowledges(text: str) -> bool:
    """Whether `text` is a short acknowledgement (收到, 好的收到, 已收到 马上转告员工): the
    word first, and after it a few words that ask nothing. 收到短信说我医保卡被冻结了… and
    收到一个电话，说是派出所的… tell what came and ask about it; they had been offered
    「收到」, the alert's button, and the second was someone after an owner's guest data."""
    said = text.strip()
    lead = _ACK_LEAD.match(said)
    if lead is None:
        return False
    rest = said[lead.end() :]
    return len(rest.strip()) <= _ACK_TAIL and _ACK_ASKS.search(rest) is None


def says_one(text: str) -> bool:
    """Whether a message is 1 alone (扣1): an acknowledgement when an alert waits for one."""
    return _SAYS_ONE.fullmatch(text.strip()) is not None


async def alert_waits(ctx: Context) -> bool:
    """Whether an alert sent to this chat lately is still to be acknowledged (never a
    resident's public alerts)."""
    if _public_reader(ctx):
        return False
    try:
        found = await recent_alerts(ctx)
    except LookupError:
        return False
    return found[0][1].acked_at is None


def with_ack_words(handler: Handler) -> Handler:
    """收到了, 好的知道了, 明白, 1: said by someone with an alert still to acknowledge, they
    acknowledge it (the officer would otherwise keep reminding them); said by anyone else,
    they are small talk (or, for 1, not understood). A resident's public alerts are never
    acknowledged so: 好的知道了 had written a read receipt the officer's figures do not ask
    for, and a bare 1 had acknowledged two."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        kind = "ack" if says_one(text) else small_talk(text)
        if _public_reader(ctx):
            return await handler(ctx)
        if kind == "ack" or (kind == "thanks" and _ACKNOWLEDGING.search(text)):
            try:
                found = await recent_alerts(ctx)
            except LookupError:
                return await handler(ctx)
            if found[0][1].acked_at is None:
                return await record_acks(ctx, found)
        return await handler(ctx)

    return wrapped


def already_acknowledged(broadcast: Broadcast) -> str:
    """What someone reads who acknowledges an alert a second time, however they said it
    (已收到, 收到，谢谢): the number and the title, which says which alert it was."""
    return f"您已确认过通报#{broadcast.id}「{broadcast.title}」，谢谢。"


async def record_acks(
    ctx: Context, found: Sequence[tuple[Broadcast, BroadcastRecipient | None]]
) -> list[Reply]:
    if len(found) == 1:
        return await _record(ctx, *found[0])
    titles = []
    for broadcast, recipient in reversed(found):  # oldest first, as they arrived
        await _record(ctx, broadcast, recipient)
        titles.append(f"#{broadcast.id}「{broadcast.title}」")
    return [Text(f"✅ 已确认收到{len(titles)}条通报：" + "、".join(titles) + "。谢谢配合！")]


async def _record(
    ctx: Context, broadcast: Broadcast, recipient: BroadcastRecipient | None
) -> list[Reply]:
    assert broadcast.id is not None
    msg = ctx.inbound
    known = await ctx.session.exec(
        select(BroadcastAck).where(
            BroadcastAck.broadcast_id == broadcast.id,
            BroadcastAck.channel == msg.channel,
            BroadcastAck.sender_id == msg.sender_id,
        )
    )
    if known.first() is not None:
        return [Text(already_acknowledged(broadcast))]
    name = (msg.sender_name or ctx.person.display_name or "")[:100]
    ctx.session.add(
        BroadcastAck(
            broadcast_id=broadcast.id,
            recipient_id=recipient.id if recipient else None,
            channel=msg.channel,
            sender_id=msg.sender_id,
            sender_name=name,
            person_id=ctx.person.id,
            acked_at=ctx.now,
        )
    )
    if recipient is not None and recipient.acked_at is None:
        recipient.acked_at = ctx.now
        recipient.acked_by = name
        ctx.session.add(recipient)
    who = f"{name}，" if name and msg.chat_type.value == "group" else ""
    return [Text(f"✅ {who}已确认收到通报#{broadcast.id}「{broadcast.title}」。谢谢配合！")]
