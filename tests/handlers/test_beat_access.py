"""Beat work is for the station's officers: every new command, every role.

The station has a red-rated hotel with a watchlist hit, a rental with a named landlord, a
task and incidents. Residents and venue owners are refused every command; an officer of
another station may use them but sees none of this station's venues, people or tasks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.venue_registry import Actor, add_contact
from storage.models import Venue
from tests.support.beat_data import incidents, store, watch_hit
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_stranger_officer
from tests.support.seed import Seeded

COMMANDS = (
    "/门牌 200001",
    "/门牌 张三",
    "/场所 平安旅馆",
    "/场所 1 历史",
    "/风险",
    "/风险 平安旅馆",
    "/风险 平安旅馆 蓝 下调 无",
    "/警情趋势",
    "/任务",
    "/完成 1",
    "/日报",
    "/分享 今日无事",
    "/警情",
)
SECRETS = ("平安旅馆", "和平里5号", "张三", "13812345678", "盗窃")


@pytest.fixture
async def station(officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock) -> None:
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        facts = {"name": "张三", "phone": "13812345678", "role": "房东"}
        await add_contact(session, services, rental, **facts, actor=Actor("cli"), now=clock.now)
        await session.commit()
    noon = datetime(2026, 11, 22, 4, tzinfo=UTC)
    await store(
        services,
        watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(hours=20)),
        *incidents(seeded.beat.id, "盗窃", dict.fromkeys(range(7), 3), noon),
    )
    await officer_chat.say("/风险 平安旅馆 红 重点场所")
    await officer_chat.say("/任务 新增 走访 和平里5号")


@pytest.mark.parametrize("sender", ["resident-1", "owner", "landlord"])
async def test_non_officers_are_refused(station: None, dispatcher: Dispatcher, sender: str) -> None:
    chat = Chat(dispatcher, sender)
    for command in COMMANDS:
        reply = await chat.say(command)
        assert "仅限本所民警" in reply, command
        assert not any(secret in reply for secret in SECRETS), command


async def test_another_stations_officer_sees_nothing_of_ours(
    station: None, dispatcher: Dispatcher, services: Services, officer_chat: Chat
) -> None:
    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    for command in COMMANDS:
        reply = await stranger.say(command)
        for word in command.split()[1:]:  # "没有找到「张三」" only repeats what was asked
            reply = reply.replace(f"「{word}」", "")
        assert not any(secret in reply for secret in SECRETS), (command, reply)
    # and changed nothing: the hotel is still red for our officer, the task still open
    assert "🔴平安旅馆" in await officer_chat.say("/风险")
    assert "走访 和平里5号" in await officer_chat.say("/任务")
