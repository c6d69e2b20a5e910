"""A registration that hits the list brings the officers the person's card: with the alert
when the card was drawn before, seconds later from the job when it was not. Never to the
owner."""

from __future__ import annotations

import pytest

from bot.context import Services
from handlers.wanted import hit_cards
from handlers.wanted.hit_cards import send_hit_cards
from storage.models import WantedPerson, WantedStatus
from tests.handlers.broadcast.conftest import RecordingChannel, worker
from tests.handlers.wanted.support import NEW_ID, card_images, enter_person
from tests.support.chat import Chat
from tests.support.outbox import opened, queued
from tests.support.seed import WANTED_ID, Seeded


def _register(number: str, name: str) -> tuple[str, ...]:
    return ("登记", name, "身份证", number, "13900001111", "303", "现在", "跳过", "确认")


async def test_card_drawn_before_goes_with_the_alert(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat)  # drawn for the officer's answer
    receipt = await owner_chat.say_all(*_register(NEW_ID, "乙某某"))
    assert "旅客登记成功" in receipt and "比中" not in receipt  # the owner sees a receipt
    rows = await queued(services, "officer")
    [card_row] = [r for r in rows if r.dedupe_key.startswith("hitcard:")]
    [card] = card_images(card_row)
    assert "乙某某（内部）" in card.caption and "比中 #1 对象的卡片" in opened(card_row)
    assert await send_hit_cards(services) == 0  # nothing left for the job
    assert all("hitcard" not in r.dedupe_key for r in await queued(services, "owner"))


async def test_card_never_drawn_follows_from_the_job(
    owner_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await owner_chat.say_all(*_register(WANTED_ID, "甲某某"))
    assert not [r for r in await queued(services, "officer") if "hitcard" in r.dedupe_key]
    assert await send_hit_cards(services) == 1
    [card_row] = [r for r in await queued(services, "officer") if "hitcard" in r.dedupe_key]
    assert card_images(card_row)[0].caption == f"TJ-{seeded.wanted.id:04d} 甲某某（内部）"
    assert await send_hit_cards(services) == 0  # once
    owner_rows = await queued(services, "owner")
    assert not any(card_images(r) for r in owner_rows)


async def test_the_officer_reads_the_alert_before_the_card(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat)
    await owner_chat.say_all(*_register(NEW_ID, "乙某某"))
    platform = RecordingChannel()
    await worker(services, platform).run_once()
    to_officer = platform.texts_to("officer")
    alert = next(i for i, t in enumerate(to_officer) if "比中提醒" in t)
    card = next(i for i, t in enumerate(to_officer) if "对象的卡片" in t)
    assert alert < card


async def test_a_hit_checked_as_someone_else_gets_no_card(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """The job sent the card of a hit the officer had already checked as 非本人: the picture
    of someone wanted arrived for a guest known to be someone else."""
    await owner_chat.say_all(*_register(WANTED_ID, "甲某某"))
    await officer_chat.say("/完成 1 已到场核实，非本人")
    assert await send_hit_cards(services) == 0
    assert not [r for r in await queued(services, "officer") if "hitcard" in r.dedupe_key]


async def test_a_card_closed_while_it_is_drawn_is_not_sent(
    owner_chat: Chat, seeded: Seeded, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person caught while the job drew the card (the slow part): the card of someone
    already caught followed, after the officers had been told 已抓获."""
    await owner_chat.say_all(*_register(WANTED_ID, "甲某某"))

    async def drawn_then_caught(services: Services, wanted: WantedPerson) -> str:
        async with services.sessions() as session:
            caught = await session.get(WantedPerson, wanted.id)
            assert caught is not None
            caught.status = WantedStatus.CAPTURED
            session.add(caught)
            await session.commit()
        return "0" * 64

    monkeypatch.setattr(hit_cards, "card_image", drawn_then_caught)
    assert await send_hit_cards(services) == 0
    assert not [r for r in await queued(services, "officer") if "hitcard" in r.dedupe_key]
