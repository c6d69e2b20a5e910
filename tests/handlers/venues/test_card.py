"""A venue's card (/场所 名称)."""

from __future__ import annotations

from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_a_venue_with_nobody_staying_says_so_without_a_count_of_none(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """The card said 在住旅客 0 人（「/场所 1 住客」查看）: a count of none, and a list of no one."""
    card = await officer_chat.say(f"/场所 {seeded.hotel.name}")
    assert "目前没有在住旅客" in card and "0 人" not in card and "住客」查看" not in card, card
    rental = await officer_chat.say(f"/场所 {seeded.rental.plate}")
    assert "目前没有在租住户" in rental and "0 户" not in rental, rental
