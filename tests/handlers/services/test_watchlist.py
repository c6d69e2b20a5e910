"""Registrations matched against the wanted list: one alert per person sought."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from storage.models import WantedPerson, WatchHit
from tests.handlers.test_hits import REGISTER_WANTED
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


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


async def test_no_check_out_notice_once_the_card_is_closed(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say_all(f"/通缉 抓获 {seeded.wanted.id}", "确认")
    await owner_chat.say("退房 303")
    assert not [t for t in await texts_to(services, "officer") if "已退房" in t]
