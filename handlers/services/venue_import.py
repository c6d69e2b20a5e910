"""Venues from CSV, with a per-row error report.

Without `update`, every row is a new venue. With it, a row whose 编号 (id) or 门牌 (plate)
names a known venue changes that venue's non-empty cells; other rows are added. Changes go
through `venue_registry`, so each leaves its history, and a row is checked whole before any
of it is applied: a bad row changes nothing. The contact columns add or update a contact of
that name (a masked phone from an export leaves the number as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.validators import Invalid
from bot.validators.text import parse_person_name
from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.venue_fields import VenueError, build_venue, phone_cell, venue_values
from handlers.services.venue_registry import (
    Actor,
    add_contact,
    contacts_of,
    create_venue,
    update_contact,
    update_venue,
)
from storage.models import Venue

# Export writes the first Chinese name of each column, so an export re-imports unchanged.
ALIASES = {
    "id": ("编号", "场所编号"),
    "kind": ("类型", "场所类型"),
    "name": ("名称", "场所名称"),
    "address": ("地址",),
    "beat": ("警务区", "社区"),
    "latitude": ("纬度", "lat"),
    "longitude": ("经度", "lon", "lng"),
    "plate": ("门牌", "标识牌编号"),
    "phone": ("电话", "联系电话", "场所电话"),
    "licence_no": ("许可证号", "许可证"),
    "licence_valid_until": ("许可证有效期", "有效期至"),
    "notes": ("备注",),
    "contact_name": ("联系人", "房东", "负责人"),
    "contact_phone": ("联系人电话", "房东电话", "负责人电话"),
    "contact_role": ("联系人身份",),
}
__all__ = ["ALIASES", "VenueError", "build_venue", "import_venues"]


@dataclass(frozen=True)
class _Contact:
    name: str
    phone: str | None
    role: str | None


def _contact(row: dict[str, str]) -> _Contact | None:
    name = row.get("contact_name", "").strip()
    if not name:
        if row.get("contact_phone", "").strip():
            raise VenueError("contact_phone needs contact_name")
        return None
    try:
        name = parse_person_name(name)
    except Invalid as exc:
        raise VenueError(f"contact_name {name!r}: {exc.reason}") from None
    cell = row.get("contact_phone", "").strip()
    role = row.get("contact_role", "").strip()[:16] or None
    return _Contact(name, phone_cell(cell, "contact_phone") if cell else None, role)


async def _match(session: AsyncSession, row: dict[str, str]) -> Venue | None:
    key = row.get("id", "").strip()
    if key:
        if not key.isdigit():
            raise VenueError(f"id {key!r} is not a number")
        venue = await session.get(Venue, int(key))
        if venue is None:
            raise VenueError(f"no venue with id {key}")
        return venue
    plate = row.get("plate", "").strip()
    if plate:
        return (await session.exec(select(Venue).where(Venue.plate == plate))).first()
    return None


async def _save_contact(
    session: AsyncSession,
    services: Services,
    venue: Venue,
    contact: _Contact,
    actor: Actor,
    now: datetime,
) -> bool:
    assert venue.id is not None
    same = [c for c in await contacts_of(session, venue.id) if c.name == contact.name]
    if same:
        return await update_contact(
            session, services, same[0], phone=contact.phone, role=contact.role, actor=actor, now=now
        )
    await add_contact(
        session,
        services,
        venue,
        name=contact.name,
        phone=contact.phone or "",
        role=contact.role or "联系人",
        actor=actor,
        now=now,
    )
    return True


async def import_venues(
    session: AsyncSession,
    services: Services,
    path: Path,
    on_progress: Callable[[int], None] = lambda _n: None,
    *,
    update: bool = False,
) -> ImportReport:
    report = ImportReport()
    actor = Actor(f"import:{path.name}")
    now = services.clock()
    required = () if update else ("kind", "name", "beat")
    for line, row in read_rows(path, ALIASES, required=required):
        on_progress(1)
        try:
            venue = await _match(session, row) if update else None
            values = await venue_values(session, row, venue)
            contact = _contact(row)
        except VenueError as exc:
            report.errors.append((line, str(exc)))
            continue
        if venue is None:
            venue = await create_venue(session, Venue(**values, created_at=now), actor, now)
            report.added += 1
            if contact is not None:
                await _save_contact(session, services, venue, contact, actor, now)
        else:
            changed = bool(await update_venue(session, venue, values, actor, now))
            if contact is not None:
                changed = (
                    await _save_contact(session, services, venue, contact, actor, now) or changed
                )
            report.updated += changed
        await session.flush()
    await session.commit()
    return report
