"""`/自查` as the owner's way back to their own inspections."""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.handlers.inspection.support import submitted_inspection
from tests.support.chat import Chat
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_an_owner_lists_their_inspections_and_what_each_waits_for(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/自查 列表 started a new 15-question inspection, and 我的自查 offered one: an owner
    who lost the officer's notice had no way back to a rectification."""
    owner = RichChat(dispatcher, "owner")
    assert "还没有提交过消防安全自查" in await owner.say("/自查 记录")
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 电动车搬走 3天")
    listed = await owner.say("/自查 列表")
    assert "您最近的消防安全自查" in listed and "#1" in listed and "平安旅馆" in listed
    assert "待整改（隐患1项）" in listed and "【" not in listed  # no form question
    assert owner.buttons() == ["/自查 整改 1", "/自查 新"]
    assert "您最近的消防安全自查" in await owner.say("我的自查")
    assert "电动车充电" in await owner.say(owner.buttons()[0])
