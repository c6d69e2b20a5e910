"""查询 and 回复 as each role meets them: asked for in a sentence, or typed alone."""

from __future__ import annotations

from tests.support.chat import Chat


async def test_my_tips_are_offered_the_query_not_a_new_tip(resident_chat: Chat) -> None:
    """我的举报 had been offered 「举报」, a new tip; 我的报案怎么样了 got 查询."""
    for n, said in enumerate(("我的举报", "我的报案", "我举报的那个怎么样了")):
        resident = Chat(resident_chat.dispatcher, f"resident-{n + 10}")
        offer = await resident.say(said)
        assert "您是想「查询」吗" in offer, (said, offer)
        assert resident.buttons() == ["/查询"]


async def test_reply_alone_tells_each_role_its_own_usage(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    """An officer's bare /回复 had got the residents' 「回复 查询码 内容」回复民警."""
    told = await officer_chat.say("/回复")
    assert "「/回复 线索编号 内容」回复举报人" in told and "回复民警" not in told
    assert "请发送「回复 查询码 内容」回复民警" in await resident_chat.say("/回复")
