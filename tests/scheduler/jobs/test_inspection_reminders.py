"""Overdue self-inspections and rectifications are reminded, every few days, never twice."""

from __future__ import annotations

from sqlmodel import select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.inspections import DUE, RECTIFY, overdue_inspections
from scheduler.jobs.inspection_reminders import remind_inspections
from storage.models import Venue
from tests.handlers.inspection.support import inspect_hotel
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def _registered_now(services: Services, clock: FakeClock) -> None:
    async with services.sessions() as session:
        for venue in (await session.exec(select(Venue))).all():
            venue.created_at = clock.now
            session.add(venue)
        await session.commit()


async def test_due_inspection_is_reminded_every_few_days(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await _registered_now(services, clock)
    assert await remind_inspections(services) == 0
    clock.advance(days=31)
    assert await remind_inspections(services) == 1  # the hotel; the rental is not inspected
    assert await remind_inspections(services) == 0
    clock.advance(days=1)
    assert await remind_inspections(services) == 0
    clock.advance(days=2)
    assert await remind_inspections(services) == 1
    reminders = await texts_to(services, "owner")
    assert len(reminders) == 2 and "消防安全自查已到期" in reminders[0]
    assert "应于12月23日前完成" in reminders[0] and not await texts_to(services, "landlord")


async def test_rectification_past_its_deadline_and_what_the_digest_sees(
    dispatcher: Dispatcher,
    seeded: Seeded,
    services: Services,
    settings: Settings,
    clock: FakeClock,
) -> None:
    await _registered_now(services, clock)
    owner = RichChat(dispatcher, "owner")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 搬走电动车 3天")
    clock.advance(days=4)
    async with services.sessions() as session:
        found = await overdue_inspections(
            session, now=clock.now, zone=settings.zone, every_days=30, beat_id=seeded.beat.id
        )
        elsewhere = await overdue_inspections(
            session, now=clock.now, zone=settings.zone, every_days=30, beat_id=seeded.other_beat.id
        )
    assert [(o.kind, o.inspection_id, o.items) for o in found] == [
        (RECTIFY, 1, ("第3项 电动车充电",))
    ]
    assert elsewhere == []
    before = len(await texts_to(services, "owner"))
    assert await remind_inspections(services) == 1
    reminder = (await texts_to(services, "owner"))[-1]
    assert len(await texts_to(services, "owner")) == before + 1
    assert "整改已过期限（11月26日）" in reminder and "/自查 整改 1" in reminder
    clock.advance(days=27)  # the inspection itself falls due 30 days after it was sent
    async with services.sessions() as session:
        kinds = {
            o.kind
            for o in await overdue_inspections(
                session, now=clock.now, zone=settings.zone, every_days=30
            )
        }
    assert kinds == {DUE, RECTIFY}
