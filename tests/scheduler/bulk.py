"""A beat with many robot groups and Telegram owners, and one alert released to all of them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.context import Services
from handlers.broadcast.audience import Audience
from handlers.broadcast.release import release
from storage.models import (
    Account,
    Broadcast,
    BroadcastStatus,
    Category,
    ChatGroup,
    Person,
    Role,
    Severity,
    Venue,
    VenueKind,
    VenueOwner,
)
from tests.support.seed import Seeded, seed_station


def robot_key(i: int) -> str:
    return f"robotkey-{i:05d}"


def telegram_chat(i: int) -> int:
    return 700_000 + i


@dataclass
class Bulk:
    seeded: Seeded
    robots: list[str]
    chats: list[int]


async def populate(services: Services, *, robots: int, telegram: int) -> Bulk:
    seeded = await seed_station(services, channel="web")
    beat_id = seeded.beat.id
    assert beat_id is not None
    async with services.sessions() as session:
        session.add_all(
            ChatGroup(channel="wecom_robot", chat_id=robot_key(i), name=f"群{i}", beat_id=beat_id)
            for i in range(robots)
        )
        people = [Person(role=Role.OWNER, display_name=f"店主{i}") for i in range(telegram)]
        venues = [
            Venue(kind=VenueKind.SHOP, name=f"小店{i}", beat_id=beat_id) for i in range(telegram)
        ]
        session.add_all([*people, *venues])
        await session.flush()
        for i, (person, venue) in enumerate(zip(people, venues, strict=True)):
            assert person.id and venue.id
            session.add(
                Account(
                    channel="telegram", channel_user_id=str(telegram_chat(i)), person_id=person.id
                )
            )
            session.add(VenueOwner(person_id=person.id, venue_id=venue.id))
        await session.commit()
    return Bulk(
        seeded, [robot_key(i) for i in range(robots)], [telegram_chat(i) for i in range(telegram)]
    )


async def release_alert(services: Services, bulk: Bulk, title: str = "今晚注意防盗") -> int:
    """An urgent alert to the whole beat, released now; returns its id."""
    now = services.clock()
    async with services.sessions() as session:
        broadcast = Broadcast(
            station_id=bulk.seeded.station.id,
            author_person_id=bulk.seeded.officer.id,
            title=title,
            body="近期夜间入室盗窃多发，请锁好门窗，发现可疑人员及时报警。",
            category=Category.PUBLIC_ORDER,
            severity=Severity.URGENT,
            status=BroadcastStatus.DRAFT,
            audience=Audience(beats=(bulk.seeded.beat.id,), label="全警务区").to_json(),  # type: ignore[arg-type]
            created_at=now,
            updated_at=now,
        )
        session.add(broadcast)
        await session.flush()
        await release(session, services, broadcast)
        await session.commit()
        assert broadcast.id is not None
        return broadcast.id
