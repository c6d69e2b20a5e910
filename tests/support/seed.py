"""A small station for tests: one beat with an officer, a hotel, a rental, their owners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.context import Services
from bot.validators.idcard import build_resident_id
from bot.validators.masking import mask_stored_id_number
from handlers.services.invites import create_invite
from handlers.services.personal import DOC_NO, NAME
from storage.models import (
    Account,
    Beat,
    Person,
    Role,
    Station,
    Venue,
    VenueKind,
    VenueOwner,
    WantedPerson,
)

WANTED_ID = build_resident_id("330106", date(1985, 3, 9), 517)
WANTED_NAME = "甲某某"
GUEST_ID = build_resident_id("110105", date(1992, 7, 1), 245)


@dataclass
class Seeded:
    station: Station
    beat: Beat
    other_beat: Beat
    hotel: Venue
    rental: Venue
    officer: Person
    owner: Person
    landlord: Person
    wanted: WantedPerson


async def seed_station(services: Services, channel: str = "test") -> Seeded:
    async with services.sessions() as session:
        station = Station(name="测试派出所", code="t1")
        session.add(station)
        await session.flush()
        assert station.id is not None
        beat = Beat(station_id=station.id, name="一号警务区", code="b1")
        other = Beat(station_id=station.id, name="二号警务区", code="b2")
        session.add_all([beat, other])
        await session.flush()
        assert beat.id is not None
        hotel = Venue(kind=VenueKind.HOTEL, name="平安旅馆", address="和平路1号", beat_id=beat.id)
        rental = Venue(
            kind=VenueKind.RENTAL,
            name="和平里5号",
            address="和平里5号",
            beat_id=beat.id,
            plate="200001",
        )
        session.add_all([hotel, rental])
        officer = Person(
            role=Role.OFFICER, display_name="一号民警", station_id=station.id, beat_id=beat.id
        )
        owner = Person(role=Role.OWNER, display_name="旅馆负责人")
        landlord = Person(role=Role.OWNER, display_name="房东")
        session.add_all([officer, owner, landlord])
        await session.flush()
        for person, sender in ((officer, "officer"), (owner, "owner"), (landlord, "landlord")):
            assert person.id is not None
            session.add(Account(channel=channel, channel_user_id=sender, person_id=person.id))
        assert owner.id and landlord.id and hotel.id and rental.id
        session.add(VenueOwner(person_id=owner.id, venue_id=hotel.id))
        session.add(VenueOwner(person_id=landlord.id, venue_id=rental.id))
        wanted = WantedPerson(
            name=WANTED_NAME,
            name_idx=services.blind_index(WANTED_NAME, NAME),
            doc_no_enc=services.cipher.encrypt(WANTED_ID, "wanted_person.doc_no"),
            doc_no_idx=services.blind_index(WANTED_ID, DOC_NO),
            doc_no_masked=mask_stored_id_number(WANTED_ID),
            birth_date=date(1985, 3, 9),
            case_summary="盗窃案",
        )
        session.add(wanted)
        await session.commit()
        return Seeded(station, beat, other, hotel, rental, officer, owner, landlord, wanted)


async def invite(
    services: Services,
    role: Role,
    *,
    beat_id: int | None = None,
    venue_id: int | None = None,
    display_name: str = "",
) -> str:
    """A new invite code, valid for an hour, committed."""
    async with services.sessions() as session:
        code = await create_invite(
            session,
            role=role,
            now=services.clock(),
            ttl=timedelta(hours=1),
            beat_id=beat_id,
            venue_id=venue_id,
            display_name=display_name,
        )
        await session.commit()
    return code
