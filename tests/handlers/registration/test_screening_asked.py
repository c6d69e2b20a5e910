"""An owner asking whether a guest is wanted gets one neutral answer, whatever the truth."""

from __future__ import annotations

import pytest

from handlers.registration.screening_asked import asks_if_wanted
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID, WANTED_ID

NEUTRAL = (
    "旅客登记信息已报送派出所，由民警核查，这里不提供核查情况。民警来电话或上门了解情况的，"
    "请如实配合，不要向旅客本人透露或打听，照常接待即可；有疑问请「问民警」。"
)


async def _register(owner_chat: Chat, name: str, number: str, room: str) -> None:
    await owner_chat.say_all("登记", name, "身份证", number, "跳过", room, "现在", "跳过")
    assert "登记成功" in await owner_chat.say("确认")
    await owner_chat.say("完成")


async def test_whether_a_guest_is_wanted_gets_the_same_answer_either_way(
    owner_chat: Chat,
) -> None:
    """8号房那个王五登记的时候有没有问题 是不是被通缉了 had got 「您是想用「登记 8」…吗？」."""
    await _register(owner_chat, "甲某某", WANTED_ID, "8")  # on the wanted list
    await _register(owner_chat, "王五", GUEST_ID, "9")
    asked = {
        room: await owner_chat.say(f"{room}号房那个王五登记的时候有没有问题 是不是被通缉了")
        for room in ("8", "9")
    }
    assert asked["8"] == asked["9"] == NEUTRAL
    assert owner_chat.buttons()[0].startswith("/问民警 ")
    assert await owner_chat.say("张三是通缉犯吗") == NEUTRAL


async def test_a_landlord_asking_of_a_tenant_gets_it_too(landlord_chat: Chat) -> None:
    said = await landlord_chat.say("租客是不是通缉犯")
    assert said == NEUTRAL.replace("旅客", "租客")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("8号房的客人查出来有问题吗", True),
        ("这个客人有没有案底", True),
        ("我店里有没有住通缉犯", True),
        ("发现通缉犯住店怎么办", False),  # the owner's duty: the law desk's
        ("最近有没有通缉犯", False),  # the public list
        ("302房间空调有问题吗", False),
        ("客人说房间有问题", False),
        # It had got 台胞暂住登记 and the 民法典's cargo transport.
        ("308那个李强是不是有什么问题 怎么刚登记完警察就打电话来问", True),
        ("刚登记的那个人有问题吗 派出所打电话来问他", True),
        ("警察打电话来问我店里的客人 是出什么事了吗", True),
        ("民警来电话问刚住进来的租客怎么回事", True),
        ("警察打电话来问客人带没带身份证要怎么处理", False),  # the owner's duty
        ("308的空调有问题吗", False),
        ("客人房间怎么回事这么吵", False),
    ],
)
def test_what_asks_whether_someone_is_wanted(text: str, asked: bool) -> None:
    assert asks_if_wanted(text) is asked


async def test_the_police_calling_about_a_guest_gets_the_neutral_answer(
    owner_chat: Chat,
) -> None:
    """Asked why the police called about a guest just registered, the owner is told to
    cooperate and not to tip the guest off, and nothing of the guest: the same words as
    for any guest."""
    said = await owner_chat.say("308那个李强是不是有什么问题 怎么刚登记完警察就打电话来问")
    assert said == NEUTRAL
    assert "配合" in said and "不要向" in said and "《" not in said
