"""Where a tip happened, taken from what the resident says: 楼下 of 楼下有人吸毒 is not asked
for again, and a place said from where they are (楼下, 隔壁) asks which building."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.forms import FormEnv
from handlers.tips.place import describes_someone, from_here, told_at
from tests.handlers.tips.support import tips
from tests.support.chat import Chat
from tests.support.seed import Seeded

_ENV = FormEnv({}, date(2026, 11, 30), datetime(2026, 11, 30, 20, 0))


@pytest.mark.parametrize(
    ("described", "place", "which_building"),
    [
        ("楼下有人吸毒", "楼下", True),
        ("我们小区里有人卖毒品", "我们小区里", True),
        ("对面楼有人吸毒", "对面楼", True),
        ("昨天晚上楼下有几个人在赌钱", "楼下", True),
        ("我看到楼道里有人抽烟", "楼道里", True),
        ("幸福里3号楼楼下有人吸毒", "幸福里3号楼楼下", False),
        ("在菜市场门口有一伙人在卖假烟", "菜市场门口", False),
        # No place before the someone, or a person for one.
        ("隔壁邻居家有人赌博", None, False),
        ("有人在楼下吸毒", None, False),
        ("小区里好像有人吸毒", None, False),
    ],
)
def test_the_place_said_before_someone_is_the_places_answer(
    described: str, place: str | None, which_building: bool
) -> None:
    told = told_at(described, _ENV)
    assert told.get("place", {}).get("text") == place
    assert from_here(told.get("place")) is which_building


async def test_a_tip_that_says_where_is_asked_only_which_building(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, officer_chat: Chat
) -> None:
    """举报 楼下有人吸毒 was asked 事情发生在哪里？ though it had said 楼下; 楼下 answered
    there was taken, and the officer read 地点：楼下 with no idea of which building."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("举报 楼下有人吸毒")
    assert "已记下地点：楼下" in started
    asked = await resident.say("跳过")  # the photos
    assert "事情发生在哪里" not in asked and "哪个小区、哪栋楼" in asked
    # The building said from here again names none.
    assert "请写小区或楼栋的名字" in await resident.say("就在楼下")
    assert "大概是什么时候" in await resident.say("和平路1号")
    summary = await resident.say_all("跳过", "匿名提交")
    assert "地点：楼下" in summary and "所在小区/楼栋：和平路1号" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.beat_id == seeded.beat.id  # the building found the beat
    detail = await officer_chat.say(f"/线索 {tip.id}")
    assert "地点：楼下（和平路1号）" in detail, detail


async def test_a_place_from_here_typed_at_the_place_question_asks_which_building(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """隔壁 typed at 事情发生在哪里 was the whole place; it may be skipped, as the place is."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人在砸东西，声音很大", "其他", "跳过")
    assert "哪个小区、哪栋楼" in await resident.say("隔壁")
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert "地点：隔壁" in summary and "所在小区/楼栋：（无）" in summary, summary


async def test_a_place_named_in_the_tip_is_not_asked_for_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The tip said 幸福里小区5栋…, yet the bot asked 事情发生在哪里？."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报")
    await resident.say("幸福里小区5栋3单元经常有人半夜吵闹打架")
    asked = await resident.say_all("其他", "跳过")  # the category, the photos
    assert "事情发生在哪里" not in asked and "默认匿名" in asked, asked  # 半夜 is the time
    summary = await resident.say("匿名提交")
    assert "地点：幸福里小区5栋3单元" in summary, summary


async def test_an_answer_pointing_back_stores_the_place_not_the_words(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """上面说了啊 幸福里5栋 was stored as the place: the officer read 地点：上面说了啊 幸福里5栋.
    上面说了 alone takes the place from the description; with none there, it is asked."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "经常有人在吵闹，声音很大", "其他", "跳过")
    assert "大概是什么时候" in await resident.say("上面说了啊 幸福里5栋")
    summary = await resident.say_all("跳过", "匿名提交")
    assert "· 地点：幸福里5栋\n" in summary and "上面说了" not in summary, summary

    other = Chat(dispatcher, "resident-2")
    await other.say_all("举报", "有人半夜在吵闹，声音很大", "其他", "跳过")
    assert "没有具体地点" in await other.say("上面说了")


async def test_a_school_in_a_pupils_word_is_no_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """楼下小卖部卖烟给小学生 was summed up as 地点：小学, taken from 小学生, and the place
    question was skipped: 小学生 is a person, and where it happened is asked."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报 楼下小卖部卖烟给小学生")
    asked = await resident.say_all("其他", "跳过")  # the category, the photos
    assert "事情发生在哪里" in asked or "哪个小区、哪栋楼" in asked, asked
    summary = await resident.say_all("幸福里5号楼", "跳过", "匿名提交")
    assert "地点：小学" not in summary and "幸福里5号楼" in summary, summary


@pytest.mark.parametrize(
    ("said", "someone"),
    [
        ("男的，三十多岁，穿黑衣服", True),
        ("一个穿黑衣服的男的", True),
        ("高个子，戴帽子", True),
        ("四十来岁的女的，短头发", True),
        # Places, some with a word of a person's looks in their name.
        ("和平路1号", False),
        ("小区门口", False),
        ("胖东来", False),
        ("穿黑衣服的男的在菜市场门口", False),  # says where, too: the place's to read
        ("楼下", False),
    ],
)
def test_a_description_of_someone_is_told_from_a_place(said: str, someone: bool) -> None:
    assert describes_someone(said) is someone


async def test_a_person_described_at_the_place_question_is_kept_and_the_place_asked_again(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """男的，三十多岁，穿黑衣服 at 事情发生在哪里 had been kept as the place: the officer read
    地点：男的，三十多岁，穿黑衣服, and the person was in no description."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人在卖假烟，好几次了", "其他", "跳过")
    asked = await resident.say("男的，三十多岁，穿黑衣服")
    assert "已补充到情况描述" in asked and "男的，三十多岁，穿黑衣服" in asked, asked
    assert "事情发生在哪里" in asked and "完成" not in asked, asked
    summary = await resident.say_all("和平路1号", "跳过", "匿名提交")
    assert "地点：和平路1号" in summary, summary
    assert "情况描述：有人在卖假烟，好几次了；人员特征：男的，三十多岁，穿黑衣服" in summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    told = services.cipher.decrypt(tip.text_enc, "tip.text")
    assert "人员特征：男的，三十多岁，穿黑衣服" in told
    place = services.cipher.decrypt(tip.place_enc, "tip.place") if tip.place_enc else ""
    assert "穿黑衣服" not in place and "和平路1号" in place
