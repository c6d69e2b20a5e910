"""护照吗, 护照可以吗, 能用台胞证吗 at 证件类型: whether a document will do, answered."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


@pytest.mark.parametrize("asked", ["护照吗", "护照可以吗", "能用护照吗", "用护照行不行？"])
async def test_a_document_asked_about_is_answered_and_the_type_asked_again(
    owner_chat: Chat, asked: str
) -> None:
    """护照吗 / 护照可以吗 at 证件类型 had been taken as 护照, the number asked next: the
    owner asked whether a passport will do. Answered (yes, and what to enter), the type
    asked again; 是 or a plain 护照 then chooses it."""
    await owner_chat.say_all("登记", "孙七")
    reply = await owner_chat.say(asked)
    assert reply.startswith("可以用护照登记"), reply
    assert "E12345678" in reply and reply.endswith("请选择证件类型："), reply
    assert "请输入证件号码" not in reply and "护照" in owner_chat.buttons()
    assert "请输入证件号码" in await owner_chat.say("护照")
    await owner_chat.say_all("取消", "登记", "孙七", asked)
    assert "请输入证件号码" in await owner_chat.say("是")


async def test_each_document_asked_about_says_what_to_enter(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "孙七")
    reply = await owner_chat.say("台胞证可以吗？")
    assert reply.startswith("可以用台湾居民来往大陆通行证登记") and "8位数字" in reply, reply
    reply = await owner_chat.say("身份证吗")
    assert reply.startswith("可以用居民身份证登记") and "18位" in reply, reply
    assert "请输入证件号码" in await owner_chat.say("1")
