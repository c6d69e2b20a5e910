"""How officers write reviews: deadlines as dates or days, and mistakes explained."""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.handlers.inspection.support import inspect_hotel
from tests.support.chat import Chat
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_deadlines_and_usage(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    owner = RichChat(dispatcher, "owner")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    officer = Chat(dispatcher, "officer")
    assert "期限 2026-11-26" in await officer.say("/审核 1 整改 3 清走电动车 3天")
    assert "期限 2026-11-30" in await officer.say("/审核 1 整改 第一项 清理杂物")  # 7 days
    # 12月5日前 had been kept in the note while the default deadline was sent beside it.
    assert "期限 2026-12-05" in await officer.say("/审核 1 整改 第2项 更换灭火器 12月5日前")
    assert "期限 2026-11-28" in await officer.say("/审核 1 整改 第2项 更换灭火器 5天内")
    assert "没有第9项" in await officer.say("/审核 1 整改 第9项 说明")
    assert "请写明需要整改的内容" in await officer.say("/审核 1 整改 第2项 12月1日")
    assert "不能早于今天" in await officer.say("/审核 1 整改 第2项 换新的 2026-11-01")
    assert "用法" in await officer.say("/审核 1 随便")
    assert "用法" in await officer.say("/审核")
    assert "没有找到自查 #9" in await officer.say("/审核 9")
    # 电动车充电 was answered 否: passing it anyway takes a second word.
    warned = await officer.say("/审核 1 通过")
    assert "第3项「电动车充电」仍为「否」" in warned and "/审核 1 通过 确认" in warned
    assert "已通过" in await officer.say("/审核 1 通过 确认")
    assert "已经审核通过" in await officer.say("/审核 1 通过")
