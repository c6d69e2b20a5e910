"""Who may see which card: the one rule every path that shows or sends a card goes through.

An internal card reaches an officer's (or admin's) private chat and nothing else: never a
resident, an owner, or any group, since a group may hold anyone. Public cards are notices
for everyone. Officers see the cards of their own station, of the stations configured as
neighbours, and the list imported for every station.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.messages import ChatType
from bot.router import STAFF
from handlers.services.station_scope import sees_everything
from storage.models import Person, Station, Visibility, WantedPerson, WantedStatus


class NotForThisChat(PermissionError):
    """An internal card was about to reach someone who must not see it."""


def may_receive(person: Person, chat_type: ChatType, wanted: WantedPerson) -> bool:
    if wanted.visibility is Visibility.PUBLIC:
        return True
    return person.role in STAFF and chat_type is ChatType.PRIVATE


def check_may_receive(person: Person, chat_type: ChatType, wanted: WantedPerson) -> None:
    if not may_receive(person, chat_type, wanted):
        raise NotForThisChat(f"wanted #{wanted.id} is internal; person #{person.id} may not see it")


async def publishable(session: AsyncSession, wanted_id: int) -> WantedPerson | None:
    """The person if the public may be told about them: a public card still active."""
    wanted = await session.get(WantedPerson, wanted_id)
    if (
        wanted is None
        or wanted.visibility is not Visibility.PUBLIC
        or wanted.status is not WantedStatus.ACTIVE
    ):
        return None
    return wanted


async def visible_station_ids(
    session: AsyncSession, settings: Settings, person: Person
) -> set[int] | None:
    """Stations whose cards `person` sees; None: all of them."""
    if sees_everything(person):
        return None
    if person.station_id is None:
        return set()
    station = await session.get(Station, person.station_id)
    codes = settings.wanted.neighbours.get(station.code, []) if station else []
    ids = {person.station_id}
    if codes:
        found = await session.exec(select(Station.id).where(col(Station.code).in_(codes)))
        ids.update(i for i in found.all() if i is not None)
    return ids


def in_view(query: Any, stations: set[int] | None) -> Any:
    """Restrict a query on `WantedPerson` to cards of `stations` and the shared list."""
    if stations is None:
        return query
    return query.where(
        or_(col(WantedPerson.station_id).is_(None), col(WantedPerson.station_id).in_(stations))
    )
