"""A tenant who never moved in (302那个不来租了，没搬进来): the registration is withdrawn, never
recorded as a move-out on a day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import Tenancy
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.seed import GUEST_ID

#: 李四 in 302 since 2026-11-01, a lease already begun (the clock is 2026-11-23).
_IN_302 = (f"登记租客 李四 {GUEST_ID} 302室", "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认")
_OTHER_ID = build_resident_id("110105", date(1990, 1, 2), 318)


async def _tenancies(services: Services) -> list[Tenancy]:
    async with services.sessions() as session:
        return list((await session.exec(select(Tenancy).order_by(col(Tenancy.id)))).all())


@pytest.mark.parametrize(
    "said", ["302那个不来租了，没搬进来", "李四没搬进来", "302的租客一天都没住", "李四不来住了"]
)
async def test_a_tenant_who_never_moved_in_is_offered_the_withdrawal(
    landlord_chat: Chat, services: Services, said: str
) -> None:
    """302那个不来租了，没搬进来 had got 没有理解, and 李四不租了，没搬进来 the move-out's
    确认 李*已搬离？, which records the tenant as having lived there until today."""
    assert "租客登记成功" in await landlord_chat.say_all(*_IN_302)
    asked = await landlord_chat.say(said)
    assert "李*（" in asked and "「撤下登记」" in asked, asked
    assert f"起租日期是 {said_day(date(2026, 11, 1))}" in asked, asked
    assert "已搬离？" not in asked and "没有理解" not in asked, asked
    [tenancy] = await _tenancies(services)
    assert tenancy.moved_out_at is None  # asked, nothing kept yet
    done = await landlord_chat.say(landlord_chat.buttons()[0])
    assert "已撤下 李*" in done and "未入住" in done and "「撤销退租」" in done, done
    assert "目前没有在租租客" in await landlord_chat.say("/租客")
    [tenancy] = await _tenancies(services)
    assert tenancy.moved_out_at is not None


async def test_a_tenant_who_lived_there_and_left_is_still_a_move_out(
    landlord_chat: Chat, services: Services
) -> None:
    """The withdrawal says how a tenant who did live there is moved out instead; 还没搬进来
    (not yet) withdraws nothing."""
    await landlord_chat.say_all(*_IN_302)
    asked = await landlord_chat.say("李四没搬进来")
    assert "「/退租 1」" in asked, asked
    assert "撤下登记" not in await landlord_chat.say("302的租客还没搬进来")
    assert "撤下登记" not in await landlord_chat.say("租客交了定金没搬进来，定金能退吗")
    assert "已搬离？" in await landlord_chat.say("/退租 1")


async def test_which_tenant_never_moved_in_is_asked_when_none_is_named(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all(*_IN_302)
    await landlord_chat.say_all(
        f"登记租客 王五 {_OTHER_ID} 303室", "跳过", "跳过", "跳过", "今天", "跳过", "确认"
    )
    asked = await landlord_chat.say("租客不来租了，没搬进来")
    assert "哪位租客没有入住" in asked, asked
    assert len(landlord_chat.buttons()) == 2
    withdraw = await landlord_chat.say(landlord_chat.buttons()[1])
    assert "王*（" in withdraw and "「撤下登记」" in withdraw, withdraw
    assert "已撤下 王*" in await landlord_chat.say(landlord_chat.buttons()[0])
    listing = await landlord_chat.say("/租客")
    assert "共 1 人" in listing and "李*" in listing, listing
