"""「更多」: the rest of a reply the channel had to shorten, or the legal answer's next page,
whichever the user was shown last."""

from __future__ import annotations

import pytest

from bot import unshown
from bot.context import Services, private_user_key
from bot.dispatch import Dispatcher
from bot.messages import Button, Choices, Reply, Text
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

LEFT_OUT: list[Reply] = [
    Text("第2人：诈骗案"),
    Choices("见到此人请选择：", (Button("我见过此人", "/见过 2"),)),
]


@pytest.fixture
def chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-9")


async def left_out(services: Services, chat: Chat) -> None:
    """What a channel does when it shortens a reply to this user."""
    async with services.sessions() as session:
        key = private_user_key(chat.channel, chat.sender)
        await unshown.keep(session, key, LEFT_OUT, services.clock())
        await session.commit()


async def test_more_shows_what_was_left_out_once(services: Services, chat: Chat) -> None:
    await left_out(services, chat)
    assert await chat.send("更多") == LEFT_OUT
    assert chat.buttons() == ["/见过 2"]  # its options are the ones a number now means
    assert "没有更多内容了" in await chat.say("更多")


async def test_a_legal_question_asked_since_has_the_more(
    services: Services, chat: Chat, clock: FakeClock
) -> None:
    await left_out(services, chat)
    clock.advance(minutes=1)
    first = await chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    second = await chat.say("更多")
    assert "《" in second and second != first


async def test_a_reply_shortened_since_a_legal_question_has_the_more(
    services: Services, chat: Chat, clock: FakeClock
) -> None:
    first = await chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    clock.advance(minutes=1)
    await left_out(services, chat)
    assert await chat.send("更多") == LEFT_OUT
    second = await chat.say("下一页")  # then the legal answer pages on, as before
    assert "《" in second and second != first
