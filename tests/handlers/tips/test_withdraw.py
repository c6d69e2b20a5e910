"""A tipster takes back their own tip: 撤回 / 撤销 查询码, or 我不想举报了 撤回."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import TipStatus
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


async def test_a_tip_is_withdrawn_by_its_code_and_the_officer_told(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """撤销 CODE had got 没有理解."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    done = await resident.say(f"撤销 {code}")
    assert done.startswith(f"✅ 已撤回查询码 {code} 的举报") and "没有理解" not in done
    [tip] = await tips(services)
    assert tip.status is TipStatus.WITHDRAWN
    assert "举报人已撤回这条举报" in (await texts_to(services, "officer"))[-1]
    assert "已撤回" in await resident.say(f"查询 {code}")
    assert "已经撤回了" in await resident.say(f"撤回 {code}")
    officer = Chat(dispatcher, "officer")
    assert "目前没有待处理的线索" in await officer.say("/线索")
    assert "已撤回" not in await officer.say("/线索状态 1 办完了")  # not the officer's to set


async def test_said_in_words_the_latest_open_tip_is_offered_to_withdraw(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """我不想举报了 撤回 had been offered 「是，举报」: a new tip."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    asked = await resident.say("我不想举报了 撤回")
    assert "确定要撤回" in asked and code in asked and "是，举报" not in asked
    [button] = resident.buttons()
    assert (await tips(services))[0].status is TipStatus.RECEIVED  # nothing on a guess
    assert "已撤回" in await resident.say(button)
    assert (await tips(services))[0].status is TipStatus.WITHDRAWN


async def test_a_closed_tip_or_another_persons_cannot_be_withdrawn(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    assert "只能用提交举报的账号" in await Chat(dispatcher, "resident-2").say(f"撤回 {code}")
    assert (await tips(services))[0].status is TipStatus.RECEIVED
    await Chat(dispatcher, "officer").say("/线索状态 1 已处理")
    refused = await resident.say(f"撤回 {code}")
    assert "无法撤回" in refused and "已处理" in refused
    assert (await tips(services))[0].status is TipStatus.HANDLED


async def test_a_tip_offered_to_withdraw_today_reads_today(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """涉赌，11-23 10:00 on the 23rd itself had read as another day."""
    resident = Chat(dispatcher, "resident-1")
    await submit_tip(resident, "菜市场东门每天下午有人设赌局")
    await submit_tip(resident, "3栋楼下有人聚众赌博")
    asked = await resident.say("我不想举报了 撤回")
    assert "今天 10:00" in asked and "11-23" not in asked, asked
