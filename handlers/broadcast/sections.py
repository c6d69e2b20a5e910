"""The parts of a beat's daily alert. Each provider returns text blocks (none: no section).

`SECTIONS` is the hook: a module with something to say every morning adds its provider
here, in the order the alert should read. The incident trends come from
`handlers.services.incidents.levels` when that module is installed; public wanted notices
are a plain list for now (the wanted-cards feature will replace `wanted_notices`).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.broadcast.seasonal import active
from storage.models import Beat, DailyItem, Visibility, WantedPerson, WantedStatus

log = logging.getLogger(__name__)

#: Items queued for a day the alert could not go out (the server was down) are carried
#: this many days, then dropped.
CARRY_DAYS = 2
#: Wanted notices newer than this are repeated in the daily alert.
WANTED_DAYS = 7
WANTED_MAX = 3

Provider = Callable[[AsyncSession, Services, Beat, date], Awaitable[list[str]]]


@dataclass(frozen=True)
class Section:
    title: str
    provider: Provider


async def officer_items(
    session: AsyncSession, _services: Services, beat: Beat, day: date
) -> list[str]:
    rows = await session.exec(
        select(DailyItem)
        .where(
            DailyItem.beat_id == beat.id,
            col(DailyItem.broadcast_id).is_(None),
            col(DailyItem.day) <= day,
            col(DailyItem.day) >= day - timedelta(days=CARRY_DAYS),
        )
        .order_by(col(DailyItem.id))
    )
    return [item.text for item in rows.all()]


async def incident_trends(
    session: AsyncSession, services: Services, beat: Beat, day: date
) -> list[str]:
    """Beat trends above green, from the incidents module if it is there."""
    try:
        levels = importlib.import_module("handlers.services.incidents.levels")
        # The public wording: the officers' (盗窃 黄：…) had reached owners and residents.
        beat_trends, describe = levels.beat_trends, levels.public_describe
    except (ImportError, AttributeError):
        return []
    settings = services.settings
    try:
        trends = await beat_trends(
            session, settings.incidents, settings.zone, beat.id, day - timedelta(days=1)
        )
    except Exception:  # a fault there must not cost the whole alert
        log.exception("daily alert: incident trends for beat %s failed", beat.id)
        return []
    return [describe(t) for t in trends if t.level.value != "green"][:5]


async def seasonal(session: AsyncSession, services: Services, beat: Beat, day: date) -> list[str]:
    return [w.text for w in active(day, services.settings.broadcast.seasonal_file)]


async def wanted_notices(
    session: AsyncSession, _services: Services, _beat: Beat, day: date
) -> list[str]:
    """Public wanted notices of the last week. Only `Visibility.PUBLIC`: the internal list
    never reaches anyone but officers."""
    rows = await session.exec(
        select(WantedPerson)
        .where(
            WantedPerson.visibility == Visibility.PUBLIC,
            WantedPerson.status == WantedStatus.ACTIVE,
            col(WantedPerson.updated_at) >= _start_of(day) - timedelta(days=WANTED_DAYS),
        )
        .order_by(col(WantedPerson.updated_at).desc())
        .limit(WANTED_MAX)
    )
    blocks = []
    for person in rows.all():
        facts = "，".join(
            part
            for part in (
                person.sex,
                f"{person.birth_date.year}年生" if person.birth_date else "",
            )
            if part
        )
        what = f"，{person.case_summary}" if person.case_summary else ""
        blocks.append(f"{person.name}{f'（{facts}）' if facts else ''}{what}。发现线索请立即报警。")
    return blocks


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


SECTIONS: tuple[Section, ...] = (
    Section("民警提示", officer_items),
    Section("近期警情", incident_trends),
    Section("季节提示", seasonal),
    Section("协查通缉", wanted_notices),
)
