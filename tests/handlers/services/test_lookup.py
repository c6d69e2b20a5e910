"""Venues found by what an operator types: a name several venues share is refused."""

from __future__ import annotations

import pytest

from bot.context import Services
from handlers.services.lookup import Ambiguous, NotFound, find_beat, find_venue
from storage.models import Venue, VenueKind
from tests.support.seed import Seeded


async def test_a_shared_name_lists_the_venues_and_asks_for_id_or_plate(
    services: Services, seeded: Seeded
) -> None:
    async with services.sessions() as session:
        assert seeded.other_beat.id is not None
        copy = Venue(
            kind=VenueKind.HOTEL, name="平安旅馆", address="和平路2号", beat_id=seeded.other_beat.id
        )
        session.add(copy)
        await session.commit()
        with pytest.raises(Ambiguous) as raised:
            await find_venue(session, "平安旅馆")
        # By id or plate each is still found.
        assert (await find_venue(session, str(copy.id))).id == copy.id
        assert (await find_venue(session, "200001")).id == seeded.rental.id
        assert (await find_venue(session, "和平里5号")).id == seeded.rental.id
    message = str(raised.value)
    assert message.startswith("2 venues are named '平安旅馆'; give the id or plate instead:")
    assert f"id {seeded.hotel.id}, plate -, 和平路1号, 一号警务区" in message
    assert f"id {copy.id}, plate -, 和平路2号, 二号警务区" in message
    assert f"(e.g. --venue {seeded.hotel.id}):" in raised.value.text("--venue")
    # Every caller that reports NotFound reports this too.
    assert isinstance(raised.value, NotFound)


async def test_part_of_several_beats_names_says_which_beats_match(
    services: Services, seeded: Seeded
) -> None:
    """`--beat 警务` answered "no beat with code, name or id" though two beats matched."""
    async with services.sessions() as session:
        with pytest.raises(NotFound) as raised:
            await find_beat(session, "警务")
        assert (await find_beat(session, "一号")).code == "b1"
    said = str(raised.value)
    assert said.startswith(
        "'警务' is part of several beats' names: 一号警务区 (b1), 二号警务区 (b2)"
    )
    assert "no beat with" not in said
