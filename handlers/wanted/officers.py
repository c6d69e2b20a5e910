"""Which officers a card is for: those of its station, of the stations that count it as a
neighbour's, and, for the list shared by every station, all of them."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.router import STAFF
from handlers.wanted.access import visible_station_ids
from storage.models import Account, Person

Reader = tuple[Account, Person]


async def staff_readers(session: AsyncSession) -> list[Reader]:
    """Every officer's and admin's chat accounts, with the person."""
    rows = await session.exec(
        select(Account, Person)
        .join(Person, col(Account.person_id) == col(Person.id))
        .where(col(Person.role).in_(STAFF))
        .order_by(col(Person.id), col(Account.id))
    )
    return list(rows.all())


async def views_by_person(
    session: AsyncSession, settings: Settings, readers: list[Reader]
) -> dict[int, set[int] | None]:
    """Person id -> the stations whose cards they see (None: all)."""
    views: dict[int, set[int] | None] = {}
    for _account, person in readers:
        assert person.id is not None
        if person.id not in views:
            views[person.id] = await visible_station_ids(session, settings, person)
    return views


def sees(view: set[int] | None, station_id: int | None) -> bool:
    return view is None or station_id is None or station_id in view


async def readers_of(
    session: AsyncSession, settings: Settings, station_id: int | None
) -> list[Reader]:
    """The accounts of every officer who sees the cards of `station_id`."""
    readers = await staff_readers(session)
    views = await views_by_person(session, settings, readers)
    return [(a, p) for a, p in readers if p.id is not None and sees(views[p.id], station_id)]
