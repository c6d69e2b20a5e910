"""`/日报` for the station admin: each beat's digest as that beat's officer has it."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Beat, Person, Role, Task
from tests.support.admin import bound_admin
from tests.support.beat_data import store
from tests.support.chat import text_of
from tests.support.people import add_officer, add_second_beat_officer
from tests.support.seed import Seeded
from tests.support.statements import BEAT_TABLES, tables_read

TODAY = date(2026, 11, 23)  # the fake clock's day in Shanghai


async def test_each_beat_shows_its_officers_tasks_not_the_admins(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Every beat's digest had listed the admin's own tasks under 【任务】 and never the
    beat officer's."""
    assert seeded.beat.id and seeded.other_beat.id and seeded.officer.id
    chief = await bound_admin(services, dispatcher)
    async with services.sessions() as session:
        admin = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).one()
    assert admin.id is not None
    await store(
        services,
        Task(
            beat_id=seeded.beat.id, officer_id=seeded.officer.id, subject="走访平安旅馆", due=TODAY
        ),
        Task(beat_id=seeded.other_beat.id, officer_id=admin.id, subject="所长督导", due=TODAY),
    )
    replies = [text_of(r) for r in await chief.send("/日报")]
    first, second = replies[1], replies[2]
    assert first.startswith("📋 一号警务区 警务日报"), first
    assert "【任务】今日到期 1 项" in first and "走访平安旅馆" in first, first
    assert "所长督导" not in first and "未分配民警" not in first, first
    # 二号警务区 has no officer: it says so rather than show anyone's tasks.
    assert second.startswith("📋 二号警务区 警务日报"), second
    assert "本警务区未分配民警" in second and "【任务】" not in second, second
    assert "所长督导" not in second and "走访平安旅馆" not in second, second
    assert "走访平安旅馆" in await chief.say("/日报 一号")


async def test_the_way_on_is_said_once_and_not_to_the_admins_own_tasks(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Under every beat's digest the admin had read 「/任务」查看待办, which opens the
    admin's own tasks, not the beat's."""
    chief = await bound_admin(services, dispatcher)
    replies = [text_of(r) for r in await chief.send("/日报")]
    assert not any("/任务" in text for text in replies), replies
    footers = [t for t in replies if "/警情趋势" in t]
    assert footers == ["发送「/风险」查看全所红橙场所，「/警情趋势」查看各警务区警情。"], replies
    assert "/警情趋势" in text_of((await chief.send("/日报 一号"))[-1])


async def test_the_whole_station_reads_each_table_as_often_as_one_beat(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Every beat's digest had read every table again: a station of twenty beats waited
    twenty times as long for its /日报, and so did everyone else on a SQLite server."""
    assert seeded.station.id is not None
    chief = await bound_admin(services, dispatcher)
    async with services.sessions() as session:
        beats = [
            Beat(station_id=seeded.station.id, name=f"{n}号警务区", code=f"b{n}") for n in "三四五"
        ]
        session.add_all(beats)
        await session.commit()
        made = [(b.id, b.name) for b in beats]
    for beat_id, name in made:
        await add_officer(services, name, beat_id=beat_id, station_id=seeded.station.id)
    # Beats with no officer have a digest of their own kind, made together in a second go.
    await add_second_beat_officer(services, seeded)
    async with tables_read(services, BEAT_TABLES) as one:
        assert "一号警务区" in await chief.say("/日报 一号")
    async with tables_read(services, BEAT_TABLES) as every:
        replies = [text_of(r) for r in await chief.send("/日报")]
    assert sum(text.startswith("📋") for text in replies) == 5
    assert one and every == one
