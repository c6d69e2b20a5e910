"""The daily cards: every officer gets a few a day, so that each active card they should
know is on their phone at least once a week ("逃犯屏保").

Each officer's cards are the ones they have gone longest without (never first, newest of
those first). Sending `max(cards_per_day, ceil(active / 7))` of them a day (at most 30)
shows every card within seven days. The deck is the cards of the officer's station and
its configured neighbours; a list imported for every station is matched against
registrations but not rotated. The job runs every few minutes from `[wanted] time`; the outbox key
`cards:<day>:<person>` makes a second copy the same day impossible.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.wanted.images import card_image
from handlers.wanted.officers import Reader, sees, staff_readers, views_by_person
from handlers.wanted.sending import queue_cards
from storage.models import CardDelivery, Person, WantedPerson, WantedStatus
from storage.outbox import keys_with_prefix

log = logging.getLogger(__name__)

WEEK = 7
#: No more than this a day, however many cards there are: past it, a phone full of faces
#: helps nobody, and the log says the week cannot be covered.
MOST_A_DAY = 30
#: How far back deliveries count when choosing what someone has gone longest without.
LOOKBACK = timedelta(days=28)
NEVER = datetime.min.replace(tzinfo=UTC)


def day_key(day: date, person_id: int) -> str:
    return f"cards:{day.isoformat()}:{person_id}"


def cards_a_day(active: int, floor: int) -> int:
    return max(floor, math.ceil(active / WEEK))


def choose(
    active: list[WantedPerson], last_seen: dict[int, datetime], how_many: int
) -> list[WantedPerson]:
    """The `how_many` cards seen longest ago (never seen first; among equals the newest)."""
    ranked = sorted(active, key=lambda w: (last_seen.get(w.id or 0, NEVER), -(w.id or 0)))
    return ranked[:how_many]


@dataclass
class Plan:
    person: Person
    accounts: list[Reader]
    cards: list[WantedPerson]


async def _last_seen(session: AsyncSession, since: datetime) -> dict[int, dict[int, datetime]]:
    """person id -> wanted id -> latest delivery."""
    rows = await session.exec(
        select(CardDelivery.person_id, CardDelivery.wanted_id, func.max(CardDelivery.created_at))
        .where(col(CardDelivery.person_id).is_not(None), CardDelivery.created_at >= since)
        .group_by(col(CardDelivery.person_id), col(CardDelivery.wanted_id))
    )
    seen: dict[int, dict[int, datetime]] = defaultdict(dict)
    for person_id, wanted_id, at in rows.all():
        if person_id is not None:
            seen[person_id][wanted_id] = at
    return seen


async def plan_day(session: AsyncSession, services: Services, day: date) -> list[Plan]:
    """Who still gets cards today, and which."""
    now = services.clock()
    served = {
        int(key.split(":")[2].split("->")[0])
        for key in await keys_with_prefix(session, f"cards:{day.isoformat()}:")
    }
    readers = [(a, p) for a, p in await staff_readers(session) if p.id not in served]
    if not readers:
        return []
    views = await views_by_person(session, services.settings, readers)
    # The stations' own cards: a list imported for every station (no station) is for
    # matching registrations; a national list of 100,000 is no deck to show each officer.
    active = list(
        (
            await session.exec(
                select(WantedPerson).where(
                    WantedPerson.status == WantedStatus.ACTIVE,
                    col(WantedPerson.station_id).is_not(None),
                )
            )
        ).all()
    )
    seen = await _last_seen(session, now - LOOKBACK)
    by_person: dict[int, list[Reader]] = defaultdict(list)
    for account, person in readers:
        assert person.id is not None
        by_person[person.id].append((account, person))
    floor = services.settings.wanted.cards_per_day
    plans = []
    for person_id, accounts in by_person.items():
        mine = [w for w in active if sees(views[person_id], w.station_id)]
        if mine:
            wanted_today = cards_a_day(len(mine), floor)
            if wanted_today > MOST_A_DAY:
                log.warning(
                    "%d active cards for officer #%d: %d a day would be needed to show each "
                    "within a week; sending %d",
                    len(mine),
                    person_id,
                    wanted_today,
                    MOST_A_DAY,
                )
            how_many = min(wanted_today, MOST_A_DAY)
            picked = choose(mine, seen.get(person_id, {}), how_many)
            plans.append(Plan(accounts[0][1], accounts, picked))
    return plans


async def send_rotation(services: Services) -> int:
    """Queue today's cards to every officer who has not had them; returns how many officers."""
    settings = services.settings
    now = services.clock()
    local = now.astimezone(settings.zone)
    if local.time() < settings.wanted.at:
        return 0
    day = local.date()
    async with services.sessions() as session:
        plans = await plan_day(session, services, day)
    if not plans:
        return 0
    # Rendered outside any transaction: a render takes tens of milliseconds.
    cards = {w.id: w for plan in plans for w in plan.cards}
    images = {wanted_id: await card_image(services, w) for wanted_id, w in cards.items()}
    async with services.sessions() as session:
        for plan in plans:
            assert plan.person.id is not None
            lead = f"今日在逃人员卡片（{len(plan.cards)}张），请留意辨认，可保存为锁屏。"
            for account, person in plan.accounts:
                await queue_cards(
                    session,
                    [(w, images[w.id]) for w in plan.cards],
                    person=person,
                    account=account,
                    kind="rotation",
                    key=day_key(day, plan.person.id),
                    lead=lead,
                    now=now,
                )
        await session.commit()
    return len(plans)
