"""A question about the tip itself asked while filling it in: answered in the tip's own
words, and the form goes on where it was."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.tips.case_question import asks_of_the_tip
from tests.support.chat import Chat
from tests.support.seed import Seeded

START = ("举报", "楼下小卖部天天卖烟给小孩子", "其他")


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("这种情况警察会管吗", True),
        ("警察管不管啊", True),
        ("举报了有用吗？", True),
        ("我这样举报会不会被报复", True),
        ("他们会知道是我举报的吗", True),
        # What happened, a place, a yes: no question of the tip.
        ("楼下有人吸毒，警察管不管", False),
        ("和平路1号", False),
        ("好的", False),
        ("没拍 不敢拍", False),  # the photo's, not the tip's: there is none
        ("不登记身份证会罚款吗", False),  # the law's, not the tip's
    ],
)
def test_a_question_of_the_tip_itself_is_told_apart(said: str, asked: bool) -> None:
    assert asks_of_the_tip(said) is asked


async def test_will_the_police_act_at_the_photos_is_answered_and_the_photos_wait(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """这种情况警察会管吗 at the photos had got the law search's 没有找到…相关的法律条文."""
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say_all(*START)
    reply = await resident.say("这种情况警察会管吗")
    assert "社区民警" in reply and "查询码" in reply, reply
    assert "法律条文" not in reply and "《" not in reply
    assert "跳过" in resident.buttons()  # still the photo step
    assert "事情发生在哪里" in await resident.say("跳过")


async def test_a_fear_of_revenge_mid_tip_is_answered_without_starting_another(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我这样举报会不会被报复 at the photos had got the answer for one still to report, with
    a 「匿名举报」 button to start the tip being filled."""
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say_all(*START)
    reply = await resident.say("我这样举报会不会被报复")
    assert "民警只看到一个代号" in reply and "不会告诉被举报的人" in reply, reply
    assert "/举报" not in resident.buttons() and "想好了" not in reply
    # At the place too, and the place asked again.
    await resident.say("跳过")
    reply = await resident.say("这种情况警察会管吗")
    assert "社区民警" in reply and "事情发生在哪里" in reply, reply
    summary = await resident.say_all("和平路1号", "跳过", "匿名提交")
    assert "情况描述：楼下小卖部天天卖烟给小孩子" in summary and "会管" not in summary
