"""Delivery and acknowledgement figures of an alert, and who has not acknowledged.

`unacknowledged` is what the officer digest calls: an author's recent important and urgent
alerts that some recipients have not acknowledged yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import ChannelFacts
from handlers.broadcast.compose import SEND_ONLY_GROUPS
from handlers.broadcast.failures import failure_reason
from handlers.broadcast.naming import first_named
from handlers.broadcast.revise import alert_rows, recipients, row_states
from storage.models import (
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    BroadcastStatus,
    OutboxMessage,
    OutboxStatus,
    RecipientKind,
    Severity,
)

_NOTED = {
    "sent": OutboxStatus.SENT.value,
    "failed": OutboxStatus.FAILED.value,
    "withdrawn": OutboxStatus.CANCELLED.value,
}


@dataclass
class Figures:
    targets: int = 0
    sent: int = 0
    waiting: int = 0
    failed: int = 0
    withdrawn: int = 0
    #: Recipients who can acknowledge (owners, and groups the bot can read).
    ackable: int = 0
    acked: int = 0
    #: Acknowledgements from people who were not a target themselves (members of a robot
    #: group answering in private).
    extra_acks: int = 0
    send_only_groups: int = 0
    subscribers: int = 0
    #: Labels of recipients that got the alert and have not acknowledged.
    unacked: list[str] = field(default_factory=list)
    #: Labels with the reason their delivery was given up (in Chinese).
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: Labels still waiting after failed attempts: how many, and the last reason.
    retrying: list[tuple[str, int, str]] = field(default_factory=list)
    #: When someone was last reminded (`/催读` or the reminder job), if ever.
    last_nudged: datetime | None = None
    #: The acknowledgements by kind of venue (旅馆 5/7，小网吧 2/3), where an alert's status
    #: asks for them (`kind_acks`); "" otherwise.
    by_kind: str = ""


def can_ack(recipient: BroadcastRecipient) -> bool:
    if recipient.kind is RecipientKind.SUBSCRIBER:
        return False
    return not (recipient.kind is RecipientKind.GROUP and recipient.channel in SEND_ONLY_GROUPS)


async def figures(
    session: AsyncSession, channels: Mapping[str, ChannelFacts], broadcast: Broadcast
) -> Figures:
    """`channels`: the facts that name each platform in a failure's reason."""
    assert broadcast.id is not None
    states = await row_states(session, broadcast.id)
    errors = await _last_errors(session, broadcast)
    retries = await _retries(session, broadcast.id)
    found = Figures()
    for recipient in await recipients(session, broadcast.id):
        found.targets += 1
        if recipient.nudged_at is not None:
            found.last_nudged = max(found.last_nudged or recipient.nudged_at, recipient.nudged_at)
        statuses = states.get((recipient.channel, recipient.chat_id), set())
        if recipient.outcome:
            # Noted when the alert was done: its outbox rows may be purged since.
            statuses = statuses | {_NOTED[recipient.outcome]}
        delivered = OutboxStatus.SENT.value in statuses
        if delivered:
            found.sent += 1
        elif OutboxStatus.PENDING.value in statuses:
            found.waiting += 1
            if retry := retries.get((recipient.channel, recipient.chat_id)):
                attempts, error = retry
                reason = failure_reason(error, channels.get(recipient.channel))
                found.retrying.append((recipient.label, attempts, reason))
        elif OutboxStatus.FAILED.value in statuses:
            found.failed += 1
            error = errors.get(recipient.outbox_id or 0, "") or recipient.error
            found.failures.append(
                (recipient.label, failure_reason(error, channels.get(recipient.channel)))
            )
        else:
            found.withdrawn += 1
        if recipient.kind is RecipientKind.SUBSCRIBER:
            found.subscribers += 1
        elif not can_ack(recipient):
            found.send_only_groups += 1
        else:
            found.ackable += 1
            if recipient.acked_at is not None:
                found.acked += 1
            elif delivered:
                found.unacked.append(recipient.label)
    found.extra_acks = len(
        (
            await session.exec(
                select(BroadcastAck.id).where(
                    BroadcastAck.broadcast_id == broadcast.id,
                    col(BroadcastAck.recipient_id).is_(None),
                )
            )
        ).all()
    )
    return found


async def _last_errors(session: AsyncSession, broadcast: Broadcast) -> dict[int, str]:
    rows = await session.exec(
        select(OutboxMessage.id, OutboxMessage.last_error)
        .join(BroadcastRecipient, col(BroadcastRecipient.outbox_id) == col(OutboxMessage.id))
        .where(
            BroadcastRecipient.broadcast_id == broadcast.id,
            OutboxMessage.status == OutboxStatus.FAILED,
        )
    )
    return {row_id: error for row_id, error in rows.all() if row_id is not None}


