"""`举报`: what an offer to report was made for starts the tip only right after it."""

from __future__ import annotations

from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_a_tip_started_after_other_messages_is_not_about_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    """打架了怎么处理, 查询, 谢谢, 举报 started a tip 已记下情况：打架了怎么处理: the offer
    was kept for 30 minutes, whatever was said in between."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    await resident.say("查询")
    await resident.say("谢谢")
    started = await resident.say("举报")
    assert "已记下情况" not in started and "请描述您看到的情况" in started
    await resident.say("取消")
    # Right after the offer, 举报 typed (not only the button) still takes what was told.
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    assert "已记下情况：楼下有人吸毒怎么办" in await resident.say("举报")


async def test_a_tip_started_after_a_full_text_and_other_messages_is_not_about_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    """楼下有人吸毒怎么办, 全文 1, 谢谢, 查询, 举报 started a tip 已记下情况：楼下有人吸毒怎么办:
    the question's page kept the offer's story whatever was said after it."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    await resident.say("全文 1")
    clock.advance(minutes=1)
    await resident.say("谢谢")
    await resident.say("查询")
    started = await resident.say("举报")
    assert "已记下情况" not in started and "请描述您看到的情况" in started
    await resident.say("取消")
    # Pages of the question read one after another, then 举报: still the offer's.
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    await resident.say_all("全文 1", "全文 2")
    assert "已记下情况：楼下有人吸毒怎么办" in await resident.say("举报")
