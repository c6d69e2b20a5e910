"""A clock tests move by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.forms.clock import dated, said_on


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


#: The station's zone in the tests' settings.
_ZONE = ZoneInfo("Asia/Shanghai")


def said_day(day: date | int, clock: FakeClock | None = None) -> str:
    """`day` as the bot says it on the station's day of `clock` (a fresh clock's, 11月23日,
    by default): 明天, 11月25日, 2027年10月31日; an int is that many days after it."""
    today = (clock or FakeClock()).now.astimezone(_ZONE).date()
    when = today + timedelta(days=day) if isinstance(day, int) else day
    return said_on(when, today)


def dated_day(day: date | int, clock: FakeClock | None = None) -> str:
    """`day` as a pushed notice dates it on the station's day of `clock`: 11月25日, never
    明天 (read later, it would move)."""
    today = (clock or FakeClock()).now.astimezone(_ZONE).date()
    return dated(today + timedelta(days=day) if isinstance(day, int) else day, today)
