"""`/警情趋势`: the seven-day warning for the officer's beat, with a chart.

/警情趋势          every type seen recently, most severe first; chart of the first
/警情趋势 盗窃     that type's figures and chart
A station admin without a beat sees every beat's line, or names one (`station_trend`).

The figures run to yesterday, the last whole day, as the morning alert's do (a part of
today would make the levels sink and rise through the day); incidents entered today are
counted in a line of their own, so the officer who has just entered one sees it.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from bot.context import Context
from bot.media import MediaStore
from bot.messages import Reply, Text
from bot.router import STAFF, AtOnce, Router
from handlers.incidents.form import known_kind
from handlers.incidents.station_trend import named_beat, no_beats, station_beats, station_overview
from handlers.services.incidents.levels import (
    beat_trends,
    describe,
    incident_days,
    last_whole_day,
    warning_name,
    window_name,
)
from handlers.services.incidents.warning import MARKS, chart_reply
from handlers.services.intel_settings import IncidentSettings
from storage.models import Beat, Role


def build_router(settings: IncidentSettings) -> Router:
    """The route, its help saying the station's own windows (a station may average over 14
    days and chart 60: 近7日 and 近28日 in the help had said otherwise)."""
    router = Router()
    router.route(
        "incident_trend",
        commands=("警情趋势", "trend"),
        hints=("预警",),  # 看看预警: the moving-average warning is the one officers read
        roles=STAFF,
        at_once=AtOnce.SHOWN_WHEN_ASKED,  # 看看预警 had been offered as a tap to read it
        # The warning by the name its headings and notices give it (七日警情预警), which
        # 近7日预警 here had not.
        help=f"本警务区警情趋势：{warning_name(settings.window_days)}和近{settings.chart_days}日走势"
        "（可加类型，如 /警情趋势 盗窃）",
        topic="警情",
    )(incident_trend)
    return router


async def incident_trend(ctx: Context) -> list[Reply]:
    said = (ctx.match.args if ctx.match else "").strip()
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    if beat is None and ctx.person.role is Role.ADMIN:
        beats = await station_beats(ctx)
        if not beats:
            return no_beats()
        beat, said = named_beat(beats, said)
        if beat is None:
            kind = known_kind(said, ctx.services.settings.incidents.kinds) if said else ""
            return await station_overview(ctx, beats, kind)
    if beat is None:
        return [Text("您未分配警务区，无法查看警务区警情趋势。")]
    return await _beat_trend(ctx, beat, said)


async def _beat_trend(ctx: Context, beat: Beat, wanted: str) -> list[Reply]:
    """The beat's levels (of the type `wanted`, if given) and the chart of the severest."""
    assert beat.id is not None
    settings = ctx.services.settings
    zone = settings.zone
    day = last_whole_day(ctx.now, zone)
    trends = await beat_trends(ctx.session, settings.incidents, zone, beat.id, day)
    if wanted:
        wanted = known_kind(wanted, settings.incidents.kinds)
        trends = [t for t in trends if t.kind == wanted]
    name = beat.name
    today = day + timedelta(days=1)
    entered = await incident_days(ctx.session, zone, today, today, [beat.id])
    fresh = Counter({k: len(d) for (_b, k), d in entered.items() if not wanted or k == wanted})
    later = _today_line(fresh)
    if not trends:
        what = f"「{wanted}」类" if wanted else ""
        days = settings.incidents.chart_days
        return [
            Text(f"{name}截至昨日（{day.month}月{day.day}日）近{days}日没有{what}警情记录。{later}")
        ]
    lines = [
        f"{name} {window_name(settings.incidents.window_days)}警情（截至{day.month}月{day.day}日）："
    ]
    lines.extend(f"{MARKS[t.level.value]}{describe(t, place=True)}" for t in trends)
    lines.append(later or "（统计至昨日，今日新录入的警情明日计入。）")
    media = MediaStore(Path(settings.storage.media_dir))
    return [Text("\n".join(lines)), chart_reply(trends[0], name, settings.incidents, media)]


def _today_line(counts: Counter[str]) -> str:
    """「今日的警情已录入 2 起（盗窃1起、纠纷1起），明日计入统计。」, or "" for none."""
    if not counts:
        return ""
    kinds = "、".join(f"{kind}{n}起" for kind, n in counts.most_common())
    return f"今日的警情已录入 {counts.total()} 起（{kinds}），明日计入统计。"
