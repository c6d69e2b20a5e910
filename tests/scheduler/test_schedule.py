"""How `jingmin jobs list` says when a job runs."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.interval import IntervalTrigger

from scheduler.schedule import Daily, Morning, describe, trigger_for


def test_a_morning_push_is_described_by_its_time_and_how_late_it_catches_up() -> None:
    """The daily alert, checked every minute from 07:00, had read 「every 1 min」."""
    push = Morning(time(7, 0), 60, timedelta(hours=4))
    assert describe(push) == "daily 07:00 (catch-up until 11:00)"
    assert describe(Morning(time(22, 30), 300, timedelta(hours=4))) == (
        "daily 22:30 (catch-up until next day 02:30)"
    )
    trigger = trigger_for(push, ZoneInfo("Asia/Shanghai"))
    assert isinstance(trigger, IntervalTrigger) and trigger.interval == timedelta(minutes=1)


def test_other_schedules_keep_their_words() -> None:
    assert describe(Daily(time(3, 0))) == "daily at 03:00:00"
    assert [describe(s) for s in (30, 60, 3600)] == ["every 30 s", "every 1 min", "every 1 h"]
