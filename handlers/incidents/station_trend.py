"""`/警情趋势` for the station admin (所长), who has no beat: every beat's warning on one
screen, or one beat named (/警情趋势 一号警务区 盗窃) as its officer reads it.

An admin had been told 「您未分配警务区，无法查看警务区警情趋势。」: the one person who
oversees every beat could see none of them, and was not told how.
"""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.services.incidents.levels import all_trends, last_whole_day, window_name
from handlers.services.incidents.warning import MARKS
from handlers.services.station_scope import in_station
from storage.models import Beat

#: Beats given a button of their own (the rest are named in the text).
BUTTONS = 6
#: Types named per beat, severest first.
KINDS_SHOWN = 3


async def station_beats(ctx: Context) -> list[Beat]:
    query = in_station(select(Beat), Beat.station_id, ctx.person).order_by(col(Beat.id))
    return list((await ctx.session.exec(query)).all())


def named_beat(beats: list[Beat], said: str) -> tuple[Beat | None, str]:
    """The beat `said` starts with (its name, or a part of one only it has: 一号), and the
    words after it (a type, 盗窃)."""
    for beat in beats:
        if said.startswith(beat.name):
            return beat, said[len(beat.name) :].strip()
    head, _, rest = said.partition(" ")
    found = [b for b in beats if head and head in b.name]
    return (found[0], rest.strip()) if len(found) == 1 else (None, said)


async def station_overview(ctx: Context, beats: list[Beat], kind: str) -> list[Reply]:
    """One line per beat: its types seen this window, severest first; `kind` keeps one."""
    if "警务区" in kind:  # a beat's name that is not one of the station's
        names = "、".join(b.name for b in beats)
        return [Text(f"没有找到「{kind}」。本所的警务区：{names}。")]
    settings = ctx.services.settings
    day = last_whole_day(ctx.now, settings.zone)
    found = defaultdict(list)
    for trend in (await all_trends(ctx.session, settings.incidents, settings.zone, day)).values():
        # A type seen only before the window has nothing to say about this week.
        if trend.total and (not kind or trend.kind == kind):
            found[trend.beat_id].append(trend)
    window = settings.incidents.window_days
    what = f"「{kind}」" if kind else ""
    lines = [
        f"全所{what}{window_name(window)}警情（截至{day.month}月{day.day}日，起数为近{window}天）："
    ]
    for beat in beats:
        trends = sorted(found.get(beat.id or 0, []), key=lambda t: (-t.level.rank, -t.average))
        if not trends:
            lines.append(f"{beat.name}：近{window}天无{what}警情")
            continue
        shown = "、".join(
            f"{MARKS[t.level.value]}{t.kind}{t.total}起" for t in trends[:KINDS_SHOWN]
        )
        more = f"等{len(trends)}类" if len(trends) > KINDS_SHOWN else ""
        lines.append(f"{beat.name}：{shown}{more}")
    first = beats[0].name
    lines.append(
        f"查看一个警务区的详情和走势图请发送如「/警情趋势 {first}」，"
        f"可再加类型，如「/警情趋势 {first} 盗窃」。"
    )
    buttons = tuple(Button(b.name, f"/警情趋势 {b.name}") for b in beats[:BUTTONS])
    return [Choices("\n".join(lines), buttons)]


def no_beats() -> list[Reply]:
    return [Text("本所还没有警务区，暂无警情趋势。")]
