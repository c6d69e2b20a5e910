"""Names masked by an older version (J********* for John Smith) are shown as masked now."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import col, select

from bot.context import Services
from handlers.services.personal import PersonData, seal
from storage.models import GuestStay, Tenancy
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded


def _person(name: str) -> PersonData:
    return PersonData(name=name, doc_type="passport", doc_no=GUEST_ID)


async def test_old_latin_masks_are_shown_a_letter_per_word(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None and seeded.rental.id is not None
    async with services.sessions() as session:
        for name, masked in (("John Smith", "J*********"), ("王小明", "王**")):
            sealed = seal(services, _person(name), "guest_stay")
            sealed |= {"name_masked": masked, "receipt_no": "G1", "venue_id": seeded.hotel.id}
            session.add(GuestStay(**sealed, room="101", check_in_at=clock.now))
        sealed = seal(services, _person("Mary-Jane Watson"), "tenancy")
        sealed |= {
            "name_masked": "M**************",
            "receipt_no": "T1",
            "venue_id": seeded.rental.id,
        }
        session.add(Tenancy(**sealed, lease_start=date(2026, 1, 1)))
        await session.commit()
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay).order_by(col(GuestStay.id)))).all()
        tenancy = (await session.exec(select(Tenancy))).one()
        assert [s.name_masked for s in stays] == ["J*** S****", "王**"]
        assert tenancy.name_masked == "M***-**** W*****"
        # Shown, not rewritten: a load makes nothing to flush.
        assert not session.dirty
        stored = await session.exec(text("SELECT name_masked FROM guest_stay ORDER BY id"))  # type: ignore[call-overload]
        assert [row[0] for row in stored] == ["J*********", "王**"]
