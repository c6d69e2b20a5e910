"""Trends per beat and type from the incident table. `beat_trends` is what the daily alert
and the digest call; the warning job uses `all_trends`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.incidents.trend import Trend, build_trend, days_needed
from handlers.services.intel_settings import IncidentSettings
from storage.models import Incident

Key = tuple[int, str]


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
    beat_id: int | None = None,
) -> dict[Key, list[date]]:
    """(beat, type) -> the local day of each incident from `first` to `last`."""
    query = select(Incident.beat_id, Incident.kind, Incident.occurred_at).where(
        col(Incident.occurred_at) >= day_start(first, zone),
        col(Incident.occurred_at) < day_start(last + timedelta(days=1), zone),
    )
    if beat_id is not None:
        query = query.where(Incident.beat_id == beat_id)
    found: dict[Key, list[date]] = defaultdict(list)
    for beat, kind, moment in (await session.exec(query)).all():
        found[(beat, kind)].append(moment.astimezone(zone).date())
    return found


def trend_of(key: Key, days: list[date], day: date, settings: IncidentSettings) -> Trend:
    return build_trend(
        key[0],
        key[1],
        days,
        day,
        window=settings.window_days,
        span=settings.chart_days,
        thresholds=settings.thresholds_for(key[1]),
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
    first = day - timedelta(days=days_needed(settings.window_days, settings.chart_days) - 1)
    found = await incident_days(session, zone, first, day, beat_id)
    return _severest_first([trend_of(key, days, day, settings) for key, days in found.items()])


def describe(trend: Trend) -> str:
    """`盗窃 橙：近7日日均2.3起，前7日1.4起（+64%）`"""
    rise = trend.rise
    change = f"{rise:+.0f}%" if rise is not None else "前期无警情"
    days = trend.window
    return (
        f"{trend.kind} {trend.level.label}：近{days}日日均{trend.average:.1f}起，"
        f"前{days}日{trend.previous_average:.1f}起（{change}）"
    )
