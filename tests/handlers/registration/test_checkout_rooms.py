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


SON_ID = build_resident_id("110105", date(2001, 6, 1), 11)


async def test_a_check_out_and_an_earlier_day_said_together_are_both_offered(
    owner_chat: Chat,
) -> None:
    """李强也退了，还有302那父子俩明天才走 offered only 「续住 302 明天」: 李强's check-out
    was dropped, and moving 302 from 后天 to 明天 is no 续住."""
    said = ("登记", "李强", "身份证", OTHER_ID, "跳过", "301", "现在", "跳过", "确认")
    assert "登记成功" in await owner_chat.say_all(*said)
    await owner_chat.say("完成")
    father = ("登记", "王大明", "身份证", GUEST_ID, "跳过", "302", "现在", "后天", "确认")
    assert "登记成功" in await owner_chat.say_all(*father)
    await owner_chat.say_all("同住", "王小明", "身份证", SON_ID, "跳过", "确认")
    offered = await owner_chat.say("李强也退了，还有302那父子俩明天才走")
    assert "退房 301 李强" in offered and "302" in offered and "续住" not in offered, offered
    out, earlier = owner_chat.buttons()
    assert "301 房间 1 位旅客已办理退房：李*" in await owner_chat.say(out)
    moved = await owner_chat.say(earlier)
    assert "302 房间（王**、王**）预计退房提前到 明天" in moved and "续住" not in moved, moved


async def test_a_room_said_without_its_dash_is_the_room_in_the_house(owner_chat: Chat) -> None:
    """A2退房了 got 「A2 房间没有在住旅客」: the guest is in A-2."""
    said = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "A-2", "现在", "跳过", "确认")
    assert "登记成功" in await owner_chat.say_all(*said)
    await owner_chat.say("完成")
    await owner_chat.say("A2退房了")
    assert "A-2 房间 1 位旅客已办理退房" in await owner_chat.say(owner_chat.buttons()[0])
