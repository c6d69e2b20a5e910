"""A tipster who left a phone takes it back (刚才那个举报我还是想匿名 把我电话删了)."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.seed import Seeded

DROP = "刚才那个举报我还是想匿名 把我电话删了"


async def test_the_phone_left_with_a_tip_is_removed_on_request(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """It had got 「这里还不能删了举报」, misread as deleting the tip, and the phone stayed."""
    tipster = Chat(dispatcher, "resident-1")
    await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大", phone="13812345678")
    said = await tipster.say(DROP)
    assert "已删除" in said and "电话" in said and "不能删" not in said, said
    [tip] = await tips(services)
    assert tip.contact_enc is None
    # The officer's view of the tip no longer shows it.
    shown = await Chat(dispatcher, "officer").say(f"/线索 #{tip.id}")
    assert "13812345678" not in shown and "138" not in shown


async def test_a_tip_an_officer_already_read_is_said_to_have_been_seen(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster = Chat(dispatcher, "resident-1")
    await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大", phone="13812345678")
    [tip] = await tips(services)
    await Chat(dispatcher, "officer").say(f"/线索 #{tip.id}")
    said = await tipster.say(DROP)
    assert "已删除" in said and "民警已经看过" in said, said


async def test_an_anonymous_tip_is_said_to_have_no_phone(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大"))
    said = await tipster.say(DROP)
    assert "没有留电话" in said and code in said and "不能删" not in said, said
