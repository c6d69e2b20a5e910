"""退房's own question (谁退房？) answered in words, as at the desk."""

from __future__ import annotations

from datetime import date

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

SECOND = build_resident_id("110101", date(1987, 6, 1), 3)
CHILD = build_resident_id("110101", date(2015, 6, 1), 5)


async def _two_in(owner_chat: Chat, room: str, other: str, name: str) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", room, "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", name, "身份证", other, "跳过")
    if other == CHILD:
        await owner_chat.say_all("是", "13900001234", "父亲")
    await owner_chat.say("确认")


async def test_everyone_said_under_the_rooms_buttons_checks_out_that_room(
    owner_chat: Chat,
) -> None:
    """都走了 under 305's 谁退房？ got 「您是想「退房」吗？」, whose 1 listed every room."""
    await _two_in(owner_chat, "305", SECOND, "李娜")
    assert "谁退房" in await owner_chat.say("退房 305")
    done = await owner_chat.say("都走了")
    assert "305 房间 2 位旅客已办理退房" in done
    # Not under those buttons, the words are what they were.
    assert "已办理退房" not in await owner_chat.say("都走了")


async def test_the_adults_said_leave_the_child_who_is_told_of(owner_chat: Chat) -> None:
    await _two_in(owner_chat, "306", CHILD, "王小宝")
    await owner_chat.say("退房 306")
    done = await owner_chat.say("大人走了")
    assert "306 房间 1 位旅客已办理退房：王**" in done
    assert "306 房间还有未成年旅客 王** 在住" in done


async def test_a_count_that_is_not_the_rooms_asks_who_leaves(owner_chat: Chat) -> None:
    """两个都走 at a room of three had checked all three out: who is asked again."""
    await _two_in(owner_chat, "305", SECOND, "李娜")
    third = build_resident_id("110101", date(1988, 6, 1), 7)
    await owner_chat.say_all("同住", "赵敏", "身份证", third, "跳过", "确认")
    assert "305 房间有 3 位在住旅客" in await owner_chat.say("退房 305")
    asked = await owner_chat.say("两个都走")
    assert "已办理退房" not in asked and "谁退房" in asked and "有 3 位" in asked
    assert "305 房间 3 位旅客已办理退房" in await owner_chat.say("三个都走了")


async def test_not_checking_out_said_under_a_checkout_is_understood(owner_chat: Chat) -> None:
    """算了先不退 after 退房 (or its 谁退房？) had got 没有理解: nothing is checked out."""
    await _two_in(owner_chat, "305", SECOND, "李娜")
    assert "请选择退房的房间" in await owner_chat.say("退房")
    declined = await owner_chat.say("算了先不退")
    assert declined.startswith("好的，未办理退房。"), declined
    assert "谁退房" in await owner_chat.say("退房 305")
    assert (await owner_chat.say("不退了")).startswith("好的，未办理退房。")
    assert "谁退房" in await owner_chat.say("退房 305")  # both still in
    assert (await owner_chat.say("先不退")).startswith("好的，未办理退房。")
    # With no checkout asked (the last one answered), the words are not taken for one.
    assert "未办理退房" not in await owner_chat.say("算了先不退")
