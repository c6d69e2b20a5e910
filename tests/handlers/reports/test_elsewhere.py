"""A matter reported in person (a beating, a robbery) is told how to report it, not shown
the menu of kinds that do not fit it."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.reports.elsewhere import ASSAULT, ROBBERY, matter_of
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.fixture
def chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-9")


@pytest.mark.parametrize(
    ("told", "matter"),
    [
        ("被人打了", ASSAULT),
        ("昨晚在烧烤摊被两个人打伤了", ASSAULT),
        ("有人打我", ASSAULT),
        ("我的包被抢了", ROBBERY),
        ("被打了疫苗", None),
        ("被老师打了低分", None),
        ("我的电动车被偷了", None),  # a self-service report
    ],
)
def test_the_matter_is_read_from_what_is_told(told: str, matter: object) -> None:
    assert matter_of(told) is matter


async def test_a_beating_named_at_report_gets_how_to_report_it(chat: Chat) -> None:
    """/报案 被人打了 had got 暂不支持「被人打了」的自助报案 and the menu of thefts."""
    reply = await chat.say("/报案 被人打了")
    assert "不能在这里自助报案" in reply and "拨打110或到派出所报案" in reply
    assert "暂不支持" not in reply and "电信网络诈骗" not in reply
    assert "转给民警" in reply


async def test_report_right_after_a_beating_is_told_gets_how_to_report_it(chat: Chat) -> None:
    await chat.say("我被人打了")
    reply = await chat.say("报案")
    assert "被人殴打、打伤不能在这里自助报案" in reply and "请选择类型" not in reply
    # The beat officer, one tap away, hears what was told.
    assert "已把您的问题转给民警" in await chat.say("转给民警")


async def test_report_after_other_messages_shows_the_kinds_not_the_earlier_matter(
    chat: Chat,
) -> None:
    """打架了怎么处理, 查询, 谢谢, 报案 had got 不能在这里自助报案 with only 转给民警: a dead end
    for someone who came to report a theft."""
    await chat.say_all("打架了怎么处理", "查询", "谢谢")
    reply = await chat.say("报案")
    assert "请选择类型" in reply and "不能在这里自助报案" not in reply
    assert "/报案 电动车/自行车被盗" in chat.buttons()
