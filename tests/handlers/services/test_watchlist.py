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
