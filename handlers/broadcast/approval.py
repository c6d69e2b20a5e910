"""The alert `/批准 N` or `/驳回 N` decides on, and the alerts waiting for a decision.

A wrong or old number had got 没有找到通报#N alone, which sent the approver to look for the
number elsewhere (/通报状态 lists only their own alerts, not those awaiting them): now the
reply lists what waits for their decision, a button each, or says that nothing does.
"""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.broadcast.lookup import alert_number, find_alert
from handlers.broadcast.release import PEERS, approvers
from handlers.registration.timefmt import short
from handlers.services.station_scope import sees_everything
from storage.models import Broadcast, BroadcastStatus, Person, Role

#: Alerts awaiting a decision that one reply lists, oldest first.
LISTED = 5


async def why_not(ctx: Context, broadcast: Broadcast) -> str | None:
    """Why this officer may not decide on `broadcast`, or None when they may: a leader, or,
    at a station with no leader's account, an officer other than its author
    (`release.approvers`, who were asked)."""
    if ctx.person.role is Role.ADMIN:
        return None
    accounts, who = await approvers(
        ctx.session, broadcast.station_id, broadcast.author_person_id or 0
    )
    if who != PEERS:
        return "审批通报仅限所领导。"
    if all(a.person_id != ctx.person.id for a in accounts):
        return f"通报#{broadcast.id}是您发起的，需由{PEERS}审批。"
    return None


async def to_approve(ctx: Context) -> Broadcast | list[Reply]:
    """The alert awaiting approval `/批准 N` or `/驳回 N` names, if this officer may decide
    on it; otherwise what to say, with the alerts that do wait for them."""
    number, _ = alert_number(ctx)
    broadcast = await find_alert(ctx, number, act=False)
    if isinstance(broadcast, str):
        # 没有找到通报#N. / 请写明通报编号: the rest of find_alert's line points to
        # /通报状态, which does not list the alerts awaiting this officer.
        return await _with_waiting(ctx, broadcast.partition("。")[0] + "。")
    if broadcast.status is not BroadcastStatus.PENDING_APPROVAL:
        return await _with_waiting(ctx, f"通报#{broadcast.id}{broadcast.status.label}，无需审批。")
    why = await why_not(ctx, broadcast)
    return broadcast if why is None else [Text(why)]


async def _with_waiting(ctx: Context, said: str) -> list[Reply]:
    """`said`, then the alerts awaiting this officer's decision, or that none do."""
    waiting = await waiting_for(ctx)
    if not waiting:
        return [Text(f"{said}目前没有等您审批的通报。")]
    command = ctx.match.route.commands[0] if ctx.match and ctx.match.route.commands else "批准"
    zone = ctx.services.settings.zone
    lines = [f"{said}等您审批的通报（{len(waiting)}）："]
    for broadcast, author in waiting[:LISTED]:
        who = f"，{author}" if author else ""
        lines.append(
            f"#{broadcast.id} {broadcast.title}（{short(broadcast.created_at, zone, ctx.now)}"
            f"{who}）"
        )
    if len(waiting) > LISTED:
        lines.append(f"……另有 {len(waiting) - LISTED} 条未显示")
    lines.append(f"点下面的按钮，或发送「/{command} 编号」。")
    buttons = tuple(Button(f"{command} #{b.id}", f"/{command} {b.id}") for b, _ in waiting[:LISTED])
    return [Choices("\n".join(lines), buttons)]


async def waiting_for(ctx: Context) -> list[tuple[Broadcast, str]]:
    """The alerts awaiting approval this officer may decide on, oldest first, each with
    its author's name ("" for none)."""
    query = (
        select(Broadcast, Person)
        .outerjoin(Person, col(Person.id) == col(Broadcast.author_person_id))
        .where(Broadcast.status == BroadcastStatus.PENDING_APPROVAL)
        .order_by(col(Broadcast.created_at), col(Broadcast.id))
    )
    if not sees_everything(ctx.person):
        query = query.where(Broadcast.station_id == ctx.person.station_id)
    found = []
    for broadcast, author in (await ctx.session.exec(query)).all():
        if await why_not(ctx, broadcast) is None:
            name = (author.display_name or f"民警#{author.id}") if author else ""
            found.append((broadcast, name))
    return found
