"""When venues owe a self-inspection or a rectification: for the reminder job, the review
commands and the officers' digest.

A venue inspects itself every `[inspection] every_days`, counted from its last submission
(or, before the first, from when it was registered, so a new venue is not overdue on day
one). A rectification is overdue once its deadline has passed without a resubmission.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms.clock import said_on
from handlers.registration.timefmt import to_local
from handlers.services.station_scope import in_station
from storage.models import (
    Beat,
    Inspection,
    InspectionItem,
    InspectionStatus,
    Person,
    Venue,
    VenueKind,
)

#: Hotels and the nine small venue kinds; rental houses are not inspected this way.
INSPECTED_KINDS = tuple(k for k in VenueKind if k is not VenueKind.RENTAL)
DUE, RECTIFY = "due", "rectify"


def rectify_task_source(inspection_id: int | None) -> str:
    """The source of the task an officer gets when sending items back (/审核 N 整改): due on
    the deadline, closed when the owner resubmits or the officer passes the inspection."""
    return f"inspection_rectify:{inspection_id}"


@dataclass(frozen=True)
class Overdue:
    venue: Venue
    #: DUE: no self-inspection for too long; RECTIFY: a rectification past its deadline.
    kind: str
    #: The local date it fell due (the deadline, for a rectification).
    since: date
    inspection_id: int | None = None
    #: Names of the items past their deadline (rectifications only).
    items: tuple[str, ...] = ()


def next_due(last: datetime, every_days: int, zone: ZoneInfo) -> date:
    return to_local(last, zone).date() + timedelta(days=every_days)


async def overdue_inspections(
    session: AsyncSession,
    *,
    now: datetime,
    zone: ZoneInfo,
    every_days: int,
    station_id: int | None = None,
    beat_id: int | None = None,
) -> list[Overdue]:
    """Every overdue self-inspection and rectification, oldest first; narrowed to a station
    or a beat when given (the digest asks per beat)."""
    today = to_local(now, zone).date()
    venues = select(Venue).join(Beat, col(Beat.id) == col(Venue.beat_id))
    venues = venues.where(col(Venue.kind).in_(INSPECTED_KINDS))
    if station_id is not None:
        venues = venues.where(Beat.station_id == station_id)
    if beat_id is not None:
        venues = venues.where(Venue.beat_id == beat_id)
    rows = (await session.exec(venues.order_by(col(Venue.id)))).all()
    last: dict[int, datetime] = dict(
        (
            await session.exec(
                select(Inspection.venue_id, func.max(Inspection.submitted_at)).group_by(
                    col(Inspection.venue_id)
                )
            )
        ).all()
    )
    found = []
    for venue in rows:
        due = next_due(last.get(venue.id or 0) or venue.created_at, every_days, zone)
        if due < today:
            found.append(Overdue(venue, DUE, due))
    found.extend(await _late_rectifications(session, today, [v.id for v in rows]))
    return sorted(found, key=lambda o: (o.since, o.venue.id or 0))


async def _late_rectifications(
    session: AsyncSession, today: date, venue_ids: list[int | None]
) -> list[Overdue]:
    late = (
        await session.exec(
            select(InspectionItem, Inspection)
            .join(Inspection, col(Inspection.id) == col(InspectionItem.inspection_id))
            .where(
                Inspection.status == InspectionStatus.RECTIFY,
                col(Inspection.venue_id).in_(venue_ids),
                col(InspectionItem.rectify_deadline) < today,
                col(InspectionItem.rectified_at).is_(None),
            )
            .order_by(col(InspectionItem.inspection_id), col(InspectionItem.position))
        )
    ).all()
    grouped: dict[int, tuple[Inspection, list[InspectionItem]]] = {}
    for item, inspection in late:
        assert inspection.id is not None
        grouped.setdefault(inspection.id, (inspection, []))[1].append(item)
    found = []
    for inspection, items in grouped.values():
        venue = await session.get(Venue, inspection.venue_id)
        if venue is None:
            continue
        deadline = min(i.rectify_deadline for i in items if i.rectify_deadline is not None)
        names = tuple(f"第{i.position}项 {i.name}" for i in items)
        found.append(Overdue(venue, RECTIFY, deadline, inspection.id, names))
    return found


@dataclass(frozen=True)
class Rectifying:
    """An inspection sent back to its owner and not yet resubmitted."""

    inspection: Inspection
    venue: Venue
    #: The earliest deadline of its items still to fix (None when none was set).
    deadline: date | None


async def rectifying(
    session: AsyncSession, *, viewer: Person | None = None, beat_ids: Sequence[int] | None = None
) -> list[Rectifying]:
    """Inspections waiting for the owner's rectification, earliest deadline first; narrowed
    to what `viewer` may see (as the review list is) or to these beats when given. Waiting on the
    owner, they are out of the review list, and had been out of the officer's sight with it."""
    query = (
        select(Inspection, Venue)
        .join(Venue, col(Venue.id) == col(Inspection.venue_id))
        .where(Inspection.status == InspectionStatus.RECTIFY)
    )
    if viewer is not None:
        seen = in_station(select(Inspection.id), col(Inspection.station_id), viewer)
        query = query.where(col(Inspection.id).in_(seen))
    if beat_ids is not None:
        query = query.where(col(Inspection.beat_id).in_(beat_ids))
    rows = (await session.exec(query.order_by(col(Inspection.id)))).all()
    deadlines: dict[int, date | None] = dict(
        (
            await session.exec(
                select(InspectionItem.inspection_id, func.min(InspectionItem.rectify_deadline))
                .where(
                    col(InspectionItem.inspection_id).in_([i.id for i, _ in rows]),
                    col(InspectionItem.rectified_at).is_(None),
                    col(InspectionItem.rectify_deadline).is_not(None),
                )
                .group_by(col(InspectionItem.inspection_id))
            )
        ).all()
    )
    found = [Rectifying(i, v, deadlines.get(i.id or 0)) for i, v in rows]
    return sorted(found, key=lambda r: (r.deadline or date.max, r.inspection.id or 0))


#: Venues a 待整改 line names; the rest are counted.
RECTIFYING_SHOWN = 5


def rectifying_line(found: list[Rectifying], today: date) -> str:
    """待整改 2 处：#1 平安旅馆（明天到期）、#2 极速网吧（已逾期2天）、…: how the officer's
    list and the digest say it."""
    shown = "、".join(_rectifying_text(r, today) for r in found[:RECTIFYING_SHOWN])
    more = " 等" if len(found) > RECTIFYING_SHOWN else ""
    return f"待整改 {len(found)} 处：{shown}{more}"


def _rectifying_text(waiting: Rectifying, today: date) -> str:
    name = f"#{waiting.inspection.id} {waiting.venue.name}"
    if waiting.deadline is None:
        return name
    late = (today - waiting.deadline).days
    if late > 0:
        # The days late say more than a date already gone by (昨天到期 beside 已逾期1天).
        return f"{name}（已逾期{late}天）"
    # As the registration views say a day: 11-26 had read as no other day the bot says.
    return f"{name}（{said_on(waiting.deadline, today)}到期）"
