"""Closing a card: the person was caught (已抓获) or the notice revoked (已撤销).

Every chat that received the card hears of it once (and a message that was only this card
is recalled where the platform allows: Telegram within 48 hours, the WeCom app within 24): officers who got it by push, rotation,
a hit or on request, and every recipient of a public notice carrying it (through the
alerts' own withdrawal, which also stops copies not yet sent). A card still waiting in the
outbox is taken out of its message instead, so nobody receives a card already closed.
The beat's open tasks to check the person's hits (`hit:<id>`) are closed with it, and its
card pictures and photos are deleted once the close is committed (`card_files`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Image, Recall, Text
from handlers.broadcast.revise import cancel as cancel_broadcast
from handlers.wanted.card_files import closing_photos, discard_closed
from handlers.wanted.facts import card_no
from handlers.wanted.history import record_change, snapshot
from handlers.wanted.sending import caption
from scheduler.claims import unclaimed
from storage.models import (
    Broadcast,
    BroadcastStatus,
    CardDelivery,
    OutboxMessage,
    OutboxStatus,
    Task,
    TaskStatus,
    WantedPerson,
    WantedStatus,
    WatchHit,
)
from storage.outbox import enqueue, repack, replies_of

WORDS = {WantedStatus.CAPTURED: "已抓获", WantedStatus.REVOKED: "已撤销"}
#: Deliveries whose whole message was this card (a push, a hit's card): recalled where the
#: platform allows. The daily message holds other cards too and stays.
RECALLED = frozenset({"new", "hit"})
#: Follow-ups go before the day's bulk, like withdrawal notices.
FOLLOW_UP_PRIORITY = 20


class Closed(NamedTuple):
    #: Chats told (the closer's own left out).
    told: int
    #: Public notices withdrawn.
    withdrawn: int
    #: Open hit-check tasks closed.
    tasks: int
    #: Of the chats told, officers' own (the rest are groups and residents).
    officers: int = 0


async def close(
    session: AsyncSession,
    services: Services,
    wanted: WantedPerson,
    status: WantedStatus,
    *,
    note: str,
    person_id: int | None,
    account_id: int | None,
) -> Closed:
    """Close the card, tell who had it and close the checks its hits asked for."""
    now = services.clock()
    before = snapshot(wanted)
    wanted.status = status
    wanted.closed_at = wanted.updated_at = now
    wanted.closed_note = note[:200]
    session.add(wanted)
    record_change(
        session,
        wanted,
        action=status.value,
        before=before,
        person_id=person_id,
        account_id=account_id,
        now=now,
    )
    unused = await closing_photos(session, wanted)
    told, officers = await follow_up_cards(session, wanted, now, closer=person_id)
    withdrawn = 0
    notices = await session.exec(
        select(Broadcast).where(
            Broadcast.wanted_id == wanted.id,
            col(Broadcast.status).not_in([BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED]),
        )
    )
    for notice in notices.all():
        withdrawn += 1
        await cancel_broadcast(session, services, notice, WORDS[status])
    tasks = await close_hit_tasks(session, wanted, person_id=person_id, now=now)
    await discard_closed(session, services, wanted, unused)
    return Closed(told, withdrawn, tasks, officers)


async def close_hit_tasks(
    session: AsyncSession, wanted: WantedPerson, *, person_id: int | None, now: datetime
) -> int:
    """Cancel the open 核查比中 tasks of the person's hits: nobody is to knock on a door for
    someone already caught, or no longer sought. Returns how many were closed."""
    hits = (await session.exec(select(WatchHit.id).where(WatchHit.wanted_id == wanted.id))).all()
    if not hits:
        return 0
    tasks = await session.exec(
        select(Task).where(
            col(Task.key).in_([f"hit:{hit_id}" for hit_id in hits]),
            Task.status == TaskStatus.OPEN,
        )
    )
    closed = 0
    for task in tasks.all():
        task.status = TaskStatus.CANCELLED
        task.done_at = now
        task.done_by_person_id = person_id
        task.done_note = f"{card_no(wanted)} {WORDS[wanted.status]}，无需再核查"
        session.add(task)
        closed += 1
    return closed


def _follow_up(wanted: WantedPerson) -> Text:
    word = WORDS[wanted.status]
    if wanted.status is WantedStatus.CAPTURED:
        body = f"{card_no(wanted)} {wanted.name} 已抓获归案，无需再留意。"
    else:
        body = f"{card_no(wanted)} {wanted.name} 的通缉已撤销，请勿再据此盘查。"
    return Text(f"【{word}】{body}\n请删除手机中保存的该卡片。")


async def follow_up_cards(
    session: AsyncSession, wanted: WantedPerson, now: datetime, *, closer: int | None = None
) -> tuple[int, int]:
    """Take the card out of messages not yet sent; tell each chat that had it. Returns how
    many chats were told, and how many of them were officers'. `closer`, the officer who closed the card, is not told of their
    own action (they read it in the answer), whichever of their chats had it."""
    assert wanted.id is not None
    rows = await session.exec(
        select(CardDelivery, OutboxMessage)
        .outerjoin(OutboxMessage, col(CardDelivery.outbox_id) == col(OutboxMessage.id))
        .where(CardDelivery.wanted_id == wanted.id, col(CardDelivery.retracted_at).is_(None))
    )
    chats: dict[tuple[str, str], bool] = defaultdict(bool)
    officers: set[tuple[str, str]] = set()
    recalls: dict[tuple[str, str], list[str]] = defaultdict(list)
    for delivery, outbox in rows.all():
        delivery.retracted_at = now
        session.add(delivery)
        if outbox is not None and outbox.status is OutboxStatus.SENT:
            reached = True
            if delivery.kind in RECALLED and outbox.sent_refs:
                recalls[(delivery.channel, delivery.chat_id)].extend(json.loads(outbox.sent_refs))
        elif outbox is None:
            reached = True  # shown as a reply
        elif outbox.status is OutboxStatus.PENDING:
            # Being sent at this very moment when it cannot be changed: assume it arrives.
            reached = not await _take_out(session, outbox, wanted, now)
        else:
            reached = False  # failed or withdrawn: never arrived
        if closer is not None and delivery.person_id == closer:
            continue
        chats[(delivery.channel, delivery.chat_id)] |= reached
        if delivery.person_id is not None:
            officers.add((delivery.channel, delivery.chat_id))
    told = 0
    for (channel, chat_id), reached in chats.items():
        if not reached:
            continue
        row = enqueue(
            session,
            dedupe_key=f"wanted:{wanted.id}:{wanted.status.value}->{channel}:{chat_id}",
            channel=channel,
            chat_id=chat_id,
            replies=[Recall(tuple(recalls[(channel, chat_id)])), _follow_up(wanted)]
            if recalls[(channel, chat_id)]
            else [_follow_up(wanted)],
            now=now,
        )
        row.priority = FOLLOW_UP_PRIORITY
        told += 1
    return told, len({chat for chat, reached in chats.items() if reached} & officers)


async def _take_out(
    session: AsyncSession, outbox: OutboxMessage, wanted: WantedPerson, now: datetime
) -> bool:
    """Drop the card from a waiting message (the whole message if nothing else is left).
    False when the row is being sent right now and cannot be changed."""
    replies = replies_of(session, outbox)
    shown = caption(wanted)
    kept = [r for r in replies if not (isinstance(r, Image) and r.caption == shown)]
    others = [r for r in kept if isinstance(r, Image)]
    values: dict[str, object] = (
        {"payload": repack(session, kept), "parts": len(kept)}
        if others
        else {"status": OutboxStatus.CANCELLED, "last_error": "card closed"}
    )
    changed = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == outbox.id,
            col(OutboxMessage.status) == OutboxStatus.PENDING,
            unclaimed(now),
        )
        .values(**values)
    )
    return bool(changed.rowcount)
