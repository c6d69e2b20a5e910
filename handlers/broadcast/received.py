"""「通报」 for an owner: the alerts they received lately, to read again and acknowledge.

Owners are told they 接收警情通报, but an alert scrolled past in the chat could not be found
again. 通报 (an officer's word for a new alert) lists, for an owner, what reached them in the
last days, newest first, each with whether they acknowledged it; a button opens one in full,
with 「收到」 under it while it waits for their acknowledgement.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_
from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Image, Reply, Text
from bot.router import Router
from handlers.broadcast.compose import (
    ACK_WORD,
    ack_value,
    correction_lead,
    footer,
    heading_and_body,
)
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number
from handlers.tips.relay import station_name
from storage.models import (
    AlertSubscription,
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    BroadcastStatus,
    RecipientKind,
    Role,
    VenueKind,
)

#: How far back the list goes.
KEPT = timedelta(days=7)
#: More than this is more than a phone screen of buttons.
SHOWN = 8
#: Withdrawn alerts are not shown again: their content is no longer valid.
_OPEN = (BroadcastStatus.SENDING, BroadcastStatus.DONE)
_COMMAND = "最近通报"

router = Router()


async def _received(
    ctx: Context, broadcast_id: int | None = None
) -> list[tuple[Broadcast, BroadcastRecipient]]:
    """The alerts that reached this chat or this person lately, newest first, one row each."""
    msg = ctx.inbound
    this_chat = (col(BroadcastRecipient.channel) == msg.channel) & (
        col(BroadcastRecipient.chat_id) == msg.chat_id
    )
    # In a group, the group's alerts only: one sent to the owner alone is not the group's.
    mine = col(BroadcastRecipient.person_id) == ctx.person.id
    reached = or_(mine, this_chat) if msg.chat_type is ChatType.PRIVATE else this_chat
    query = (
        select(BroadcastRecipient, Broadcast)
        .join(Broadcast, col(Broadcast.id) == col(BroadcastRecipient.broadcast_id))
        .where(
            reached,
            col(Broadcast.status).in_(_OPEN),
            col(Broadcast.released_at) >= ctx.now - KEPT,
        )
        .order_by(col(Broadcast.id).desc())
    )
    if broadcast_id is not None:
        query = query.where(col(Broadcast.id) == broadcast_id)
    found: dict[int, tuple[Broadcast, BroadcastRecipient]] = {}
    for recipient, broadcast in (await ctx.session.exec(query)).all():
        assert broadcast.id is not None
        found.setdefault(broadcast.id, (broadcast, recipient))
    return list(found.values())


async def _acknowledged(ctx: Context, ids: list[int]) -> set[int]:
    """Which of these alerts the sender acknowledged, here or on another of their accounts."""
    if not ids:
        return set()
    msg = ctx.inbound
    rows = await ctx.session.exec(
        select(BroadcastAck.broadcast_id).where(
            col(BroadcastAck.broadcast_id).in_(ids),
            or_(
                col(BroadcastAck.person_id) == ctx.person.id,
                (col(BroadcastAck.channel) == msg.channel)
                & (col(BroadcastAck.sender_id) == msg.sender_id),
            ),
        )
    )
    return set(rows.all())


def _when(ctx: Context, broadcast: Broadcast) -> str:
    at = broadcast.released_at or broadcast.created_at
    return short(at, ctx.services.settings.zone, ctx.now)


def _ackable(recipient: BroadcastRecipient) -> bool:
    """Whether the alert asked this recipient for 收到: a public alert to a subscribed
    resident asks for nothing."""
    return recipient.kind is not RecipientKind.SUBSCRIBER


async def _nothing_received(ctx: Context) -> list[Reply]:
    if ctx.role is not Role.RESIDENT:
        return [
            Text(
                f"最近{KEPT.days}天没有发给您的通报。新的通报会直接发到这里，"
                f"阅后请回复「{ACK_WORD}」。"
            )
        ]
    subscribed = await ctx.session.exec(
        select(AlertSubscription.id).where(AlertSubscription.person_id == ctx.person.id)
    )
    if subscribed.first() is None:
        return [
            Text(
                "您还没有订阅本所的公开通报。发送「/订阅」并写上您所在的片区（或发送位置），"
                "之后的通报会直接发到这里。"
            )
        ]
    return [Text(f"最近{KEPT.days}天您订阅的片区没有新的通报。新的通报会直接发到这里。")]


@router.route(
    "broadcast_received",
    commands=(_COMMAND, "看通报", "我的通报", "alerts"),
    # Subscribed residents re-read the public alerts they got (they had got 没有理解).
    roles=(Role.OWNER, Role.RESIDENT),
    help="查看最近收到的通报（也可发送「通报」）",
    # Only an owner acknowledges an alert: a resident's help had offered it them too.
    kind_help=[
        (kind, "查看最近收到的通报（也可发送「通报」），未确认的可补确认") for kind in VenueKind
    ],
    daily=75,
    # In an owner's daily menu; a resident's menu is its own short text (help_menu).
    daily_for=(Role.OWNER,),
    topic="通报",
    # 今天有通报吗 had been read as a legal question, and got the 传染病防治法's 通报 of
    # epidemics.
    hints=(
        "收到的通报",
        "之前的通报",
        "以前的通报",
        "历史通报",
        "通报记录",
        "查通报",
        "有通报",
        "有没有通报",
        "什么通报",
        "新通报",
        "新的通报",
    ),
    # 通报 alone, the officers' command for a new alert, is this list for an owner.
    borrows=("通报",),
)
async def received(ctx: Context) -> list[Reply]:
    number = record_number(ctx.match.args) if ctx.match and ctx.match.args else None
    if number is not None:
        return await _one(ctx, number)
    found = await _received(ctx)
    if not found:
        return await _nothing_received(ctx)
    acked = await _acknowledged(ctx, [b.id for b, _ in found if b.id is not None])
    shown = found[:SHOWN]
    waiting = sum(b.id not in acked and _ackable(r) for b, r in found)
    asked = any(_ackable(r) for _, r in found)
    state_of_all = (f"，{waiting}条未确认" if waiting else "，均已确认") if asked else ""
    lines = [f"最近{KEPT.days}天收到的通报（{len(found)}条{state_of_all}，新的在前）："]
    for i, (broadcast, recipient) in enumerate(shown, 1):
        state = ""
        if _ackable(recipient):
            state = " ✅已确认" if broadcast.id in acked else " ⏳未确认"
        lines.append(f"{i}. #{broadcast.id}「{broadcast.title}」{_when(ctx, broadcast)}{state}")
    if len(found) > len(shown):
        lines.append(f"（仅列出最新{len(shown)}条）")
    # 收到 is a button of the alert's full text, not of this list: said as the bot's own
    # phrase for it, which a channel without buttons reads as 回复「收到」.
    lines.append(
        "点下面的按钮查看全文"
        + (f"，未确认的阅后请点通报下的「{ACK_WORD}」。" if waiting else "。")
    )
    buttons = tuple(Button(f"查看 #{b.id}", f"/{_COMMAND} {b.id}") for b, _ in shown)
    return [Choices("\n".join(lines), buttons)]


async def _one(ctx: Context, number: int) -> list[Reply]:
    """Alert `number` in full, as it reached them, if it did: 收到 under it if not yet
    acknowledged."""
    found = await _received(ctx, number)
    if not found:
        return [
            Text(
                f"没有找到发给您的通报#{number}（只能查看最近{KEPT.days}天的）。发送「通报」查看列表。"
            )
        ]
    broadcast, recipient = found[0]
    assert broadcast.id is not None
    settings = ctx.services.settings
    lead = correction_lead(broadcast) if broadcast.rev > 1 else ""
    at = broadcast.released_at or broadcast.created_at
    lines = [
        *heading_and_body(broadcast, lead),
        footer(broadcast, await station_name(ctx.session, broadcast.station_id), at, settings.zone),
    ]
    replies: list[Reply] = []
    if broadcast.image_sha256:
        replies.append(
            Image(broadcast.image_sha256, mime_type=broadcast.image_mime, published=True)
        )
    if not _ackable(recipient):
        replies.append(Text("\n".join(lines)))
    elif broadcast.id in await _acknowledged(ctx, [broadcast.id]):
        lines.append("✅ 您已确认收到这条通报。")
        replies.append(Text("\n".join(lines)))
    else:
        lines.append(f"您还没有确认这条通报，阅后请点「{ACK_WORD}」。")
        button = Button(ACK_WORD, f"/{ack_value(broadcast.id)}")
        replies.append(Choices("\n".join(lines), (button,)))
    return replies
