"""「更多」 while a form waits: a hotel owner reads a legal answer, starts 登记, then types
更多 for its next page. It had been told 「更多」要在填完或取消本次旅客登记后才能用."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

QUESTION = "咨询 旅馆不登记旅客身份会受到什么处罚"
NAME_ASKED = "请输入旅客姓名"


@pytest.fixture
def owner(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "owner")


async def test_more_just_after_a_legal_answer_pages_on_and_the_form_waits(
    owner: Chat, clock: FakeClock
) -> None:
    first = await owner.say(QUESTION)
    assert NAME_ASKED in await owner.say("/登记")
    clock.advance(minutes=2)
    paged = await owner.say("更多")
    assert "《" in paged and paged != first and "要在填完或取消" not in paged
    # The form holds nothing typed yet: nothing is said to be kept.
    assert "您的旅客登记还没填完：回复「继续」接着填写" in paged and "已填" not in paged
    assert NAME_ASKED in await owner.say("继续")


async def test_more_long_after_the_legal_answer_says_the_form_waits(
    owner: Chat, clock: FakeClock
) -> None:
    await owner.say(QUESTION)
    clock.advance(hours=2)
    assert NAME_ASKED in await owner.say("/登记")
    told = await owner.say("更多")
    assert "《" not in told and "您正在填写旅客登记，还没填完，也还没提交" in told
    assert NAME_ASKED in told  # the question again, nothing lost
