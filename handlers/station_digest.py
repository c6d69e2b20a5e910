"""`/日报` for the station admin (所长), who has no beat: every beat's digest, as its officer
reads it (a beat with no officer: its own figures, without the officer's), or the one beat
named (/日报 一号警务区).

An admin had been told 「您未分配警务区，暂无警务日报」: the one person who oversees every
beat had no digest at all.
"""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Reply, Text
from handlers.services.digest.assemble import BEAT_SECTIONS, SECTIONS, build_digest
from handlers.services.digest.day import OfficerDay
from handlers.services.digest.officers import beat_officers
from handlers.services.station_scope import in_station
from storage.models import Beat

#: Digests sent for a plain /日报; the beats past these are named, to be asked for one by one
#: (an admin bound to no station sees every station's beats).
SHOWN = 8
#: Said once after the beats' digests, which leave out the officer's footer: under every
#: beat it had pointed the admin at /任务, which holds the admin's own tasks, not the beat's.
_FOOTER = "发送「/风险」查看全所红橙场所，「/警情趋势」查看各警务区警情。"
_TODAY = ("", "今天", "今日", "今天的", "今日的", "全部", "全所")


async def station_digest(ctx: Context, said: str) -> list[Reply]:
    """Every beat's digest after a line saying how to read one; `said`, what followed
    /日报 (a beat's name, or a part of it)."""
    query = in_station(select(Beat), Beat.station_id, ctx.person).order_by(col(Beat.id))
    beats = list((await ctx.session.exec(query)).all())
    if not beats:
        return [Text("本所还没有警务区，暂无警务日报。")]
    one = f"「/日报 {beats[0].name}」"
    if said not in _TODAY:
        named = [b for b in beats if b.name == said] or [b for b in beats if said in b.name]
        if len(named) != 1:
            return [
                Text(
                    f"没有找到「{said}」警务区（日报只能查看今天的）。本所的警务区："
                    f"{'、'.join(b.name for b in beats)}。发送「/日报」查看各警务区日报，"
                    f"或如{one}只看一个。"
                )
            ]
        return [await _digest(ctx, named[0]), Text(_FOOTER)]
    lead = f"全所警务日报：共 {len(beats)} 个警务区，逐个发送如下；只看一个请发送如{one}。"
    replies: list[Reply] = [Text(lead)]
    replies.extend([await _digest(ctx, beat) for beat in beats[:SHOWN]])
    if len(beats) > SHOWN:
        rest = "、".join(b.name for b in beats[SHOWN:])
        replies.append(Text(f"另有 {len(beats) - SHOWN} 个警务区（{rest}），请发送如{one}查看。"))
    replies.append(Text(_FOOTER))
    return replies


async def _digest(ctx: Context, beat: Beat) -> Text:
    """The beat's digest as its officer has it: built with the admin as the officer, it had
    shown the admin's own tasks and questions in every beat's."""
    assert beat.id is not None
    officer = (await beat_officers(ctx.session, [beat.id])).get(beat.id)
    settings = ctx.services.settings
    if officer is None:
        # No section in BEAT_SECTIONS reads the officer: the admin only fills the slot.
        day = OfficerDay.at(ctx.session, settings, ctx.person, beat, ctx.now)
        return Text(await build_digest(day, BEAT_SECTIONS, footer=""))
    day = OfficerDay.at(ctx.session, settings, officer, beat, ctx.now)
    return Text(await build_digest(day, SECTIONS, footer=""))
