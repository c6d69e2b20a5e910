"""The guests of one room told apart on the buttons that choose among them, and named in a
sentence by the name the owner knows."""

from __future__ import annotations

from datetime import date

from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
WIFE = build_resident_id("110105", date(1990, 1, 2), 318)
CHILD = build_resident_id("110105", date(2014, 1, 2), 317)


async def _family(owner_chat: Chat) -> None:
    """王小明 (born 1992), 李娜 (1990) and 王小红 (2014) in 302, checked in on 11-23."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    await owner_chat.say_all(f"/同住 {number}", "李娜", "身份证", WIFE, "跳过", "确认")
    await owner_chat.say_all(f"/同住 {number}", "王小红", "身份证", CHILD, "跳过", "不是")
    assert "登记成功" in await owner_chat.say_all("13700001111", "母亲", "确认")


def _labels(chat: Chat) -> list[str]:
    return [b.label for r in chat.last or [] if isinstance(r, Choices) for b in r.buttons]


async def test_each_guest_to_choose_from_says_what_tells_them_apart(owner_chat: Chat) -> None:
    """退房 302 had listed 王**、李*、王** alone: the owner could hardly tell them apart."""
    await _family(owner_chat)
    told = [
        f"王**（男，30多岁，证件尾号{GUEST_ID[-4:]}，今天入住）",
        f"李*（女，30多岁，证件尾号{WIFE[-4:]}，今天入住）",
        f"王**（男孩，证件尾号{CHILD[-4:]}，今天入住）",
    ]
    assert "谁退房" in await owner_chat.say("退房 302")
    assert _labels(owner_chat) == ["全部 3 位", *told]
    assert "谁续住" in await owner_chat.say("续住 302 2天")
    assert _labels(owner_chat) == ["全部 3 位", *told]
    assert "改哪位的房间" in await owner_chat.say("更正登记 302 303")
    assert _labels(owner_chat) == ["全部 3 位", *told]
    # 李娜 typed for her button is still her.
    await owner_chat.say("退房 302")
    assert "302 房间 1 位旅客已办理退房：李*" in await owner_chat.say("李娜")


async def test_a_guest_named_as_leaving_is_offered_alone(owner_chat: Chat) -> None:
    """王小明先走了，老婆孩子还住 had been offered a bare 「退房」, which started over."""
    await _family(owner_chat)
    await owner_chat.say("王小明先走了，老婆孩子还住")
    assert owner_chat.buttons() == ["/退房 302 王小明"]
    # Under 退房's own question too, where it had been the same bare offer.
    await owner_chat.say("退房 302")
    await owner_chat.say("王小明先走了，老婆孩子还住")
    assert owner_chat.buttons() == ["/退房 302 王小明"]
    left = await owner_chat.say(owner_chat.buttons()[0])
    assert "302 房间 1 位旅客已办理退房：王**" in left
    await owner_chat.say("王小明再住两天")  # gone: no guest of that name in the house
    assert owner_chat.buttons() == ["/续住"]
    await owner_chat.say("李娜再住两天")
    assert owner_chat.buttons() == ["/续住 302 2天 李娜"]
