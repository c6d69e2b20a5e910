"""Venue look-ups shared by handlers and the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from storage.models import Role, Venue, VenueKind, VenueOwner

GUEST_KINDS = tuple(k for k in VenueKind if k.takes_guests)

# Built once: every registration asks it, and building a statement costs more than running
# it. The kinds are picked in Python: an owner has a handful of venues.
_OWNED = (
    select(Venue)
    .join(VenueOwner, col(VenueOwner.venue_id) == col(Venue.id))
    .where(col(VenueOwner.person_id) == bindparam("person_id"))
    .order_by(col(Venue.id))
)


async def owned_venues(
    session: AsyncSession, person_id: int | None, kinds: Iterable[VenueKind] | None = None
) -> list[Venue]:
    venues = (await session.exec(_OWNED, params={"person_id": person_id})).all()
    if kinds is None:
        return list(venues)
    wanted = set(kinds)
    return [v for v in venues if v.kind in wanted]


async def owned_venue(
    session: AsyncSession, person_id: int | None, venue_id: object, kinds: Iterable[VenueKind]
) -> Venue | None:
    """The venue, if `person_id` still owns it and it is of one of `kinds`."""
    return next(
        (v for v in await owned_venues(session, person_id, kinds) if v.id == venue_id), None
    )


async def owner_kinds(ctx: Context) -> set[VenueKind] | None:
    """The kinds of place an owner has (what their help, hints and legal answers cover);
    None for others."""
    if ctx.role is not Role.OWNER:
        return None
    return {v.kind for v in await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))}
