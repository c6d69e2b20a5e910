"""A landlord changes a tenancy's end date (续租, 改到期), and says a move-out day loosely
(下礼拜搬走, 上周就搬走了): the day is asked, never taken as now."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from bot.context import Services
from storage.models import Tenancy
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.seed import GUEST_ID

# 2026-11-01 to 2027-10-31; the clock is 2026-11-23 (a Monday).
_TENANT = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "一年")


async def _tenancy(services: Services) -> Tenancy:
    async with services.sessions() as session:
        return (await session.exec(select(Tenancy))).one()


async def test_a_landlord_changes_the_end_date_by_name_and_can_change_it_back(
    landlord_chat: Chat, services: Services
) -> None:
    """续租 had got 抱歉，我没有理解."""
    await landlord_chat.say_all(*_TENANT, "确认")
    asked = await landlord_chat.say("续租")
    assert (
        f"现在的到期日是 {said_day(date(2027, 10, 31))}" in asked and "请写明新的到期日期" in asked
    ), asked
    ask = await landlord_chat.say("续租 李四 2028年1月1日")
    assert (
        f"由 {said_day(date(2027, 10, 31))} 改为 {said_day(date(2028, 1, 1))}？" in ask
        and GUEST_ID not in ask
    ), ask
    assert (await _tenancy(services)).lease_end == date(2027, 10, 31)  # asked, not done
    done = await landlord_chat.say("确认")
    assert (
        f"到期日改为 {said_day(date(2028, 1, 1))}（原为 {said_day(date(2027, 10, 31))}）" in done
    ), done
    assert (await _tenancy(services)).lease_end == date(2028, 1, 1)
    [back] = landlord_chat.buttons()
    assert f"到期 {said_day(date(2028, 1, 1))}" in await landlord_chat.say("/租客")
    await landlord_chat.say(back)
    assert (await _tenancy(services)).lease_end == date(2027, 10, 31)
    assert "不能早于今天" in await landlord_chat.say("改到期 1 11月1日")


async def test_changing_the_end_date_asked_in_words_offers_the_change(
    landlord_chat: Chat, services: Services
) -> None:
    """还没搬，下周六才走，先改一下到期时间行吗 had got a law search."""
    await landlord_chat.say_all(*_TENANT, "确认")
    offer = await landlord_chat.say("还没搬，下周六才走，先改一下到期时间行吗")
    assert "法律" not in offer and f"改到期 李* {said_day(date(2026, 12, 5))}" in offer, offer
    ask = await landlord_chat.say(landlord_chat.buttons()[0])
    assert f"改为 {said_day(date(2026, 12, 5))}？" in ask, ask
    await landlord_chat.say("确认")
    tenancy = await _tenancy(services)
    assert tenancy.lease_end == date(2026, 12, 5) and tenancy.moved_out_at is None


async def test_a_landlords_extend_points_to_the_lease_change(landlord_chat: Chat) -> None:
    """/续住 had got the hotels' 请写明房间和日期, 续住 李四 … 房间号只能包含数字."""
    await landlord_chat.say_all(*_TENANT, "确认")
    told = await landlord_chat.say("续住 李四 2028年1月1日")
    assert "「续租」" in told and "房间号" not in told, told
    assert f"改为 {said_day(date(2028, 1, 1))}？" in await landlord_chat.say(
        landlord_chat.buttons()[0]
    )


async def test_a_move_out_next_week_asks_the_day_and_keeps_the_tenant(
    landlord_chat: Chat, services: Services
) -> None:
    """李四不租了 下礼拜搬走 had been offered a move-out recorded now; the offer, 退租 李*,
    still read as one: the day is asked at once."""
    await landlord_chat.say_all(*_TENANT, "确认")
    days = await landlord_chat.say("李四不租了 下礼拜搬走")
    assert "预计哪天搬走" in days, days
    assert (await _tenancy(services)).moved_out_at is None
    monday, *_, friday, _, _ = landlord_chat.buttons()
    assert monday.endswith("2026-11-30")
    ask = await landlord_chat.say(friday)
    assert f"预计 {said_day(date(2026, 12, 4))} 搬走" in ask, ask
    done = await landlord_chat.say("确认")
    assert "搬走当天" in done and "「改回」" in done, done
    tenancy = await _tenancy(services)
    assert tenancy.lease_end == date(2026, 12, 4) and tenancy.moved_out_at is None


async def test_a_move_out_last_week_asks_which_day_rather_than_now(
    landlord_chat: Chat, services: Services
) -> None:
    """李四上周就搬走了 忘了说: the offer went to 确认 at once and recorded 已搬离 now."""
    await landlord_chat.say_all(*_TENANT, "确认")
    await landlord_chat.say("李四上周就搬走了 忘了说")
    days = await landlord_chat.say(landlord_chat.buttons()[0])
    assert "是哪天搬走的" in days, days
    assert (await _tenancy(services)).moved_out_at is None
    wednesday = landlord_chat.buttons()[2]
    assert f"已于 {said_day(-5)} 搬离？" in await landlord_chat.say(wednesday)
    assert f"搬离日期 {said_day(-5)}" in await landlord_chat.say("确认搬离")


