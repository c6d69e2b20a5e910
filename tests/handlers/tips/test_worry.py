"""A resident afraid to report: the worry answered, 匿名举报 offered as a button."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    "said",
    ["我想举报但是怕被报复", "我想举报，但是怕被报复", "举报会不会被报复", "我怕被报复不敢举报"],
)
async def test_a_worry_about_reporting_is_answered_with_the_button(
    law_dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    """我想举报但是怕被报复 had been offered 「举报 但是怕被报复」, and with a comma had
    started a tip whose description was 但是怕被报复."""
    resident = Chat(law_dispatcher, "resident-1")
    reply = await resident.say(said)
    assert "举报默认匿名" in reply and "不会告诉被举报的人" in reply, reply
    assert "已记下情况" not in reply and "但是怕被报复」" not in reply
    assert resident.buttons() == ["/举报"]
    started = await resident.say(resident.buttons()[0])
    assert "请描述您看到的情况" in started, started


async def test_a_story_with_a_worry_in_it_is_still_a_tip(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(law_dispatcher, "resident-1")
    reply = await resident.say("举报 楼下有人聚众赌博 但是我怕被报复")
    assert "已记下情况：楼下有人聚众赌博" in reply, reply
