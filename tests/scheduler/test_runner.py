"""The job list: a morning push missed by hours is not sent late at night."""

from __future__ import annotations

import logging

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from scheduler.runner import jobs_for
from scheduler.schedule import Morning
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


async def test_a_morning_push_missed_by_hours_is_skipped(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A server started in the evening sent 「警务日报」 and 「今日在逃人员卡片」 at 23:18."""
    jobs = jobs_for(services, dispatcher)
    clock.advance(hours=13, minutes=18)  # 23:18 in Shanghai
    with caplog.at_level(logging.WARNING, logger="scheduler.runner"):
        assert await jobs["officer_digest"][0]() == 0
        assert await jobs["officer_digest"][0]() == 0
        assert await jobs["wanted_rotation"][0]() == 0
    assert await texts_to(services, "officer") == []
    assert len([r for r in caplog.records if "officer_digest" in r.getMessage()]) == 1
    clock.advance(hours=8, minutes=30)  # 07:48 the next morning
    assert await jobs["officer_digest"][0]() == 1
    assert any("警务日报" in t for t in await texts_to(services, "officer"))


async def test_a_morning_push_run_by_hand_goes_whatever_the_time(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """`jingmin jobs run officer_digest` in the evening had done nothing (0 done): the
    hours the scheduler keeps are for a server started late, not for a run asked for."""
    clock.advance(hours=13, minutes=18)  # 23:18 in Shanghai
    assert await jobs_for(services, dispatcher)["officer_digest"][0]() == 0
    by_hand = jobs_for(services, dispatcher, by_hand=True)
    assert await by_hand["officer_digest"][0]() == 1
    assert any("警务日报" in t for t in await texts_to(services, "officer"))
    assert await by_hand["officer_digest"][0]() == 0  # still once per officer and day
    clock.advance(hours=7)  # 06:18 the next morning, before [digest] time
    assert await by_hand["officer_digest"][0]() == 1


async def test_a_daily_alert_missed_before_the_start_is_sent_once(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """A server first started after [broadcast] daily_time (07:00) sent that day's alert to
    no one: the job was due next at 07:00 the day after. Like the morning digest, it runs
    every few minutes, from its time on (for `MORNING_GRACE`), once per beat and day."""
    job, schedule = jobs_for(services, dispatcher)["daily_alert"]
    assert isinstance(schedule, Morning) and schedule.every <= 300  # not only at 07:00
    # 10:00 in Shanghai, nothing sent today: the first run after the start sends it, to the
    # beat's hotel owner and landlord.
    assert await job() == 2
    restarted, _every = jobs_for(services, dispatcher)["daily_alert"]
    assert await restarted() == 0  # a restart, or another replica: not twice
    assert await job() == 0
    clock.advance(hours=20, minutes=30)  # 06:30 the next morning: not yet
    assert await restarted() == 0
    clock.advance(hours=5)  # 11:30, more than `MORNING_GRACE` after 07:00: skipped
    assert await restarted() == 0
    for chat in ("owner", "landlord"):
        alerts = await texts_to(services, chat)
        assert len(alerts) == 1 and "一号警务区 11月23日每日提示" in alerts[0]
