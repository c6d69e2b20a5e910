"""A kind of report typed, not tapped, after the 报案 menu starts that report."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.reports.templates import BIKE_THEFT, FRAUD, LOST_DOCUMENT
from handlers.reports.typed_kind import typed_kind
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


@pytest.fixture
def chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-9")


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("我的电动车被偷了", BIKE_THEFT),
        ("电动车", BIKE_THEFT),
        ("被骗了", FRAUD),
        ("身份证丢了", LOST_DOCUMENT),
        ("捡到钱包怎么办", None),  # a question about the law, not a theft
        ("好的", None),
    ],
)
def test_the_kind_is_read_from_what_is_typed(typed: str, kind: object) -> None:
    assert typed_kind(typed) is kind


async def test_a_theft_typed_at_the_menu_starts_its_report_with_what_was_said(
    chat: Chat,
) -> None:
    """报案, then 我的电动车被偷了 had got the law answer to 东西被偷了, which says to send
    报案: the message just sent."""
    assert "请选择类型" in await chat.say("报案")
    started = await chat.say("我的电动车被偷了 雅迪的 蓝色")
    assert "开始电动车/自行车被盗报案" in started and "【常见问题】" not in started
    assert "已记下您刚才说的：车辆类型 电动车；品牌颜色 雅迪 蓝色" in started
    assert "车牌号或车架号" in started


async def test_a_question_at_the_menu_or_a_story_long_after_it_is_not_a_report(
    chat: Chat, clock: FakeClock
) -> None:
    await chat.say("报案")
    assert "开始" not in await chat.say("捡到钱包怎么办")
    clock.advance(minutes=11)
    later = await chat.say("我的电动车被偷了")
    assert "开始电动车/自行车被盗报案" not in later and "如需报案" in later


async def test_the_menu_is_not_remembered_once_a_report_is_started(chat: Chat) -> None:
    await chat.say("报案")
    await chat.say("/报案 扒窃")
    await chat.say("取消")
    assert "开始电动车/自行车被盗报案" not in await chat.say("我的电动车被偷了")


async def test_a_victims_own_damage_is_offered_as_a_report_not_a_tip(chat: Chat) -> None:
    """有人把我车划了 had got only 是否要向民警举报？."""
    offered = await chat.say("有人把我车划了")
    assert "自助报案" in offered and "/报案 轻微财物损坏" in chat.buttons()
    assert "是否要向民警举报" not in offered and "/举报" in chat.buttons()
    assert "开始轻微财物损坏报案" in await chat.say("/报案 轻微财物损坏")


async def test_damage_seen_done_to_others_is_still_a_tip(chat: Chat) -> None:
    assert "是否要向民警举报" in await chat.say("有人把楼下的车划了")
