"""How an officer's words send items back: which items, each one's note, and by when."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.inspection.support import submitted_cafe_inspection
from tests.support.chat import Chat
from tests.support.clock import FakeClock, dated_day, said_day
from tests.support.outbox import texts_to
from tests.support.seed import Seeded

CAFE = "owner-internet_cafe"


@pytest.mark.parametrize(
    ("said", "note"),
    [
        ("第3项 网管不能住店里 马上", "网管不能住店里"),
        ("第3项 网管不能住店里，立即", "网管不能住店里"),
        ("第3项 今晚起不能在店里住人", "不能在店里住人"),
        ("第3项 立刻 网管搬出去", "网管搬出去"),
        ("第3项 网管今天必须搬出去", "网管今天必须搬出去"),
    ],
)
async def test_at_once_is_a_deadline_of_today_not_part_of_the_note(
    dispatcher: Dispatcher,
    seeded: Seeded,
    services: Services,
    settings: Settings,
    said: str,
    note: str,
) -> None:
    """第3项 网管不能住店里 马上 was noted 「网管不能住店里 马上（期限 12-08）」, and the
    owner, told at the submission 今晚起请不要在店内住人, was told to fix it within a week:
    马上, 立即, 今晚 are today, and no words of the requirement."""
    cafe = await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    noted = await officer.say(said)
    assert f"第3项「无人住宿」：{note}（期限 今天）\n" in noted, noted
    assert "期限 今天，已通知负责人" in await officer.say("发送")
    [notice] = [t for t in await texts_to(services, CAFE) if "需要整改" in t]
    assert f"需要整改：\n{note}\n" in notice, notice
    assert f"请在今天（{dated_day(0)}）内整改" in notice and dated_day(7) not in notice
    # The rectification names it so too (今天 前 had read as a day already past).
    redo = await cafe.say("/自查 整改 1")
    assert f"第3项「无人住宿」：{note}（今天内）" in redo, redo


async def test_deadlines_are_said_as_dates_while_items_are_noted(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """（期限 11-26） under the 整改 button, where the rest of the bot says 11月26日."""
    await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    noted = await officer.say("第2项 灭火器换新 3天")
    assert f"第2项「灭火器」：灭火器换新（期限 {said_day(3)}）\n" in noted, noted
    assert "11-26" not in noted
    # 今天 telling when it was seen is no deadline.
    noted = await officer.say("第3项 今天检查发现网管住店里")
    assert f"第3项「无人住宿」：今天检查发现网管住店里（期限 {said_day(7)}）\n" in noted, noted


@pytest.mark.parametrize(
    "said",
    [
        "灭火器3天内换好，网管不能住店里，实名上网要一人一证 下周一前整改完",
        "灭火器3天内换好 网管不能住店里 实名上网要一人一证 下周一前整改完",
    ],
)
async def test_each_clause_of_one_sentence_goes_to_the_item_it_is_about(
    dispatcher: Dispatcher,
    seeded: Seeded,
    services: Services,
    settings: Settings,
    clock: FakeClock,
    said: str,
) -> None:
    """灭火器3天内换好，网管不能住店里，实名上网要一人一证 下周一前整改完 was all item 2's
    note, with its three days: each clause is the item it names (网管 is the 无人住宿 of the
    owner's own note), each with its own deadline, the one said last for those without."""
    await submitted_cafe_inspection(dispatcher, services, seeded)
    clock.advance(days=1)  # a Tuesday: 下周一 is six days on, the default seven
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    noted = await officer.say(said)
    monday = said_day(6, clock)
    assert f"第2项「灭火器」：3天内换好（期限 {said_day(3, clock)}）\n" in noted, noted
    assert f"第3项「无人住宿」：网管不能住店里（期限 {monday}）\n" in noted, noted
    assert f"第8项「实名上网」：要一人一证（期限 {monday}）\n" in noted, noted
    await officer.say("发送")
    [notice] = [t for t in await texts_to(services, CAFE) if "需要整改" in t]
    assert f"第3项「无人住宿」：网管不能住店里（{dated_day(6, clock)} 前）" in notice, notice


async def test_a_clause_about_the_same_item_stays_in_its_note(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """Only a clause about another item starts that item's note: 灭火器过期，三天内更换 and
    网管不能住店里，晚上也不行 are one note each."""
    await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    noted = await officer.say("第2项 灭火器过期，三天内更换")
    assert f"第2项「灭火器」：灭火器过期，三天内更换（期限 {said_day(3)}）\n" in noted, noted
    noted = await officer.say("第3项 网管不能住店里，晚上也不行，店里要配齐")
    assert "第3项「无人住宿」：网管不能住店里，晚上也不行，店里要配齐（" in noted, noted
