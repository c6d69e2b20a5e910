"""What a digest section is given: the officer, their beat, and the day's bounds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from handlers.services.incidents.levels import day_start
from storage.models import Beat, Person


@dataclass(frozen=True)
class OfficerDay:
    session: AsyncSession
    settings: Settings
    officer: Person
    beat: Beat
    #: The digest's day (station time); "yesterday" is the day before.
    day: date
    now: datetime
    #: Asked for during the day (/日报), not the morning message: sections that can also say
    #: what today has brought so far (a hit at noon) do, and say so in their heading.
    so_far: bool = False

    @property
    def beat_id(self) -> int:
        assert self.beat.id is not None
        return self.beat.id

    @property
    def yesterday(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def yesterday_start(self) -> datetime:
        return day_start(self.yesterday, self.settings.zone)

    @property
    def today_start(self) -> datetime:
        return day_start(self.day, self.settings.zone)


#: A section returns its lines (a 【title】 line first), or none to be left out.
Section = Callable[[OfficerDay], Awaitable[list[str]]]
