"""The station's clock, which forms (and what they lead to) read dates and times by."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.context import Context

#: The days said by name rather than by date, by how many days from today.
_DAY_WORDS = {-1: "昨天", 0: "今天", 1: "明天"}


def local_time(ctx: Context) -> datetime:
    """The station's wall-clock time."""
    return ctx.now.astimezone(ctx.services.settings.zone)


def example_day(today: date, days: int = 3) -> str:
    """A date for an example (如 12月4日), `days` after `today`: a fixed 11月30日 had read as
    a day already past once the station's calendar went by it."""
    day = today + timedelta(days=days)
    return f"{day.month}月{day.day}日"


def day_word(day: date, today: date) -> str | None:
    """昨天, 今天 or 明天 for a `day` next to `today`, else None."""
    return _DAY_WORDS.get((day - today).days)


def dated(day: date, today: date) -> str:
    """A day by its date, 12月3日, or 2025年12月3日 when not of `today`'s year: for a message
    that may be read on another day (a notice pushed), where 明天 would move."""
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return full_date(day)


def full_date(day: date) -> str:
    """2025年12月3日: a day that always names its year (a birth date)."""
    return f"{day.year}年{day.month}月{day.day}日"


def said_on(day: date, today: date) -> str:
    """A day as the bot says it on `today`: 今天, 昨天, 明天, 12月3日, or 2025年12月3日 when
    not of this year."""
    return day_word(day, today) or dated(day, today)


def said_near(day: date, today: date) -> str:
    """A day as a form's summary says it on `today`: as `said_on`, but 后天 with its date,
    后天（12月3日）. The bare 12月3日 of 后天 had read unlike the 明天 beside it, and the
    owner who said 后天 had to work the date out to check it."""
    if (day - today).days == 2:
        return f"后天（{dated(day, today)}）"
    return said_on(day, today)


def said_at(moment: datetime, now: datetime) -> str:
    """A wall-clock time as the bot says it at `now` (both the station's): 今天 21:30,
    昨天 23:10, 12月3日 14:00 — a date beside a time of today had read as another day."""
    return f"{said_on(moment.date(), now.date())} {moment:%H:%M}"


def said_day(value: Any, now: datetime) -> str:
    """A form's answer that is a day (ISO, as its parser keeps it) as said at `now` (a
    `FormField.show_at`): 明天, 后天（12月3日）, 12月4日, 2027年1月5日, as times are said
    (预计退房：2026-12-02 had read unlike every other day the bot says)."""
    return said_near(date.fromisoformat(value), now.date())


def said_time(value: Any, now: datetime) -> str:
    """A form's answer that is a wall-clock time (ISO, as its parser keeps it) as said at
    `now` (a `FormField.show_at`)."""
    return said_at(datetime.fromisoformat(value), now)
