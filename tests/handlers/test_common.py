"""Help's greeting: an officer is greeted by the name as entered, never "民警警官"."""

from __future__ import annotations

from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_officer_greeting_uses_the_name_as_entered(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    greeting = (await Chat(dispatcher, "officer").say("帮助")).splitlines()[0]
    assert greeting == "您好，一号民警。以下是可用的功能："
