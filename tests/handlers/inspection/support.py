"""A hotel owner's self-inspection, answered item by item."""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat

EBIKE_NOTE = "楼道里有两辆电动车在充电 今天搬走"


async def inspect_hotel(owner: RichChat, settings: Settings) -> str:
    """Answer the built-in checklist for a hotel: everything fine but the e-bikes."""
    assert "场所：平安旅馆" in await owner.say("/自查")
    assert "请拍一张「安全出口」的照片" in await owner.say("是的")  # as owners answer
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    assert "请简要说明「电动车充电」的情况" in await owner.say("否")
    assert "【电气线路】" in await owner.say(EBIKE_NOTE)
    await owner.say("是")
    await owner.photo(stored_photo(settings, "green"))
    return await owner.say_all("正常", "对的", "会")  # 应急设施, 用火用气, 员工培训


async def submitted_inspection(dispatcher: Dispatcher, settings: Settings) -> RichChat:
    """The hotel owner's chat, once their self-inspection (#1) is submitted."""
    owner = RichChat(dispatcher, "owner")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    return owner
