"""派出所电话多少: the station's contacts from config, not statutes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.station import asks_for_station
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    "text",
    ["派出所电话多少", "派出所在哪，几点上班", "社区民警怎么联系", "几点上班", "你们周末上班吗",
     "你们几点上班 周末开门吗", "你们几点上班？周末有人吗？", "周末开门吗", "派出所在哪",
     "怎么去派出所", "办户口几点", "办身份证什么时候上班"],
)  # fmt: skip
def test_questions_about_the_station_are_recognised(text: str) -> None:
    assert asks_for_station(text)


@pytest.mark.parametrize(
    "text",
    ["派出所能管邻居噪音吗", "民警打人违法吗", "老板让我周末上班不给加班费", "几点上班算迟到",
     "在哪里", "它的电话多少", "我的地址怎么改", "房东电话多少", "几点上班 老板不给加班费",
     "我想问一下"],
)  # fmt: skip
def test_other_questions_that_mention_the_station_are_not(text: str) -> None:
    assert not asks_for_station(text)


async def test_the_configured_contacts_are_told(services: Services, seeded: Seeded) -> None:
    settings = services.settings
    station = settings.station.model_copy(
        update={"phone": "0571-12345678", "address": "和平路 1 号"}
    )
    configured = replace(services, settings=settings.model_copy(update={"station": station}))
    reply = await Chat(build_dispatcher(configured), "someone-new").say("派出所电话多少")
    assert "电话：0571-12345678" in reply and "地址：和平路 1 号" in reply and "110" in reply


async def test_without_contacts_the_reply_says_whom_to_ask(
    dispatcher: Dispatcher, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    """A resident had read 「本所的电话、地址和办公时间尚未在系统中设置」, a note for staff:
    they are told how to reach an officer here; staff, what to set."""
    reply = await Chat(dispatcher, "someone-new").say("派出所在哪")
    assert "问民警" in reply and "110" in reply and "《" not in reply
    assert "设置" not in reply and "系统" not in reply, reply
    assert "not configured" in caplog.text
    told_staff = await Chat(dispatcher, "officer").say("派出所在哪")
    assert "config.toml" in told_staff and "[station]" in told_staff
    assert "请系统管理员" in told_staff and "phone（电话）" in told_staff


@pytest.mark.parametrize(
    "text", ["你们在哪里", "地址在哪", "电话多少", "你们电话", "电话是多少？", "怎么去派出所"]
)
async def test_the_station_asked_for_without_its_name_gets_its_contacts(
    dispatcher: Dispatcher, seeded: Seeded, text: str
) -> None:
    """Said to the station's own bot, 你们在哪里 and 电话多少 had been "not understood", and
    怎么去派出所 a page of statutes on how to report a crime."""
    reply = await Chat(dispatcher, "someone-new").say(text)
    assert "问民警" in reply and "没有理解" not in reply and "《" not in reply


async def test_staff_read_only_what_applies_to_them(dispatcher: Dispatcher, seeded: Seeded) -> None:
    """An officer asking 派出所电话多少 had read, under the note on what to set, the
    residents' 可以在这里发送「问民警…」 and 紧急情况请直接拨打110…「举报」「报案」."""
    told_staff = await Chat(dispatcher, "officer").say("派出所电话多少")
    assert "[station]" in told_staff
    assert "问民警" not in told_staff and "110" not in told_staff and "举报" not in told_staff


async def test_without_contacts_a_resident_is_told_so_plainly(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """派出所电话多少 在哪 got 「示范派出所：」 with nothing after the colon."""
    reply = await Chat(dispatcher, "someone-new").say("派出所电话多少 在哪")
    assert "没有在这里公布" in reply and "110" in reply and "问民警" in reply
    assert "：\n" not in reply


@pytest.mark.parametrize("text", ["你们几点上班 周末开门吗", "办户口几点"])
async def test_hours_not_set_are_said_so_with_where_to_ask(
    dispatcher: Dispatcher, seeded: Seeded, text: str
) -> None:
    """你们几点上班 周末开门吗 had got 劳动合同法 articles; and the reply to the hours, when
    none are set, spoke only of the phone and the address."""
    reply = await Chat(dispatcher, "someone-new").say(text)
    assert "办公时间" in reply and "没有在这里公布" in reply and "《" not in reply
    assert "12345" in reply and "110" in reply and "问民警" in reply


async def test_hours_not_set_beside_a_phone_that_is(services: Services, seeded: Seeded) -> None:
    settings = services.settings
    station = settings.station.model_copy(update={"phone": "0571-12345678"})
    configured = replace(services, settings=settings.model_copy(update={"station": station}))
    reply = await Chat(build_dispatcher(configured), "someone-new").say("周末开门吗")
    assert "电话：0571-12345678" in reply and "办公时间没有在这里公布" in reply
    assert "12345政务" in reply
