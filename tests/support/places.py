"""More places for the seeded owners: an owner of two venues is asked which one."""

from __future__ import annotations

from bot.context import Services
from storage.models import Venue, VenueKind, VenueOwner
from tests.support.seed import Seeded


async def second_place(
    services: Services, seeded: Seeded, name: str, kind: VenueKind = VenueKind.HOMESTAY
) -> None:
    """Give the seeded hotel owner another place in the same beat."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        second = Venue(kind=kind, name=name, beat_id=seeded.beat.id)
        session.add(second)
        await session.flush()
        assert second.id is not None and seeded.owner.id is not None
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=second.id))
        await session.commit()
