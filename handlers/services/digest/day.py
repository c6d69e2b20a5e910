"""What a digest section is given: the officer, their beat, and the day's bounds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
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
    #: What the digest is true as of: sections that can also say what today has brought so
    #: far (a hit at 10:45) do, and say so in their heading.
    now: datetime

    @classmethod
    def at(
        cls, session: AsyncSession, settings: Settings, officer: Person, beat: Beat, now: datetime
    ) -> OfficerDay:
        """The officer's day as of `now`: the pushed digest and /日报 are both made here, so
        that one sent at 10:47 says what one asked for at 10:46 did (the push had left out
        the morning's hits, which /日报 listed)."""
        return cls(session, settings, officer, beat, now.astimezone(settings.zone).date(), now)

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
#: A section over several digests of one moment: each day's lines, in the days' order.
Many = Callable[[Sequence[OfficerDay]], Awaitable[list[list[str]]]]


class ForStation:
    """A section that reads the beats of many digests at once (a station's, made together
    by the morning job and the admin's /日报): the same query or two for one beat or for
    twenty, where a section per digest had made twenty times as many. Called with one day,
    it is an ordinary `Section`."""

    def __init__(self, many: Many) -> None:
        self.many = many
        self.__name__ = many.__name__.lstrip("_")

    async def __call__(self, day: OfficerDay) -> list[str]:
        return (await self.many([day]))[0]


def beat_ids(days: Sequence[OfficerDay]) -> list[int]:
    """The beats of `days`, each once."""
    return list(dict.fromkeys(d.beat_id for d in days))


def station_ids(days: Sequence[OfficerDay]) -> list[int]:
    """The stations of `days`' beats, each once."""
    return list(dict.fromkeys(d.beat.station_id for d in days))
