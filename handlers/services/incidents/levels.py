"""Trends per beat and type from the incident table. `beat_trends` is what the daily alert
and the digest call; the warning job uses `all_trends`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.incidents.trend import Trend, build_trend, days_needed
from handlers.services.intel_settings import IncidentSettings
from storage.models import Incident, WarningLevel

Key = tuple[int, str]


class Happened(NamedTuple):
    day: date
    #: The place as entered, without spaces: 幸福里 车棚 and 幸福里车棚 are one place.
    place: str


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of a station-local day (aware)."""
    return datetime.combine(day, time(), zone)


def last_whole_day(now: datetime, zone: ZoneInfo) -> date:
    """Yesterday in the station's zone: the last day whose incidents are all in."""
    return now.astimezone(zone).date() - timedelta(days=1)


async def incident_days(
    session: AsyncSession,
    zone: ZoneInfo,
    first: date,
    last: date,
    beat_ids: Sequence[int] | None = None,
) -> dict[Key, list[Happened]]:
    """(beat, type) -> the local day and place of each incident from `first` to `last`, of
    `beat_ids` if given. Withdrawn incidents (撤销: entered by mistake) count nowhere."""
    query = select(Incident.beat_id, Incident.kind, Incident.occurred_at, Incident.place).where(
        col(Incident.occurred_at) >= day_start(first, zone),
        col(Incident.occurred_at) < day_start(last + timedelta(days=1), zone),
        col(Incident.withdrawn_at).is_(None),
    )
    if beat_ids is not None:
        query = query.where(col(Incident.beat_id).in_(beat_ids))
    found: dict[Key, list[Happened]] = defaultdict(list)
    for beat, kind, moment, place in (await session.exec(query)).all():
        found[(beat, kind)].append(Happened(moment.astimezone(zone).date(), "".join(place.split())))
    return found


def trend_of(key: Key, seen: list[Happened], day: date, settings: IncidentSettings) -> Trend:
    return build_trend(
        key[0],
        key[1],
        [h.day for h in seen],
        day,
        window=settings.window_days,
        span=settings.chart_days,
        thresholds=settings.thresholds_for(key[1]),
        places=[h.place for h in seen if h.day == day],
    )


def _severest_first(trends: list[Trend]) -> list[Trend]:
    return sorted(trends, key=lambda t: (-t.level.rank, -t.average, t.kind))


async def all_trends(
    session: AsyncSession, settings: IncidentSettings, zone: ZoneInfo, day: date
) -> dict[Key, Trend]:
    """Every (beat, type) with an incident in the period counted."""
    first = day - timedelta(days=days_needed(settings.window_days, settings.chart_days) - 1)
    found = await incident_days(session, zone, first, day)
    return {key: trend_of(key, days, day, settings) for key, days in found.items()}


async def beat_trends(
    session: AsyncSession, settings: IncidentSettings, zone: ZoneInfo, beat_id: int, day: date
) -> list[Trend]:
    """The beat's trends on `day`, most severe first: one per type seen in the period."""
    return (await beats_trends(session, settings, zone, [beat_id], day)).get(beat_id, [])


async def beats_trends(
    session: AsyncSession,
    settings: IncidentSettings,
    zone: ZoneInfo,
    beat_ids: Sequence[int],
    day: date,
) -> dict[int, list[Trend]]:
    """`beat_trends` of each of `beat_ids` (those with any incident), read in one query."""
    first = day - timedelta(days=days_needed(settings.window_days, settings.chart_days) - 1)
    found = await incident_days(session, zone, first, day, beat_ids)
    trends: dict[int, list[Trend]] = defaultdict(list)
    for key, days in found.items():
        trends[key[0]].append(trend_of(key, days, day, settings))
    return {beat: _severest_first(found) for beat, found in trends.items()}


def describe(trend: Trend, *, place: bool = False) -> str:
    """`盗窃 橙：近7天6起（昨天5起），前7天0起；昨天同一地点5起（幸福里车棚）`: counts, as
    officers think of them (日均0.9起 hid five thefts in one night). `trend.day` is the
    last whole day, yesterday, wherever this is shown. `place`: name the spike's place
    (officers only; the daily alert to venues says no more than the counts)."""
    days = trend.window
    # 黄 with a 7-day average under the chart's yellow line: the rise is why.
    why = f"（较前{days}天明显上升）" if trend.risen else ""
    text = (
        f"{trend.kind} {trend.level.label}{why}：近{days}天{trend.total}起"
        f"（昨天{trend.counts[-1]}起），前{days}天{trend.previous_total}起"
    )
    if trend.spiked:
        where = f"（{trend.spike_place}）" if place else ""
        text += f"；昨天同一地点{trend.spike}起{where}"
    return text


def public_describe(trend: Trend) -> str:
    """`近期盗窃警情有所增多（近7天5起），请注意防范。`: a trend above green as the daily
    alert tells owners and residents. No colour levels or last week's figures: those are the
    officers' terms (盗窃 黄：…，前7天0起 had gone out to every venue)."""
    rising = trend.average > trend.previous_average
    if rising and trend.level.rank >= WarningLevel.ORANGE.rank:
        how, advice = "明显增多", "请提高警惕，注意防范。"
    else:
        how, advice = ("有所增多" if rising else "较多"), "请注意防范。"
    return f"近期{trend.kind}警情{how}（近{trend.window}天{trend.total}起），{advice}"


#: How the headings name the window: 七日 as officers say it, other lengths in digits.
_WINDOW_NAMES = {7: "七日"}


def window_name(days: int) -> str:
    """`七日` for `[incidents] window_days` = 7, else `近14日`: 七日警情 in the headings had
    stayed seven days whatever the station averaged over, and a bare 14日警情 read as the
    incidents of the 14th of the month."""
    return _WINDOW_NAMES.get(days, f"近{days}日")


def warning_name(days: int) -> str:
    """`七日警情预警` (or `近14日警情预警`): what the notice, the incident form and a withdrawal
    each call the warning, made here once so the three say the same."""
    return f"{window_name(days)}警情预警"
