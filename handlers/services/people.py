"""Who holds a role (officer, admin, venue owner), and taking it away: an officer moved to
another station, a phone lost, a venue sold. Until now a role, once bound, was for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.rest.channel import NAME as WEB_CHANNEL
from bot.messages import Reply, Text
from bot.router import STAFF
from handlers.services.recipients import area_accounts
from handlers.services.venues import bindings_changed
from storage.models import (
    Account,
    AuditEvent,
    Beat,
    FormState,
    Invite,
    Person,
    Role,
    UserMemo,
    Venue,
    VenueOwner,
    WebInboxMessage,
)
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.outbox import TO_TIPSTER, enqueue_once, enqueue_to_accounts, replies_of

#: Before what was meant for an officer whose role was revoked, to whom it goes instead.
HANDED_ON = "（以下消息原发给已不在本所岗位的民警，转由您处理。）"


class PeopleError(Exception):
    """A person or role that is not there; the message is for IT staff (English)."""


@dataclass(frozen=True)
class Holder:
    person: Person
    beat: str
    venues: list[str]
    #: Channel names of the person's accounts, e.g. ["wecom", "web"].
    channels: list[str]
    #: When they first bound with an invite code (when first seen, for the demo's people):
    #: what tells apart owners invited with no name.
    bound_at: datetime


async def role_holders(session: AsyncSession, role: Role | None = None) -> list[Holder]:
    """Everyone who is more than a resident (or only those of `role`), by id."""
    query = select(Person).where(col(Person.role) != Role.RESIDENT).order_by(col(Person.id))
    if role is not None:
        query = query.where(Person.role == role)
    people = (await session.exec(query)).all()
    beats = {b.id: b.name for b in (await session.exec(select(Beat))).all()}
    ids = [p.id for p in people]
    owned = (
        await session.exec(
            select(VenueOwner.person_id, Venue.name)
            .join(Venue, col(Venue.id) == col(VenueOwner.venue_id))
            .where(col(VenueOwner.person_id).in_(ids))
            .order_by(col(Venue.id))
        )
    ).all()
    accounts = (
        await session.exec(
            select(Account.person_id, Account.channel).where(col(Account.person_id).in_(ids))
        )
    ).all()
    bound = (
        await session.exec(
            select(Account.person_id, func.min(Invite.used_at))
            .join(Invite, col(Invite.used_by_account_id) == col(Account.id))
            .where(col(Account.person_id).in_(ids))
            .group_by(col(Account.person_id))
        )
    ).all()
    bound_at: dict[int | None, datetime] = {owner: at for owner, at in bound if at}
    return [
        Holder(
            person=p,
            beat=beats.get(p.beat_id, "") if p.beat_id else "",
            venues=[name for owner, name in owned if owner == p.id],
            channels=sorted({channel for owner, channel in accounts if owner == p.id}),
            bound_at=bound_at.get(p.id, p.created_at),
        )
        for p in people
    ]


@dataclass(frozen=True)
class Revoked:
    was: Role
    now: Role
    #: Names of the venues the person is no longer responsible for.
    venues: list[str]
    #: A beat left with no officer of its own (its messages go to the station's officers).
    beat_left_alone: str | None
    #: The station has no officer or admin left at all: hits and tips reach no one.
    station_left_alone: bool


async def revoke(
    session: AsyncSession, person_id: int, now: datetime, venue_id: int | None = None
) -> Revoked:
    """Take away a person's staff role and venues (or, with `venue_id`, that one venue).

    They stay a resident: they can still ask questions and send tips. Their half-done forms
    and conversation memos are dropped, so that an alert or a wanted card begun as an
    officer cannot be finished as a resident, and they are told on each of their accounts.
    """
    person = await session.get(Person, person_id)
    if person is None:
        raise PeopleError(f"there is no person {person_id} (see `jingmin people list`)")
    owned = select(VenueOwner).where(VenueOwner.person_id == person_id)
    if venue_id is not None:
        owned = owned.where(VenueOwner.venue_id == venue_id)
    ownerships = list((await session.exec(owned)).all())
    if venue_id is not None and not ownerships:
        raise PeopleError(f"person {person_id} is not responsible for venue {venue_id}")
    if venue_id is None and person.role not in STAFF and not ownerships:
        raise PeopleError(f"person {person_id} is a resident: there is no role to revoke")
    was, beat_id, station_id = person.role, person.beat_id, person.station_id
    venues = []
    for ownership in ownerships:
        venue = await session.get(Venue, ownership.venue_id)
        venues.append(venue.name if venue else str(ownership.venue_id))
        await session.delete(ownership)
    bindings_changed(session)
    await session.flush()
    if venue_id is None:
        person.role, person.beat_id, person.station_id = Role.RESIDENT, None, None
    elif person.role is Role.OWNER:
        still_owner = await session.exec(
            select(VenueOwner.venue_id).where(VenueOwner.person_id == person_id).limit(1)
        )
        if still_owner.first() is None:
            person.role = Role.RESIDENT
    session.add(person)
    accounts = list(
        (await session.exec(select(Account).where(Account.person_id == person_id))).all()
    )
    await _forget_conversations(session, accounts)
    if was in STAFF and person.role not in STAFF:
        withdrawn = await _withdraw_queued(session, accounts)
        if station_id is not None:
            await session.flush()  # the area's officers are asked for without them
            area = await area_accounts(session, station_id, beat_id)
            await _hand_on(session, withdrawn, area, now)
    # person_id is who acted (nobody in chat: the command line); the revoked person is the
    # subject.
    event = AuditEvent(
        at=now,
        action="revoke",
        subject_kind="person",
        subject_id=str(person_id),
        detail=f"{was.value}->{person.role.value}"
        + (f" venue {venue_id}" if venue_id is not None else ""),
    )
    session.add(event)
    await session.flush()
    enqueue_to_accounts(
        session,
        accounts,
        message_key=f"revoked:{event.id}",
        replies=[Text(_notice(was, person.role, venues))],
        now=now,
    )
    left_alone, none_left = None, False
    if was in STAFF and person.role not in STAFF:
        if beat_id is not None and not await _any_staff(session, col(Person.beat_id) == beat_id):
            beat = await session.get(Beat, beat_id)
            left_alone = beat.name if beat else str(beat_id)
        if station_id is not None:
            none_left = not await _any_staff(session, col(Person.station_id) == station_id)
    return Revoked(was, person.role, venues, left_alone, none_left)


async def _any_staff(session: AsyncSession, where: ColumnElement[bool]) -> bool:
    found = await session.exec(select(Person.id).where(where, col(Person.role).in_(STAFF)))
    return found.first() is not None


async def _forget_conversations(session: AsyncSession, accounts: list[Account]) -> None:
    """Form progress and memos are stored per (channel, chat, user): every chat of theirs."""
    for model, column in ((FormState, FormState.key), (UserMemo, UserMemo.user_key)):
        patterns = [f"{_literal(a.channel)}|%|{_literal(a.channel_user_id)}" for a in accounts]
        if not patterns:
            return
        found = await session.exec(
            select(column).where(or_(*(col(column).like(p, escape="\\") for p in patterns)))
        )
        # LIKE ignores case on SQLite: only keys of exactly these accounts go.
        keys = [k for k in found.all() if any(_of(k, a) for a in accounts)]
        if keys:
            await session.exec(delete(model).where(col(column).in_(keys)))


def _of(key: str, account: Account) -> bool:
    channel, _, rest = key.partition("|")
    return channel == account.channel and rest.rpartition("|")[2] == account.channel_user_id


async def _withdraw_queued(session: AsyncSession, accounts: list[Account]) -> list[OutboxMessage]:
    """What was queued for them as an officer and not sent yet (a hit alert, a tipster's
    reply) is not sent after all: a lost phone must not receive it. So do the web chat's
    replies waiting to be fetched. Returns the rows withdrawn, for `_hand_on`."""
    withdrawn: list[OutboxMessage] = []
    for account in accounts:
        rows = await session.exec(
            select(OutboxMessage).where(
                col(OutboxMessage.channel) == account.channel,
                col(OutboxMessage.chat_id) == account.channel_user_id,
                col(OutboxMessage.status) == OutboxStatus.PENDING,
            )
        )
        for row in rows.all():
            row.status = OutboxStatus.CANCELLED
            session.add(row)
            withdrawn.append(row)
        if account.channel == WEB_CHANNEL:
            await session.exec(
                delete(WebInboxMessage).where(
                    col(WebInboxMessage.sender) == account.channel_user_id
                )
            )
    return withdrawn


#: Withdrawn rows that were theirs alone, not handed on: their own digest and the notice of
#: their own form's expiry (the beat's officers have their own), and what was on its way to
#: a tipster rather than to them.
_THEIRS_ALONE = ("digest:", "form-expired:", "revoked:", TO_TIPSTER)


async def _hand_on(
    session: AsyncSession, withdrawn: list[OutboxMessage], area: list[Account], now: datetime
) -> None:
    """What was on its way to the officer (a hit, a tip, a question, an alert's failures),
    to the officers of their beat (or station) instead, as `recipients.officer_or_area`
    hands on what comes later: it had been cancelled, and the hit or the tip reached no one.
    A row the beat's officers were sent a copy of already is not sent twice."""
    for row in withdrawn:
        if row.dedupe_key.startswith(_THEIRS_ALONE):
            continue
        own = f"->{row.channel}:{row.chat_id}"
        key = row.dedupe_key.removesuffix(own)
        replies: list[Reply] = [Text(HANDED_ON), *replies_of(session, row)]
        await enqueue_once(session, area, message_key=key, replies=replies, now=now)


def _literal(text: str) -> str:
    """`text` matched as itself by LIKE: a WeCom user id may hold `_`."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _notice(was: Role, now: Role, venues: list[str]) -> str:
    if was in STAFF and now not in STAFF:
        return (
            f"您在本系统的{was.label}身份已由管理员撤销，相关功能不再可用，"
            "未完成的操作已清除。如有疑问，请联系派出所。"
        )
    places = "、".join(f"「{name}」" for name in venues)
    return (
        f"您已不再是{places}的负责人，该场所的登记和通报不再发给您，未完成的操作已清除。"
        "如有疑问，请联系社区民警。"
    )
