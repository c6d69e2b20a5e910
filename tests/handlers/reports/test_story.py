"""A story told before 报案 fills the report's answers it gives; the rest is still asked."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.dispatch import Dispatcher
from bot.forms import FormEnv
from handlers.reports.story import story_answers
from handlers.reports.templates import BIKE_THEFT, FRAUD, PICKPOCKET
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

NOW = datetime(2026, 11, 23, 10, 0)
ENV = FormEnv(answers={}, today=date(2026, 11, 23), now=NOW)
STORY = "我的电动车被偷了 雅迪的 蓝色 昨晚10点左右停在楼下 没锁"


@pytest.fixture
def chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-9")


def test_a_bike_theft_story_gives_the_vehicle_its_looks_the_time_and_the_lock() -> None:
    answers = story_answers(BIKE_THEFT, STORY, ENV)
    assert answers["vehicle"] == "电动车" and answers["vehicle_desc"] == "雅迪 蓝色"
    assert answers["when"] == {"at": "2026-11-22T22:00", "rough": True}
    assert answers["locked"] == "未上锁"
    assert answers["place"] == {"text": "楼下"}  # 停在楼下
    assert "value" not in answers  # not said: asked


@pytest.mark.parametrize(
    ("said", "locked"),
    [
        ("没锁", "未上锁"),
        ("没有锁", "未上锁"),  # 有锁 inside it: not 已上锁
        ("没有锁好", "未上锁"),
        ("忘记锁了", "未上锁"),  # 锁了 inside it
        ("车没有上锁", "未上锁"),
        ("锁了", "已上锁"),
        ("锁被撬了", None),
    ],
)
def test_the_lock_is_read_as_said(said: str, locked: str | None) -> None:
    answers = story_answers(BIKE_THEFT, f"我的电动车被偷了 {said}", ENV)
    assert answers.get("locked") == locked


def test_a_day_and_part_of_it_is_kept_dated_as_the_form_keeps_it_typed() -> None:
    """昨晚 had been asked again, though typed at the question it is taken."""
    answers = story_answers(BIKE_THEFT, "电动车昨天晚上被偷了", ENV)
    assert answers["when"] == {"note": "11月22日晚上（昨天晚上）"}
    assert "when" not in story_answers(BIKE_THEFT, "电动车晚上被偷了", ENV)  # which day: asked


TOLD = "我的电动车昨晚在小区楼下被偷了，车牌是京A12345，蓝色雅迪"


def test_a_theft_told_as_a_story_gives_when_where_and_the_plate() -> None:
    """Only the vehicle had been taken from it (the time, place and plate were asked)."""
    answers = story_answers(BIKE_THEFT, TOLD, ENV)
    assert answers["when"] == {"note": "11月22日晚上（昨晚）"}
    assert answers["place"] == {"text": "小区楼下"}
    assert answers["vehicle_no"] == "京A12345" and answers["vehicle_desc"] == "雅迪 蓝色"
    assert "place" not in story_answers(BIKE_THEFT, "我正在上班，电动车被偷了", ENV)


async def test_report_after_a_story_asks_only_what_it_left_open(chat: Chat) -> None:
    await chat.say(TOLD)
    started = await chat.say("报案")
    assert "开始电动车/自行车被盗报案" in started
    assert "发生时间 11月22日晚上（昨晚）" in started and "地点 小区楼下" in started
    assert "车牌/车架号 京A12345" in started
    assert "大约价值多少钱" in started  # the first question the story left open
    # The time and place are not asked; 小区楼下 names no estate, which is.
    assert "哪个小区、哪栋楼" in await chat.say("3000元")
    assert "是否上锁" in await chat.say("幸福里小区3号楼")


def test_a_fraud_story_gives_the_trick_the_amount_and_the_account_of_it() -> None:
    story = "被骗了 对方说是淘宝客服 要给我退款 让我转了3000块"
    answers = story_answers(FRAUD, story, ENV)
    assert answers["fraud_type"] == "冒充客服" and answers["amount"] == "3000块"
    assert answers["story"] == story


async def test_report_right_after_the_story_starts_with_what_was_said(chat: Chat) -> None:
    await chat.say(STORY)
    started = await chat.say("报案")  # no menu: the story says which kind
    assert "开始电动车/自行车被盗报案" in started
    assert "已记下您刚才说的：车辆类型 电动车；品牌颜色 雅迪 蓝色" in started
    # As the summary says times (it had said 约2026-11-22 22:00 here).
    assert "发生时间 约昨天 22:00" in started
    assert "车牌号或车架号" in started  # the first question the story left open
    assert "请描述车辆的品牌、颜色" in await chat.say("修改 品牌颜色")  # taken, still editable


async def test_an_old_story_or_another_kind_is_not_used(chat: Chat, clock: FakeClock) -> None:
    await chat.say(STORY)
    other = await chat.say("/报案 证件/车牌遗失")
    assert "已记下" not in other
    await chat.say("取消")
    clock.advance(hours=1)
    assert "请选择类型" in await chat.say("报案")


def test_an_amount_is_money_not_a_count_of_things() -> None:
    # 两块电池 is two batteries; 两千块 and 3000块钱 are money.
    assert "value" not in story_answers(BIKE_THEFT, "电动车被偷了 车上两块电池", ENV)
    assert story_answers(BIKE_THEFT, "电动车被偷了 花了两千块买的", ENV)["value"].startswith("两千")


def test_a_pickpocket_story_gives_what_was_taken_and_where() -> None:
    answers = story_answers(PICKPOCKET, "我手机被偷了 苹果13 在地铁上", ENV)
    assert answers["items"] == "手机 苹果13" and answers["place"] == {"text": "地铁上"}
    assert answers["story"] == "我手机被偷了 苹果13 在地铁上"
    # Only the kind said: no 经过 worth keeping.
    assert "story" not in story_answers(BIKE_THEFT, "我的电动车被偷了", ENV)


async def test_a_pickpocket_report_right_after_the_story_takes_what_was_said(chat: Chat) -> None:
    """The 扒窃 report had asked for the time, place and phone as if nothing had been said."""
    await chat.say("我手机被偷了 苹果13 在地铁上")
    started = await chat.say("报案")
    assert "开始扒窃报案" in started
    assert "地点 地铁上" in started and "被盗物品及价值 手机 苹果13" in started
    assert "什么时候" in started


async def test_a_story_with_other_messages_since_is_not_read_by_a_bare_report(
    chat: Chat,
) -> None:
    """Only the message right before 报案 says which report it is; the kind picked from the
    menu still takes the story that fits it."""
    await chat.say_all(STORY, "谢谢")
    assert "请选择类型" in await chat.say("报案")
    started = await chat.say("/报案 电动车/自行车被盗")
    assert "已记下您刚才说的：车辆类型 电动车；品牌颜色 雅迪 蓝色" in started
