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
    assert "【走访】走访🔴红色场所：平安旅馆　截止 今天" in await officer_chat.say("/任务")
    clock.advance(days=2)
    await officer_chat.say("/完成 1 已走访")
    assert await plan_visits(services, rules) == 1
    async with services.sessions() as session:
        tasks = (await session.exec(select(Task).order_by(col(Task.id)))).all()
    assert [t.status for t in tasks] == [TaskStatus.DONE, TaskStatus.OPEN]
    assert tasks[1].due == date(2026, 12, 2)  # visited 11-25, next within 7 days
    assert tasks[1].key == f"visit:{seeded.hotel.id}:{tasks[0].id}"


async def _rate(services: Services, seeded: Seeded, clock: FakeClock, colour: RiskColour) -> None:
    assert seeded.hotel.id is not None
    async with services.sessions() as session:
        await rate_by_officer(
            session,
            seeded.hotel.id,
            colour,
            "重点",
            override=True,
            person_id=seeded.officer.id,
            now=clock.now,
        )
        await session.commit()


async def _visits(services: Services) -> list[Task]:
    async with services.sessions() as session:
        return list((await session.exec(select(Task).order_by(col(Task.id)))).all())


async def test_a_venue_red_again_after_its_visit_was_dropped_is_visited_again(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    rules = load_rule_set(Settings())
    await _rate(services, seeded, clock, RiskColour.RED)
    assert await plan_visits(services, rules) == 1
    clock.advance(days=1)
    await officer_chat.say(f"/风险 平安旅馆 {RiskColour.BLUE.label} 已全部整改")
    assert [t.status for t in await _visits(services)] == [TaskStatus.CANCELLED]
    assert await plan_visits(services, rules) == 0  # blue asks for no visits
    clock.advance(days=3)
    await _rate(services, seeded, clock, RiskColour.RED)
    assert await plan_visits(services, rules) == 1
    tasks = await _visits(services)
    assert [t.status for t in tasks] == [TaskStatus.CANCELLED, TaskStatus.OPEN]
    assert tasks[1].due == clock.now.date()  # red again: visited now, not never
    assert "走访🔴红色场所：平安旅馆" in await officer_chat.say("/任务")


async def test_a_visit_cancelled_by_hand_comes_back_after_the_interval(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    rules = load_rule_set(Settings())
    await _rate(services, seeded, clock, RiskColour.RED)
    assert await plan_visits(services, rules) == 1
    clock.advance(days=1)
    assert "已取消任务 #1" in await officer_chat.say("/任务 取消 1 本周已随检查走访")
    assert await plan_visits(services, rules) == 1
    assert await plan_visits(services, rules) == 0
    tasks = await _visits(services)
    assert [t.status for t in tasks] == [TaskStatus.CANCELLED, TaskStatus.OPEN]
    assert tasks[1].due == date(2026, 12, 1)  # cancelled 11-24, the next within 7 days
