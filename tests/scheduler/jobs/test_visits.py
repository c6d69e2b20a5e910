"""Red venues are visited every 7 days: one open visit task at a time, due after the last."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from bot.config import Settings
from bot.context import Services
from handlers.services.risk.rating import rate_by_officer
from handlers.services.risk.ruleset import load_rule_set
from scheduler.jobs.visits import plan_visits
from storage.models import RiskColour, Task, TaskStatus
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_visit_every_seven_days(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    rules = load_rule_set(Settings())
    assert seeded.hotel.id is not None
    assert await plan_visits(services, rules) == 0
    async with services.sessions() as session:
        officer = seeded.officer.id
        await rate_by_officer(
            session,
            seeded.hotel.id,
            RiskColour.RED,
            "重点",
            override=False,
            person_id=officer,
            now=clock.now,
        )
        await session.commit()
    assert await plan_visits(services, rules) == 1
    assert await plan_visits(services, rules) == 0
    assert "【走访】走访红色场所：平安旅馆　截止 11-23（今天）" in await officer_chat.say("/任务")
    clock.advance(days=2)
    await officer_chat.say("/完成 1 已走访")
    assert await plan_visits(services, rules) == 1
    async with services.sessions() as session:
        tasks = (await session.exec(select(Task).order_by(col(Task.id)))).all()
    assert [t.status for t in tasks] == [TaskStatus.DONE, TaskStatus.OPEN]
    assert tasks[1].due == date(2026, 12, 2)  # visited 11-25, next within 7 days
    assert tasks[1].key == f"visit:{seeded.hotel.id}:{tasks[0].id}"
