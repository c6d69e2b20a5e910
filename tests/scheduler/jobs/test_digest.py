"""The morning digest job: from [digest] time, once per officer and day, via the outbox."""

from __future__ import annotations

from dataclasses import replace

from bot.context import Services
from scheduler.jobs.digest import send_digests
from tests.support.beat_data import store, watch_hit
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import queued, texts_to
from tests.support.people import add_officer, add_second_beat_officer, add_stranger_officer
from tests.support.seed import Seeded
from tests.support.statements import BEAT_TABLES, tables_read


async def test_once_per_officer_and_day(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    clock.advance(hours=-3, minutes=-1)  # 06:59 in Shanghai
    assert await send_digests(services) == 0
    clock.advance(minutes=31)  # 07:30
    await add_second_beat_officer(services, seeded)
    await add_stranger_officer(services)
    assert await send_digests(services) == 3
    assert await send_digests(services) == 0  # a second run, or another replica: nothing new
    (digest,) = await texts_to(services, "officer")
    assert digest.startswith("📋 一号警务区 警务日报　11月23日（周一）")
    assert "二号警务区" in (await texts_to(services, "officer-2"))[0]
    clock.advance(days=1)
    assert await send_digests(services) == 3
    keys = sorted(row.dedupe_key for row in await queued(services, "officer"))
    assert keys == [
        f"digest:2026-11-23:{seeded.officer.id}->test:officer",
        f"digest:2026-11-24:{seeded.officer.id}->test:officer",
    ]


async def test_switched_off(services: Services, seeded: Seeded, clock: FakeClock) -> None:
    settings = services.settings.model_copy(
        update={"digest": services.settings.digest.model_copy(update={"enabled": False})}
    )
    assert await send_digests(replace(services, settings=settings)) == 0


async def test_the_pushed_digest_says_what_the_digest_command_says(
    services: Services, seeded: Seeded, clock: FakeClock, officer_chat: Chat
) -> None:
    """Pushed at 10:47 (late, after downtime), the digest had no 【比中】 although /日报 at
    10:46 listed the hit of 10:45: the push only counted yesterday's."""
    assert seeded.hotel.id is not None
    clock.advance(minutes=45)  # 10:45 in Shanghai
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now))
    clock.advance(minutes=2)
    asked = await officer_chat.say("/日报")
    assert await send_digests(services) == 1
    (pushed,) = await texts_to(services, "officer")
    assert "【比中】今天 1 次（截至 10:47）" in pushed
    assert pushed == asked


async def test_a_stations_digests_read_each_table_as_often_as_one_does(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """Every officer's digest had read every table again: 07:30 on a SQLite server of
    two hundred officers held every chat up while thousands of statements ran."""
    assert seeded.station.id is not None
    async with tables_read(services, BEAT_TABLES) as one:
        assert await send_digests(services) == 1
    await add_second_beat_officer(services, seeded)
    for n in range(3):  # more officers of the first beat
        await add_officer(
            services, f"officer-{n + 3}", beat_id=seeded.beat.id, station_id=seeded.station.id
        )
    clock.advance(days=1)
    async with tables_read(services, BEAT_TABLES) as every:
        assert await send_digests(services) == 5
    assert one and every == one
