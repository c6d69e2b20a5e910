"""Corrections, withdrawals and reminders of an alert already released.

Each goes out as its own outbox row, to the recipients of the original: a withdrawal notice
to those the alert reached, a correction to everyone (replacing an original not yet sent),
a reminder to those who got it and have not said 收到. Rows still waiting and not being sent
are withdrawn (status `cancelled`); a row that was being sent at that moment is seen to by
`sweep`, which the broadcasts job runs: it sends the withdrawal notice once that row has
gone out, so nobody keeps an alert that was withdrawn.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, not_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.broadcast.compose import (
    REMINDER_LEAD,
    SEND_ONLY_GROUPS,
    alert_replies,
    cancel_notice,
    correction_lead,
)
from handlers.broadcast.release import PRIORITY, key_prefix, message_key
from handlers.tips.relay import station_name
from scheduler.claims import unclaimed
from storage.models import (
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    BroadcastStatus,
    OutboxMessage,
    OutboxStatus,
    RecipientKind,
)
from storage.outbox import enqueue, key_range

UNRELEASED = (
    BroadcastStatus.DRAFT,
    BroadcastStatus.PENDING_APPROVAL,
    BroadcastStatus.SCHEDULED,
)
#: Withdrawal notices go before anything else.
CANCEL_PRIORITY = 20
#: How long after a withdrawal `sweep` keeps looking for rows that were in flight.
SWEEP_WINDOW = timedelta(days=2)


def _cancel_key(broadcast_id: int, channel: str, chat_id: str) -> str:
    return message_key(broadcast_id, "cancel", channel, chat_id)


def alert_rows(broadcast_id: int) -> ColumnElement[bool]:
    """The alert's rows (every revision and reminder), not its withdrawal notices."""
    return and_(
        key_range(key_prefix(broadcast_id)),
        not_(key_range(f"{key_prefix(broadcast_id)}cancel->")),
    )


async def recipients(session: AsyncSession, broadcast_id: int) -> list[BroadcastRecipient]:
    rows = await session.exec(
        select(BroadcastRecipient)
        .where(BroadcastRecipient.broadcast_id == broadcast_id)
        .order_by(col(BroadcastRecipient.id))
    )
    return list(rows.all())


async def row_states(session: AsyncSession, broadcast_id: int) -> dict[tuple[str, str], set[str]]:
    """(channel, chat) -> statuses of the alert's rows to it (not withdrawal notices)."""
    rows = await session.exec(
        select(OutboxMessage.channel, OutboxMessage.chat_id, OutboxMessage.status).where(
            alert_rows(broadcast_id)
        )
    )
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for channel, chat_id, status in rows.all():
        found[(channel, chat_id)].add(OutboxStatus(status).value)
    return found


async def _withdraw(
    session: AsyncSession, broadcast_id: int, now: datetime
) -> set[tuple[str, str]]:
    """Cancel the alert's rows still waiting and not being sent; returns their chats."""
    withdrawn = await session.exec(
        update(OutboxMessage)
        .where(alert_rows(broadcast_id), unclaimed(now))
        .values(status=OutboxStatus.CANCELLED, last_error="withdrawn")
        .returning(col(OutboxMessage.channel), col(OutboxMessage.chat_id))
    )
    return {(channel, chat_id) for channel, chat_id in withdrawn.all()}


async def correct(
    session: AsyncSession, services: Services, broadcast: Broadcast, title: str, body: str
) -> int:
    """Replace the text; a released alert goes out again as the next revision. Returns how
    many chats the correction was queued to."""
    assert broadcast.id is not None
    now = services.clock()
    broadcast.title, broadcast.body, broadcast.updated_at = title, body, now
    session.add(broadcast)
    if broadcast.status in UNRELEASED:
        return 0
    broadcast.rev += 1
    replaced = await _withdraw(session, broadcast.id, now)
    # The correction asks to be read again: a 收到 of the old text says nothing of the new.
    await session.exec(delete(BroadcastAck).where(col(BroadcastAck.broadcast_id) == broadcast.id))
    settings = services.settings
    station = await station_name(session, broadcast.station_id)
    queued = 0
    for recipient in await recipients(session, broadcast.id):
        recipient.acked_at, recipient.acked_by = None, ""
        session.add(recipient)
        chat = (recipient.channel, recipient.chat_id)
        row = enqueue(
            session,
            dedupe_key=message_key(broadcast.id, broadcast.rev, *chat),
            channel=recipient.channel,
            chat_id=recipient.chat_id,
            replies=alert_replies(
                broadcast,
                station=station,
                zone=settings.zone,
                at=now,
                channel=recipient.channel,
                kind=recipient.kind,
                # Who never got the original reads the new text as the alert itself.
                lead="" if chat in replaced else correction_lead(broadcast),
            ),
            now=now,
        )
        row.priority = PRIORITY[broadcast.severity] + 1
        queued += 1
    return queued


async def _queue_cancel_notices(
    session: AsyncSession, services: Services, broadcast: Broadcast, reason: str
) -> int:
    assert broadcast.id is not None
    states = await row_states(session, broadcast.id)
    existing = set(
        (
            await session.exec(
                select(OutboxMessage.dedupe_key).where(
                    key_range(f"{key_prefix(broadcast.id)}cancel->")
                )
            )
        ).all()
    )
    now = services.clock()
    station = await station_name(session, broadcast.station_id)
    queued = 0
    for (channel, chat_id), statuses in states.items():
        key = _cancel_key(broadcast.id, channel, chat_id)
        if OutboxStatus.SENT.value not in statuses or key in existing:
            continue
        row = enqueue(
            session,
            dedupe_key=key,
            channel=channel,
            chat_id=chat_id,
            replies=cancel_notice(broadcast, station=station, reason=reason),
            now=now,
        )
        row.priority = CANCEL_PRIORITY
        queued += 1
    return queued


