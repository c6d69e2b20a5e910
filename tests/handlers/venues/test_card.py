"""A venue's card (/场所 名称)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded

OTHER_ID = build_resident_id("110105", date(1990, 1, 2), 318)


async def test_a_venue_with_nobody_staying_says_so_without_a_count_of_none(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """The card said 在住旅客 0 人（「/场所 1 住客」查看）: a count of none, and a list of no one."""
    card = await officer_chat.say(f"/场所 {seeded.hotel.name}")
    assert "目前没有在住旅客" in card and "0 人" not in card and "住客」查看" not in card, card
    rental = await officer_chat.say(f"/场所 {seeded.rental.plate}")
    assert "目前没有在租住户" in rental and "0 户" not in rental, rental


async def test_guests_overdue_are_numbered_with_buttons_as_those_in_the_house(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """The overdue guests under /场所 N 住客 were one run of 302 王**（11月23日 入住）, with no
    number or button to open one, unlike the guests listed just above them."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    clock.advance(days=8)  # no check-out day given: overdue after 7 days
    await owner_chat.say_all(
        "登记", "李娜", "身份证", OTHER_ID, "跳过", "305", "现在", "跳过", "确认"
    )
    listed = await officer_chat.say("/场所 平安旅馆 住客")
    assert "\n旅客2｜305　李*" in listed, listed
    assert "逾期未退房 1 人" in listed and "\n旅客1｜302 王**（11月23日 入住）" in listed, listed
    assert officer_chat.buttons() == ["/查人 旅客2", "/查人 旅客1"]
    opened = await officer_chat.say(officer_chat.buttons()[1])
    assert "姓名：王小明" in opened, opened


async def test_an_overdue_guest_of_today_reads_today(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """A stay checked in today and already past its check-out day (a day typed wrong) read
    11-23 入住 on the 23rd, where every other list says 今天 10:00."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
        stay.expected_checkout = date(2026, 11, 22)
        session.add(stay)
        await session.commit()
    listed = await officer_chat.say("/场所 平安旅馆 住客")
    assert "\n旅客1｜302 王**（今天 10:00 入住）" in listed, listed
    assert officer_chat.buttons() == ["/查人 旅客1"]


async def test_a_tenants_room_is_listed_as_a_guests_is(
    officer_chat: Chat, landlord_chat: Chat, seeded: Seeded
) -> None:
    """A house let by rooms listed its tenants with no room: the officer at the door could
    not tell who lives behind which one, as a guest's room tells it."""
    await landlord_chat.say(f"登记租客 刘芳 {GUEST_ID} 302室")
    assert "租客登记成功" in await landlord_chat.say_all(
        "跳过", "跳过", "跳过", "今天", "跳过", "确认"
    )
    whole = ("登记", "李梅", "身份证", OTHER_ID, "跳过", "跳过", "跳过", "今天", "跳过", "确认")
    assert "租客登记成功" in await landlord_chat.say_all(*whole)
    listed = await officer_chat.say(f"/场所 {seeded.rental.plate} 住客")
    assert "\n租客1｜302　刘*　" in listed, listed
    # The whole house let: no room, and no empty gap where one would be.
    assert "\n租客2｜李*　" in listed, listed
