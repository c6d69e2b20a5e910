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
from handlers.services.digest.assemble import BEAT_SECTIONS, SECTIONS, build_digests
from handlers.services.digest.day import OfficerDay
from handlers.services.digest.officers import beat_officers
from handlers.services.station_scope import in_station
from storage.models import Beat, Person

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
        return [*await _digests(ctx, named), Text(_FOOTER)]
    lead = f"全所警务日报：共 {len(beats)} 个警务区，逐个发送如下；只看一个请发送如{one}。"
    replies: list[Reply] = [Text(lead)]
    replies.extend(await _digests(ctx, beats[:SHOWN]))
    if len(beats) > SHOWN:
        rest = "、".join(b.name for b in beats[SHOWN:])
        replies.append(Text(f"另有 {len(beats) - SHOWN} 个警务区（{rest}），请发送如{one}查看。"))
    replies.append(Text(_FOOTER))
    return replies


async def _digests(ctx: Context, beats: list[Beat]) -> list[Reply]:
    """Each beat's digest as its officer has it (built with the admin as the officer, it had
    shown the admin's own tasks and questions in every beat's), all made together: a
    section reads every beat in one go."""
    officers = await beat_officers(ctx.session, [b.id for b in beats if b.id is not None])
    staffed = [(b, officers[b.id]) for b in beats if b.id in officers]
    # No section in BEAT_SECTIONS reads the officer: the admin only fills the slot.
    empty = [(b, ctx.person) for b in beats if b.id not in officers]

    def days(pairs: list[tuple[Beat, Person]]) -> list[OfficerDay]:
        settings = ctx.services.settings
        return [OfficerDay.at(ctx.session, settings, p, b, ctx.now) for b, p in pairs]

    texts = await build_digests(days(staffed), SECTIONS, footer="")
    texts += await build_digests(days(empty), BEAT_SECTIONS, footer="")
    by_beat = {b.id: text for (b, _p), text in zip([*staffed, *empty], texts, strict=True)}
    return [Text(by_beat[b.id]) for b in beats]
