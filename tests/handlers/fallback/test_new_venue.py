"""An officer asking in chat to add a venue is told the way venues are added."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


async def test_adding_a_venue_in_chat_gets_the_command_that_adds_it(officer_chat: Chat) -> None:
    """新增一个旅馆 如家快捷酒店 城东路50号 had got 没有理解 with no word of how."""
    answer = await officer_chat.say("新增一个旅馆 如家快捷酒店 城东路50号")
    assert "没有理解" not in answer and "聊天里不能新增场所" in answer
    assert (
        "jingmin venue add --kind 旅馆 --name 如家快捷酒店 --beat b1 --address 城东路50号" in answer
    )
    assert "jingmin venue import" in answer and "/邀请 场所名" in answer
    assert officer_chat.buttons() == ["/场所"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("新增一家超市 幸福超市", "小商店"),
        ("辖区新开了一家网吧 星空网咖 和平路3号", "小网吧"),
        ("录入一家新民宿", "民宿"),
    ],
)
async def test_other_ways_of_asking_to_add_one(officer_chat: Chat, text: str, kind: str) -> None:
    answer = await officer_chat.say(text)
    assert "聊天里不能新增场所" in answer and f"--kind {kind} " in answer


async def test_owners_and_other_sentences_are_not_told(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    assert "聊天里不能新增场所" not in await officer_chat.say("增加旅馆检查频次")
    assert "聊天里不能新增场所" not in await owner_chat.say("新增一个旅馆 如家快捷酒店")
