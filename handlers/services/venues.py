"""Venue look-ups shared by handlers and the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Venue, VenueKind, VenueOwner

GUEST_KINDS = tuple(k for k in VenueKind if k.takes_guests)


async def owned_venues(
    session: AsyncSession, person_id: int | None, kinds: Iterable[VenueKind] | None = None
) -> list[Venue]:
    query = (
        select(Venue)
        .join(VenueOwner, col(VenueOwner.venue_id) == col(Venue.id))
        .where(VenueOwner.person_id == person_id)
        .order_by(col(Venue.id))
    )
    if kinds is not None:
        query = query.where(col(Venue.kind).in_(list(kinds)))
    return list((await session.exec(query)).all())
