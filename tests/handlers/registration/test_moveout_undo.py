"""撤销退租: a landlord's move-out taken back, after naming the tenant and the house."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import Tenancy
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.seed import GUEST_ID

_TENANT = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01")


async def _moved_out(services: Services) -> Tenancy:
    async with services.sessions() as session:
        return (await session.exec(select(Tenancy))).one()


async def test_a_move_out_is_undone_after_naming_the_tenant_and_the_house(
    landlord_chat: Chat, services: Services
) -> None:
    """撤销退租 was told 这里还不能撤销退租: a wrong move-out could not be put right."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    done = await landlord_chat.say_all("/退租 1", "确认搬离")
    assert "「撤销退租」" in done
    button = landlord_chat.buttons()[0]
    ask = await landlord_chat.say("撤销退租")
    assert "撤销 李*（" in ask and "「和平里5号」" in ask and GUEST_ID not in ask
    assert (await _moved_out(services)).moved_out_at is not None  # asked, not done yet
    undone = await landlord_chat.say("确认撤销")
    assert "已撤销 李*" in undone and "恢复为在租" in undone
    assert (await _moved_out(services)).moved_out_at is None
    assert "共 1 人" in await landlord_chat.say("/租客")
    assert "已经撤销过了" in await landlord_chat.say(button)  # the old button again
    assert "没有可以撤销的搬离登记：搬离登记只能在搬离当天起 7 天内撤销" in await landlord_chat.say(
        "撤销退租"
    )


async def test_an_undo_typed_after_two_move_outs_asks_which(
    landlord_chat: Chat, services: Services
) -> None:
    other = build_resident_id("110105", date(1992, 6, 1), 521)
    for name, number in (("李四", GUEST_ID), ("李五", other)):
        await landlord_chat.say_all(
            "登记", name, "身份证", number, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认"
        )
    await landlord_chat.say_all("/退租 1", "确认搬离", "/退租 1", "确认搬离", "/租客")
    ask = await landlord_chat.say("/撤销退租")
    assert ask.startswith("撤销哪一位租客的搬离？") and len(landlord_chat.buttons()) == 2
    await landlord_chat.say(landlord_chat.buttons()[1])
    assert "已撤销" in await landlord_chat.say("确认撤销")
    assert "共 1 人" in await landlord_chat.say("/租客")


async def test_a_move_out_dated_before_the_undo_days_offers_no_undo(landlord_chat: Chat) -> None:
    """A receipt that offers 撤销退租 the undo then refuses would be a broken promise."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    done = await landlord_chat.say_all("/退租 1 11月10日", "确认搬离")
    assert f"搬离日期 {said_day(date(2026, 11, 10))}" in done and "撤销退租" not in done
    assert "没有可以撤销的搬离登记：搬离登记只能在搬离当天起 7 天内撤销" in await landlord_chat.say(
        "撤销退租"
    )


async def test_a_landlords_move_out_said_to_be_wrong_is_offered_back(landlord_chat: Chat) -> None:
    """退错了 belongs to the hotels' 撤销退房, which told a landlord 最近 2 小时内没有可撤销的退房."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    await landlord_chat.say_all("/退租 1", "确认搬离")
    ask = await landlord_chat.say("退错了")
    assert "撤销 李*（" in ask and "退房" not in ask


async def test_the_receipt_and_the_refusal_say_the_same_window(landlord_chat: Chat) -> None:
    """/退租 1 昨天 said 「6 天内可点「撤销退租」」 while the refusal said 「最近 7 天内没有登记
    搬离的租客」: both now count from the day moved out, and the receipt names the last day.
    The suite's clock stands at 2026-11-23."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    done = await landlord_chat.say_all("/退租 1 昨天", "确认搬离")
    assert f"如登记错了，搬离当天起 7 天内（到 {said_day(5)}）可点「撤销退租」" in done
    # Dated six days back: today is its last day, and the undo still takes it.
    await landlord_chat.say_all("撤销退租", "确认撤销")
    done = await landlord_chat.say_all("/退租 1 11月17日", "确认搬离")
    assert f"搬离当天起 7 天内（到 {said_day(0)}）" in done
    assert "撤销 李*（" in await landlord_chat.say("撤销退租")


async def test_a_landlords_withdraw_after_a_move_out_offers_it_back(landlord_chat: Chat) -> None:
    """撤回 right after a move-out got 没有理解 (撤回 is the officers' word for an alert)."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    await landlord_chat.say_all("/退租 1", "确认搬离")
    ask = await landlord_chat.say("撤回")
    assert "撤销 李*（" in ask and "的搬离登记？" in ask
