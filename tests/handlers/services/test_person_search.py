"""Finding guests and tenants by phone: through the blind index, whatever way the number
was written."""

from __future__ import annotations

from bot.context import Services
from handlers.services.person_search import find_people
from handlers.services.personal import PHONE
from tests.support.beat_data import guest_stay
from tests.support.seed import Seeded


async def test_a_phone_is_found_however_it_was_written_and_no_phone_finds_nobody(
    services: Services, seeded: Seeded
) -> None:
    assert seeded.hotel.id is not None
    now = services.clock()
    async with services.sessions() as session:
        stays = [
            guest_stay(services, seeded.hotel.id, now, phone=phone)
            for phone in ("+8613812345678", "", "139 0000 1111")
        ]
        session.add_all(stays)
        await session.commit()
        with_phone, without, spaced = (stay.id for stay in stays)

        async def found(value: str) -> list[int | None]:
            people = await find_people(
                session, services, by=PHONE, value=value, scope=None, now=now
            )
            return [f.record.id for f in people]

        assert await found("13812345678") == [with_phone]
        assert await found("+86 139-0000-1111") == [spaced]
        # The guest without a phone is not everyone's match for an empty number.
        assert without is not None and await found("") == []
