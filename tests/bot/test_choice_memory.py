"""A bare number answers the buttons just shown, and only those."""

from __future__ import annotations

from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

CHECK_IN = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认")


async def test_a_number_picks_from_the_list_just_shown(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    assert "请选择退房的房间" in await owner_chat.say("退房")
    assert "302 房间 1 位旅客已办理退房" in await owner_chat.say("1")


async def test_a_reply_without_buttons_retires_the_old_list(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    await owner_chat.say("退房")
    assert "在住旅客共 1 人" in await owner_chat.say("在住旅客")  # no buttons
    assert "已办理退房" not in await owner_chat.say("1")
    assert "在住旅客共 1 人" in await owner_chat.say("在住旅客")


async def test_pointing_back_to_the_list_keeps_it(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    await owner_chat.say("退房")
    assert "请先回复上面选项的序号" in await owner_chat.say("zzz")
    assert "已办理退房" in await owner_chat.say("1")
