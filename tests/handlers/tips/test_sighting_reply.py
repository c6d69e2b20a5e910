"""A resident who says they saw a wanted person: 110 first, and the public notices to
report the sighting on; never a word of the internal list."""

from __future__ import annotations

from bot.context import Services
from storage.models import Visibility, WantedPerson
from tests.support.chat import Chat
from tests.support.seed import WANTED_NAME, Seeded

SEEN = "刚才在菜市场门口看到通缉的那个戴黑框眼镜的男的了"


async def test_a_sighting_with_a_public_notice_is_offered_on_it_after_110(
    resident_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """It had got the generic 匿名举报/自助报案 menu."""
    async with services.sessions() as session:
        card = WantedPerson(
            name="公开通缉对象",
            name_idx="x" * 40,
            marks="常戴黑框眼镜",
            case_summary="涉嫌诈骗",
            visibility=Visibility.PUBLIC,
        )
        session.add(card)
        await session.commit()
        assert card.id is not None
        number = card.id
    said = await resident_chat.say(SEEN)
    assert "110" in said and "还在" in said, said
    assert f"/举报 在逃 {number}" in resident_chat.buttons()
    assert WANTED_NAME not in said and "盗窃案" not in said
    assert all(b != f"/举报 在逃 {seeded.wanted.id}" for b in resident_chat.buttons())
    # The tap starts the sighting with the words said.
    started = await resident_chat.say(f"/举报 在逃 {number}")
    assert "黑框眼镜" in started or "举报" in started


async def test_a_sighting_with_no_public_notice_reveals_nothing_internal(
    resident_chat: Chat, seeded: Seeded
) -> None:
    said = await resident_chat.say(SEEN)
    assert "110" in said and "还在" in said, said
    assert WANTED_NAME not in said and "盗窃案" not in said and "在逃 " not in said
    assert all("在逃" not in b for b in resident_chat.buttons())
