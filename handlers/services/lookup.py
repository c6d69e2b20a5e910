"""Find beats and venues by what an operator types: a code, an id, a plate or a name."""

from __future__ import annotations

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.numbers import record_number
from storage.models import Beat, Venue


class NotFound(Exception):
    pass


async def find_beat(session: AsyncSession, key: str) -> Beat:
    query = select(Beat).where(or_(Beat.code == key, Beat.name == key))
    beat = (await session.exec(query)).first()
    if beat is None and (number := record_number(key)) is not None:
        beat = await session.get(Beat, number)
    if beat is None:
        # 城东 for 城东警务区: a part of one name is enough.
        partial = select(Beat).where(col(Beat.name).contains(key, autoescape=True))
        found = (await session.exec(partial.limit(2))).all()
        beat = found[0] if len(found) == 1 else None
    if beat is None:
        beats = (await session.exec(select(Beat).order_by(col(Beat.id)))).all()
        known = ", ".join(f"{b.name} ({b.code})" for b in beats) or (
            "none yet (add one: jingmin beat add --station CODE --code east --name 城东警务区)"
        )
        raise NotFound(f"no beat with code, name or id {key!r}; beats: {known}")
    return beat


async def find_venue(session: AsyncSession, key: str) -> Venue:
    venue = (
        await session.exec(select(Venue).where(or_(Venue.plate == key, Venue.name == key)))
    ).first()
    if venue is None and (number := record_number(key)) is not None:
        venue = await session.get(Venue, number)
    if venue is None:
        raise NotFound(f"no venue with id, plate or name {key!r}")
    return venue
