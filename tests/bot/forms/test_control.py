"""The form's own words at a step: 算了 said with more is the step's answer when the step
reads it as one."""

from __future__ import annotations

from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_giving_up_a_step_is_its_answer_not_giving_up_the_form(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """算了 还是匿名吧 at the tip's phone (after 留下电话) got 要放弃本次举报吗？: 算了 drops
    the phone, and 匿名 is an answer there."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    assert "请输入您的电话" in await resident.say("留下电话")
    summary = await resident.say("算了 还是匿名吧")
    assert "要放弃" not in summary
    assert "联系方式：匿名（不留电话" in summary and "联系电话" not in summary
    # At the summary, giving up the form in a sentence of its own still does so.
    assert "已取消举报" in await resident.say("算了不报了 太麻烦")


async def test_giving_up_with_why_at_a_free_text_step_still_asks(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """A place takes any words: 算了 said with more there is not kept as one."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过")
    asked = await resident.say("算了 不想说了")
    assert "要放弃本次举报吗" in asked
