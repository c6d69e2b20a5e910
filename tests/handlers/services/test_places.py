"""Places as users give them, and the beat they belong to."""

from __future__ import annotations

from datetime import date, datetime

from bot.context import Services
from bot.forms import FormEnv
from bot.messages import Location
from handlers.services.places import parse_place, resolve_place, show_place
from storage.models import Venue, VenueKind
from tests.support.seed import Seeded


def env(location: Location | None = None) -> FormEnv:
    return FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 10), location=location)


def test_parse_and_show() -> None:
    point = parse_place("", env(Location(31.2, 121.4, "人民广场")))
    assert point == {"lat": 31.2, "lon": 121.4, "label": "人民广场"}
    assert show_place(point) == "已发送定位（人民广场）"
    assert show_place(parse_place(" 和平路3号 ", env())) == "和平路3号"
    assert show_place(None) == "（未填）"


async def test_resolution(services: Services, seeded: Seeded) -> None:
    async with services.sessions() as session:
        by_name = await resolve_place(session, {"text": "平安旅馆旁边的小巷"})
        by_address = await resolve_place(session, {"text": "和平路1号对面"})
        by_plate = await resolve_place(session, {"text": "门牌 200001 三楼"})
        full_width = await resolve_place(session, {"text": "２０００01"})  # a Chinese keyboard
        unknown = await resolve_place(session, {"text": "火车站"})
        far = await resolve_place(session, {"lat": 39.9, "lon": 116.4, "label": ""})
        nothing = await resolve_place(session, None)
    assert by_name.venue is not None and by_name.venue.id == seeded.hotel.id
    assert by_name.beat_id == seeded.beat.id and by_name.description == "平安旅馆旁边的小巷"
    assert by_address.venue is not None and by_address.venue.id == seeded.hotel.id
    assert "（平安旅馆）" in by_address.description
    assert by_plate.venue is not None and by_plate.venue.id == seeded.rental.id
    assert full_width.venue is not None and full_width.venue.id == seeded.rental.id
    for placement in (unknown, far, nothing):
        assert placement.venue is None and placement.beat_id is None
        assert placement.station_id == seeded.station.id
    assert far.description == "定位 39.90000, 116.40000"


async def test_spaces_in_a_venue_name_do_not_count(services: Services, seeded: Seeded) -> None:
    async with services.sessions() as session:
        venue = await session.get(Venue, seeded.rental.id)
        assert venue is not None
        venue.name = "幸福里 3 号"
        session.add(venue)
        await session.commit()
        found = await resolve_place(session, {"text": "幸福里3号楼下"})
    assert found.venue is not None and found.venue.id == seeded.rental.id
    assert found.beat_id == seeded.beat.id


async def test_a_street_of_one_beat_gives_the_beat_without_a_venue(
    services: Services, seeded: Seeded
) -> None:
    """就在和平路小区 5号楼下面 names no venue, but 和平路's venues are all in one beat: the
    tip had reached the station as 未能定位到警务区."""
    async with services.sessions() as session:
        found = await resolve_place(session, {"text": "就在和平路小区 5号楼下面"})
        assert found.venue is None and found.beat_id == seeded.beat.id
        # The same street in two beats says nothing.
        session.add(
            Venue(
                kind=VenueKind.SHOP,
                name="路口小卖部",
                address="和平路88号",
                beat_id=seeded.other_beat.id,
            )
        )
        await session.commit()
        spread = await resolve_place(session, {"text": "就在和平路小区 5号楼下面"})
    assert spread.beat_id is None


async def test_a_place_beside_another_is_no_street(services: Services, seeded: Seeded) -> None:
    """学校对面小区 made 对面小区 a street: 就在我家对面小区门口 went to that venue's beat."""
    async with services.sessions() as session:
        session.add(
            Venue(
                kind=VenueKind.SHOP, name="文具店", address="学校对面小区", beat_id=seeded.beat.id
            )
        )
        await session.commit()
        found = await resolve_place(session, {"text": "就在我家对面小区门口"})
    assert found.beat_id is None
