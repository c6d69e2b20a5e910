"""查询 and 回复 as each role meets them: asked for in a sentence, or typed alone."""

from __future__ import annotations

from bot import codec
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.outbox import opened, queued, text
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_my_tips_are_looked_up_not_a_new_tip(resident_chat: Chat) -> None:
    """我的举报 had been offered 「举报」, a new tip; then 「查询」, a tap to read the list."""
    for n, said in enumerate(("我的举报", "我的报案", "我举报的那个怎么样了")):
        resident = Chat(resident_chat.dispatcher, f"resident-{n + 10}")
        shown = await resident.say(said)
        assert "您还没有在这里报过案或举报" in shown and "您是想用" not in shown, (said, shown)
        assert resident.buttons() == []


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
    assert "户口本" not in other and "还没有在这里报过案或举报" in other


async def test_a_photo_sent_with_a_question_reaches_the_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """In 问民警, a photo got 「这一步请用文字回答。」, and one captioned 门口这个灭火器还能用吗
    reached the officer as the text alone."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("问民警")
    alone = await owner.photo(stored_photo(settings))
    assert "照片已收到" in alone and "这一步请用文字回答" not in alone
    review = await owner.photo(stored_photo(settings, "blue"), "门口这个灭火器还能用吗")
    assert "问题：门口这个灭火器还能用吗" in review and "照片：2张" in review
    assert "附照片2张" in await owner.say("确认")
    [row] = await queued(services, "officer")
    sent = codec.loads(opened(row))
    assert "门口这个灭火器还能用吗" in text(row)
    assert [r.caption for r in sent if isinstance(r, Image)] == [
        "提问 #1 照片（1/2）",
        "提问 #1 照片（2/2）",
    ]


async def test_a_question_asked_without_photos_is_reviewed_without_a_photo_line(
    owner_chat: Chat,
) -> None:
    """The review of every question had ended in 「· 照片：（无）」, a line asking for a
    photo nobody was asked for."""
    await owner_chat.say("问民警")
    review = await owner_chat.say("门口这个灭火器还能用吗")
    assert "问题：门口这个灭火器还能用吗" in review and "照片" not in review


async def test_the_asker_sees_the_photos_a_question_was_asked_with(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """查询 named the question only: whether its photo had gone with it was not said."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("问民警")
    await owner.photo(stored_photo(settings), "门口这个灭火器还能用吗")
    await owner.say("确认")
    told = await owner.say("查询")
    assert "「门口这个灭火器还能用吗」（附照片1张）：待民警答复" in told