@pytest.mark.parametrize(
    ("said", "end"),
    [
        ("续租 1 半年", date(2028, 4, 30)),
        ("续租 李四 一年", date(2028, 10, 31)),
        ("续租 三个月", date(2028, 1, 31)),
        ("续租 两年", date(2029, 10, 31)),
    ],
)
async def test_a_renewal_for_a_length_extends_the_current_end(
    landlord_chat: Chat, services: Services, said: str, end: date
) -> None:
    """续租 1 半年 had got 看不懂日期「半年」, though registration offers 半年 and 一年."""
    await landlord_chat.say_all(*_TENANT, "确认")  # ends 2027-10-31
    ask = await landlord_chat.say(said)
    assert f"改为 {said_day(end)}？" in ask, ask
    await landlord_chat.say("确认")
    assert (await _tenancy(services)).lease_end == end


async def test_a_renewal_said_in_a_sentence_keeps_its_length(
    landlord_chat: Chat, services: Services
) -> None:
    """李四续租半年 had been offered as 改到期 李*, the six months dropped."""
    await landlord_chat.say_all(*_TENANT, "确认")
    offer = await landlord_chat.say("李四续租半年")
    assert f"改到期 李* {said_day(date(2028, 4, 30))}" in offer, offer
    ask = await landlord_chat.say(landlord_chat.buttons()[0])
    assert f"改为 {said_day(date(2028, 4, 30))}？" in ask, ask


#: The end of next year, and a year on from the lease's end (2027-10-31).
_NEXT_YEARS_END, _A_YEAR_ON = date(2027, 12, 31), date(2028, 10, 31)


@pytest.mark.parametrize(
    ("said", "end"),
    [("续到明年年底", _NEXT_YEARS_END), ("续租到明年底", _NEXT_YEARS_END), ("续一年", _A_YEAR_ON)],
)
async def test_a_renewal_typed_at_the_lease_question_sets_the_new_end(
    landlord_chat: Chat, services: Services, said: str, end: date
) -> None:
    """续到明年年底 typed at 续租's 请写明新的到期日期 had got 没有理解, and
    「续租 1 续到明年年底」 看不懂日期."""
    await landlord_chat.say_all(*_TENANT, "确认")
    assert f"改为 {said_day(end)}？" in await landlord_chat.say(f"续租 1 {said}")
    assert "请写明新的到期日期" in await landlord_chat.say("续租")
    ask = await landlord_chat.say(said)
    assert f"由 {said_day(date(2027, 10, 31))} 改为 {said_day(end)}？" in ask, ask
    done = await landlord_chat.say("确认")
    assert f"到期日改为 {said_day(end)}" in done, done
    assert (await _tenancy(services)).lease_end == end


@pytest.mark.parametrize(
    ("said", "end"),
    [
        ("李四续到明年年底", _NEXT_YEARS_END),
        ("李四续租到明年底", _NEXT_YEARS_END),
        ("李四续一年", _A_YEAR_ON),
        ("李四续租到明年11月30号", date(2027, 11, 30)),
    ],
)
async def test_a_renewal_said_in_a_sentence_offers_its_new_end(
    landlord_chat: Chat, services: Services, said: str, end: date
) -> None:
    """李四续到明年年底 had got 没有理解, 李四续租到明年底 an offer without the day."""
    await landlord_chat.say_all(*_TENANT, "确认", "/租客")  # not under 继续登记租客
    offer = await landlord_chat.say(said)
    assert f"改到期 李* {said_day(end)}" in offer, offer
    ask = await landlord_chat.say(landlord_chat.buttons()[0])
    assert f"改为 {said_day(end)}？" in ask, ask
    await landlord_chat.say("确认")
    assert (await _tenancy(services)).lease_end == end


async def test_the_lease_question_offers_its_common_lengths(landlord_chat: Chat) -> None:
    """续租 asks with 续半年 and 续一年 as buttons, each to the day it comes to."""
    await landlord_chat.say_all(*_TENANT, "确认")
    await landlord_chat.say("续租")
    half, year = landlord_chat.buttons()
    assert f"改为 {said_day(date(2028, 4, 30))}？" in await landlord_chat.say(half)
    assert f"改为 {said_day(_A_YEAR_ON)}？" in await landlord_chat.say(year)


async def test_an_unread_new_end_is_told_with_dates_as_the_bot_says_them(
    landlord_chat: Chat,
) -> None:
    """看不懂日期 had said 请写成 12月31日 或 2027-12-31."""
    await landlord_chat.say_all(*_TENANT, "确认")
    told = await landlord_chat.say("续租 1 下辈子")
    assert "看不懂日期「下辈子」" in told and "2027年12月31日" in told and "2027-" not in told, told


async def test_a_new_end_that_is_the_current_one_changes_nothing(
    landlord_chat: Chat, services: Services
) -> None:
    """续租到明年底 of a lease ending then had asked 由 2027年12月31日 改为 2027年12月31日？"""
    await landlord_chat.say_all(*_TENANT, "确认", "续租 1 明年年底", "确认")
    told = await landlord_chat.say("续租 1 续租到明年底")
    assert f"到期日已经是 {said_day(_NEXT_YEARS_END)}，无需修改" in told, told
    assert (await _tenancy(services)).lease_end == _NEXT_YEARS_END
