"""`仍在住`: an owner says an overdue guest is still in the house."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay
from tests.support.chat import Chat
from tests.support.clock import FakeClock, said_day
from tests.support.seed import GUEST_ID

OTHER_ID = build_resident_id("110105", date(1990, 1, 2), 318)


async def test_an_overdue_guest_said_to_be_still_there_is_in_the_house_again(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    clock.advance(days=8)  # 12-01: no check-out day given, 7 days on
    await owner_chat.say_all(
        "登记", "李娜", "身份证", OTHER_ID, "跳过", "305", "现在", "跳过", "确认"
    )
    assert "逾期未退房 1 人" in await owner_chat.say("在住旅客")
    assert "305 房间没有逾期未退房的旅客" in await owner_chat.say("仍在住 305")
    kept = await owner_chat.say("仍在住 302")
    assert (
        f"已记下 302 王** 仍在住，预计退房 {said_day(7, clock)}" in kept and "「退房 302」" in kept
    )
    listing = await owner_chat.say("在住旅客")
    assert "在住旅客共 2 人" in listing and "逾期未退房" not in listing
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay).order_by(GuestStay.room))).all()
    assert [s.expected_checkout for s in stays] == [date(2026, 12, 8), None]
    assert [s.checked_out_at for s in stays] == [None, None]


async def test_no_one_elses_guest_and_no_guess_without_a_room(
    owner_chat: Chat, landlord_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    clock.advance(days=8)
    assert "请点提醒里的「仍在住」按钮" in await owner_chat.say("仍在住")
    assert "不在您的场所" in await landlord_chat.say("/仍在住 #1")
    assert "逾期未退房 1 人" in await owner_chat.say("在住旅客")
