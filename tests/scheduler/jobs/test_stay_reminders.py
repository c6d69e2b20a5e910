"""Guests never checked out are put to the owner: once a day from [registration]
overdue_time, each stay the day it falls overdue and weekly after, with buttons."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot import codec
from bot.context import Services
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from scheduler.jobs.stay_reminders import remind_overdue_stays
from storage.models import GuestStay
from tests.support.chat import Chat
from tests.support.clock import FakeClock, said_day
from tests.support.outbox import opened, queued, texts_to
from tests.support.seed import GUEST_ID

#: 王小明 in 302 from 11-23 10:00, leaving 明天 (11-24).
LEAVING_TOMORROW = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "明天", "确认")
OTHER_ID = build_resident_id("110105", date(1990, 1, 2), 318)
#: 李娜 in 305, no check-out day given.
NO_DAY = ("登记", "李娜", "身份证", OTHER_ID, "跳过", "305", "现在", "跳过", "确认")


async def _buttons_to_owner(services: Services) -> list[tuple[str, str]]:
    """(title, value) of the buttons of the owner's latest queued message."""
    row = (await queued(services, "owner"))[-1]
    [reply] = codec.loads(opened(row))
    assert isinstance(reply, Choices)
    return [(b.label, b.value) for b in reply.buttons]


async def test_a_stay_past_its_day_is_asked_about_once_that_day_and_weekly_after(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say_all(*LEAVING_TOMORROW)
    clock.advance(hours=4)  # 11-23 14:00: the guest is not even due
    assert await remind_overdue_stays(services) == 0
    clock.advance(days=2, hours=-1)  # 11-25 13:00: overdue, but before overdue_time
    assert await remind_overdue_stays(services) == 0
    clock.advance(hours=1)  # 14:00
    assert await remind_overdue_stays(services) == 1
    assert await remind_overdue_stays(services) == 0  # a second run, or another replica
    (reminder,) = await texts_to(services, "owner")
    assert "「平安旅馆」这位旅客入住已久，仍未登记退房" in reminder  # one guest, not 这些
    assert "302 王**　11-23 入住，预计 11-24 退房" in reminder
    assert GUEST_ID not in reminder and "王小明" not in reminder
    titles = [title for title, _value in await _buttons_to_owner(services)]
    assert titles == ["302 王** 已退房", "302 王** 仍在住"]
    for days in range(1, 7):  # not asked again every day
        clock.advance(days=1)
        assert await remind_overdue_stays(services) == 0, days
    clock.advance(days=1)  # a week later, still open: asked again
    assert await remind_overdue_stays(services) == 1


async def test_the_buttons_record_the_check_out_or_the_guest_still_there(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say_all(*LEAVING_TOMORROW)
    await owner_chat.say_all(*NO_DAY)
    clock.advance(days=2, hours=4)  # 11-25 14:00: only 王小明 is overdue
    assert await remind_overdue_stays(services) == 1
    [(_, gone), _] = await _buttons_to_owner(services)
    assert "1 位旅客已办理退房：王**" in await owner_chat.say(gone)
    clock.advance(days=6)  # 12-01: 李娜, 7 days without a check-out day, the day after
    assert await remind_overdue_stays(services) == 1
    assert "305 李*　11-23 入住" in (await texts_to(services, "owner"))[-1]
    [_, (_, here)] = await _buttons_to_owner(services)
    kept = await owner_chat.say(here)
    assert f"已记下 305 李* 仍在住，预计退房 {said_day(7, clock)}" in kept
    listing = await owner_chat.say("在住旅客")
    assert "在住旅客共 1 人" in listing and "逾期未退房" not in listing
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay).order_by(GuestStay.room))).all()
    assert [s.checked_out_at is not None for s in stays] == [True, False]  # 302, 305
    clock.advance(days=8)  # 12-09, the day after the new day: asked again
    assert await remind_overdue_stays(services) == 1


async def test_nobody_is_checked_out_without_the_owner(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say_all(*LEAVING_TOMORROW)
    clock.advance(hours=4)  # 14:00 each day
    for _ in range(40):
        clock.advance(days=1)
        await remind_overdue_stays(services)
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.checked_out_at is None
    assert len(await texts_to(services, "owner")) == 6  # days 2, 9, 16, 23, 30, 37


async def test_a_long_list_asks_about_a_few_and_says_how_many_more(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    for n in range(6):
        guest = build_resident_id("110105", date(1990, 1, 2 + n), 318)
        await owner_chat.say_all(
            "登记", "张三", "身份证", guest, "跳过", f"20{n}", "现在", "跳过", "确认"
        )
    clock.advance(days=8, hours=4)
    assert await remind_overdue_stays(services) == 1
    (reminder,) = await texts_to(services, "owner")
    assert "还有 2 位，发送「在住旅客」查看" in reminder
    assert len(await _buttons_to_owner(services)) == 8
    assert len(reminder.encode()) < 600
