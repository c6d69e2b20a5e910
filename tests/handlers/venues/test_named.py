"""A venue's name typed alone by an officer shows its record."""

from __future__ import annotations

from bot.context import Services
from storage.models import Beat, Station, Venue, VenueKind
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_an_officer_typing_a_venues_name_sees_its_record(officer_chat: Chat) -> None:
    """悦来旅馆 alone had got 没有理解."""
    card = await officer_chat.say("平安旅馆")
    assert "平安旅馆（旅馆）#" in card and "地址" in card


async def test_only_a_whole_name_of_the_officers_own_station_is_taken(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    async with services.sessions() as session:
        station = Station(name="邻所", code="t2")
        session.add(station)
        await session.flush()
        beat = Beat(station_id=station.id, name="邻所警务区", code="n1")
        session.add(beat)
        await session.flush()
        assert beat.id is not None
        session.add(
            Venue(name="邻所宾馆", kind=VenueKind.HOTEL, beat_id=beat.id, address="外路1号")
        )
        await session.commit()
    assert "（旅馆）#" not in await officer_chat.say("邻所宾馆")
    assert "（旅馆）#" not in await officer_chat.say("平安")  # a part of a name may be anything
    assert "（旅馆）#" not in await owner_chat.say("平安旅馆")  # owners have no venue records


async def test_a_venue_named_in_a_sentence_is_not_taken_for_its_record(
    officer_chat: Chat, seeded: Seeded
) -> None:
    assert "（旅馆）#" not in await officer_chat.say("平安旅馆今天有没有客人？")


async def test_an_officer_typing_a_plate_alone_sees_its_house(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """200001 alone, a rental's plate, had got 没有理解."""
    card = await officer_chat.say("200001")
    assert "门牌：200001" in card and "（出租屋）#" in card, card
    assert "（出租屋）#" not in await officer_chat.say("299999")  # no such house
    assert "（出租屋）#" not in await owner_chat.say("200001")
