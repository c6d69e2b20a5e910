"""More said about a tip already made (补充一下 …) is offered to be added to it."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


async def test_more_said_after_a_tip_is_offered_to_be_added_to_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """补充一下 … had got 没有理解, and 我刚才举报的那个赌场 再补充一点 … the offer of 查询."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))

    offered = await resident.say("补充一下 刚才又看到他在楼下跟人交易 车牌是浙A12345")
    assert "补充到您最近的举报" in offered and code in offered and "没有理解" not in offered
    [button] = resident.buttons()
    assert button == f"回复 {code} 刚才又看到他在楼下跟人交易 车牌是浙A12345"
    assert "已转告民警" in await resident.say(button)
    assert "车牌是浙A12345" in (await texts_to(services, "officer"))[-1]

    offered = await resident.say("我刚才举报的那个赌场 再补充一点 老板叫王建国")
    assert "补充到您最近的举报" in offered and "是想「查询」" not in offered
    assert resident.buttons() == [f"回复 {code} 我刚才举报的那个赌场 再补充一点 老板叫王建国"]


async def test_with_nothing_open_more_is_not_offered(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    assert "补充到您最近的" not in await resident.say("补充一下 刚才又看到他在楼下跟人交易")
