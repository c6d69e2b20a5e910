"""A homestay's room with no number: 桂花轩, 二楼东边那间 (had been a dead end)."""

from __future__ import annotations

from bot.context import Services
from storage.models import Venue, VenueKind
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID, Seeded


async def _homestay(services: Services, seeded: Seeded) -> None:
    async with services.sessions() as session:
        place = await session.get(Venue, seeded.hotel.id)
        assert place is not None
        place.kind = VenueKind.HOMESTAY
        session.add(place)
        await session.commit()


async def test_a_homestay_room_is_registered_and_checked_out_by_its_name(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """二楼东边那间, 整套, 桂花轩, 没有房号 all got 房间号只能包含数字、字母和“-”."""
    await _homestay(services, seeded)
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    whole = await owner_chat.say("整套")
    assert "整套入住的，请写这套房的门牌或叫法" in whole and whole.endswith("请输入房间号：")
    none = await owner_chat.say("没有房号")
    assert "写这间房平时的叫法就行" in none and "「退房 桂花轩」" in none
    assert "请输入入住时间" in await owner_chat.say("桂花轩")
    summary = await owner_chat.say_all("现在", "跳过")
    assert "房间号：桂花轩" in summary
    assert "房间：桂花轩" in await owner_chat.say("确认")
    await owner_chat.say("完成")
    today = await owner_chat.say("今日登记")
    assert "桂花轩" in today and "桂花轩房" not in today  # 302房, but a name as it is
    assert "桂花轩 房间 1 位旅客已办理退房" in await owner_chat.say("退房 桂花轩")


async def test_a_hotel_room_is_still_a_number(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    assert "房间号只能包含数字、字母和“-”" in await owner_chat.say("桂花轩")
