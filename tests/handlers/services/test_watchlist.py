"""Registrations matched against the wanted list: one alert per person sought."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from handlers.services.personal import DOC_NO, NAME
from handlers.services.watchlist import NAME_DIFFERS
from storage.models import WantedPerson, WatchHit
from tests.handlers.test_hits import REGISTER_WANTED
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import WANTED_ID, Seeded


async def test_two_active_cards_of_one_number_raise_one_alert(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A person entered twice (before the form refused a number already on the list): each
    registration of the guest had raised two alerts, two hits and two checks to make."""
    async with services.sessions() as session:
        first = await session.get(WantedPerson, seeded.wanted.id)
        assert first is not None
        twin = WantedPerson(
            name=first.name,
            name_idx=first.name_idx,
            doc_no_enc=first.doc_no_enc,
            doc_no_idx=first.doc_no_idx,
            doc_no_masked=first.doc_no_masked,
            birth_date=first.birth_date,
            case_summary="盗窃案（重复录入）",
        )
        session.add(twin)
        await session.commit()
    await owner_chat.say_all(*REGISTER_WANTED)
    alerts = [t for t in await texts_to(services, "officer") if "比中提醒" in t]
    assert len(alerts) == 1
    async with services.sessions() as session:
        hits = (await session.exec(select(WatchHit))).all()
    # The older card is the one the hit names.
    assert [h.wanted_id for h in hits] == [seeded.wanted.id]


async def test_no_check_out_notice_for_a_hit_checked_as_someone_else(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """比中 #1 的旅客已退房 had come for a guest the officer had found was not the person
    wanted; a hit still to check is told of as before."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 已核实，非本人")
    await owner_chat.say("退房 303")
    assert not [t for t in await texts_to(services, "officer") if "已退房" in t]

    await owner_chat.say_all(*REGISTER_WANTED[:5], "305", *REGISTER_WANTED[6:])
    await owner_chat.say("退房 305")
    told = [t for t in await texts_to(services, "officer") if "已退房" in t]
    assert len(told) == 1 and "比中 #2 的旅客已退房" in told[0]


async def test_the_hit_and_its_check_out_are_timed_as_today(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The officer's hit alert said 时间：2026-11-23 10:00 and the check-out notice
    退房时间：2026-11-23 10:00, where the other notices of the flow say 今天 10:00."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    texts = await texts_to(services, "officer")
    [alert] = [t for t in texts if "比中提醒" in t]
    [out] = [t for t in texts if "已退房" in t]
    assert "时间：今天 10:00" in alert and "退房时间：今天 10:00" in out
    assert "2026-" not in alert + out


async def test_no_check_out_notice_once_the_card_is_closed(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say_all(f"/通缉 抓获 {seeded.wanted.id}", "确认")
    await owner_chat.say("退房 303")
    assert not [t for t in await texts_to(services, "officer") if "已退房" in t]


#: 甲某某, on the wanted list, registered as a tenant since 11-01.
TENANT_WANTED = ("登记", "甲某某", "身份证", WANTED_ID, "跳过", "跳过", "跳过", "2026-11-01")


async def test_a_tenant_moving_out_is_told_as_a_guest_checking_out(
    landlord_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A guest's check-out told the officer 比中 #N 的旅客已退房; a tenant's 退租, and its
    撤销退租, told nothing."""
    await landlord_chat.say_all(*TENANT_WANTED, "跳过", "确认")
    await landlord_chat.say_all("/退租 1", "确认搬离")
    [out] = [t for t in await texts_to(services, "officer") if "已退租" in t]
    assert out.startswith("ℹ️ 比中 #1 的租客已退租") and "退租时间：今天 10:00" in out
    assert "/比中 1" in out
    await landlord_chat.say_all("撤销退租", "确认撤销")
    [back] = [t for t in await texts_to(services, "officer") if "已被房东撤销" in t]
    assert back.startswith("⚠️ 比中 #1 的租客退租已被房东撤销，仍登记在租")
    await landlord_chat.say_all("/退租 1 昨天", "确认搬离")  # dated: the day said
    told = [t for t in await texts_to(services, "officer") if "已退租" in t]
    assert len(told) == 2 and "退租时间：11-22" in told[1]


async def test_no_move_out_notice_for_a_closed_hit(
    landlord_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await landlord_chat.say_all(*TENANT_WANTED, "跳过", "确认")
    await officer_chat.say("/完成 1 已核实，非本人")
    await landlord_chat.say_all("/退租 1", "确认搬离")
    await landlord_chat.say_all("撤销退租", "确认撤销")
    assert not [t for t in await texts_to(services, "officer") if "比中 #1 的租客" in t]


async def test_a_latin_name_in_another_order_is_not_another_name(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """SMITH JOHN, as the passport prints it, hitting the card of JOHN SMITH had been told
    as 姓名与在逃人员不一致; another name under the number still is."""
    async with services.sessions() as session:
        wanted = await session.get(WantedPerson, seeded.wanted.id)
        assert wanted is not None
        wanted.name, wanted.name_idx = "JOHN SMITH", services.blind_index("JOHN SMITH", NAME)
        wanted.doc_no_idx = services.blind_index("E12345678", DOC_NO)
        session.add(wanted)
        await session.commit()
    for name, room in (("SMITH JOHN", "301"), ("SMITH JANE", "302")):
        passport = ("护照", "E12345678", "男", "1980-01-02", "美国", "跳过")
        await owner_chat.say_all("登记", name, *passport, room, "现在", "跳过", "确认")
        await owner_chat.say(f"退房 {room}")  # the number is in the house once at a time
    alerts = [t for t in await texts_to(services, "officer") if "比中提醒" in t]
    assert len(alerts) == 2
    assert [NAME_DIFFERS in alert for alert in alerts] == [False, True]
    assert NAME_DIFFERS not in await officer_chat.say("/命中 1")
    assert NAME_DIFFERS in await officer_chat.say("/命中 2")
