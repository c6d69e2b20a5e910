"""How `jingmin jobs list` says when a job runs."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.interval import IntervalTrigger

from scheduler.schedule import Daily, Morning, describe, next_morning, trigger_for


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


def test_a_morning_pushs_next_run_is_its_next_window() -> None:
    """`jobs list` had shown the daily alert's next run a minute away, every minute."""
    zone = ZoneInfo("Asia/Shanghai")
    push = Morning(time(7, 0), 60, timedelta(hours=4))
    before = datetime(2026, 12, 1, 6, 30, tzinfo=zone)
    after = datetime(2026, 12, 1, 9, 0, tzinfo=zone)
    assert next_morning(push, before, zone) == datetime(2026, 12, 1, 7, 0, tzinfo=zone)
    assert next_morning(push, after, zone) == datetime(2026, 12, 2, 7, 0, tzinfo=zone)
    # Asked in UTC, answered in the station's day: 23:30 UTC is already 07:30 there.
    late_utc = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert next_morning(push, late_utc, zone) == datetime(2026, 12, 3, 7, 0, tzinfo=zone)
