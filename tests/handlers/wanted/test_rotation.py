"""Daily cards: a few a day per officer, every active card seen within a week, once a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.context import Services
from handlers.wanted.rotation import MOST_A_DAY, WEEK, cards_a_day, choose, send_rotation
from storage.models import CardDelivery, Visibility, WantedPerson, WantedStatus
from tests.handlers.wanted.support import card_images
from tests.support.clock import FakeClock
from tests.support.outbox import queued
from tests.support.people import add_stranger_officer
from tests.support.seed import Seeded


async def _add_people(
    services: Services, station_id: int | None, count: int, prefix: str = "丙", **values: object
) -> None:
    async with services.sessions() as session:
        for n in range(count):
            session.add(
                WantedPerson(
                    name=f"{prefix}{n:02d}",
                    name_idx=f"idx-{prefix}{n}",
                    case_summary="涉嫌盗窃罪",
                    station_id=station_id,
                    created_at=services.clock(),
                    **values,
                )
            )
        await session.commit()


async def test_every_active_card_reaches_every_officer_within_a_week(
    seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await _add_people(services, seeded.station.id, 20)  # 20 -> 3 a day
    seen: set[str] = set()
    for _day in range(7):
        assert await send_rotation(services) == 1
        assert await send_rotation(services) == 0  # once a day, however often the job runs
        [row] = (await queued(services, "officer"))[-1:]
        pictures = card_images(row)
        assert len(pictures) == cards_a_day(20, services.settings.wanted.cards_per_day) == 3
        seen.update(p.caption for p in pictures)
        clock.advance(days=1)
    assert len(seen) == 20


async def test_before_the_configured_time_nothing_goes(
    seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    clock.advance(hours=-4)  # 06:00 in Shanghai; cards go from 08:30
    assert await send_rotation(services) == 0


async def test_closed_cards_other_stations_and_the_shared_list_stay_out(
    seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await _add_people(services, seeded.station.id, 1, prefix="丙")
    await _add_people(services, seeded.station.id, 2, prefix="戊", status=WantedStatus.CAPTURED)
    stranger = await add_stranger_officer(services)
    await _add_people(services, stranger.station_id, 1, prefix="丁")
    # The seeded 甲某某 was imported for every station: matched, not rotated.
    assert await send_rotation(services) == 2
    [mine] = await queued(services, "officer")
    assert [p.caption.split(" ", 1)[1] for p in card_images(mine)] == ["丙00（内部）"]
    [theirs] = await queued(services, "stranger")
    assert ["丁00" in p.caption for p in card_images(theirs)] == [True]
    async with services.sessions() as session:
        kinds = {d.kind for d in (await session.exec(select(CardDelivery))).all()}
    assert kinds == {"rotation"}


async def test_neighbouring_stations_cards_come_too(
    seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    stranger = await add_stranger_officer(services)  # station code t2
    await _add_people(services, stranger.station_id, 1, prefix="丁")
    wanted = services.settings.wanted.model_copy(update={"neighbours": {"t1": ["t2"]}})
    settings = services.settings.model_copy(update={"wanted": wanted})
    assert await send_rotation(replace(services, settings=settings)) == 2
    [mine] = await queued(services, "officer")
    assert ["丁00" in p.caption for p in card_images(mine)] == [True]


async def test_a_huge_deck_is_capped_and_said(
    seeded: Seeded, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    await _add_people(services, seeded.station.id, MOST_A_DAY * WEEK + 10)
    assert await send_rotation(services) == 1
    [row] = await queued(services, "officer")
    assert len(card_images(row)) == MOST_A_DAY
    assert "would be needed to show each within a week" in caplog.text


def test_choose_prefers_never_seen_then_longest_ago() -> None:
    people = [
        WantedPerson(id=i, name="x", name_idx="x", visibility=Visibility.INTERNAL)
        for i in (1, 2, 3, 4)
    ]
    seen = {1: datetime(2026, 1, 3, tzinfo=UTC), 2: datetime(2026, 1, 1, tzinfo=UTC)}
    assert [w.id for w in choose(people, seen, 3)] == [4, 3, 2]
