"""The card of the person a registration hit, sent to the beat's officers after the alert.

The alert itself goes out in the registration's own transaction and must stay quick, so it
carries the card only when it was rendered before; otherwise this job, run every few
seconds, renders it and sends it as the next message. The outbox key `hitcard:<hit>`
keeps it to one copy whichever path sent it.

A hit closed meanwhile gets no card: its check done (已核实，非本人) or cancelled, or its
person caught or the notice revoked. Both are read again just before queueing, as drawing
the cards takes a while and a close may come in between.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.hit_checks import check_key
from handlers.services.officers import beat_officer_accounts
from handlers.wanted.images import card_image
from handlers.wanted.sending import queue_cards
from storage.models import Person, Task, TaskStatus, Venue, WantedPerson, WantedStatus, WatchHit
from storage.outbox import keys_with_prefix

PREFIX = "hitcard:"
#: Hits older than this have had their card or never will (their person was closed).
WINDOW = timedelta(days=1)
#: Before the day's bulk, like the alert itself.
PRIORITY = 10


def hit_card_key(hit_id: int) -> str:
    return f"{PREFIX}{hit_id}"


async def queue_hit_card(
    session: AsyncSession,
    hit: WatchHit,
    wanted: WantedPerson,
    venue: Venue,
    sha256: str,
    now: datetime,
) -> int:
    """Queue the card to the beat's officers; returns how many chats."""
    accounts = await beat_officer_accounts(session, venue.beat_id)
    for account in accounts:
        person = await session.get(Person, account.person_id)
        assert person is not None and hit.id is not None
        await queue_cards(
            session,
            [(wanted, sha256)],
            person=person,
            account=account,
            kind="hit",
            key=hit_card_key(hit.id),
            lead=f"比中 #{hit.id} 对象的卡片：",
            now=now,
            priority=PRIORITY,
        )
    return len(accounts)


async def _waiting(session: AsyncSession, since: datetime) -> list[tuple[WatchHit, Venue]]:
    done = {
        int(key[len(PREFIX) :].split("->", 1)[0]) for key in await keys_with_prefix(session, PREFIX)
    }
    rows = await session.exec(
        select(WatchHit, Venue)
        .join(Venue, col(WatchHit.venue_id) == col(Venue.id))
        .where(WatchHit.created_at >= since)
        .order_by(col(WatchHit.id))
    )
    waiting = [(hit, venue) for hit, venue in rows.all() if hit.id not in done]
    closed = await _closed(session, [hit for hit, _venue in waiting])
    return [(hit, venue) for hit, venue in waiting if hit.id not in closed]


async def _closed(session: AsyncSession, hits: list[WatchHit]) -> set[int]:
    """Of `hits`, those nobody is to look for any more: the check is no longer open (done,
    whatever it found, or cancelled), or the person is no longer sought."""
    if not hits:
        return set()
    keys = {check_key(hit.id): hit.id for hit in hits if hit.id is not None}
    checks = await session.exec(
        select(Task.key).where(col(Task.key).in_(keys), Task.status != TaskStatus.OPEN)
    )
    closed = {keys[key] for key in checks.all() if key in keys}
    sought = await session.exec(
        select(WantedPerson.id).where(
            col(WantedPerson.id).in_({hit.wanted_id for hit in hits}),
            WantedPerson.status == WantedStatus.ACTIVE,
        )
    )
    active = set(sought.all())
    closed.update(hit.id for hit in hits if hit.id is not None and hit.wanted_id not in active)
    return closed


async def send_hit_cards(services: Services) -> int:
    """Render and queue the cards recent hits are still waiting for; returns how many."""
    now = services.clock()
    async with services.sessions() as session:
        waiting = await _waiting(session, now - WINDOW)
        people = {
            hit.wanted_id: await session.get(WantedPerson, hit.wanted_id) for hit, _v in waiting
        }
    images = {
        wanted_id: await card_image(services, wanted)
        for wanted_id, wanted in people.items()
        if wanted is not None and wanted.status is WantedStatus.ACTIVE
    }
    sent = 0
    async with services.sessions() as session:
        closed = await _closed(session, [hit for hit, _venue in waiting])
        for hit, venue in waiting:
            wanted = people[hit.wanted_id]
            if wanted is not None and hit.wanted_id in images and hit.id not in closed:
                await queue_hit_card(session, hit, wanted, venue, images[hit.wanted_id], now)
                sent += 1
        await session.commit()
    return sent


__all__ = ["hit_card_key", "queue_hit_card", "send_hit_cards"]
