"""Who to tell: the officers of a beat, falling back to the station's officers."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.router import STAFF
from storage.models import Account, Beat, Person


async def beat_officer_accounts(session: AsyncSession, beat_id: int) -> list[Account]:
    """Every chat account of the beat's officers; if the beat has none, the station's."""
    accounts = (
        await session.exec(
            select(Account)
            .join(Person, col(Account.person_id) == col(Person.id))
            .where(Person.beat_id == beat_id, col(Person.role).in_(STAFF))
            .order_by(col(Account.id))
        )
    ).all()
    if accounts:
        return list(accounts)
    beat = await session.get(Beat, beat_id)
    if beat is None:
        return []
    return list(
        (
            await session.exec(
                select(Account)
                .join(Person, col(Account.person_id) == col(Person.id))
                .where(Person.station_id == beat.station_id, col(Person.role).in_(STAFF))
                .order_by(col(Account.id))
            )
        ).all()
    )
