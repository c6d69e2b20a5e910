"""What a tipster or reporter says while an officer's question waits: offered as the answer,
but never instead of the message's own answer once the question is no longer fresh."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from tests.handlers.reports.support import file_report, receipt_in
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

OFFER = "是您的回答吗"


async def _asked_about_a_tip(dispatcher: Dispatcher) -> tuple[Chat, str]:
    """A resident's tip, and the officer's question about it waiting for the answer."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大"))
    await Chat(dispatcher, "officer").say("/回复 线索1 大概几点开始？有几个人？")
    return tipster, code


async def test_a_matter_of_its_own_hours_after_the_question_gets_its_answer_alone(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """For three days after the officer's question, 邻居天天半夜唱歌太吵了 got only 「这条消息
    是您的回答吗？」 and no word of the law; then the law with that offer under it, though
    it says nothing of the gambling asked about."""
    tipster, code = await _asked_about_a_tip(law_dispatcher)
    clock.advance(hours=2)
    answered = await tipster.say("邻居天天半夜唱歌太吵了")
    assert "常见问题" in answered and OFFER not in answered
    assert not any(b.startswith("回复 ") for b in tipster.buttons())
    # An answer no route understands is offered without 没有理解 above it.
    plain = await tipster.say("下午三点以后，五六个")
    assert OFFER in plain and "没有理解" not in plain
    assert tipster.buttons()[-1] == f"回复 {code} 下午三点以后，五六个"


@pytest.mark.parametrize("said", ["邻居天天半夜唱歌太吵了", "房东不退押金", "我的电动车被偷了"])
async def test_a_matter_of_its_own_just_after_the_question_gets_its_own_answer(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock, said: str
) -> None:
    """In the hour after the officer asked 大概几点开始？, each got only 「这条消息是您的回答
    吗？」, the law's answer withheld (the victim's, what to do first, alone)."""
    tipster, _code = await _asked_about_a_tip(law_dispatcher)
    clock.advance(minutes=10)
    answered = await tipster.say(said)
    assert "常见问题" in answered and OFFER not in answered
    assert not any(b.startswith("回复 ") for b in tipster.buttons())


async def test_what_speaks_of_the_case_is_offered_as_the_answer_under_its_own(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    tipster, code = await _asked_about_a_tip(law_dispatcher)
    clock.advance(hours=2)
    said = "菜市场那个赌局昨天又开了，输赢好几万"
    answered = await tipster.say(said)
    assert OFFER in answered
    assert tipster.buttons()[-1] == f"回复 {code} {said}"


async def test_just_after_the_question_a_statement_is_offered_as_its_answer(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    tipster, _code = await _asked_about_a_tip(law_dispatcher)
    clock.advance(minutes=20)
    answered = await tipster.say("一般下午三点以后 有时候五六个人")
    assert OFFER in answered and "是否要向民警举报" not in answered


@pytest.mark.parametrize("said", ["有人在砸我家门，救命", "小孩走丢了", "asdfghjkl", "😡😡😡"])
async def test_an_emergency_or_gibberish_is_never_offered_as_the_answer(
    law_dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    tipster, _code = await _asked_about_a_tip(law_dispatcher)
    answered = await tipster.say(said)
    assert OFFER not in answered
    assert all(not b.startswith("回复 ") for b in tipster.buttons())


async def test_a_new_tip_just_after_the_question_is_started_not_offered_as_the_answer(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    tipster, _code = await _asked_about_a_tip(law_dispatcher)
    clock.advance(minutes=10)
    started = await tipster.say("我要举报 小区门口有人卖假药")
    assert "开始举报" in started and OFFER not in started


@pytest.mark.parametrize("said", ["早上7点下楼发现的，明天上午可以 几点去？", "几点去合适？"])
async def test_a_question_in_the_answer_to_an_officer_is_offered_not_sent_to_the_law(
    law_dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    """After 车是几点发现不见的？方便明天上午来所里看监控吗, the reporter's answer with a
    question in it (几点去？) had got 没有找到…法律条文 and was lost."""
    reporter = Chat(law_dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    await Chat(law_dispatcher, "officer").say(
        f"/追问 {number} 你好，车是几点发现不见的？方便明天上午来所里看监控吗"
    )
    answered = await reporter.say(said)
    assert OFFER in answered and "法律条文" not in answered
    assert reporter.buttons()[-1] == f"回复 {number} {said}"