async def cancel(
    session: AsyncSession, services: Services, broadcast: Broadcast, reason: str
) -> int:
    """Withdraw the alert; returns how many chats that had it are told so."""
    assert broadcast.id is not None
    now = services.clock()
    released = broadcast.status not in UNRELEASED
    broadcast.status = BroadcastStatus.CANCELLED
    broadcast.cancelled_at = broadcast.updated_at = now
    broadcast.note = reason[:200]
    session.add(broadcast)
    if not released:
        return 0
    await _withdraw(session, broadcast.id, now)
    return await _queue_cancel_notices(session, services, broadcast, reason)


async def sweep(session: AsyncSession, services: Services) -> int:
    """Finish withdrawals (rows that were in flight) and mark finished alerts done."""
    now = services.clock()
    notices = 0
    cancelled = await session.exec(
        select(Broadcast).where(
            Broadcast.status == BroadcastStatus.CANCELLED,
            col(Broadcast.released_at).is_not(None),
            col(Broadcast.cancelled_at) >= now - SWEEP_WINDOW,
        )
    )
    for broadcast in cancelled.all():
        assert broadcast.id is not None
        await _withdraw(session, broadcast.id, now)
        notices += await _queue_cancel_notices(session, services, broadcast, broadcast.note)
    sending = await session.exec(
        select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING)
    )
    for broadcast in sending.all():
        assert broadcast.id is not None
        states = await row_states(session, broadcast.id)
        waiting = any(OutboxStatus.PENDING.value in s for s in states.values())
        if not waiting and await _finish(session, broadcast.id, now):
            await _note_outcomes(session, broadcast.id, await row_states(session, broadcast.id))
    return notices


async def _finish(session: AsyncSession, broadcast_id: int, now: datetime) -> bool:
    """Mark the alert done unless it is being sent again. Decided in the database, not on
    what was read above: a `/重发` on another replica may have committed fresh rows since,
    and a plain write of DONE over it left them never looked at for failures."""
    pending = select(OutboxMessage.id).where(
        alert_rows(broadcast_id), OutboxMessage.status == OutboxStatus.PENDING
    )
    done = await session.exec(
        update(Broadcast)
        .where(
            col(Broadcast.id) == broadcast_id,
            col(Broadcast.status) == BroadcastStatus.SENDING,
            not_(pending.exists()),
        )
        .values(status=BroadcastStatus.DONE, updated_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return bool(done.rowcount)


async def _note_outcomes(
    session: AsyncSession, broadcast_id: int, states: dict[tuple[str, str], set[str]]
) -> None:
    """Keep each recipient's delivery outcome with it (the outbox is purged later)."""
    failed = await session.exec(
        select(OutboxMessage.id, OutboxMessage.last_error).where(
            alert_rows(broadcast_id), OutboxMessage.status == OutboxStatus.FAILED
        )
    )
    errors = {row_id: error for row_id, error in failed.all()}
    for recipient in await recipients(session, broadcast_id):
        statuses = states.get((recipient.channel, recipient.chat_id), set())
        if OutboxStatus.SENT.value in statuses:
            recipient.outcome = "sent"
        elif OutboxStatus.FAILED.value in statuses:
            recipient.outcome = "failed"
            recipient.error = str(errors.get(recipient.outbox_id, ""))[:200]
        else:
            recipient.outcome = "withdrawn"
        session.add(recipient)


async def nudge(
    session: AsyncSession, services: Services, broadcast: Broadcast, *, first_only: bool = False
) -> int:
    """Send the alert again, as a reminder, to whoever got it and has not said 收到
    (`first_only`: only those never reminded, as the reminder job does)."""
    assert broadcast.id is not None
    now = services.clock()
    states = await row_states(session, broadcast.id)
    settings = services.settings
    station = await station_name(session, broadcast.station_id)
    queued = 0
    for recipient in await recipients(session, broadcast.id):
        chat = (recipient.channel, recipient.chat_id)
        if (
            recipient.acked_at is not None
            or (first_only and recipient.nudges > 0)
            or recipient.kind is RecipientKind.SUBSCRIBER
            or (recipient.kind is RecipientKind.GROUP and recipient.channel in SEND_ONLY_GROUPS)
            or OutboxStatus.SENT.value not in states.get(chat, set())
        ):
            continue
        recipient.nudges += 1
        recipient.nudged_at = now
        session.add(recipient)
        row = enqueue(
            session,
            dedupe_key=message_key(broadcast.id, f"{broadcast.rev}:nudge{recipient.nudges}", *chat),
            channel=recipient.channel,
            chat_id=recipient.chat_id,
            replies=alert_replies(
                broadcast,
                station=station,
                zone=settings.zone,
                at=broadcast.released_at or now,
                channel=recipient.channel,
                kind=recipient.kind,
                lead=REMINDER_LEAD,
            ),
            now=now,
        )
        row.priority = PRIORITY[broadcast.severity]
        queued += 1
    return queued
