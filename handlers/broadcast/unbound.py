"""Venues an alert's scope takes in but reaches no one at: no owner bound, no group of
their own. 涉及场所：便民超市、老街面馆、极速网吧 over 将发送给 1 个对象 had left two of them
without a word, before sending and in /通报状态 after."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.broadcast.audience import Audience
from handlers.broadcast.naming import first_named
from handlers.broadcast.targets import venues_in
from storage.models import BroadcastRecipient, ChatGroup, Venue, VenueOwner

#: Venues named one by one; past it, 等N个.
NAMED = 5


async def unreached(
    session: AsyncSession,
    audience: Audience,
    station_id: int,
    people: Iterable[int | None],
    groups: Iterable[int | None],
) -> list[Venue]:
    """The venues `audience` takes in whose owners are none of `people` and whose own
    group is none of `groups` (the chats the alert goes, or went, to)."""
    venues = await venues_in(session, audience, station_id)
    if not venues:
        return []
    ids = [v.id for v in venues]
    reached_people = {p for p in people if p is not None}
    reached_groups = {g for g in groups if g is not None}
    owners = await session.exec(
        select(VenueOwner.venue_id, VenueOwner.person_id).where(col(VenueOwner.venue_id).in_(ids))
    )
    reached: set[int | None] = {v for v, person in owners.all() if person in reached_people}
    own_groups = await session.exec(
        select(ChatGroup.venue_id, ChatGroup.id).where(col(ChatGroup.venue_id).in_(ids))
    )
    reached |= {venue for venue, group in own_groups.all() if group in reached_groups}
    return [v for v in venues if v.id not in reached]


def unreached_lines(venues: list[Venue], *, sent: bool) -> list[str]:
    """What the officer reads of `venues`: which they are, and what to do about them."""
    if not venues:
        return []
    names = "、".join(first_named([v.name for v in venues], NAMED))
    verb = "没有收到" if sent else "收不到"
    return [
        f"⚠️ 未绑定负责人、{verb}这条通报的场所（{len(venues)}）：{names}。",
        "请电话通知；要让负责人以后能收到，发送「/邀请 场所名称」生成邀请码让其绑定。",
    ]


async def unreached_by(
    session: AsyncSession, audience: Audience, station_id: int, broadcast_id: int
) -> list[Venue]:
    """The venues of a sent alert that none of its recipients answers for."""
    rows = await session.exec(
        select(BroadcastRecipient.person_id, BroadcastRecipient.group_id).where(
            BroadcastRecipient.broadcast_id == broadcast_id
        )
    )
    found = rows.all()
    return await unreached(
        session, audience, station_id, (p for p, _ in found), (g for _, g in found)
    )
