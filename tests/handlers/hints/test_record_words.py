"""An officer's words about one record: its command's name, its number and words of their
own (线索2已经转给市场监管了 可以结了), or words typed just after one was shown."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.handlers.broadcast.conftest import compose
from tests.handlers.fallback.test_hit_verdict import REGISTER_WANG
from tests.handlers.inspection.support import submitted_inspection
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.seed import Seeded

ALERT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"


async def test_a_tip_said_to_be_done_with_is_offered_closed_with_the_note(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    """线索2已经转给市场监管了 可以结了 had been offered 「线索 2已经转给…」, whose tap only
    showed the usage."""
    await submit_tip(resident_chat, "小区门口的店卖过期食品，好几个人吃坏肚子了")
    offer = await officer_chat.say("线索1已经转给市场监管了 可以结了")
    [tap] = officer_chat.buttons()
    assert tap == "/线索状态 1 已处理 已经转给市场监管了", offer
    assert "线索 #1" in offer and "已处理" in offer
    # Nothing changes before the tap; the tap closes it.
    assert "已处理" not in (await officer_chat.say("/线索 1")).splitlines()[0]
    assert "已改为「已处理」" in await officer_chat.say(tap)


async def test_an_alert_asked_to_go_at_another_time_is_told_how(officer_chat: Chat) -> None:
    """通报3改到明天早上8点发 had been offered 「/通报 3改到明天早上8点发」, a new alert
    reading those words. An alert's time is not changed once confirmed: withdraw it and
    send it again."""
    await compose(officer_chat, ALERT, "明天下午3点", "跳过", "防诈", "一般", "本警务区全部")
    number = re.search(r"通报#(\d+)", await officer_chat.say("确认"))
    assert number
    told = await officer_chat.say(f"通报{number[1]}改到明天早上8点发")
    assert not any(b.startswith("/通报 ") for b in officer_chat.buttons()), told
    assert f"通报#{number[1]}" in told and "明天早上8点" in told
    assert f"/撤回 {number[1]}" in told and "您是想用" not in told
    assert officer_chat.buttons() == [f"/撤回 {number[1]}"]


async def test_words_typed_under_a_reviewed_inspection_are_offered_as_its_rectification(
    dispatcher: Dispatcher, settings: Settings, officer_chat: Chat
) -> None:
    """灭火器3天内换好 typed after /审核 1 had got 没有找到…法律条文."""
    await submitted_inspection(dispatcher, settings)
    await officer_chat.say("/审核 1")
    offer = await officer_chat.say("灭火器3天内换好，过期的不能用")
    assert "法律条文" not in offer
    [tap] = officer_chat.buttons()
    assert tap == "/审核 1 整改 灭火器3天内换好，过期的不能用", offer
    noted = await officer_chat.say(tap)
    assert "已要求整改自查 #1" in noted and "「灭火器」" in noted, noted


async def test_words_typed_after_one_question_is_listed_are_offered_as_its_answer(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """1小时左右 记得带上营业执照复印件 after /答复 listed one question had got 没有理解."""
    await owner_chat.say("问民警 明天来检查大概要多久，要准备什么？")
    assert "#1" in await officer_chat.say("/答复")
    offer = await officer_chat.say("1小时左右 记得带上营业执照复印件")
    assert "没有理解" not in offer
    assert officer_chat.buttons() == ["/答复 1 1小时左右 记得带上营业执照复印件"], offer
    assert "已答复提问 #1" in await officer_chat.say(officer_chat.buttons()[0])
    # Answered, the next sentence is no answer to it.
    await officer_chat.say("1小时左右 记得带上营业执照复印件")
    assert not any(b.startswith("/答复") for b in officer_chat.buttons())


async def test_a_hit_said_to_be_someone_else_is_offered_as_its_check_result(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """比中1核实了 不是本人 身份证号对不上 had got the FAQ on a child using his father's ID card
    (身份证 is a legal word): the hit's check result, to confirm, as 比中1 核实了 … gets it."""
    owner_chat, officer_chat = Chat(law_dispatcher, "owner"), Chat(law_dispatcher, "officer")
    await owner_chat.say_all(*REGISTER_WANG)
    offer = await officer_chat.say("比中1核实了 不是本人 身份证号对不上")
    assert "依据：" not in offer
    assert "比中 #1（平安旅馆）：确认记为「核实了 不是本人 身份证号对不上」" in offer, offer
    assert "已完成" in await officer_chat.say(officer_chat.buttons()[0])
    assert "已核实非本人" in await officer_chat.say("/比中")


async def test_an_alert_of_no_such_number_is_not_offered_as_a_new_one(officer_chat: Chat) -> None:
    told = await officer_chat.say("通报9改到明天早上8点发")
    assert "没有找到您发布的通报#9" in told
    assert officer_chat.buttons() == ["/通报状态"]
