"""Plate numbers both ways, and handing out the next free ones."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from handlers.services.plates import SearchBy, assign_plates, search_plates
from handlers.services.venue_registry import Actor, add_contact
from storage.models import Venue, VenueHistory, VenueKind
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

CLI = Actor("cli")


async def _landlord(services: Services, seeded: Seeded, clock: FakeClock) -> None:
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        facts = {"name": "张三丰", "phone": "13812345678", "role": "房东"}
        await add_contact(session, services, rental, **facts, actor=CLI, now=clock.now)
        await session.commit()


async def test_plate_to_house_and_back(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    await _landlord(services, seeded, clock)
    station = frozenset({seeded.beat.id or 0, seeded.other_beat.id or 0})
    async with services.sessions() as session:
        by_plate = await search_plates(session, services, "200001", station)
        by_name = await search_plates(session, services, "张三", station)  # the name's beginning
        by_phone = await search_plates(session, services, "138 1234 5678", station)
        by_address = await search_plates(session, services, "和平里", station)
        nothing = await search_plates(session, services, "李四", station)
        elsewhere = await search_plates(session, services, "200001", frozenset({999}))
    assert by_plate.by is SearchBy.PLATE and [v.name for v in by_plate.venues] == ["和平里5号"]
    assert by_name.by is SearchBy.NAME and [v.plate for v in by_name.venues] == ["200001"]
    assert by_phone.by is SearchBy.PHONE and [v.plate for v in by_phone.venues] == ["200001"]
    assert [v.plate for v in by_address.venues] == ["200001"]
    assert nothing.venues == [] and list(elsewhere.venues) == []


async def test_assign_next_free_plates_to_rentals_only(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        for name in ("甲", "乙", "丙"):
            session.add(Venue(kind=VenueKind.RENTAL, name=f"出租屋{name}", beat_id=seeded.beat.id))
        session.add(Venue(kind=VenueKind.SHOP, name="小卖部", beat_id=seeded.beat.id))
        session.add(
            Venue(kind=VenueKind.SHOP, name="有号商店", beat_id=seeded.beat.id, plate="200002")
        )
        await session.commit()
    async with services.sessions() as session:
        dry = await assign_plates(session, actor=CLI, now=clock.now, start=200001, dry_run=True)
        assert [p for _, p in dry] == ["200003", "200004", "200005"]  # 200001-2 are in use
        assigned = await assign_plates(session, actor=CLI, now=clock.now, start=200001)
        await session.commit()
    assert [(v.name, p) for v, p in assigned] == [
        ("出租屋甲", "200003"),
        ("出租屋乙", "200004"),
        ("出租屋丙", "200005"),
    ]
    async with services.sessions() as session:
        again = await assign_plates(session, actor=CLI, now=clock.now, start=200001)
        history = (await session.exec(select(VenueHistory))).all()
        shop = (await session.exec(select(Venue).where(Venue.name == "小卖部"))).one()
    assert again == [] and shop.plate is None
    assert len(history) == 3 and all('"plate": null' in h.before for h in history)
