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


async def test_questions_to_the_officers_and_their_answers_can_be_looked_up(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    """民警回复我了吗 got 「您是想「回复」吗」, and 查询 listed only reports and tips: an
    answer missed as a notice was lost."""
    await resident_chat.say("问民警 身份证丢了怎么补办")
    waiting = await resident_chat.say("我问的问题有人回了吗")
    assert "身份证丢了怎么补办" in waiting and "待民警答复" in waiting
    await officer_chat.say("/答复 1 带户口本到派出所户籍窗口补办")
    for said in ("民警回复我了吗", "查询"):
        told = await resident_chat.say(said)
        assert "提问 #1" in told and "带户口本到派出所户籍窗口补办" in told, (said, told)
        assert "您是想" not in told
    # Someone else's answer is not theirs to read.
    other = await Chat(resident_chat.dispatcher, "resident-2").say("查询")
    assert "户口本" not in other and "还没有报案或举报记录" in other
