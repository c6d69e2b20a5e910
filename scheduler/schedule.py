"""When a job runs: every N seconds, or daily at a station-local time; as APScheduler triggers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

#: A job returns how many things it did (messages queued, rows purged …).
Job = Callable[[], Awaitable[int]]


@dataclass(frozen=True)
class Daily:
    """Once a day at `at` in the station's time zone."""

    at: time


#: Seconds between runs, or a daily time.
Schedule = int | Daily


def trigger_for(schedule: Schedule, zone: ZoneInfo) -> BaseTrigger:
    if isinstance(schedule, Daily):
        at = schedule.at
        return CronTrigger(hour=at.hour, minute=at.minute, second=at.second, timezone=zone)
    return IntervalTrigger(seconds=schedule, timezone=zone)


def describe(schedule: Schedule) -> str:
    if isinstance(schedule, Daily):
        return f"daily at {schedule.at:%H:%M:%S}"
    if schedule % 3600 == 0:
        return f"every {schedule // 3600} h"
    if schedule % 60 == 0:
        return f"every {schedule // 60} min"
    return f"every {schedule} s"


def same_trigger(a: BaseTrigger, b: BaseTrigger) -> bool:
    """Whether a stored job's trigger is the one configured now (then its next run time,
    and so any run missed while down, is kept)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, IntervalTrigger) and isinstance(b, IntervalTrigger):
        return a.interval == b.interval
    return str(a) == str(b) and str(getattr(a, "timezone", "")) == str(getattr(b, "timezone", ""))
