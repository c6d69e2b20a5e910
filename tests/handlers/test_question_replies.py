"""The asker's reply to an officer's answer (sent with 转给民警: （接提问 #1）…), as each side
reads it: told to the officer, closed as it is sent, and never taken for the officer's close."""

from __future__ import annotations

from bot.context import Services
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to


async def _answered(officer: Chat, owner: Chat, clock: FakeClock) -> None:
    await owner.say("问民警 明天几点来检查？")
    await officer.say("/答复 1 上午十点")
    clock.advance(minutes=2)


async def test_a_reply_typed_into_the_question_form_is_closed_as_the_notice_says(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """The reply went through the 问民警 form: the officer's notice said 不列入待答复, yet it
    waited in /答复 as a question (the closing was decided elsewhere, on the command only)."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("问民警")
    await owner_chat.say("（接提问 #1）好的，十点我在店里")
    told = await owner_chat.say("确认")
    assert "已转告民警（接提问 #1），无需等待答复" in told, told
    assert "不列入待答复" in (await texts_to(services, "officer"))[-1]
    assert await officer_chat.say("/答复") == "目前没有待答复的提问。"


async def test_the_mark_inside_a_question_is_the_askers_words_not_a_reply(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """Only the offer's button puts the mark first. Typed inside a question, it had been
    closed as a reply (the asker told 无需等待答复) while the officer's notice asked for an
    answer to a question /答复 never listed."""
    await _answered(officer_chat, owner_chat, clock)
    told = await owner_chat.say("问民警 上次说的（接提问 #1）停车场在哪")
    assert "已把您的问题转给民警（提问编号 #2）" in told, told
    notice = (await texts_to(services, "officer"))[-1]
    assert notice.startswith("❓ 场所负责人提问 #2"), notice
    assert "#2" in await officer_chat.say("/答复")


async def test_an_auto_closed_reply_is_not_shown_as_closed_by_the_officer(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """回复 2 showed 「提问 #2（已关闭） 平安旅馆：（接提问 #1）好的，十点我…」, as if the
    officer had closed it, the quote taken up by the mark; the asker's 查询 read
    「民警答复：（民警已阅，无需答复）」 for a reply no officer had read."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("好的，十点我在店里")
    await owner_chat.say(owner_chat.buttons()[0])
    asked = await officer_chat.say("回复 2 好的")
    assert "提问 #2（回复提问 #1 的答复） 平安旅馆：好的，十点我在店里" in asked, asked
    assert "已关闭" not in asked and "接提问" not in asked
    lead = await officer_chat.say("/答复 2")
    assert lead.startswith("答复提问 #2（回复提问 #1 的答复）「好的，十点我在店里」"), lead
    await officer_chat.say("取消")
    own = await owner_chat.say("查询")
    assert "「好的，十点我在店里」：已转告民警（回复提问 #1 的答复）" in own, own
    assert "民警已阅" not in own


async def test_answering_a_reply_is_its_first_answer_not_an_addition(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """The officer answered the asker's follow-up 那周六呢: both sides read 补充答复 (此前已
    答复过), though nobody had answered it; the asker had been told 无需等待答复 for a
    question."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("那周六呢")
    told = await owner_chat.say(owner_chat.buttons()[0])
    assert "已转告民警（接提问 #1），民警如有答复会发到这里" in told, told
    answered = await officer_chat.say("/答复 2 周六不检查")
    assert "已答复提问 #2：" in answered and "补充" not in answered, answered
    sent = (await texts_to(services, "owner"))[-1]
    assert "答复您的提问 #2「那周六呢」" in sent and "补充" not in sent, sent


async def test_answering_after_a_close_is_no_addition(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say("问民警 下周一我不在店里")
    await officer_chat.say("/答复 1 关闭")
    clock.advance(minutes=1)
    assert "补充" not in await officer_chat.say("/答复 1 好的，下周二上午我过去")
    assert "补充" not in (await texts_to(services, "owner"))[-1]


async def test_a_reply_tapped_twice_reaches_the_officer_once(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """转给民警 tapped twice had sent the officer the same reply twice (a reply is closed
    as it is sent, so the check for the same question still waiting never saw it)."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("好的，十点我在店里")
    button = owner_chat.buttons()[0]
    assert "已转告民警（接提问 #1）" in await owner_chat.say(button)
    sent = len(await texts_to(services, "officer"))
    again = await owner_chat.say(button)
    assert "已经转告民警了（接提问 #1）" in again, again
    assert len(await texts_to(services, "officer")) == sent


async def test_a_second_reply_follows_the_answered_question_not_the_first_reply(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """A second reply was offered as （接提问 #2）… and the officer read 回复提问 #2 的答复:
    #2 was the asker's first reply, which had no answer to reply to."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("好的，十点我在店里")
    assert "已转告民警（接提问 #1）" in await owner_chat.say(owner_chat.buttons()[0])
    clock.advance(minutes=5)
    await owner_chat.say("还有，门口可以停车")
    assert owner_chat.buttons() == ["/问民警 （接提问 #1）还有，门口可以停车"]
    told = await owner_chat.say(owner_chat.buttons()[0])
    assert "已转告民警（接提问 #1）" in told, told
    notice = (await texts_to(services, "officer"))[-1]
    assert notice.startswith("💬 场所负责人回复提问 #1 的答复（#3）"), notice
    # A button offered before this change, naming the first reply, still goes to #1.
    told = await owner_chat.say("/问民警 （接提问 #2）周六也在")
    assert "已转告民警（接提问 #1）" in told, told
    assert "回复提问 #1 的答复（#4）" in (await texts_to(services, "officer"))[-1]


FRAUD_ALERT = "近期有冒充公检法诈骗\n接到自称公安的电话要求转账的，一律是诈骗。"
ASKED = "有客人说接到公安电话让转账，我们要怎么做？"


async def _answered_under_an_offer(officer: Chat, owner: Chat, clock: FakeClock) -> None:
    """The alert acknowledged by a 好的 that also asked something (its 转给民警 offer left
    on the screen), then the officer's answer to a question sent before."""
    await compose(officer, FRAUD_ALERT, "现在发送", "跳过", "防诈", "一般", "旅馆", "确认")
    await owner.say(f"问民警 {ASKED}")
    assert "已确认收到通报#1" in await owner.say("好的，那要不要通知派出所？")
    assert len(owner.buttons()) == 1  # the offer, not tapped
    await officer.say("/答复 1 请客人不要转账，立即拨打96110，并保留通话记录。")
    clock.advance(minutes=2)


async def test_a_question_starting_with_ok_after_an_answer_is_offered_to_the_officer(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """好的，那要不要通知派出所？ right after the officer's answer had got 您已确认过通报#1
    and statutes on 继续盘问: the untapped 转给民警 of before was taken for options the
    message answered, and the question never reached the officer."""
    await _answered_under_an_offer(officer_chat, owner_chat, clock)
    told = await owner_chat.say("好的，那要不要通知派出所？")
    assert "已确认过" not in told, told
    assert owner_chat.buttons() == ["/问民警 #1 （接提问 #1）好的，那要不要通知派出所？"], told


async def test_words_under_the_unbind_button_are_not_offered_as_a_reply(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """解除绑定's one button sends /问民警 too, and was taken for a 转给民警 offer left on
    the screen: what was said under it went back to the officer of an earlier answer."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("解绑")
    told = await owner_chat.say("好的，店已经转给我表弟了")
    assert "这是给民警的回复吗" not in told, told
    assert not any("接提问 #1" in b for b in owner_chat.buttons())


async def test_a_reply_that_asks_waits_in_the_officers_list(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """好的，那要不要复印护照？ after an answer was closed as it was sent: the officer's
    /答复 said 目前没有待答复的提问 and the follow-up was never answered."""
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("好的，那要不要复印护照？")
    told = await owner_chat.say(owner_chat.buttons()[0])
    assert "已转告民警（接提问 #1），民警如有答复会发到这里" in told, told
    notice = (await texts_to(services, "officer"))[-1]
    assert "不列入待答复" not in notice, notice
    listed = await officer_chat.say("/答复")
    assert "#2（回复提问 #1 的答复）" in listed, listed
    assert "：好的，那要不要复印护照？" in listed and "接提问" not in listed, listed


async def test_thanks_after_a_reply_still_stays_out_of_the_list(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    await _answered(officer_chat, owner_chat, clock)
    await owner_chat.say("好的，十点我在店里")
    await owner_chat.say(owner_chat.buttons()[0])
    assert await officer_chat.say("/答复") == "目前没有待答复的提问。"


async def test_thanks_after_an_answer_is_for_the_answer_not_an_old_alert(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """收到，谢谢 after the officer's answer had got 您已确认过通报#1「…」: the alert was
    acknowledged before the answer came, so the thanks were for the answer."""
    await compose(officer_chat, FRAUD_ALERT, "现在发送", "跳过", "防诈", "一般", "旅馆", "确认")
    assert "已确认收到通报#1" in await owner_chat.say("收到")
    clock.advance(minutes=1)
    await _answered(officer_chat, owner_chat, clock)
    assert await owner_chat.say("收到，谢谢") == "好的。"


async def test_thanks_with_nothing_told_since_the_alert_still_name_it(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say("问民警 明天几点来检查？")
    await officer_chat.say("/答复 1 上午十点")
    clock.advance(minutes=1)
    await compose(officer_chat, FRAUD_ALERT, "现在发送", "跳过", "防诈", "一般", "旅馆", "确认")
    assert "已确认收到通报#1" in await owner_chat.say("收到")
    clock.advance(minutes=1)
    assert "您已确认过通报#1" in await owner_chat.say("收到，谢谢")
