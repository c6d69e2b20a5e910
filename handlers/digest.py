"""`/日报`: the officer's digest now, made as the morning message is (one function of one
clock), with what today has brought so far where a section can say it."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Reply, Text
from bot.router import STAFF, AtOnce, Router
from handlers.services.digest.assemble import build_digest
from handlers.services.digest.day import OfficerDay
from handlers.station_digest import station_digest
from storage.models import Beat, Role

router = Router()


@router.route(
    "digest",
    commands=("日报", "digest"),
    roles=STAFF,
    help="查看今日警务日报",
    daily=10,
    # What an officer calls the morning message, or asks at the start of a day (今天早上的
    # 简报发我一下 had got 没有理解).
    hints=(
        "晨报",
        "早报",
        "简报",
        "早上的报告",
        "早上报告",
        "今早的报告",
        "今天有什么事",
        "今天有啥事",
        "今天的情况",
        "今天情况",
    ),
    at_once=AtOnce.SHOWN_WHEN_ASKED,  # 看看日报 had been offered as a tap to read it
)
async def digest(ctx: Context) -> list[Reply]:
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    if beat is None and ctx.person.role is Role.ADMIN:
        return await station_digest(ctx, (ctx.match.args if ctx.match else "").strip())
    if beat is None:
        return [Text("您未分配警务区，暂无警务日报。")]
    # As the morning push makes it: one function of one clock, so the two agree.
    day = OfficerDay.at(ctx.session, ctx.services.settings, ctx.person, beat, ctx.now)
    said = (ctx.match.args if ctx.match else "").strip()
    # /日报 昨天 had shown today's as if it were yesterday's: only today's can be built.
    other_day = said not in ("", "今天", "今日", "今天的", "今日的")
    lead = (
        [Text(f"只能查看今天的警务日报，「{said}」的无法查看。以下是今天的：")] if other_day else []
    )
    return [*lead, Text(await build_digest(day))]
