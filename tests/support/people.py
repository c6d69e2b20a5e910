"""More people than the seed has: another station's officer, an officer of the second beat."""

from __future__ import annotations

from bot.context import Services
from storage.models import Account, Beat, Person, Role, Station
from tests.support.seed import Seeded


async def add_officer(
    services: Services,
    sender: str,
    *,
    beat_id: int | None,
    station_id: int,
    channel: str = "test",
) -> Person:
    async with services.sessions() as session:
        person = Person(
            role=Role.OFFICER, display_name=sender, station_id=station_id, beat_id=beat_id
        )
        session.add(person)
        await session.flush()
        assert person.id is not None
        session.add(Account(channel=channel, channel_user_id=sender, person_id=person.id))
        await session.commit()
        return person


async def add_second_beat_officer(services: Services, seeded: Seeded) -> Person:
    """An officer of the same station, on the other beat."""
    assert seeded.other_beat.id is not None and seeded.station.id is not None
    return await add_officer(
        services, "officer-2", beat_id=seeded.other_beat.id, station_id=seeded.station.id
    )


async def add_stranger_officer(services: Services) -> Person:
    """An officer of another station."""
    async with services.sessions() as session:
        station = Station(name="邻所", code="t2")
        session.add(station)
        await session.flush()
        assert station.id is not None
        beat = Beat(station_id=station.id, name="邻所一区", code="n1")
        session.add(beat)
        await session.commit()
        assert beat.id is not None
        station_id, beat_id = station.id, beat.id
    return await add_officer(services, "stranger", beat_id=beat_id, station_id=station_id)
