"""Confirming a drafted alert, approving it, and releasing it to its targets.

Release writes the recipients and one outbox row per target in the caller's transaction, so
an alert is either queued to everyone or to no one; the row's key
`broadcast:{id}:{rev}->{channel}:{chat}` makes a second copy to the same chat impossible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices
from handlers.broadcast.audience import Audience
from handlers.broadcast.compose import alert_replies, heading
from handlers.broadcast.targets import Channels, Target, resolve
from handlers.services.recipients import station_staff_accounts
from handlers.tips.relay import station_name
from storage.models import (
    Account,
    Broadcast,
    BroadcastRecipient,
    BroadcastStatus,
    Person,
    Role,
    Severity,
)
from storage.outbox import enqueue, enqueue_to_accounts

#: Outbox priority: an urgent alert before everything; routine alerts after one-off notices
#: (a form reminder, a tip for an officer), which a 500-group daily alert must not hold up.
PRIORITY = {Severity.URGENT: 10, Severity.IMPORTANT: -1, Severity.NORMAL: -2}


#: Every outbox key of every alert starts so.
KEY_ROOT = "broadcast:"


def message_key(broadcast_id: int, rev: int | str, channel: str, chat_id: str) -> str:
    return f"{KEY_ROOT}{broadcast_id}:{rev}->{channel}:{chat_id}"


def key_prefix(broadcast_id: int) -> str:
    return f"{KEY_ROOT}{broadcast_id}:"


def broadcast_of(key: str) -> int:
    """The alert an outbox key of `message_key`'s making belongs to."""
    return int(key.removeprefix(KEY_ROOT).split(":", 1)[0])


#: Who approves an alert beyond its author's beat: the station's admins.
LEADERS = "所领导"
#: Who does at a station none of whose admins has an account: its other officers (the
#: request had waited for no one, and the alert was never sent).
PEERS = "本所其他民警"


@dataclass(frozen=True)
class Decision:
    """What confirming did: the new status and how many targets it has."""

    status: BroadcastStatus
    targets: int
    #: Awaiting approval: who was asked (所领导, or 本所其他民警 at a station with no
    #: leader's account). Still a draft with approval needed: "", nobody could approve it.
    approvers: str = LEADERS


def unapprovable(broadcast_id: int | None) -> str:
    """What the author of an alert needing approval is told when nobody could approve it
    (a station with one officer and no leader's account): it stays a draft."""
    return (
        f"通报#{broadcast_id}超出您的警务区，需经审批才能发送，但本所还没有所领导或其他民警的"
        "账号，无人能审批，通报仍保存为草稿。可发送"
        f"「/通报范围 {broadcast_id} 本警务区全部」只发本警务区；或请所领导绑定账号后，"
        f"再发送「/通报发送 {broadcast_id}」。"
    )


def beyond_own_beat(officer: Person, audience: Audience, targets: list[Target]) -> bool:
    """Whether the alert is meant for, or reaches, more than the author's beat."""
    if officer.beat_id is None:
        return True
    touched = set().union(*(t.beat_ids for t in targets)) if targets else set()
    return bool((set(audience.beats) | touched) - {officer.beat_id})


async def count_targets(
    session: AsyncSession, channels: Channels, broadcast: Broadcast
) -> list[Target]:
    audience = Audience.from_json(broadcast.audience)
    return await resolve(session, channels, audience, broadcast.station_id)


async def confirm(
    session: AsyncSession, services: Services, broadcast: Broadcast, author: Person
) -> Decision:
    """The author confirmed the draft: ask for approval, schedule it, or send it now."""
    now = services.clock()
    targets = await count_targets(session, services.channels, broadcast)
    needs_approval = (
        services.settings.broadcast.approval_beyond_beat
        and author.role is not Role.ADMIN
        and beyond_own_beat(author, Audience.from_json(broadcast.audience), targets)
    )
    broadcast.updated_at = now
    if needs_approval:
        assert author.id is not None
        accounts, who = await approvers(session, broadcast.station_id, author.id)
        if not accounts:  # left a draft, and the author told why and what to do
            session.add(broadcast)
            return Decision(broadcast.status, len(targets), "")
        broadcast.status = BroadcastStatus.PENDING_APPROVAL
        session.add(broadcast)
        await _ask_approvers(session, services, broadcast, len(targets), accounts, who)
        return Decision(broadcast.status, len(targets), who)
    return await approve_or_schedule(session, services, broadcast)


async def approve_or_schedule(
    session: AsyncSession, services: Services, broadcast: Broadcast
) -> Decision:
    now = services.clock()
    if broadcast.send_at is not None and broadcast.send_at > now:
        broadcast.status = BroadcastStatus.SCHEDULED
        session.add(broadcast)
        targets = await count_targets(session, services.channels, broadcast)
        return Decision(broadcast.status, len(targets))
    sent = await release(session, services, broadcast)
    return Decision(broadcast.status, sent)


