"""A demo station to try every role: beats, an officer, venues, owners, a wanted list.

Web-chat accounts `demo-officer`, `demo-hotel`, `demo-landlord`, `demo-netcafe` (a "nine
small" venue's owner), `demo-resident` and `demo-admin` (the station's head, who reads the
audit log) are bound in advance so that the web page's role
switcher works without invite codes. People in the demo carry role names, not invented
personal names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
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
    Visibility,
    WantedPerson,
)

STATION_CODE = "demo"
#: A valid resident ID on the demo wanted list: register a guest with it to see a hit.
DEMO_WANTED_ID = build_resident_id("410105", date(1988, 6, 15), 123)
DEMO_WANTED_NAME = "演示在逃人员"

NETCAFE = "极速网吧"
NETCAFE_SENDER = "demo-netcafe"
ADMIN_SENDER = "demo-admin"

DEMO_ROLES = {
    "demo-officer": "民警（城东警务区）",
    "demo-hotel": "旅馆老板（悦来旅馆）",
    "demo-landlord": "房东（幸福里 3 号出租屋）",
    NETCAFE_SENDER: f"网吧老板（{NETCAFE}）",
    "demo-resident": "居民",
    ADMIN_SENDER: "所领导（审计日志）",
}

#: The demo station's [station] contacts, told to a resident who asks 派出所电话多少 or
#: 派出所在哪 on a demo server (`[server] demo_roles`, as `make run` serves): made up, and
#: said to be. A demo had none, and every start warned that they were not set.
DEMO_CONTACTS = {
    "phone": "0000-1234567（演示号码）",
    "address": "城东路 1 号（演示地址）",
    "hours": "窗口办公时间：工作日 8:30-12:00、13:30-17:30；值班室 24 小时",
}


def with_demo_contacts(settings: Settings) -> Settings:
    """`settings` with the demo's contacts for those of [station] left empty, on a demo
    server only (a station's own are never touched: it runs without demo roles)."""
    if not settings.server.demo_roles:
        return settings
    station = settings.station
    empty = {key: value for key, value in DEMO_CONTACTS.items() if not getattr(station, key)}
    if not empty:
        return settings
    return settings.model_copy(update={"station": station.model_copy(update=empty)})


_VENUES = (
    (VenueKind.HOTEL, "悦来旅馆", "城东路 18 号", None, 30.2741, 120.1551),
    (VenueKind.HOMESTAY, "枫林民宿", "枫林巷 6 号", None, 30.2752, 120.1570),
    (VenueKind.RENTAL, "幸福里 3 号出租屋", "幸福里 3 号", "100001", 30.2730, 120.1532),
    (VenueKind.SHOP, "便民超市", "城东路 20 号", None, 30.2744, 120.1556),
    (VenueKind.RESTAURANT, "老街面馆", "老街 9 号", None, 30.2760, 120.1580),
    (VenueKind.INTERNET_CAFE, NETCAFE, "城东路 36 号", None, 30.2748, 120.1590),
)


@dataclass
class DemoResult:
    created: bool
    invites: dict[str, str] = field(default_factory=dict)


async def _person(session: AsyncSession, sender: str, **values: object) -> Person:
    person = Person(**values)  # type: ignore[arg-type]
    session.add(person)
    await session.flush()
    assert person.id is not None
    session.add(Account(channel="web", channel_user_id=sender, person_id=person.id))
    return person


class DemoRefused(Exception):
    """The database holds a real station: the demo's venues, owners and wanted person would
    join its data."""


async def seed_demo(session: AsyncSession, services: Services) -> DemoResult:
    """Create the demo station once; on every run, print fresh invite codes. Refused
    (`DemoRefused`) on a database holding any other station."""
    others = (await session.exec(select(Station).where(Station.code != STATION_CODE))).all()
    if others:
        named = ", ".join(f"{station.code} ({station.name})" for station in others)
        raise DemoRefused(
            f"this database holds station {named}: the demo adds its own station, venues, "
            "owners and a wanted person, and only goes in a database of its own (e.g. "
            "JINGMIN_DATABASE__URL=sqlite+aiosqlite:///var/demo.db, as `make run` does)"
        )
    existing = (await session.exec(select(Station).where(Station.code == STATION_CODE))).first()
    result = DemoResult(created=existing is None)
    if existing is None:
        await _create(session, services)
    netcafe = (await session.exec(select(Venue).where(Venue.name == NETCAFE))).one()
    await _bind_netcafe_owner(session, netcafe)
    await _bind_admin(session)
    beat = (await session.exec(select(Beat).where(Beat.code == "east"))).one()
    hotel = (await session.exec(select(Venue).where(Venue.name == "悦来旅馆"))).one()
    rental = (await session.exec(select(Venue).where(Venue.plate == "100001"))).one()
    now, ttl = services.clock(), timedelta(hours=services.settings.security.invite_ttl_hours)
    result.invites = {
        "民警（城东警务区）": await create_invite(
            session,
            role=Role.OFFICER,
            now=now,
            ttl=ttl,
            beat_id=beat.id,
            display_name="城东社区民警",
        ),
        "旅馆老板（悦来旅馆）": await create_invite(
            session, role=Role.OWNER, now=now, ttl=ttl, venue_id=hotel.id
        ),
        "房东（幸福里 3 号）": await create_invite(
            session, role=Role.OWNER, now=now, ttl=ttl, venue_id=rental.id
        ),
        "网吧老板（极速网吧）": await create_invite(
            session, role=Role.OWNER, now=now, ttl=ttl, venue_id=netcafe.id
        ),
    }
    await session.commit()
    return result


async def _bind_netcafe_owner(session: AsyncSession, netcafe: Venue) -> None:
    """The "nine small" owner's role, added to a demo seeded before it existed too (`make
    run` keeps var/demo.db)."""
    if await _bound(session, NETCAFE_SENDER):
        return
    owner = await _person(session, NETCAFE_SENDER, role=Role.OWNER, display_name=f"{NETCAFE}负责人")
    assert owner.id is not None and netcafe.id is not None
    session.add(VenueOwner(person_id=owner.id, venue_id=netcafe.id))
    await session.flush()


async def _bound(session: AsyncSession, sender: str) -> bool:
    found = await session.exec(
        select(Account).where(Account.channel == "web", Account.channel_user_id == sender)
    )
    return found.first() is not None


async def _bind_admin(session: AsyncSession) -> None:
    """The station's head, to try `/审计`; added to an older demo database too."""
    if await _bound(session, ADMIN_SENDER):
        return
    station = (await session.exec(select(Station).where(Station.code == STATION_CODE))).one()
    await _person(
        session, ADMIN_SENDER, role=Role.ADMIN, display_name="所领导", station_id=station.id
    )
    await session.flush()


async def _create(session: AsyncSession, services: Services) -> None:
    station = Station(name=services.settings.station.name, code=STATION_CODE)
    session.add(station)
    await session.flush()
    assert station.id is not None
    east = Beat(station_id=station.id, name="城东警务区", code="east")
    west = Beat(station_id=station.id, name="城西警务区", code="west")
    session.add_all([east, west])
    await session.flush()
    assert east.id is not None
    venues = []
    for kind, name, address, plate, lat, lon in _VENUES:
        venue = Venue(
            kind=kind,
            name=name,
            address=address,
            plate=plate,
            beat_id=east.id,
            latitude=lat,
            longitude=lon,
        )
        session.add(venue)
        venues.append(venue)
    await session.flush()
    officer = await _person(
        session,
        "demo-officer",
        role=Role.OFFICER,
        display_name="城东社区民警",
        station_id=station.id,
        beat_id=east.id,
    )
    hotel_owner = await _person(
        session, "demo-hotel", role=Role.OWNER, display_name="悦来旅馆负责人"
    )
    landlord = await _person(
        session, "demo-landlord", role=Role.OWNER, display_name="幸福里 3 号房东"
    )
    await _person(session, "demo-resident", role=Role.RESIDENT)
    assert hotel_owner.id is not None and landlord.id is not None
    session.add(VenueOwner(person_id=hotel_owner.id, venue_id=venues[0].id))  # type: ignore[arg-type]
    session.add(VenueOwner(person_id=hotel_owner.id, venue_id=venues[1].id))  # type: ignore[arg-type]
    session.add(VenueOwner(person_id=landlord.id, venue_id=venues[2].id))  # type: ignore[arg-type]
    session.add(
        WantedPerson(
            name=DEMO_WANTED_NAME,
            name_idx=services.blind_index(DEMO_WANTED_NAME, NAME),
            doc_no_enc=services.cipher.encrypt(DEMO_WANTED_ID, "wanted_person.doc_no"),
            doc_no_idx=services.blind_index(DEMO_WANTED_ID, DOC_NO),
            doc_no_masked=mask_stored_id_number(DEMO_WANTED_ID),
            birth_date=date(1988, 6, 15),
            sex="男",
            aliases="阿演",
            height="约172厘米",
            build="偏瘦",
            accent="河南口音",
            marks="右手背有烫伤疤痕",
            case_summary="演示案件（涉嫌多次入室盗窃）",
            issuing_unit=services.settings.station.name,
            contact="110",
            station_id=station.id,
            issued_by=officer.id,
            visibility=Visibility.INTERNAL,
        )
    )
    session.add(
        WantedPerson(
            name="演示公开通缉",
            name_idx=services.blind_index("演示公开通缉", NAME),
            age_range="30-40",
            sex="男",
            height="约180厘米",
            marks="左眉有疤，常戴黑框眼镜",
            case_summary="演示案件（涉嫌电信网络诈骗）",
            issuing_unit=services.settings.station.name,
            reward="悬赏1万元",
            contact="110",
            station_id=station.id,
            issued_by=officer.id,
            visibility=Visibility.PUBLIC,
        )
    )
    await session.flush()
