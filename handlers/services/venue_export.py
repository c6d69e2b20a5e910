"""Venues to CSV, in the columns `venue import --update` reads back.

Contacts' phones are exported masked: an export leaves the system, and re-importing the file
leaves masked numbers as they are. The risk columns are for reading only.
"""

from __future__ import annotations

import csv
import io

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.scope import BeatScope, restrict
from handlers.services.venue_import import ALIASES
from storage.models import Beat, Venue, VenueContact, VenueRisk

COLUMNS = (
    "id",
    "kind",
    "name",
    "address",
    "beat",
    "latitude",
    "longitude",
    "plate",
    "phone",
    "licence_no",
    "licence_valid_until",
    "notes",
    "contact_name",
    "contact_phone",
    "contact_role",
)
RISK_COLUMNS = ("风险等级", "民警评定", "上级评定")
BATCH = 2000


def header() -> list[str]:
    return [ALIASES[c][0] for c in COLUMNS] + list(RISK_COLUMNS)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


async def export_rows(session: AsyncSession, scope: BeatScope = None) -> list[list[str]]:
    """Data rows in venue id order (a batch of venues per query, contacts of each batch in
    one query)."""
    beats = {b.id: b.code for b in (await session.exec(select(Beat))).all()}
    rows: list[list[str]] = []
    after = 0
    while True:
        query = select(Venue, VenueRisk).outerjoin(
            VenueRisk, col(VenueRisk.venue_id) == col(Venue.id)
        )
        query = restrict(query.where(col(Venue.id) > after), scope)
        batch = (await session.exec(query.order_by(col(Venue.id)).limit(BATCH))).all()
        if not batch:
            return rows
        ids = [v.id for v, _ in batch]
        first: dict[int, VenueContact] = {}
        contacts = await session.exec(
            select(VenueContact)
            .where(col(VenueContact.venue_id).in_(ids), col(VenueContact.removed_at).is_(None))
            .order_by(col(VenueContact.id))
        )
        for found in contacts.all():
            first.setdefault(found.venue_id, found)
        for venue, risk in batch:
            assert venue.id is not None
            contact = first.get(venue.id)
            rows.append(
                [
                    str(venue.id),
                    venue.kind.label,
                    venue.name,
                    venue.address,
                    beats.get(venue.beat_id, str(venue.beat_id)),
                    _cell(venue.latitude),
                    _cell(venue.longitude),
                    venue.plate or "",
                    venue.contact_phone,
                    venue.licence_no,
                    _cell(venue.licence_valid_until),
                    venue.notes,
                    contact.name if contact else "",
                    contact.phone_masked if contact else "",
                    contact.role if contact else "",
                    risk.colour.label if risk else "",
                    risk.officer_colour.label if risk and risk.officer_colour else "",
                    risk.department_colour.label if risk and risk.department_colour else "",
                ]
            )
        after = ids[-1] or after


async def export_csv(session: AsyncSession, scope: BeatScope = None) -> tuple[str, int]:
    """The CSV text and how many venues it holds."""
    rows = await export_rows(session, scope)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    writer.writerows(rows)
    return out.getvalue(), len(rows)
