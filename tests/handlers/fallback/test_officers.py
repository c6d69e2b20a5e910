"""An officer's sentence that asks what the day holds."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


@pytest.mark.parametrize("text", ["今天有什么要处理的", "今天有什么要做的", "现在有什么要跟进的"])
async def test_asking_what_to_handle_today_gets_the_digest(officer_chat: Chat, text: str) -> None:
    """今天有什么要处理的 had got 没有理解."""
    answer = await officer_chat.say(text)
    assert "今天的情况请看「日报」" in answer and "没有理解" not in answer
    assert officer_chat.buttons() == ["/日报", "/任务"]
    assert "警务日报" in await officer_chat.say(officer_chat.buttons()[0])