async def _retries(
    session: AsyncSession, broadcast_id: int
) -> dict[tuple[str, str], tuple[int, str]]:
    """(channel, chat) -> failed attempts and last error of a row still to be retried."""
    rows = await session.exec(
        select(
            OutboxMessage.channel,
            OutboxMessage.chat_id,
            OutboxMessage.attempts,
            OutboxMessage.last_error,
        ).where(
            alert_rows(broadcast_id),
            OutboxMessage.status == OutboxStatus.PENDING,
            # Rows the platform only asked to slow down are waiting, not failing.
            col(OutboxMessage.attempts) > col(OutboxMessage.throttled),
        )
    )
    return {
        (channel, chat_id): (attempts, error) for channel, chat_id, attempts, error in rows.all()
    }


@dataclass(frozen=True)
class Unacked:
    broadcast: Broadcast
    missing: list[str]
    #: Its figures, which say when it may be reminded (`early_nudge.nudge_opens`).
    found: Figures


async def unacknowledged(
    session: AsyncSession, author_person_id: int, since: datetime, *, limit: int = 5
) -> list[Unacked]:
    """The author's important and urgent alerts released since `since` that not everyone
    has acknowledged, newest first, with who is missing."""
    rows = await session.exec(
        select(Broadcast)
        .where(
            Broadcast.author_person_id == author_person_id,
            col(Broadcast.severity).in_([Severity.IMPORTANT, Severity.URGENT]),
            col(Broadcast.status).in_([BroadcastStatus.SENDING, BroadcastStatus.DONE]),
            col(Broadcast.released_at) >= since,
        )
        .order_by(col(Broadcast.released_at).desc())
        .limit(limit * 4)
    )
    found = []
    for broadcast in rows.all():
        # Who has not acknowledged: no failure reasons, so no platform to name.
        counted = await figures(session, {}, broadcast)
        if counted.unacked:
            found.append(Unacked(broadcast, counted.unacked, counted))
        if len(found) == limit:
            break
    return found


def summary_lines(found: Figures) -> list[str]:
    # A count of none is left out: 失败 0 beside every alert read as something to check.
    counts = "，".join(
        f"{label} {n}"
        for label, n in (
            ("已送达", found.sent),
            ("发送中", found.waiting),
            ("失败", found.failed),
            ("已撤回", found.withdrawn),
        )
        if n
    )
    lines = [f"发送对象 {found.targets} 个" + (f"：{counts}" if counts else "")]
    if found.ackable:
        by_kind = f"（{found.by_kind}）" if found.by_kind else ""
        lines.append(f"已确认收到 {found.acked}/{found.ackable}{by_kind}")
    extras = []
    if found.send_only_groups:
        extras.append(f"机器人群 {found.send_only_groups} 个（群内无法回执）")
    if found.subscribers:
        extras.append(f"订阅群众 {found.subscribers} 人")
    if found.extra_acks:
        extras.append(f"另有 {found.extra_acks} 人私聊确认")
    if extras:
        lines.append("；".join(extras))
    if found.retrying:
        lines.append(f"重试中（{len(found.retrying)}）：")
        retrying = [f"{label}：重试中（第{n}次），{reason}" for label, n, reason in found.retrying]
        lines.extend(f"· {line}" for line in first_named(retrying))
    if found.failures:
        lines.append(f"未送达（{len(found.failures)}）：")
        failures = [f"{label}（{reason}）" for label, reason in found.failures]
        lines.extend(f"· {line}" for line in first_named(failures))
    return lines


def recipient_lines(names: list[str]) -> list[str]:
    """One line per recipient, as a phone shows a list: a label holds a list of its own
    (悦来旅馆、枫林民宿（负责人）), which ；between recipients made hard to read apart. Chats
    with one label (a venue's groups) are one line with their number."""
    counts = Counter(names)
    return [f"· {name}（{n}个）" if n > 1 else f"· {name}" for name, n in counts.items()]


def unacked_lines(broadcast_id: int, names: list[str], most: int) -> list[str]:
    """The first `most` recipients who have not acknowledged, one a line, then how to see
    the rest: what `/通报状态 N` and the officer digest both show."""
    lines = recipient_lines(names)
    if len(lines) <= most:
        return lines
    return [
        *lines[:most],
        f"……另有 {len(lines) - most} 个，发送「/通报状态 {broadcast_id} 未确认」查看全部。",
    ]
