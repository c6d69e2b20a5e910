"""A homestay's room with no number: 桂花轩, 二楼东边那间 (had been a dead end)."""

from __future__ import annotations

from datetime import date

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import Venue, VenueKind
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded

OTHER_ID = build_resident_id("110105", date(1990, 3, 1), 357)


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


async def test_words_that_are_no_room_are_refused_at_a_homestay_and_the_answers_kept(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """不知道, 等一下, 随便, 你好, 住哪间 at the room had each been kept as its name."""
    await _homestay(services, seeded)
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    for said in ("不知道", "等一下", "随便", "你好", "不告诉你", "住哪间"):
        told = await owner_chat.say(said)
        assert "不是房间。请写客人住的那一间" in told, (said, told)
        assert told.endswith("请输入房间号："), (said, told)
    assert "请输入入住时间" in await owner_chat.say("山景房")
    summary = await owner_chat.say_all("现在", "跳过")
    assert "房间号：山景房" in summary and "姓名：王小明" in summary


async def test_a_hotel_room_is_still_a_number(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    assert "房间号只能包含数字、字母和“-”" in await owner_chat.say("桂花轩")


async def _two_guests(owner_chat: Chat, services: Services, seeded: Seeded) -> None:
    """王小明 in 桂花轩, 李四 in 302, at a homestay."""
    await _homestay(services, seeded)
    for name, number, room in (("王小明", GUEST_ID, "桂花轩"), ("李四", OTHER_ID, "302")):
        said = ("登记", name, "身份证", number, "跳过", room, "现在", "跳过", "确认")
        assert "登记成功" in await owner_chat.say_all(*said)
        await owner_chat.say("完成")


async def test_a_room_named_in_a_sentence_is_the_one_checked_out(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """桂花轩的客人走了 had been offered a bare 退房, which asked which room again."""
    await _two_guests(owner_chat, services, seeded)
    await owner_chat.say("桂花轩的客人走了")
    assert owner_chat.buttons() == ["/退房 桂花轩"]
    await owner_chat.say("桂花轩的王小明明天走")
    assert owner_chat.buttons() == ["/退房 桂花轩 王小明"]
    await owner_chat.say("桂花轩和302的客人都走了")
    assert owner_chat.buttons() == ["/退房 桂花轩 302"]
    assert "桂花轩 房间 1 位旅客已办理退房：王**" in await owner_chat.say("/退房 桂花轩")
    assert "302　李*" in await owner_chat.say("在住旅客")


async def test_a_room_named_in_a_sentence_is_read_by_every_path_that_takes_a_room(
    owner_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """桂花轩住的是谁, 桂花轩的客人还在住吗, 更正登记 桂花轩: numbers only had been read."""
    await _two_guests(owner_chat, services, seeded)
    shown = await owner_chat.say("桂花轩住的是谁")
    assert shown == await owner_chat.say("/房间住客 桂花轩")
    assert "桂花轩 房间在住 1 人" in shown and "王**" in shown and "李*" not in shown
    await owner_chat.say("桂花轩的客人再住一晚")
    assert owner_chat.buttons() == ["/续住 桂花轩 1天"]
    asked = await owner_chat.say("更正登记 桂花轩")
    assert "桂花轩 房间在住：王**" in asked and "「更正登记 桂花轩 正确房号」" in asked
    await owner_chat.say("桂花轩的客人换到208了")
    assert owner_chat.buttons() == ["/更正登记 桂花轩 208"]
    moved = await owner_chat.say("更正登记 桂花轩 二楼东间")
    assert "已把 桂花轩 房间的 王** 改为 二楼东间 房间" in moved
    clock.advance(days=8)  # no check-out day given: overdue after 7
    await owner_chat.say("二楼东间的客人还在住吗")
    assert owner_chat.buttons() == ["/仍在住 二楼东间"]
    kept = await owner_chat.say("/仍在住 二楼东间")
    assert "已记下 二楼东间 王** 仍在住" in kept and "「退房 二楼东间」" in kept
    gone = await owner_chat.say("退房 竹影居")
    assert "竹影居 房间没有在住旅客" in gone and "只能包含数字" not in gone


async def test_a_hotel_guest_is_not_moved_to_a_room_with_no_number(owner_chat: Chat) -> None:
    said = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认")
    assert "登记成功" in await owner_chat.say_all(*said)
    assert "房间号只能包含数字" in await owner_chat.say("更正登记 302 桂花轩")


async def test_an_acknowledgement_at_the_room_is_refused_and_the_room_asked(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """ok, OK typed at the room had been kept as room OK: an acknowledgement is refused as
    any yes before the summary is (还差这一项：房间号), the room asked again, at a hotel
    and at a homestay alike; 明白了 is said to be no room."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    for said in ("ok", "OK", "好的"):
        told = await owner_chat.say(said)
        assert "还差这一项：房间号" in told and told.endswith("请输入房间号："), (said, told)
    told = await owner_chat.say("明白了")
    assert "「明白了」不是房间号" in told and "例如 302" in told, told
    assert "请输入入住时间" in await owner_chat.say("A203")
    summary = await owner_chat.say_all("现在", "跳过")
    assert "房间号：A203" in summary and "OK" not in summary
    await owner_chat.say("取消")
    await _homestay(services, seeded)
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    for said in ("ok", "OK", "好的"):
        told = await owner_chat.say(said)
        assert "还差这一项：房间号" in told and told.endswith("请输入房间号："), (said, told)
    told = await owner_chat.say("明白了")
    assert "「明白了」不是房间" in told and "桂花轩" in told, told
    assert "请输入入住时间" in await owner_chat.say("山景房")
    assert "房间号：山景房" in await owner_chat.say_all("现在", "跳过")


async def test_a_floor_at_a_hotel_asks_its_room_with_the_building_kept(owner_chat: Chat) -> None:
    """A栋2楼 had been told 请写到具体房间，例如 302, its building dropped: the room is asked
    as A栋201, and 2楼 alone as 201."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    told = await owner_chat.say("A栋2楼")
    assert "「A栋2楼」只写到了楼层" in told and "如 A栋201" in told, told
    assert "如 201" in await owner_chat.say("2楼")
    assert "请输入入住时间" in await owner_chat.say("A栋203")
    assert "房间号：A-203" in await owner_chat.say_all("现在", "跳过")


async def test_a_floor_at_a_homestay_is_its_room_as_a_rooms_name_is(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A homestay without room numbers lets a floor (A栋2楼, 2楼) as 二楼东间 is: both had
    been refused as floor-only, the owner left with no room to give."""
    await _homestay(services, seeded)
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    assert "请输入入住时间" in await owner_chat.say("A栋2楼")
    summary = await owner_chat.say_all("现在", "跳过")
    assert "房间号：A栋2楼" in summary
    assert "房间：A栋2楼" in await owner_chat.say("确认")
    await owner_chat.say("完成")
    assert "A栋2楼 房间 1 位旅客已办理退房" in await owner_chat.say("退房 A栋2楼")
