"""The incidents already entered: `/警情 列表` (the beat's, newest first, paged), `/警情 6`
(one incident) and `/警情 撤销 6 原因`.

An incident entered by mistake is withdrawn, not deleted: it stays on record with who
withdrew it and why, and counts nowhere (the seven-day warning leaves it out).
"""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.registration.timefmt import short
from handlers.services.incidents.levels import warning_name
from handlers.services.paging import fetch_page, page_number
from handlers.services.worklog import log_work
from storage.models import Beat, Incident

LIST_WORDS = ("列表", "最近", "记录", "查看")
WITHDRAW_WORDS = ("撤销", "删除", "作废")
#: `撤销 6 录重了` (also 撤销#6, 撤销 #6：录重了).
_WITHDRAW = re.compile(rf"^(?:{'|'.join(WITHDRAW_WORDS)})\s*#?(\d+)?[\s，,：:]*(.*)$", re.S)
_NUMBER = re.compile(r"^#?(\d{1,9})$")
WITHDRAW_USAGE = "请发送「/警情 撤销 编号 原因」，如：/警情 撤销 6 重复录入"


def list_page(args: str) -> int | None:
    """The page `列表` / `列表 2` asks for; None when `args` is not a listing."""
    for word in LIST_WORDS:
        if args.startswith(word):
            return page_number(args[len(word) :])
    return None


def incident_number(args: str) -> int | None:
    found = _NUMBER.fullmatch(args)
    return int(found[1]) if found else None


def withdrawal(args: str) -> tuple[int | None, str] | None:
    """(number, reason) from `撤销 6 原因`; None when `args` asks for no withdrawal."""
    found = _WITHDRAW.fullmatch(args)
    if found is None:
        return None
    return (int(found[1]) if found[1] else None), found[2].strip()


def _line(incident: Incident, ctx: Context) -> str:
    when = short(incident.occurred_at, ctx.services.settings.zone, ctx.now)
    said = f"（{incident.description}）" if incident.description else ""
    gone = "　已撤销" if incident.withdrawn_at else ""
    return f"#{incident.id}　{when}　{incident.kind}{said}　{incident.place}{gone}"


async def list_incidents(ctx: Context, number: int) -> list[Reply]:
    query = select(Incident).order_by(col(Incident.occurred_at).desc(), col(Incident.id).desc())
    if ctx.person.beat_id is not None:
        query = query.where(Incident.beat_id == ctx.person.beat_id)
        beat = await ctx.session.get(Beat, ctx.person.beat_id)
        area = beat.name if beat else "本警务区"
    else:
        beats = select(Beat.id).where(Beat.station_id == ctx.person.station_id)
        query = query.where(col(Incident.beat_id).in_(beats))
        area = "本所"
    page = await fetch_page(ctx.session, query, number)
    if not page.items:
        return [
            Choices(f"{area}还没有录入警情。", (Button("录入警情", "/警情"),)),
        ]
    lines = [f"{area}最近的警情（按发生时间，新的在前）：", *(_line(i, ctx) for i in page.items)]
    lines.append(page.footer("/警情 列表") or "点编号查看；录错的发送「/警情 撤销 编号 原因」。")
    buttons = tuple(Button(f"#{i.id} {i.kind}", f"/警情 {i.id}") for i in page.items)
    return [Choices("\n".join(lines), (*buttons, *page.next_button("/警情 列表")))]


async def _visible(ctx: Context, number: int) -> Incident | None:
    incident = await ctx.session.get(Incident, number)
    if incident is None:
        return None
    beat = await ctx.session.get(Beat, incident.beat_id)
    return incident if beat is not None and beat.station_id == ctx.person.station_id else None


def _not_found(number: int) -> Reply:
    return Choices(f"本所没有编号为 #{number} 的警情。", (Button("警情列表", "/警情 列表"),))


async def show_incident(ctx: Context, number: int) -> list[Reply]:
    incident = await _visible(ctx, number)
    if incident is None:
        return [_not_found(number)]
    zone = ctx.services.settings.zone
    beat = await ctx.session.get(Beat, incident.beat_id)
    source = "民警录入" if incident.source == "officer" else "导入"
    lines = [
        f"警情 #{incident.id}　{incident.kind}",
        f"发生时间：{short(incident.occurred_at, zone, ctx.now)}",
        f"地点：{incident.place or '（未填）'}",
    ]
    if incident.description:
        lines.append(f"情况：{incident.description}")
    lines.append(f"警务区：{beat.name if beat else '（未知）'}　来源：{source}")
    if incident.withdrawn_at is not None:
        lines.append(
            f"已于 {short(incident.withdrawn_at, zone, ctx.now)} 撤销：{incident.withdrawn_reason}"
            "（不计入警情预警）"
        )
        return [Text("\n".join(lines))]
    lines.append(f"录错了？发送「/警情 撤销 {incident.id} 原因」撤销（留档，不再计入预警）。")
    return [Choices("\n".join(lines), (Button("警情列表", "/警情 列表"),))]


async def withdraw_incident(ctx: Context, number: int | None, reason: str) -> list[Reply]:
    if number is None:
        return [Choices(WITHDRAW_USAGE, (Button("警情列表", "/警情 列表"),))]
    incident = await _visible(ctx, number)
    if incident is None:
        return [_not_found(number)]
    if incident.withdrawn_at is not None:
        return [Text(f"警情 #{number} 已经撤销过了（{incident.withdrawn_reason}）。")]
    if not reason:
        return [Text(f"请写明撤销原因，如：/警情 撤销 {number} 重复录入")]
    incident.withdrawn_at, incident.withdrawn_reason = ctx.now, reason[:200]
    incident.withdrawn_by_person_id = ctx.person.id
    ctx.session.add(incident)
    log_work(
        ctx.session,
        ctx.person,
        "incident.withdraw",
        f"#{number} {incident.kind}：{reason[:100]}",
        now=ctx.now,
        subject_kind="incident",
        subject_id=number,
    )
    return [
        Text(
            f"✅ 已撤销警情 #{number}（{incident.kind}　{incident.place}），"
            f"原因：{reason[:200]}。\n记录留档备查，不再计入"
            f"{warning_name(ctx.services.settings.incidents.window_days)}。"
        )
    ]
