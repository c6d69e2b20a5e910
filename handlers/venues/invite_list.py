"""`/邀请 列表`: the owner invite codes made for the station's venues, and what became of them.

`/邀请` makes a code and `/邀请 撤销` voids a venue's unused ones, but nothing showed which
codes were out: an officer could not tell whether the code sent yesterday was used, or
which venues still had one waiting. The codes themselves are not shown (only their hash is
kept, and a code binds whoever holds it). Who made one is read from the work log, which
`/邀请` writes at the very moment it stores the code; a code without an entry there was
made on the command line (`jingmin invite`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlmodel import col, select

from bot.context import Context
from handlers.registration.timefmt import short
from handlers.services.scope import restrict, station_beats
from handlers.services.venues import venue_labels
from storage.models import Invite, Person, Role, Venue, WorkLog

#: Codes made this long ago or less are listed, whatever became of them; older ones only
#: while they can still be used.
LISTED_FOR = timedelta(days=7)
#: Codes one message lists, the newest first.
SHOWN = 20


def _moment(at: datetime) -> datetime:
    # SQLite gives back naive UTC, PostgreSQL aware: one form for both.
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


async def list_invites(ctx: Context, venue: Venue | None) -> str:
    """The station's owner invites (or `venue`'s), newest first, each with its venue, when
    and by whom it was made, and whether it was used, is still open or lapsed."""
    since = ctx.now - LISTED_FOR
    query = (
        select(Invite, Venue)
        .join(Venue, col(Venue.id) == col(Invite.venue_id))
        .where(
            Invite.role == Role.OWNER,
            or_(col(Invite.created_at) >= since, col(Invite.expires_at) > ctx.now),
        )
        .order_by(col(Invite.created_at).desc(), col(Invite.id).desc())
    )
    if venue is not None:
        query = query.where(Venue.id == venue.id)
    scope = await station_beats(ctx.session, ctx.person)
    rows = (await ctx.session.exec(restrict(query, scope))).all()
    where = f"「{venue.name}」" if venue is not None else "本所场所"
    if not rows:
        return f"近 7 天没有为{where}生成负责人邀请码。发送「/邀请 场所」生成。"
    first = min(_moment(invite.created_at) for invite, _v in rows)
    makers = await _makers(ctx, {v.id for _i, v in rows if v.id is not None}, first)
    zone = ctx.services.settings.zone
    waiting = sum(1 for invite, _v in rows if _is_open(invite, ctx.now))
    lines = [f"{where}的负责人邀请码（近 7 天及仍有效的）共 {len(rows)} 个，未使用 {waiting} 个："]
    # As officers know them (name, plate): the internal #id only tells apart two of a name.
    labels = venue_labels(place for _i, place in rows[:SHOWN])
    for invite, place in rows[:SHOWN]:
        who = makers.get((place.id, _moment(invite.created_at)), "命令行")
        lines.append(
            f"{labels[place.id]}　{short(invite.created_at, zone, ctx.now)} {who}生成　"
            f"{_state(invite, ctx.now, zone)}"
        )
    if len(rows) > SHOWN:
        more = f"……另有 {len(rows) - SHOWN} 个未显示"
        lines.append(more + ("。" if venue else "，发送「/邀请 列表 场所」只看一个场所的。"))
    if waiting:
        lines.append("发错了人的，发送「/邀请 撤销 场所」作废该场所未使用的邀请码。")
    return "\n".join(lines)


def _is_open(invite: Invite, now: datetime) -> bool:
    return invite.used_at is None and _moment(invite.expires_at) > _moment(now)


def _state(invite: Invite, now: datetime, zone: ZoneInfo) -> str:
    if invite.used_at is not None:
        return f"已使用（{short(invite.used_at, zone, now)} 绑定）"
    if _is_open(invite, now):
        return f"未使用，{short(invite.expires_at, zone, now)} 前有效"
    # A voided code is one whose expiry was moved to the moment it was voided.
    return f"未使用，已失效（过期或作废，{short(invite.expires_at, zone, now)}）"


async def _makers(
    ctx: Context, venue_ids: set[int], since: datetime
) -> dict[tuple[int | None, datetime], str]:
    """(venue id, moment) -> the officer who made a code for that venue then."""
    query = (
        select(WorkLog, Person)
        .join(Person, col(Person.id) == col(WorkLog.person_id))
        .where(
            WorkLog.action == "venue.invite",
            WorkLog.subject_kind == "venue",
            col(WorkLog.subject_id).in_([str(v) for v in venue_ids]),
            col(WorkLog.at) >= since,
        )
    )
    return {
        (int(log.subject_id), _moment(log.at)): person.display_name or f"民警#{person.id}"
        for log, person in (await ctx.session.exec(query)).all()
    }
