"""An officer's sentence that asks what the day holds, what has happened, or who lives
at an address."""

from __future__ import annotations

import pytest

from bot.context import Services
from storage.models import Venue
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize("text", ["今天有什么要处理的", "今天有什么要做的", "现在有什么要跟进的"])
async def test_asking_what_to_handle_today_gets_the_digest(officer_chat: Chat, text: str) -> None:
    """今天有什么要处理的 had got 没有理解."""
    answer = await officer_chat.say(text)
    assert "今天的情况请看「日报」" in answer and "没有理解" not in answer
    assert officer_chat.buttons() == ["/日报", "/任务"]
    assert "警务日报" in await officer_chat.say(officer_chat.buttons()[0])


@pytest.mark.parametrize("text", ["今天有什么情况", "昨晚有啥动静", "今天情况怎么样"])
async def test_asking_what_has_happened_gets_the_digest(officer_chat: Chat, text: str) -> None:
    """今天有什么情况 had got 没有理解."""
    answer = await officer_chat.say(text)
    assert "警务日报" in answer and "没有理解" not in answer


async def test_asking_who_lives_at_an_address_said_without_spaces_offers_its_tenants(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """幸福里3号住的谁 had got 没有理解: the house is 幸福里 3 号出租屋 at 幸福里 3 号, and
    officers do not type the spaces, nor always the name (they say the address)."""
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        rental.name, rental.address = "幸福里 3 号出租屋", "幸福里 3 号"
        session.add(rental)
        await session.commit()
    for text in ("幸福里3号住的谁", "幸福里 3号出租屋的租客"):
        answer = await officer_chat.say(text)
        assert "要查看幸福里 3 号出租屋的在住租客吗" in answer, text
        assert officer_chat.buttons() == [f"/场所 {seeded.rental.id} 租客"]
