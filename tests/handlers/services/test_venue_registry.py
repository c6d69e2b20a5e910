"""Every change to a venue or a contact keeps what was there before."""

from __future__ import annotations

import json

from sqlmodel import col, select

from bot.context import Services
from handlers.services.venue_registry import (
    Actor,
    add_contact,
    contacts_of,
    create_venue,
    remove_contact,
    update_contact,
    update_venue,
)
from storage.models import Venue, VenueContact, VenueHistory, VenueKind
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

CLI = Actor("cli")


async def _history(services: Services, venue_id: int) -> list[VenueHistory]:
    async with services.sessions() as session:
        rows = await session.exec(
            select(VenueHistory)
            .where(VenueHistory.venue_id == venue_id)
            .order_by(col(VenueHistory.id))
        )
        return list(rows.all())


async def test_each_update_records_before_and_after(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    officer = Actor("chat", seeded.officer.id)
    async with services.sessions() as session:
        hotel = await session.get(Venue, seeded.hotel.id)
        assert hotel is not None
        assert (
            await update_venue(session, hotel, {"address": "和平路1号"}, officer, clock.now) == []
        )
        changed = await update_venue(
            session, hotel, {"address": "和平路3号", "notes": "夜间有人员聚集"}, officer, clock.now
        )
        assert changed == ["address", "notes"]
        await update_venue(session, hotel, {"address": "和平路5号"}, CLI, clock.now)
        await session.commit()
    rows = await _history(services, seeded.hotel.id)
    assert [json.loads(r.before) for r in rows] == [
        {"address": "和平路1号", "notes": ""},
        {"address": "和平路3号"},
    ]
    assert json.loads(rows[1].after) == {"address": "和平路5号"}
    assert rows[0].actor_person_id == seeded.officer.id and rows[1].source == "cli"


async def test_creation_is_the_first_history_row(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        venue = Venue(kind=VenueKind.SHOP, name="便民店", beat_id=seeded.beat.id)
        await create_venue(session, venue, CLI, clock.now)
        await session.commit()
    assert venue.id is not None
    (row,) = await _history(services, venue.id)
    assert row.action == "create" and json.loads(row.after)["name"] == "便民店"


async def test_contacts_keep_old_numbers_encrypted(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.rental.id is not None
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        facts = {"name": "张三", "phone": "13812345678", "role": "房东"}
        contact = await add_contact(session, services, rental, **facts, actor=CLI, now=clock.now)
        assert contact.phone_masked == "138****5678" and "13812345678" not in str(contact.phone_enc)
        await update_contact(
            session, services, contact, phone="13900001111", actor=CLI, now=clock.now
        )
        await remove_contact(session, contact, CLI, clock.now)
        assert await contacts_of(session, seeded.rental.id) == []
        await session.commit()
    rows = await _history(services, seeded.rental.id)
    assert [r.action for r in rows] == ["contact:add", "contact:update", "contact:remove"]
    old = json.loads(rows[1].before)
    assert old["phone_masked"] == "138****5678"
    assert services.cipher.decrypt(old["phone_enc"], "venue_contact.phone") == "13812345678"
    assert "13812345678" not in rows[1].before + rows[1].after
    async with services.sessions() as session:
        kept = (await session.exec(select(VenueContact))).one()
    assert kept.removed_at is not None  # nothing is deleted
