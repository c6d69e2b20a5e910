"""Single-use, expiring invite codes that bind a chat account to a role.

Codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
`ABCD-EFGH`; only a SHA-256 of the code is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from handlers.services.venues import bindings_changed
from storage.models import Account, Beat, Invite, Person, Role, Venue, VenueOwner

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class InviteError(Exception):
    """Why a code could not be made or redeemed; the message is Chinese, for the user."""


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    """A code of letters and digits both: one pasted alone is told from a word or a number by
    that mix (`handlers.common`), and one in ten codes drawn freely had no digit."""
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not (raw.isalpha() or raw.isdigit()):
            return f"{raw[:4]}-{raw[4:]}"


async def create_invite(
    session: AsyncSession,
    *,
    role: Role,
    now: datetime,
    ttl: timedelta,
    beat_id: int | None = None,
    venue_id: int | None = None,
    display_name: str = "",
) -> str:
    """Store a new invite and return its code (the only time the code exists in clear)."""
    station_id = None
    if role is Role.OFFICER:
        beat = await session.get(Beat, beat_id) if beat_id is not None else None
        if beat is None:
            raise InviteError("民警邀请码必须指定所属警务区（--beat）。")
        station_id = beat.station_id
    elif role is Role.OWNER:
        venue = await session.get(Venue, venue_id) if venue_id is not None else None
        if venue is None:
            raise InviteError("场所负责人邀请码必须指定场所（--venue）。")
    elif role is Role.ADMIN and beat_id is not None:
        beat = await session.get(Beat, beat_id)
        station_id = beat.station_id if beat else None
    code = new_code()
    session.add(
        Invite(
            code_hash=hash_code(code),
            role=role,
            station_id=station_id,
            beat_id=beat_id,
            venue_id=venue_id,
            display_name=display_name,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    await session.flush()
    return code


def _open_owner_invites(venue_id: int, now: datetime) -> SelectOfScalar[Invite]:
    return select(Invite).where(
        Invite.venue_id == venue_id,
        Invite.role == Role.OWNER,
        col(Invite.used_at).is_(None),
        Invite.expires_at > now,
    )


async def open_owner_invites(session: AsyncSession, venue_id: int, now: datetime) -> int:
    """How many of the venue's owner invites are neither used nor expired."""
    return len((await session.exec(_open_owner_invites(venue_id, now))).all())


async def revoke_owner_invites(session: AsyncSession, venue_id: int, now: datetime) -> int:
    """Void the venue's owner invites not yet used nor expired (a code sent to the wrong
    person); how many there were."""
    open_ones = (await session.exec(_open_owner_invites(venue_id, now))).all()
    for invite in open_ones:
        void_invite(session, invite, now)
    await session.flush()
    return len(open_ones)


def void_invite(session: AsyncSession, invite: Invite, now: datetime) -> None:
    """Make an unused code unusable from `now`: its expiry moves to that moment, which the
    lists read as voided (or expired)."""
    invite.expires_at = now
    session.add(invite)


async def recent_invites(session: AsyncSession, now: datetime, since: datetime) -> Sequence[Invite]:
    """Every invite made since `since` or still usable at `now`, newest first."""
    query = (
        select(Invite)
        .where(or_(col(Invite.created_at) >= since, col(Invite.expires_at) > now))
        .order_by(col(Invite.created_at).desc(), col(Invite.id).desc())
    )
    return (await session.exec(query)).all()


async def find_invite(session: AsyncSession, code: str) -> Invite | None:
    """The invite whose code is `code` (as typed: any case, with or without the dash)."""
    return (await session.exec(select(Invite).where(Invite.code_hash == hash_code(code)))).first()


@dataclass(frozen=True)
class Binding:
    role: Role
    beat: Beat | None
    venue: Venue | None


async def redeem_invite(
    session: AsyncSession,
    code: str,
    account: Account,
    person: Person,
    now: datetime,
    sender_name: str = "",
) -> Binding:
    """Bind `account` with `code`. `sender_name`, what the platform calls the sender, names
    a person the invite named no one for (owners, usually), so that `people list` tells
    two owners apart."""
    invite = await find_invite(session, code)
    if invite is None:
        raise InviteError("邀请码不正确，请核对后重新发送（格式如 ABCD-EFGH）。")
    if invite.used_at is not None:
        if invite.used_by_account_id == account.id and await _still_bound(session, invite, person):
            raise InviteError(await _already(session, invite))
        raise InviteError("该邀请码已被使用。如需重新绑定，请向民警索取新的邀请码。")
    if invite.expires_at <= now:
        raise InviteError("该邀请码已过期，请向民警索取新的邀请码。")
    invite.used_at = now
    invite.used_by_account_id = account.id
    session.add(invite)
    if invite.person_id is not None:
        return await _link(session, invite.person_id, account)
    beat = await session.get(Beat, invite.beat_id) if invite.beat_id else None
    venue = await session.get(Venue, invite.venue_id) if invite.venue_id else None
    if invite.role is Role.OWNER:
        assert venue is not None and venue.id is not None and person.id is not None
        # An officer keeps their role when also made responsible for a venue.
        if person.role is Role.RESIDENT:
            person.role = Role.OWNER
        exists = await session.get(VenueOwner, (person.id, venue.id))
        if exists is None:
            session.add(VenueOwner(person_id=person.id, venue_id=venue.id))
            bindings_changed(session)
    else:
        person.role = invite.role
        person.beat_id = invite.beat_id
        person.station_id = invite.station_id
    if invite.display_name:
        person.display_name = invite.display_name
    elif not person.display_name and sender_name.strip():
        person.display_name = sender_name.strip()[:100]
    session.add(person)
    return Binding(invite.role, beat, venue)


async def _still_bound(session: AsyncSession, invite: Invite, person: Person) -> bool:
    """Whether the sender of their own used code still holds what it gave (not revoked)."""
    if invite.role is Role.OWNER:
        owns = invite.venue_id is not None and person.id is not None
        return owns and await session.get(VenueOwner, (person.id, invite.venue_id)) is not None
    if invite.person_id is not None:  # a link code: this account is that person's
        return person.id == invite.person_id
    return person.role is invite.role


async def _already(session: AsyncSession, invite: Invite) -> str:
    """The answer to a code sent again by the account that used it: nothing to do."""
    venue = await session.get(Venue, invite.venue_id) if invite.venue_id else None
    if invite.role is Role.OWNER and venue is not None:
        return f"您已是「{venue.name}」的负责人，无需再次绑定。发送「帮助」查看全部功能。"
    beat = await session.get(Beat, invite.beat_id) if invite.beat_id else None
    if invite.role is Role.OFFICER and beat is not None:
        return f"您已登记为{beat.name}民警，无需再次绑定。发送「帮助」查看民警功能。"
    return f"您已绑定为{invite.role.label}，无需再次绑定。发送「帮助」查看全部功能。"


async def create_link_code(
    session: AsyncSession, person: Person, *, now: datetime, ttl: timedelta
) -> str:
    """A short-lived code that lets the same person bind an account on another channel."""
    code = new_code()
    session.add(
        Invite(
            code_hash=hash_code(code),
            role=person.role,
            station_id=person.station_id,
            beat_id=person.beat_id,
            person_id=person.id,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    await session.flush()
    return code


async def _link(session: AsyncSession, person_id: int, account: Account) -> Binding:
    person = await session.get(Person, person_id)
    if person is None:
        raise InviteError("该关联码对应的身份已不存在，请重新获取。")
    account.person_id = person_id
    session.add(account)
    beat = await session.get(Beat, person.beat_id) if person.beat_id else None
    return Binding(person.role, beat, None)
