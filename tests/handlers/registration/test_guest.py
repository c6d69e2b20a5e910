"""Guest registration as an owner experiences it, and what the officer sees."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from storage.models import GuestStay, OutboxMessage, WatchHit
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")


async def test_owner_registers_a_guest_and_gets_a_receipt(
    owner_chat: Chat, services: Services
) -> None:
    summary = await owner_chat.say_all(*FULL)
    assert "请核对旅客登记信息" in summary
    assert "性别：男" in summary and "出生日期：1992-07-01" in summary
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "回执号：G20261123-" in receipt
    assert "王*" in receipt and GUEST_ID not in receipt
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.room == "302" and stay.checked_out_at is None


async def test_wanted_guest_alerts_officer_but_owner_sees_ordinary_receipt(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    plain = await owner_chat.say_all(*FULL, "确认")
    hit = await owner_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过", "确认"
    )
    # Same wording as any other receipt: nothing tips the owner off.
    assert hit.splitlines()[0] == plain.splitlines()[0]
    assert "比中" not in hit and "通缉" not in hit and "在逃" not in hit
    async with services.sessions() as session:
        hits = (await session.exec(select(WatchHit))).all()
        outbox = (await session.exec(select(OutboxMessage))).all()
    assert len(hits) == 1 and hits[0].strength == "strong"
    assert [o.chat_id for o in outbox] == ["officer"]
    assert "比中提醒" in outbox[0].payload and WANTED_ID not in outbox[0].payload
