"""How an owner's question reaches the officer: who asks, by role, and from which place."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.places import second_place
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_an_owners_question_names_the_asker_by_role_and_the_place_once(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    """An owner's question reached the officer as 群众提问, listing both places and then one
    of them again in the name (悦来旅馆、枫林民宿（悦来旅馆负责人）). A question naming
    neither place is the owner's on both: each place said once."""
    await second_place(services, seeded, "枫林民宿")
    owner = RichChat(dispatcher, "owner", sender_name="平安旅馆老板")
    assert "已把您的问题转给民警" in await owner.say_all("问民警", "消防检查几点来", "确认")
    [notice] = await texts_to(services, "officer")
    first, asker = notice.splitlines()[:2]
    assert first.startswith("❓ 场所负责人提问 #1") and "群众" not in notice
    assert asker == "平安旅馆、枫林民宿：消防检查几点来"


@pytest.mark.usefixtures("seeded")
async def test_an_owners_own_name_follows_the_place(
    dispatcher: Dispatcher, services: Services
) -> None:
    owner = RichChat(dispatcher, "owner", sender_name="王老板")
    await owner.say_all("问民警", "消防检查几点来", "确认")
    [notice] = await texts_to(services, "officer")
    assert "\n平安旅馆（王老板）：消防检查几点来\n" in notice


@pytest.mark.usefixtures("seeded")
async def test_a_landlords_question_says_landlord(
    dispatcher: Dispatcher, services: Services
) -> None:
    landlord = RichChat(dispatcher, "landlord", sender_name="房东")
    await landlord.say_all("问民警", "租客想延期交房租，可以吗", "确认")
    [notice] = await texts_to(services, "officer")
    assert notice.startswith("❓ 房东提问 #1\n和平里5号：租客想延期交房租")


async def test_times_of_today_say_today_not_the_date(
    owner_chat: Chat, officer_chat: Chat, clock: FakeClock
) -> None:
    """/答复 and the asker's 查询 had shown 11-23 10:00 on the day itself, as if it were
    another day."""
    assert "提问编号 #1" in await owner_chat.say("问民警 网吧可以通宵营业吗")
    assert "#1　今天 10:00　平安旅馆" in await officer_chat.say("/答复")
    assert "提问 #1（今天 10:00）" in await owner_chat.say("查询")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "#1　昨天 10:00　平安旅馆" in await officer_chat.say("/答复")
    assert "提问 #1（昨天 10:00）" in await owner_chat.say("查询")
