"""Tenant registration by a landlord, the tenant list and move-out."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from handlers.registration.tenant import _lease_end
from storage.models import Tenancy, WatchHit
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID, WANTED_ID


async def test_landlord_registers_tenant_lists_and_moves_out(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "快递员", "跳过", "2026-11-01"
    )
    summary = await landlord_chat.say("2026-10-01")
    assert "租约到期日不能早于起租日期" in summary
    summary = await landlord_chat.say("租一年")  # the lease's length: it ends 2027-10-31
    assert "到期日期：2027-10-31" in summary
    assert "职业：快递员" in summary and "工作单位：（未填）" in summary
    receipt = await landlord_chat.say("确认")
    assert "租客登记成功" in receipt and "门牌 200001" in receipt and "回执号：T" in receipt
    listing = await landlord_chat.say("/租客")
    assert "李*" in listing and GUEST_ID not in listing
    assert "已登记 李* 搬离" in await landlord_chat.say_all("/退租 1", "确认搬离")
    assert "目前没有在租租客" in await landlord_chat.say("/租客")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.moved_out_at is not None and tenancy.occupation == "快递员"


async def test_wanted_tenant_is_matched(landlord_chat: Chat, services: Services) -> None:
    reply = await landlord_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "跳过", "跳过", "今天", "跳过", "确认"
    )
    assert "租客登记成功" in reply and "比中" not in reply
    async with services.sessions() as session:
        hit = (await session.exec(select(WatchHit))).one()
    assert hit.registration_kind == "tenant"


async def test_hotel_owner_has_no_rental_to_register(owner_chat: Chat) -> None:
    assert "没有可登记租客的场所" in await owner_chat.say("/登记租客")


async def test_the_same_tenant_twice_in_one_house_is_refused(landlord_chat: Chat) -> None:
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")
    again = await landlord_chat.say_all(*tenant[:4])
    assert "已登记在租（起租 2026-11-01）" in again and again.endswith("请输入证件号码：")
    await landlord_chat.say("取消")
    assert "已登记 李* 搬离" in await landlord_chat.say_all("/退租 1", "确认搬离")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")  # moving back in


async def test_move_out_names_the_tenant_and_asks_once(landlord_chat: Chat) -> None:
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")
    ask = await landlord_chat.say("/退租 1")
    assert "确认 李*" in ask and "已搬离？" in ask and "已登记" not in ask
    assert "李*" in await landlord_chat.say("不是")  # the list again, nothing changed
    await landlord_chat.say("/退租 1")
    confirm = landlord_chat.buttons()[0]
    assert "已登记 李* 搬离" in await landlord_chat.say("确认搬离")
    assert "没有在租租客" in await landlord_chat.say(confirm)  # an old button pressed again
    assert "目前没有在租租客" in await landlord_chat.say("/租客")


async def test_a_lease_that_already_ended_is_refused(landlord_chat: Chat) -> None:
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过")
    await landlord_chat.say("2025-11-01")
    refused = await landlord_chat.say("2025-12-31")
    assert "租约到期日 2025-12-31 已过" in refused and "核对年份" in refused
    assert "到期日期：2026-12-31" in await landlord_chat.say("2026-12-31")


async def test_a_foreign_tenant_reminds_the_landlord_of_the_24_hour_duty(
    landlord_chat: Chat,
) -> None:
    receipt = await landlord_chat.say_all(
        "登记", "Tanaka Hiroshi", "护照", "TR1234567", "男", "1990-01-01", "日本",
        "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认",
    )  # fmt: skip
    assert "租客登记成功" in receipt and "境外人员" in receipt and "24小时" in receipt


async def test_two_tenants_of_one_surname_are_told_apart_and_a_full_name_picks_one(
    landlord_chat: Chat,
) -> None:
    other = build_resident_id("110105", date(1992, 6, 1), 521)
    for name, number in (("李四", GUEST_ID), ("李五", other)):
        await landlord_chat.say_all(
            "登记", name, "身份证", number, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认"
        )
    assert "请选择搬离的租客" in await landlord_chat.say("退租")
    labels = [
        b.label for r in landlord_chat.last or [] if isinstance(r, Choices) for b in r.buttons
    ]
    assert len(labels) == 2 and labels[0] != labels[1]  # 李* and 李* apart by masked IDs
    assert GUEST_ID not in labels[0] and GUEST_ID[-4:] in labels[0]
    assert "确认 李*" in await landlord_chat.say("退租 李五")
    assert "已登记 李* 搬离" in await landlord_chat.say("确认搬离")
    assert "共 1 人" in await landlord_chat.say("租客")


def test_a_lease_length_ends_the_day_before_the_same_day_or_on_a_short_months_last() -> None:
    assert _lease_end(date(2026, 12, 1), "租一年") == date(2027, 11, 30)
    assert _lease_end(date(2027, 1, 31), "1个月") == date(2027, 2, 28)
    assert _lease_end(date(2026, 12, 1), "12月") is None  # December, not twelve months


async def test_a_second_word_at_the_phone_is_no_job(landlord_chat: Chat) -> None:
    """13912345678 下个月搬走 at the phone question stored 下个月搬走 as the tenant's job."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID)
    taken = await landlord_chat.say("13912345678 下个月搬走")
    assert taken.startswith("已记下：联系电话。其余的内容没有用上") and "职业" in taken
