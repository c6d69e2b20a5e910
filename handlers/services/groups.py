"""Group chats bound to a beat and venue kind: codes, binding, robot groups, look-ups.

A code for `/绑定群` is single-use and expiring like a personal invite (same alphabet, only
its hash stored); it names what the group is for: a beat and a venue kind (the 旅馆 owners of
beat 1, say), or one venue.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.invites import InviteError, hash_code, new_code
from storage.models import Beat, ChatGroup, GroupInvite, Venue, VenueKind

ROBOT_CHANNEL = "wecom_robot"


async def create_group_code(
    session: AsyncSession,
    *,
    now: datetime,
    ttl: timedelta,
    beat_id: int | None = None,
    venue_kind: VenueKind | None = None,
    venue_id: int | None = None,
    created_by: int | None = None,
) -> str:
    """A new code (the only time it exists in clear); a venue fixes the beat and kind."""
    if venue_id is not None:
        venue = await session.get(Venue, venue_id)
        if venue is None:
            raise InviteError("找不到该场所。")
        beat_id, venue_kind = venue.beat_id, venue.kind
    if beat_id is None or await session.get(Beat, beat_id) is None:
        raise InviteError("群绑定码必须指定所属警务区。")
    code = new_code()
    session.add(
        GroupInvite(
            code_hash=hash_code(code),
            beat_id=beat_id,
            venue_kind=venue_kind,
            venue_id=venue_id,
            created_by_person_id=created_by,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    await session.flush()
    return code


async def bind_group(
    session: AsyncSession, code: str, *, channel: str, chat_id: str, name: str, now: datetime
) -> ChatGroup:
    """Bind (or re-bind) the group a code was sent in."""
    found = await session.exec(select(GroupInvite).where(GroupInvite.code_hash == hash_code(code)))
    invite = found.first()
    if invite is None:
        raise InviteError("绑定码不正确，请核对后重新发送（格式如 ABCD-EFGH）。")
    if invite.used_at is not None:
        raise InviteError("该绑定码已被使用，请向民警索取新的绑定码。")
    if invite.expires_at <= now:
        raise InviteError("该绑定码已过期，请向民警索取新的绑定码。")
    group = await _group(session, channel, chat_id)
    if group is None:
        group = ChatGroup(channel=channel, chat_id=chat_id, created_at=now)
    group.name = name[:100] or group.name
    group.beat_id, group.venue_kind, group.venue_id = (
        invite.beat_id,
        invite.venue_kind,
        invite.venue_id,
    )
    session.add(group)
    await session.flush()
    invite.used_at, invite.group_id = now, group.id
    session.add(invite)
    return group


async def add_robot_group(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    beat_id: int | None,
    venue_kind: VenueKind | None,
    now: datetime,
) -> ChatGroup:
    """A WeCom group robot (outbound only): its chat id is its webhook key."""
    group = await _group(session, ROBOT_CHANNEL, key) or ChatGroup(
        channel=ROBOT_CHANNEL, chat_id=key, created_at=now
    )
    group.name, group.beat_id, group.venue_kind = name[:100], beat_id, venue_kind
    session.add(group)
    await session.flush()
    return group


async def groups_for(
    session: AsyncSession, beat_id: int, venue_kind: VenueKind | None = None
) -> list[ChatGroup]:
    """Groups that should hear about `beat_id` (and `venue_kind`): those bound to the kind,
    and those bound to the whole beat."""
    query = select(ChatGroup).where(ChatGroup.beat_id == beat_id)
    if venue_kind is not None:
        query = query.where(
            or_(col(ChatGroup.venue_kind).is_(None), ChatGroup.venue_kind == venue_kind)
        )
    return list((await session.exec(query.order_by(col(ChatGroup.id)))).all())


async def _group(session: AsyncSession, channel: str, chat_id: str) -> ChatGroup | None:
    query = select(ChatGroup).where(ChatGroup.channel == channel, ChatGroup.chat_id == chat_id)
    return (await session.exec(query)).first()
