"""Recipients an alert could not reach: why, telling its author, and sending to them again.

The outbox gives a row up on its own (`scheduler/outcome.py`); the broadcasts job reads what
was given up on the alert's side (`report_failures`, before `sweep` marks the alert done),
so the officer who sent an important or urgent alert hears of it once, in one message for
the recipients found failed together. A beat's daily alert has no author: its beat's officers
(or, with none, the station's) are told instead, as of a day it is skipped. A recipient told
of has `outcome` "failed" at once (`sweep` would note the same later); `/重发 N` clears it and
queues a fresh row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.base import Cause, cause_of
from bot.context import ChannelFacts, Services
from bot.messages import Button, Choices
from handlers.broadcast.audience import Audience
from handlers.broadcast.compose import alert_replies
from handlers.broadcast.naming import first_named
from handlers.broadcast.release import PRIORITY, message_key
from handlers.broadcast.revise import alert_rows, recipients
from handlers.services.recipients import officer_or_area
from handlers.tips.relay import station_name
from storage.models import (
    Account,
    Broadcast,
    BroadcastRecipient,
    BroadcastStatus,
    OutboxMessage,
    OutboxStatus,
    Severity,
)
from storage.outbox import enqueue, enqueue_to_accounts

#: Alerts whose author is told when a recipient is given up (a routine one shows it in
#: `/通报状态` only; the daily alert, with no author to look there, is told of too).
TOLD = (Severity.IMPORTANT, Severity.URGENT)


def failure_reason(error: str, facts: ChannelFacts | None = None) -> str:
    """An officer's reading of a delivery error (the outbox's `last_error`, led by the cause
    the channel gave it from the platform's answer); `facts`, the channel's, name the
    platform as users call it."""
    platform = facts.label if facts is not None else "消息平台"
    return {
        Cause.ROBOT_KEY: "群机器人密钥无效",
        Cause.UNFOLLOWED: "对方已取消关注",
        Cause.UNREACHABLE: f"{platform}无法连接",
        Cause.BLOCKED: "对方已屏蔽或退出",
        Cause.WINDOW: "公众号48小时内未互动，无法推送",
        Cause.THROTTLED: "平台限流，多次重试未成功",
        Cause.NO_CHANNEL: "该渠道未启用",
    }.get(cause_of(error), "多次重试未成功")


#: What the officer can do about each reason (the rest: resend later).
_ADVICE = {
    "群机器人密钥无效": "群机器人密钥无效的，请在该群重新添加机器人，并请所内管理员更新群的密钥后重发",
    "对方已取消关注": "已取消关注的对象收不到推送，请电话通知",
    "对方已屏蔽或退出": "已屏蔽或退出的对象收不到推送，请电话通知",
}


@dataclass(frozen=True)
class Failed:
    recipient: BroadcastRecipient
    reason: str
    #: The outbox's words, kept with the recipient as `sweep` keeps them.
    error: str
    #: The newest of its given-up rows: keys the officer's message and the resend.
    row_id: int


async def failed_recipients(
    session: AsyncSession, channels: Mapping[str, ChannelFacts], broadcast: Broadcast
) -> list[Failed]:
    """Recipients none of whose rows went out or still waits, and at least one was given up."""
    assert broadcast.id is not None
    rows = await session.exec(
        select(OutboxMessage).where(alert_rows(broadcast.id)).order_by(col(OutboxMessage.id))
    )
    states: dict[tuple[str, str], set[str]] = defaultdict(set)
    last: dict[tuple[str, str], tuple[int, str]] = {}
    for row in rows.all():
        chat = (row.channel, row.chat_id)
        states[chat].add(OutboxStatus(row.status).value)
        if row.status is OutboxStatus.FAILED and row.id is not None:
            last[chat] = (row.id, row.last_error)
    found = []
    for recipient in await recipients(session, broadcast.id):
        chat = (recipient.channel, recipient.chat_id)
        if chat not in last or states[chat] & {OutboxStatus.SENT.value, OutboxStatus.PENDING.value}:
            continue
        row_id, error = last[chat]
        found.append(
            Failed(
                recipient,
                failure_reason(error, channels.get(recipient.channel)),
                error[:200],
                row_id,
            )
        )
    return found


def _named(failed: list[Failed]) -> list[str]:
    return [
        f"· {line}" for line in first_named([f"{f.recipient.label}（{f.reason}）" for f in failed])
    ]


async def _whom_to_tell(session: AsyncSession, broadcast: Broadcast) -> tuple[list[Account], str]:
    """The author; for a daily alert (no author), or an author no longer staff here (the
    failure had been told to nobody), the officers of the beat it went to, or of the
    station when it went to several; with a line saying why they are told, if needed."""
    to = await officer_or_area(
        session,
        broadcast.author_person_id,
        broadcast.station_id,
        Audience.from_json(broadcast.audience).only_beat,
    )
    return to.accounts, to.note("发布该通报的民警")


async def report_failures(session: AsyncSession, services: Services) -> int:
    """Tell each author of an important or urgent alert still being sent which recipients
    were given up since last told, and a daily alert's beat officers of its own; returns
    how many alerts were told of."""
    now = services.clock()
    sending = await session.exec(
        select(Broadcast).where(
            Broadcast.status == BroadcastStatus.SENDING,
            (col(Broadcast.severity).in_(TOLD) & col(Broadcast.author_person_id).is_not(None))
            # A daily alert had been told to no one: nobody wrote it.
            | col(Broadcast.daily_key).is_not(None),
        )
    )
    told = 0
    for broadcast in sending.all():
        fresh = [
            f
            for f in await failed_recipients(session, services.channels, broadcast)
            if not f.recipient.outcome
        ]
        if not fresh:
            continue
        for f in fresh:
            f.recipient.outcome, f.recipient.error = "failed", f.error
            session.add(f.recipient)
        accounts, why = await _whom_to_tell(session, broadcast)
        reasons = {f.reason for f in fresh}
        advice = [_ADVICE[r] for r in _ADVICE if r in reasons]
        if reasons - set(_ADVICE):
            advice.append("其余可稍后重发，或电话通知对方")
        text = "\n".join(
            [
                f"⚠️ 通报#{broadcast.id}「{broadcast.title}」有 {len(fresh)} 个对象未能送达：",
                *_named(fresh),
                "；".join(advice) + "。",
                f"处理后可发送「/重发 {broadcast.id}」只重发未送达的对象。",
                *([why] if why else []),
            ]
        )
        buttons = (
            Button("重发失败对象", f"/重发 {broadcast.id}"),
            Button("查看状态", f"/通报状态 {broadcast.id}"),
        )
        enqueue_to_accounts(
            session,
            accounts,
            message_key=f"broadcast-failed:{broadcast.id}:{max(f.row_id for f in fresh)}",
            replies=[Choices(text, buttons)],
            now=now,
            priority=PRIORITY[broadcast.severity],
        )
        told += 1
    return told


async def resend_failed(
    session: AsyncSession, services: Services, broadcast: Broadcast
) -> list[Failed]:
    """Queue the alert again to the recipients it was given up for, and only to them."""
    assert broadcast.id is not None
    failed = await failed_recipients(session, services.channels, broadcast)
    if not failed:
        return []
    now = services.clock()
    station = await station_name(session, broadcast.station_id)
    for f in failed:
        recipient = f.recipient
        row = enqueue(
            session,
            # The given-up row's id: a second resend is possible once this one fails too.
            dedupe_key=message_key(
                broadcast.id,
                f"{broadcast.rev}:resend{f.row_id}",
                recipient.channel,
                recipient.chat_id,
            ),
            channel=recipient.channel,
            chat_id=recipient.chat_id,
            replies=alert_replies(
                broadcast,
                station=station,
                zone=services.settings.zone,
                at=broadcast.released_at or now,
                channel=recipient.channel,
                kind=recipient.kind,
            ),
            now=now,
        )
        row.priority = PRIORITY[broadcast.severity]
        await session.flush()
        recipient.outbox_id, recipient.outcome, recipient.error = row.id, "", ""
        session.add(recipient)
    # Being sent again: `sweep` notes the outcomes afresh once these rows are done.
    broadcast.status, broadcast.updated_at = BroadcastStatus.SENDING, now
    session.add(broadcast)
    return failed