async def leader_accounts(session: AsyncSession, station_id: int) -> list[Account]:
    """The accounts of the admins who serve `station_id` (theirs, or every station's)."""
    rows = await session.exec(
        select(Account)
        .join(Person, col(Person.id) == col(Account.person_id))
        .where(
            Person.role == Role.ADMIN,
            or_(col(Person.station_id).is_(None), col(Person.station_id) == station_id),
        )
        .order_by(col(Account.id))
    )
    return list(rows.all())


async def approvers(
    session: AsyncSession, station_id: int, author_id: int
) -> tuple[list[Account], str]:
    """Who may approve an alert of `author_id`'s, and what to call them: the station's
    leaders; with none, its officers other than the author; empty when there is no one."""
    leaders = await leader_accounts(session, station_id)
    if leaders:
        return leaders, LEADERS
    staff = await station_staff_accounts(session, station_id)
    return [a for a in staff if a.person_id != author_id], PEERS


async def _ask_approvers(
    session: AsyncSession,
    services: Services,
    broadcast: Broadcast,
    targets: int,
    accounts: list[Account],
    who: str,
) -> None:
    assert broadcast.id is not None
    text = (
        f"📝 通报#{broadcast.id}待审批（超出发起民警本警务区）\n{heading(broadcast)}\n"
        f"{broadcast.body[:200]}\n发送对象：{targets}个。"
    )
    if who == PEERS:
        text += "\n（本所还没有所领导的账号，由本所其他民警审批。）"
    buttons = (
        Button("批准", f"/批准 {broadcast.id}"),
        Button("驳回", f"/驳回 {broadcast.id}"),
    )
    enqueue_to_accounts(
        session,
        accounts,
        message_key=f"broadcast-approval:{broadcast.id}",
        replies=[Choices(text, buttons)],
        now=services.clock(),
    )


async def release(session: AsyncSession, services: Services, broadcast: Broadcast) -> int:
    """Queue revision 1 to every target now; returns how many targets."""
    assert broadcast.id is not None
    now = services.clock()
    settings = services.settings
    # Taken with a conditional UPDATE so that a second releaser (another replica's job, a
    # double tap on 确认发送) finds nothing to do.
    taken = await session.exec(
        update(Broadcast)
        .where(
            col(Broadcast.id) == broadcast.id,
            col(Broadcast.status).in_(
                [
                    BroadcastStatus.DRAFT,
                    BroadcastStatus.PENDING_APPROVAL,
                    BroadcastStatus.SCHEDULED,
                ]
            ),
        )
        .values(status=BroadcastStatus.SENDING)
    )
    if taken.rowcount != 1:
        return 0
    targets = await count_targets(session, services.channels, broadcast)
    broadcast.status = BroadcastStatus.SENDING if targets else BroadcastStatus.DONE
    broadcast.released_at = broadcast.updated_at = now
    if broadcast.expires_at is None:
        broadcast.expires_at = now + timedelta(hours=settings.broadcast.expire_hours)
    if not targets:
        broadcast.note = "没有找到发送对象"
    session.add(broadcast)
    # Signed by the alert's own station: a server may serve several.
    station = await station_name(session, broadcast.station_id)
    rows = []
    for target in targets:
        row = enqueue(
            session,
            dedupe_key=message_key(broadcast.id, 1, target.channel, target.chat_id),
            channel=target.channel,
            chat_id=target.chat_id,
            replies=alert_replies(
                broadcast,
                station=station,
                zone=settings.zone,
                at=now,
                channel=target.channel,
                kind=target.kind,
            ),
            now=now,
        )
        row.priority = PRIORITY[broadcast.severity]
        rows.append(row)
    await session.flush()
    session.add_all(
        BroadcastRecipient(
            broadcast_id=broadcast.id,
            channel=target.channel,
            chat_id=target.chat_id,
            kind=target.kind,
            person_id=target.person_id,
            group_id=target.group_id,
            label=target.label,
            outbox_id=row.id,
        )
        for target, row in zip(targets, rows, strict=True)
    )
    return len(targets)


async def release_due(session: AsyncSession, services: Services, now: datetime) -> int:
    """Release scheduled alerts whose time has come; returns how many alerts."""
    due = await session.exec(
        select(Broadcast)
        .where(
            Broadcast.status == BroadcastStatus.SCHEDULED,
            col(Broadcast.send_at) <= now,
        )
        .order_by(col(Broadcast.send_at))
        .limit(20)
    )
    released = 0
    for broadcast in due.all():
        await release(session, services, broadcast)
        released += 1
    return released
