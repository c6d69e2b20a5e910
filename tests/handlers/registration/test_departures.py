"""A guest gone and another leaving later, said in one sentence, in either order."""

from __future__ import annotations

from datetime import date

import pytest

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

LI_ID = build_resident_id("110105", date(1990, 3, 1), 357)
ZHAO_ID = build_resident_id("110105", date(1992, 5, 6), 22)


async def _register(owner_chat: Chat, name: str, number: str, room: str) -> None:
    said = ("登记", name, "身份证", number, "跳过", room, "现在", "跳过", "确认")
    assert "登记成功" in await owner_chat.say_all(*said)
    await owner_chat.say("完成")


async def _room_of_two(owner_chat: Chat) -> None:
    """王大明 and 李强 in 302, no check-out day said."""
    await _register(owner_chat, "王大明", GUEST_ID, "302")
    said = ("同住", "李强", "身份证", LI_ID, "跳过", "确认")
    assert "登记成功" in await owner_chat.say_all(*said)
    await owner_chat.say("完成")


@pytest.mark.parametrize(
    "said", ["302明天才走，李强退了", "李强退了，302明天才走", "李强退了，另一个明天才走"]
)
async def test_one_guest_gone_and_the_rest_of_the_room_staying_on(
    owner_chat: Chat, said: str
) -> None:
    """302明天才走，李强退了, 李强 one of 302's two guests: 李强 had been the one offered
    a 续住 to tomorrow, and his check-out dropped."""
    await _room_of_two(owner_chat)
    offered = await owner_chat.say(said)
    assert "退房 302 李强" in offered and "续住 302 明天" in offered, offered
    out, later = owner_chat.buttons()
    # Pressed first, the new day is the guest's who stays, not 李强's too.
    assert "302 房间（王**）预计退房改为 明天" in await owner_chat.say(later)
    assert "302 房间 1 位旅客已办理退房：李*" in await owner_chat.say(out)
    listing = await owner_chat.say("在住旅客")
    assert "在住旅客共 1 人" in listing and "王**" in listing, listing


@pytest.mark.parametrize("said", ["赵敏明天才走，李强退了", "李强退了，赵敏明天才走"])
async def test_two_guests_named_one_gone_one_leaving_tomorrow(owner_chat: Chat, said: str) -> None:
    """赵敏明天才走，李强退了 had been offered a bare 续住, which asked for the room."""
    await _register(owner_chat, "李强", LI_ID, "301")
    await _register(owner_chat, "赵敏", ZHAO_ID, "303")
    offered = await owner_chat.say(said)
    assert "退房 301 李强" in offered and "续住 303 明天" in offered, offered
    out, later = owner_chat.buttons()
    assert "301 房间 1 位旅客已办理退房：李*" in await owner_chat.say(out)
    assert "303 房间（赵*）预计退房改为 明天" in await owner_chat.say(later)


@pytest.mark.parametrize(
    "said",
    ["302退了，303的客人明天才走", "303的客人明天才走，302退了", "303明天走，302退房了"],
)
async def test_a_room_gone_and_a_room_leaving_tomorrow_in_either_order(
    owner_chat: Chat, said: str
) -> None:
    """302退了，303的客人明天才走 had been offered 续住 302 明天 (the room said first), and
    303明天走，302退房了 a check-out of both rooms now."""
    await _register(owner_chat, "王大明", GUEST_ID, "302")
    await _register(owner_chat, "赵敏", ZHAO_ID, "303")
    offered = await owner_chat.say(said)
    assert "退房 302" in offered and "续住 303 明天" in offered, offered
    assert "退房 303" not in offered and "续住 302" not in offered, offered
    out, later = owner_chat.buttons()
    assert "302 房间 1 位旅客已办理退房" in await owner_chat.say(out)
    assert "303 房间（赵*）预计退房改为 明天" in await owner_chat.say(later)


@pytest.mark.parametrize(
    ("said", "offered"),
    [("李强退了", "退房 302 李强"), ("302已经退了", "退房 302"), ("李强也退了", "退房 302 李强")],
)
async def test_a_guest_or_room_said_gone_alone_is_offered_its_check_out(
    owner_chat: Chat, said: str, offered: str
) -> None:
    """李强退了 alone, the other half of 302明天才走，李强退了, had got 没有理解."""
    await _room_of_two(owner_chat)
    assert f"您是想用「{offered}」" in await owner_chat.say(said)
    assert "您是想" not in await owner_chat.say("先不退了")
