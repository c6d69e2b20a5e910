"""Voided guest stays are hidden from every ORM query of `GuestStay` unless asked for."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select

from bot.context import Services
from handlers.services.personal import PersonData, seal
from storage.models import GuestStay, Venue
from storage.voided import INCLUDE_VOIDED
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded


async def test_counts_joins_and_gets_skip_a_voided_stay(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    async with services.sessions() as session:
        for room, voided in (("101", False), ("102", True)):
            sealed = seal(services, PersonData("王小明", "身份证", GUEST_ID), "guest_stay")
            sealed |= {"receipt_no": f"G{room}", "venue_id": seeded.hotel.id}
            stay = GuestStay(**sealed, room=room, check_in_at=clock.now)
            stay.voided_at = clock.now if voided else None
            session.add(stay)
        await session.commit()
    async with services.sessions() as session:
        counted = (await session.exec(select(func.count(col(GuestStay.id))))).one()
        joined = (
            await session.exec(
                select(Venue.name, func.count())
                .join(GuestStay, col(GuestStay.venue_id) == col(Venue.id))
                .group_by(col(Venue.name))
            )
        ).all()
        rooms = [s.room for s in (await session.exec(select(GuestStay))).all()]
        got = await session.get(GuestStay, 2)
        kept = await session.get(GuestStay, 2, execution_options={INCLUDE_VOIDED: True})
    assert counted == 1 and joined == [("平安旅馆", 1)] and rooms == ["101"]
    assert got is None and kept is not None and kept.room == "102"
