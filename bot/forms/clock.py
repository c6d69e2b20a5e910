"""The station's clock, which forms (and what they lead to) read dates and times by."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.context import Context


def local_time(ctx: Context) -> datetime:
    """The station's wall-clock time."""
    return ctx.now.astimezone(ctx.services.settings.zone)


def example_day(today: date, days: int = 3) -> str:
    """A date for an example (如 12月4日), `days` after `today`: a fixed 11月30日 had read as
    a day already past once the station's calendar went by it."""
    day = today + timedelta(days=days)
    return f"{day.month}月{day.day}日"
