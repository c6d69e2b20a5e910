"""Rows for the beat-work tests: registrations, hits, tips, inspections, incidents.

Built directly (not through chat) so each test states exactly the data its answer follows
from.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.hit_checks import check_key
from handlers.services.personal import PersonData, seal
from storage.models import (
    GuestStay,
    HitStrength,
    Incident,
    Inspection,
    InspectionStatus,
    Task,
    TaskStatus,
    Tip,
    TipCategory,
    TipStatus,
    WatchHit,
)
from tests.support.seed import GUEST_ID, Seeded

_numbers = itertools.count(1)


def guest_stay(
    services: Services,
    venue_id: int,
    check_in: datetime,
    *,
    registered: datetime | None = None,
    phone: str = "13812345678",
    foreign: bool = False,
) -> GuestStay:
    person = PersonData(name="王小明", doc_type="resident_id", doc_no=GUEST_ID, phone=phone)
    return GuestStay(
        **seal(services, person, "guest_stay"),
        receipt_no=f"G-TEST-{next(_numbers)}",
        venue_id=venue_id,
        room="101",
        is_foreign=foreign,
        check_in_at=check_in,
        created_at=registered or check_in,
    )


def watch_hit(seeded: Seeded, venue_id: int, at: datetime) -> WatchHit:
    assert seeded.wanted.id is not None
    return WatchHit(
        wanted_id=seeded.wanted.id,
        registration_kind="guest",
        registration_id=next(_numbers),
        venue_id=venue_id,
        strength=HitStrength.STRONG,
        created_at=at,
    )


def tip(
    seeded: Seeded,
    at: datetime,
    *,
    venue_id: int | None = None,
    spam: bool = False,
    status: TipStatus = TipStatus.RECEIVED,
    placed: bool = True,
) -> Tip:
    assert seeded.station.id is not None
    n = next(_numbers)
    return Tip(
        alias=f"举报人-{n:04d}",
        code_idx=f"code-{n}",
        code_enc="x",
        category=TipCategory.GAMBLING,
        text_enc="x",
        station_id=seeded.station.id,
        beat_id=seeded.beat.id if placed else None,
        venue_id=venue_id,
        status=status,
        spam=spam,
        created_at=at,
    )


def inspection(
    seeded: Seeded,
    venue_id: int,
    submitted: datetime,
    status: InspectionStatus,
    reviewed: datetime | None = None,
) -> Inspection:
    assert seeded.station.id and seeded.beat.id and seeded.owner.id
    return Inspection(
        venue_id=venue_id,
        station_id=seeded.station.id,
        beat_id=seeded.beat.id,
        submitted_by_person_id=seeded.owner.id,
        submitted_at=submitted,
        status=status,
        reviewed_at=reviewed,
    )


def incidents(
    beat_id: int, kind: str, per_day: dict[int, int], last_day_noon: datetime
) -> list[Incident]:
    """{days before the last day: how many} -> incidents at noon of those days."""
    return [
        Incident(
            occurred_at=last_day_noon - timedelta(days=back),
            kind=kind,
            place="某路",
            beat_id=beat_id,
            external_no=f"T{next(_numbers)}",
        )
        for back, n in per_day.items()
        for _ in range(n)
    ]


async def store(services: Services, *rows: object) -> None:
    async with services.sessions() as session:
        await add_all(session, rows)
        await session.commit()


async def check_hit(services: Services, seeded: Seeded, hit: WatchHit, note: str) -> None:
    """The hit's check task, done with the officer's `note` (已核实，非本人; 人已带回)."""
    assert hit.id is not None and seeded.beat.id is not None
    await store(
        services,
        Task(
            beat_id=seeded.beat.id,
            kind="verify",
            subject=f"核查比中 #{hit.id}",
            key=check_key(hit.id),
            status=TaskStatus.DONE,
            done_note=note,
        ),
    )


async def add_all(session: AsyncSession, rows: tuple[object, ...]) -> None:
    for row in rows:
        session.add(row)
    await session.flush()
