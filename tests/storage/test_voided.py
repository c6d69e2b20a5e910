"""Voided guest stays are hidden from every ORM query of `GuestStay` unless asked for."""

from __future__ import annotations

from sqlalchemy import event, exists, func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased
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


async def test_subqueries_exists_and_aliases_skip_a_voided_stay_every_time(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    async with services.sessions() as session:
        sealed = seal(services, PersonData("王小明", "身份证", GUEST_ID), "guest_stay")
        sealed |= {"receipt_no": "G102", "venue_id": seeded.hotel.id}
        session.add(GuestStay(**sealed, room="102", check_in_at=clock.now, voided_at=clock.now))
        await session.commit()
    other = aliased(GuestStay)
    statements = {
        "in": select(Venue.name).where(col(Venue.id).in_(select(col(GuestStay.venue_id)))),
        "exists": select(Venue.name).where(
            exists().where(col(GuestStay.venue_id) == col(Venue.id))
        ),
        "aliased": select(other.room),
        "column": select(GuestStay.room),
    }
    async with services.sessions() as session:
        for _ in range(2):  # the second time as SQLAlchemy has cached the statement
            found = {name: (await session.exec(s)).all() for name, s in statements.items()}
            assert found == {name: [] for name in statements}


async def test_a_query_without_stays_runs_as_written(services: Services, seeded: Seeded) -> None:
    """Not rewritten with the criterion: a statement built once (the sender's identity, read
    on every message) keeps the cache key SQLAlchemy worked out the first time."""
    ran: list[object] = []

    def spy(_conn: object, statement: object, *_args: object) -> None:
        ran.append(statement)

    venues = select(Venue.name)
    stays = select(GuestStay.room)
    bind: AsyncEngine = services.sessions.kw["bind"]
    engine = bind.sync_engine
    event.listen(engine, "before_execute", spy)
    try:
        async with services.sessions() as session:
            await session.exec(venues)
            await session.exec(stays)
    finally:
        event.remove(engine, "before_execute", spy)
    assert ran[0] is venues and ran[1] is not stays
