"""When a job runs: every N seconds, daily at a station-local time, or a morning push (daily,
caught up after a late start); as APScheduler triggers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
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


@dataclass(frozen=True)
class Morning:
    """A morning push: checked every `every` seconds, and sent from `at` (station time) until
    `grace` after it, so that a server started late still sends the day's
    (`scheduler.runner.in_the_morning`)."""

    at: time
    every: int
    grace: timedelta


#: Seconds between runs, a daily time, or a morning push.
Schedule = int | Daily | Morning


def trigger_for(schedule: Schedule, zone: ZoneInfo) -> BaseTrigger:
    if isinstance(schedule, Daily):
        at = schedule.at
        return CronTrigger(hour=at.hour, minute=at.minute, second=at.second, timezone=zone)
    if isinstance(schedule, Morning):
        return IntervalTrigger(seconds=schedule.every, timezone=zone)
    return IntervalTrigger(seconds=schedule, timezone=zone)


def describe(schedule: Schedule) -> str:
    """As `jingmin jobs list` shows it to station IT staff."""
    if isinstance(schedule, Daily):
        return f"daily at {schedule.at:%H:%M:%S}"
    if isinstance(schedule, Morning):
        # Not its `every`: 「every 1 min」 read as an alert sent every minute.
        until = datetime.combine(datetime.min, schedule.at) + schedule.grace
        late = "next day " if until.date() > datetime.min.date() else ""
        return f"daily {schedule.at:%H:%M} (catch-up until {late}{until:%H:%M})"
    if schedule % 3600 == 0:
        return f"every {schedule // 3600} h"
    if schedule % 60 == 0:
        return f"every {schedule // 60} min"
    return f"every {schedule} s"


def next_morning(schedule: Morning, now: datetime, zone: ZoneInfo) -> datetime:
    """When the push's next window opens: the next run `jobs list` shows, where the trigger's
    own next run (a minute away) read as a push about to go out."""
    local = now.astimezone(zone)
    opens = datetime.combine(local.date(), schedule.at, tzinfo=zone)
    return opens if local < opens else opens + timedelta(days=1)


def same_trigger(a: BaseTrigger, b: BaseTrigger) -> bool:
    """Whether a stored job's trigger is the one configured now (then its next run time,
    and so any run missed while down, is kept)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, IntervalTrigger) and isinstance(b, IntervalTrigger):
        return a.interval == b.interval
    return str(a) == str(b) and str(getattr(a, "timezone", "")) == str(getattr(b, "timezone", ""))
