"""The seven-day (`window_days`) warning: find (beat, type) levels that changed and tell the beat officer.

`incident_level` keeps the level last worked out for each (beat, type) and the day it was
for, so evaluating a day twice announces nothing twice; the outbox key does the same for
the notice itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.media import MediaStore
from bot.messages import Image, Reply, Text
from handlers.services.incidents.chart import render_trend
from handlers.services.incidents.levels import all_trends, describe, trend_of, warning_name
from handlers.services.incidents.trend import Trend
from handlers.services.intel_settings import IncidentSettings, LevelThresholds
from handlers.services.officers import beat_officer_accounts
from storage.models import Beat, IncidentLevel, WarningLevel
from storage.outbox import enqueue_to_accounts

MARKS = {"red": "🔴", "orange": "🟠", "yellow": "🟡", "green": "🟢"}


@dataclass(frozen=True)
class LevelChange:
    trend: Trend
    #: None: the first level worked out for this (beat, type).
    before: WarningLevel | None


async def evaluate_levels(
    session: AsyncSession, settings: IncidentSettings, zone: ZoneInfo, day: date, now: datetime
) -> list[LevelChange]:
    """Store each (beat, type)'s level for `day`; return those that changed (a first level
    that is not green counts as a change). A day already evaluated is left alone."""
    trends = await all_trends(session, settings, zone, day)
    states = {(s.beat_id, s.kind): s for s in (await session.exec(select(IncidentLevel))).all()}
    for key, known in states.items():
        # A type with no incidents left in the period still has to come back down to green.
        if key not in trends and known.level is not WarningLevel.GREEN:
            trends[key] = trend_of(key, [], day, settings)
    changes = []
    for key, trend in trends.items():
        state = states.get(key)
        if state is not None and state.as_of >= day:
            continue
        if state is None:
            state = IncidentLevel(
                beat_id=key[0], kind=key[1], level=trend.level, as_of=day, changed_at=now
            )
            if trend.level is not WarningLevel.GREEN:
                changes.append(LevelChange(trend, None))
        elif state.level is not trend.level:
            changes.append(LevelChange(trend, state.level))
            state.level, state.changed_at = trend.level, now
        state.average, state.previous_average = trend.average, trend.previous_average
        state.as_of = day
        session.add(state)
    return changes


def change_text(change: LevelChange, beat_name: str, settings: IncidentSettings) -> str:
    trend, before = change.trend, change.before
    level = trend.level
    if level is WarningLevel.GREEN:
        verb = "恢复绿色（正常）"
    elif before is None or level.rank > before.rank:
        verb = f"升至{level.label}色"
    else:
        verb = f"降为{level.label}色"
    t = settings.thresholds_for(trend.kind)
    return "\n".join(
        [
            f"{MARKS[level.value]} {warning_name(trend.window)}：{beat_name} {trend.kind} {verb}",
            describe(trend, place=True),
            levels_text(t, trend.window),
        ]
    )


def levels_text(t: LevelThresholds, window: int) -> str:
    """The rules in counts over the window, as the figures above them are given."""
    spike = f"；同一地点一天{t.spike_count}起以上至少为橙" if t.spike_count else ""
    return (
        f"分级（近{window}天起数）：黄≥{t.yellow * window:g} 橙≥{t.orange * window:g} "
        f"红≥{t.red * window:g}；比前{window}天多{t.rise_percent:g}%以上升一级{spike}。"
    )


def chart_reply(
    trend: Trend, beat_name: str, settings: IncidentSettings, media: MediaStore
) -> Image:
    png = render_trend(trend, settings.thresholds_for(trend.kind), beat_name, settings.font)
    caption = f"{beat_name} {trend.kind} 近{len(trend.counts)}天警情走势"
    return Image(media.put(png), caption=caption)


async def announce(
    session: AsyncSession,
    settings: IncidentSettings,
    media: MediaStore,
    change: LevelChange,
    now: datetime,
) -> int:
    """Queue the notice with its chart to the beat's officers; returns how many accounts."""
    trend = change.trend
    beat = await session.get(Beat, trend.beat_id)
    name = beat.name if beat else f"警务区{trend.beat_id}"
    replies: list[Reply] = [
        Text(change_text(change, name, settings)),
        chart_reply(trend, name, settings, media),
    ]
    key = f"incident-level:{trend.beat_id}:{trend.kind}:{trend.day}:{trend.level.value}"
    accounts = await beat_officer_accounts(session, trend.beat_id)
    enqueue_to_accounts(session, accounts, message_key=key, replies=replies, now=now)
    return len(accounts)
