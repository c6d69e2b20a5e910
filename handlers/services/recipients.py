"""Who to tell beyond a beat's officers: a station's staff, its duty officers, one person.

(`handlers.services.officers.beat_officer_accounts` covers a beat, falling back to its
station.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.router import STAFF
from handlers.services.officers import beat_officer_accounts
from storage.models import Account, Person, Role, Station


async def home_station_id(session: AsyncSession) -> int:
    """The station an item with no known place belongs to: the deployment's first station.

    One station per deployment is the common case; a multi-station deployment's first
    station acts as the switchboard and forwards by hand.
    """
    station_id = (await session.exec(select(Station.id).order_by(col(Station.id)).limit(1))).first()
    if station_id is None:
        raise LookupError("no station configured")
    return station_id


async def station_staff_accounts(session: AsyncSession, station_id: int) -> list[Account]:
    return list(
        (
            await session.exec(
                select(Account)
                .join(Person, col(Account.person_id) == col(Person.id))
                .where(Person.station_id == station_id, col(Person.role).in_(STAFF))
                .order_by(col(Account.id))
            )
        ).all()
    )


async def duty_officer_accounts(session: AsyncSession, station_id: int) -> list[Account]:
    """The station's duty officers. There is no duty roster yet, so every officer and admin
    of the station counts as on duty; a roster replaces this body, not its callers."""
    return await station_staff_accounts(session, station_id)


async def officer_accounts(
    session: AsyncSession, person_id: int, station_id: int | None
) -> list[Account]:
    """The chat accounts of one officer or admin of `station_id` (the author of an alert, the
    officer who answered a tip; None: of any station, for a card of the whole list). Empty
    once that person is no longer staff there (revoked, or bound to another station since):
    their callers then tell the beat's or the station's officers instead. An admin bound to
    no station serves every station (as `station_scope.may_see` lets them see it all)."""
    query = (
        select(Account)
        .join(Person, col(Account.person_id) == col(Person.id))
        .where(Account.person_id == person_id, col(Person.role).in_(STAFF))
        .order_by(col(Account.id))
    )
    if station_id is not None:
        query = query.where(
            or_(
                col(Person.station_id) == station_id,
                and_(col(Person.role) == Role.ADMIN, col(Person.station_id).is_(None)),
            )
        )
    return list((await session.exec(query)).all())


@dataclass(frozen=True)
class Addressees:
    """Whom something meant for one officer goes to (see `officer_or_area`)."""

    accounts: list[Account]
    #: The officer it was meant for has left the station's staff: `accounts` are the area's
    #: officers, who would otherwise take it for one of their own and wonder.
    handed_on: bool = False

    def note(self, who: str) -> str:
        """`（原审核民警已不在本所岗位，转由您处理。）` for `who` 原审核民警, when handed on."""
        return f"（{who}已不在本所岗位，转由您处理。）" if self.handed_on else ""


async def officer_or_area(
    session: AsyncSession, person_id: int | None, station_id: int, beat_id: int | None
) -> Addressees:
    """The one rule for whatever is addressed to one officer (an alert's failures and its
    approval, a question to the alert's author, a resubmitted self-inspection to its
    reviewer, a reporter's or tipster's answer to the officer who asked): that officer's
    accounts while they serve the station; with nobody named, or once they left (revoked,
    bound to another station), the officers of `beat_id`, or of the station without one.
    Left to the officer's own accounts, it had reached no one."""
    if person_id is not None:
        own = await officer_accounts(session, person_id, station_id)
        if own:
            return Addressees(own)
    area = await area_accounts(session, station_id, beat_id)
    return Addressees(area, handed_on=person_id is not None)


async def area_accounts(
    session: AsyncSession, station_id: int, beat_id: int | None
) -> list[Account]:
    """The officers of the beat (or, without one or when it has none, of the station)."""
    if beat_id is not None:
        return await beat_officer_accounts(session, beat_id)
    return await station_staff_accounts(session, station_id)


def distinct(accounts: list[Account]) -> list[Account]:
    seen: set[int | None] = set()
    kept = []
    for account in accounts:
        if account.id not in seen:
            seen.add(account.id)
            kept.append(account)
    return kept
