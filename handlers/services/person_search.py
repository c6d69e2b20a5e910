"""Officers find guests and tenants across their station, and count a day's registrations.

Names, document numbers and phones are matched through their blind indexes, as the wanted
list is matched against registrations: nothing is decrypted to search. (A landlord's or a
venue contact's phone is searched by `/门牌 电话`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.personal import DOC_NO, NAME, PHONE
from handlers.services.scope import BeatScope, restrict
from storage.models import GuestStay, Tenancy, Venue
from storage.phone_index import phone_index
from storage.voided import INCLUDE_VOIDED

#: Stays that ended longer ago than this are no longer "recent" to a search.
RECENT_DAYS = 30
#: Results listed: a common name can match many people across a station.
LIMIT = 20


@dataclass(frozen=True)
class Found:
    """A registration a search found, with the place it is at."""

    record: GuestStay | Tenancy
    venue: Venue

    @property
    def key(self) -> str:
        """How the officer names it for the full view: 旅客12, 租客3."""
        kind = "旅客" if isinstance(self.record, GuestStay) else "租客"
        return f"{kind}{self.record.id}"


#: Searching by the end of a document number (`/查人 1233`): the blind index holds whole
#: numbers only, so the tail is read from the stored mask, which keeps the last 4 characters
#: (`bot.validators.masking.mask_stored_id_number`); nothing is decrypted to search.
TAIL = "doc_tail"
TAIL_KEPT = 4

#: The blind-index columns of guests and tenants each way of searching reads.
_COLUMNS = {
    NAME: (GuestStay.name_idx, Tenancy.name_idx),
    DOC_NO: (GuestStay.doc_no_idx, Tenancy.doc_no_idx),
    PHONE: (GuestStay.phone_idx, Tenancy.phone_idx),
}


async def find_people(
    session: AsyncSession,
    services: Services,
    *,
    by: str,
    value: str,
    scope: BeatScope,
    now: datetime,
) -> list[Found]:
    """Guests in the house or gone in the last `RECENT_DAYS`, and tenants (current or moved
    out as recently), whose `by` (`NAME`, `DOC_NO` or `PHONE`) is `value`, or whose document
    number ends with the last `TAIL_KEPT` characters of `value` (`TAIL`); newest first."""
    if by == TAIL:
        tail = value[-TAIL_KEPT:].upper()
        guest_match = col(GuestStay.doc_no_masked).endswith(tail)
        tenant_match = col(Tenancy.doc_no_masked).endswith(tail)
    else:
        if by == PHONE:
            index = phone_index(services.blind_index, value)
            if index is None:  # no phone: "phone_idx = NULL" would match every phoneless row
                return []
        else:
            index = services.blind_index(value, by)
        guest_column, tenant_column = _COLUMNS[by]
        guest_match, tenant_match = col(guest_column) == index, col(tenant_column) == index
    since = now - timedelta(days=RECENT_DAYS)
    guests = (
        select(GuestStay, Venue)
        .join(Venue, col(Venue.id) == col(GuestStay.venue_id))
        .where(
            guest_match,
            or_(col(GuestStay.checked_out_at).is_(None), col(GuestStay.checked_out_at) >= since),
        )
        .order_by(col(GuestStay.check_in_at).desc())
        .limit(LIMIT)
    )
    tenants = (
        select(Tenancy, Venue)
        .join(Venue, col(Venue.id) == col(Tenancy.venue_id))
        .where(
            tenant_match,
            or_(col(Tenancy.moved_out_at).is_(None), col(Tenancy.moved_out_at) >= since),
        )
        .order_by(col(Tenancy.lease_start).desc())
        .limit(LIMIT)
    )
    found = [Found(s, v) for s, v in (await session.exec(restrict(guests, scope))).all()]
    found += [Found(t, v) for t, v in (await session.exec(restrict(tenants, scope))).all()]
    return found[:LIMIT]


async def find_one(session: AsyncSession, key: str, scope: BeatScope) -> Found | None:
    """The registration `Found.key` names (旅客12), if it is in `scope`."""
    models: tuple[tuple[str, type[GuestStay] | type[Tenancy]], ...] = (
        ("旅客", GuestStay),
        ("租客", Tenancy),
    )
    for kind, model in models:
        number = key.removeprefix(kind)
        if number != key and number.isdigit():
            # A voided stay's own record stays open to officers (shown 已作废).
            record: GuestStay | Tenancy | None = await session.get(
                model, int(number), execution_options={INCLUDE_VOIDED: True}
            )
            venue = await session.get(Venue, record.venue_id) if record else None
            if record is None or venue is None:
                return None
            if scope is not None and venue.beat_id not in scope:
                return None
            return Found(record, venue)
    return None


async def houses_of_tenant(
    session: AsyncSession, services: Services, name: str, scope: BeatScope
) -> list[Venue]:
    """The houses where someone named `name` rents now (blind index of the name)."""
    query = (
        select(Venue)
        .join(Tenancy, col(Tenancy.venue_id) == col(Venue.id))
        .where(
            col(Tenancy.name_idx) == services.blind_index(name, NAME),
            col(Tenancy.moved_out_at).is_(None),
        )
        .distinct()
        .limit(LIMIT)
    )
    return list((await session.exec(restrict(query, scope))).all())


@dataclass(frozen=True)
class DayCount:
    venue: Venue
    guests: int
    foreign: int
    tenants: int


def day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone)


async def registered_on(
    session: AsyncSession, day: date, zone: ZoneInfo, scope: BeatScope
) -> list[DayCount]:
    """Registrations made on the station-local `day`, per venue, most first."""
    start, end = day_start(day, zone), day_start(day + timedelta(days=1), zone)
    foreign = func.sum(case((col(GuestStay.is_foreign), 1), else_=0))
    guests = (
        select(col(GuestStay.venue_id), func.count(), foreign)
        .join(Venue, col(Venue.id) == col(GuestStay.venue_id))
        .where(col(GuestStay.created_at) >= start, col(GuestStay.created_at) < end)
        .group_by(col(GuestStay.venue_id))
    )
    tenants = (
        select(col(Tenancy.venue_id), func.count())
        .join(Venue, col(Venue.id) == col(Tenancy.venue_id))
        .where(col(Tenancy.created_at) >= start, col(Tenancy.created_at) < end)
        .group_by(col(Tenancy.venue_id))
    )
    counted: dict[int, list[int]] = {}
    for venue_id, count, abroad in (await session.exec(restrict(guests, scope))).all():
        counted[venue_id] = [count, int(abroad or 0), 0]
    for venue_id, count in (await session.exec(restrict(tenants, scope))).all():
        counted.setdefault(venue_id, [0, 0, 0])[2] = count
    if not counted:
        return []
    venues = (await session.exec(select(Venue).where(col(Venue.id).in_(counted)))).all()
    days = [DayCount(v, *counted[v.id]) for v in venues if v.id is not None]
    return sorted(days, key=lambda d: (-(d.guests + d.tenants), d.venue.id or 0))
