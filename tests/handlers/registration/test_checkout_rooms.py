"""Several rooms checked out in one message: 退房 101 203, 101和203都退房了."""

from __future__ import annotations

from datetime import date

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

OTHER_ID = build_resident_id("110105", date(1990, 3, 1), 357)


async def _two_rooms(owner_chat: Chat) -> None:
    for name, number, room in (("王小明", GUEST_ID, "101"), ("李四", OTHER_ID, "203")):
        said = ("登记", name, "身份证", number, "跳过", room, "现在", "跳过", "确认")
        assert "登记成功" in await owner_chat.say_all(*said)
        await owner_chat.say("完成")


async def test_two_rooms_typed_after_the_command_are_both_checked_out(owner_chat: Chat) -> None:
    """/退房 101 203 had read 203 as a guest's name: 101 房间没有在住的这位旅客."""
    await _two_rooms(owner_chat)
    done = await owner_chat.say("/退房 101 203 305")
    assert "已办理退房" in done and "101 房间 1 位：王*" in done and "203 房间 1 位：李*" in done
    assert "未退房" in done and "305：没有在住旅客" in done
    assert owner_chat.buttons()[0].startswith("/撤销退房")
    assert "目前没有在住旅客" in await owner_chat.say("退房")
    # Sent again: they left, not a mistyped room (请核对房间号 had said so).
    again = await owner_chat.say("/退房 101 203")
    assert "101：已于 今天 10:00 办理退房" in again and "203：已于 今天 10:00" in again
    assert "请核对房间号" not in again


async def test_two_rooms_said_in_a_sentence_are_offered_together(owner_chat: Chat) -> None:
    """101和203都退房了 offered only 「退房 101」, 203 silently dropped."""
    await _two_rooms(owner_chat)
    await owner_chat.say("101和203都退房了")
    assert owner_chat.buttons() == ["/退房 101 203"]
    done = await owner_chat.say("/退房 101 203")
    assert "101 房间 1 位" in done and "203 房间 1 位" in done
    undone = await owner_chat.say(owner_chat.buttons()[0])
    assert "已撤销 平安旅馆 101、203 房间的退房，王**、李* 仍在住" in undone
