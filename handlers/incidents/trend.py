"""`/警情趋势`: the seven-day warning for the officer's beat, with a chart.

/警情趋势          every type seen recently, most severe first; chart of the first
/警情趋势 盗窃     that type's figures and chart
"""

from __future__ import annotations

from pathlib import Path

from bot.context import Context
from bot.media import MediaStore
from bot.messages import Reply, Text
from bot.router import STAFF, Router
from handlers.services.incidents.levels import beat_trends, describe, last_whole_day
from handlers.services.incidents.warning import MARKS, chart_reply
from storage.models import Beat

router = Router()


@router.route(
    "incident_trend",
    commands=("警情趋势", "trend"),
    roles=STAFF,
    help="本警务区七日警情预警（可加类型，如 /警情趋势 盗窃）",
)
async def incident_trend(ctx: Context) -> list[Reply]:
    if ctx.person.beat_id is None:
        return [Text("您未分配警务区，无法查看警务区警情趋势。")]
    settings = ctx.services.settings
    zone = settings.zone
    day = last_whole_day(ctx.now, zone)
    trends = await beat_trends(ctx.session, settings.incidents, zone, ctx.person.beat_id, day)
    wanted = ctx.match.args if ctx.match else ""
    if wanted:
        trends = [t for t in trends if t.kind == wanted]
    beat = await ctx.session.get(Beat, ctx.person.beat_id)
    name = beat.name if beat else "本警务区"
    if not trends:
        what = f"「{wanted}」类" if wanted else ""
        return [Text(f"{name}近期没有{what}警情记录。")]
    lines = [f"{name} 七日警情（截至{day:%m-%d}）："]
    lines.extend(f"{MARKS[t.level.value]}{describe(t)}" for t in trends)
    media = MediaStore(Path(settings.storage.media_dir))
    return [Text("\n".join(lines)), chart_reply(trends[0], name, settings.incidents, media)]
