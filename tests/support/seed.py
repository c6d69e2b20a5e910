"""A small station for tests: one beat with an officer, a hotel, a rental, their owners."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

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


#: The rows a seed wrote into an empty database, per engine, channel and keys, with the
#: attributes of the objects `Seeded` holds. A later seed into an empty database writes the
#: rows back with one statement per table: seeding through the ORM, a round trip per flush,
#: took 20-35 ms of most tests' set-up.
_Rows = dict[str, list[dict[str, Any]]]
_Values = dict[str, Any]
_SNAPSHOTS: dict[tuple[str, ...], tuple[_Rows, list[_Values]]] = {}
_TABLES: list[Table] = list(SQLModel.metadata.sorted_tables)
_FIELDS = [field.name for field in fields(Seeded)]
_MODELS: dict[str, type[SQLModel]] = {
    "station": Station,
    "beat": Beat,
    "other_beat": Beat,
    "hotel": Venue,
    "rental": Venue,
    "officer": Person,
    "owner": Person,
    "landlord": Person,
    "wanted": WantedPerson,
}


def _snapshot_key(services: Services, channel: str) -> tuple[str, ...]:
    security = services.settings.security
    keys = sorted(security.data_keys.items())
    return (
        services.settings.database.url.split(":", 1)[0],
        channel,
        repr(keys),
        security.index_key,
    )


async def seed_station(services: Services, channel: str = "test") -> Seeded:
    key = _snapshot_key(services, channel)
    async with services.sessions() as session:
        conn = await session.connection()
        empty = await _empty(conn)
        snapshot = _SNAPSHOTS.get(key) if empty else None
        if snapshot is not None:
            return await _restore(session, conn, *snapshot)
    seeded = await _seed(services, channel)
    if empty and key not in _SNAPSHOTS:
        async with services.sessions() as session:
            _SNAPSHOTS[key] = await _take(await session.connection(), seeded)
    return seeded


async def _empty(conn: AsyncConnection) -> bool:
    anything = " OR ".join(f'EXISTS (SELECT 1 FROM "{table.name}")' for table in _TABLES)
    return not (await conn.execute(text(f"SELECT {anything}"))).scalar_one()


async def _take(conn: AsyncConnection, seeded: Seeded) -> tuple[_Rows, list[_Values]]:
    rows: _Rows = {}
    for table in _TABLES:
        found = (await conn.execute(table.select())).mappings().all()
        if found:
            rows[table.name] = [dict(row) for row in found]
    # The objects' own attributes, not the rows: a sealed column (`name_enc`) is read and
    # written plain under another name by the ORM's events.
    objects = [getattr(seeded, name) for name in _FIELDS]
    values = [
        {attr.key: getattr(obj, attr.key) for attr in inspect(type(obj)).column_attrs}
        for obj in objects
    ]
    return rows, values


async def _restore(
    session: AsyncSession, conn: AsyncConnection, rows: _Rows, values: list[_Values]
) -> Seeded:
    for table in _TABLES:
        if table.name in rows:
            await conn.execute(table.insert(), rows[table.name])
    if conn.dialect.name == "postgresql":
        # Rows written with their ids leave the sequences behind them.
        moved = ", ".join(
            f"setval(pg_get_serial_sequence('\"{name}\"', 'id'), (SELECT max(id) FROM \"{name}\"))"
            for name in rows
            if "id" in SQLModel.metadata.tables[name].c
            and SQLModel.metadata.tables[name].c.id.autoincrement is not False
        )
        await conn.execute(text(f"SELECT {moved}"))
    await session.commit()
    objects = []
    for name, attributes in zip(_FIELDS, values, strict=True):
        obj = _MODELS[name](**copy.deepcopy(attributes))
        make_transient_to_detached(obj)  # as the seed's own objects are after its commit
        objects.append(obj)
    return Seeded(*objects)  # type: ignore[arg-type]


async def _seed(services: Services, channel: str) -> Seeded:
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
