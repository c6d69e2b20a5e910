"""Venues from CSV, with a per-row error report.

Without `update`, a row is a new venue unless its 编号 (id), its 门牌 (plate) with its name, or
its name and address in the same beat, match a known venue: such a row is reported as already
present and left alone (importing a file twice, or an export, must not copy every venue); a
row with another venue's plate is rejected (a plate names one venue). With `update`,
a row whose 编号 or 门牌 names a known venue changes that venue's non-empty cells; other rows
are added. Changes go
through `venue_registry`, so each leaves its history, and a row is checked whole before any
of it is applied: a bad row changes nothing. The contact columns add or update a contact of
that name (a masked phone from an export leaves the number as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.validators import Invalid
from bot.validators.text import parse_person_name
from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.numbers import record_number
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
__all__ = ["ALIASES", "VenueError", "VenueImportReport", "build_venue", "import_venues"]


@dataclass
class VenueImportReport(ImportReport):
    #: (line, why) for rows left alone because their venue is already present.
    present: list[tuple[int, str]] = field(default_factory=list)

    def counts(self) -> list[str]:
        skipped = [f"skipped {len(self.present)} already present"] if self.present else []
        return [*super().counts(), *skipped]

    def summary(self) -> str:
        """The rejected rows line by line; those already present, expected when a file is
        imported again, in one line."""
        if not self.present:
            return super().summary()
        lines = [line for line, _ in self.present]
        return (
            f"{super().summary()}\n  already present, left as they are: "
            f"line{'s' if len(lines) > 1 else ''} {_ranges(lines)}; to "
            "change venues from a file, give each row its 编号/id (`venue export`) and use "
            "--update"
        )


def _ranges(lines: list[int]) -> str:
    """'2-5, 9' for lines 2, 3, 4, 5 and 9."""
    spans: list[list[int]] = []
    for line in sorted(lines):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)


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


async def _present_by_key(session: AsyncSession, row: dict[str, str]) -> str | None:
    """Why the row names a venue already present by its 编号 or 门牌; None if it does not."""
    number = record_number(row.get("id", ""))
    known = await session.get(Venue, number) if number is not None else None
    if known is not None:
        return f"{_present_as(known)}, same id; use --update to change it"
    plate = row.get("plate", "").strip()
    if plate:
        known = (await session.exec(select(Venue).where(Venue.plate == plate))).first()
        # Another name with the plate is another venue: a conflict `venue_values` reports.
        if known is not None and known.name == row.get("name", "").strip():
            return f"{_present_as(known)}, same plate {plate}; use --update to change it"
    return None


async def _present_by_name(session: AsyncSession, values: dict[str, Any]) -> str | None:
    """Why a new venue with `values` would copy one with its name and address in its beat."""
    query = select(Venue).where(
        Venue.name == values["name"],
        Venue.address == values.get("address", ""),
        Venue.beat_id == values["beat_id"],
    )
    known = (await session.exec(query.order_by(col(Venue.id)))).first()
    if known is None:
        return None
    # --update finds venues by 编号 or 门牌 only: without one, this row would be added again.
    return (
        f"{_present_as(known)}, same name and address in the beat; to change it, "
        f"put {known.id} in 编号/id and use --update"
    )


def _present_as(venue: Venue) -> str:
    return f"already present as venue {venue.id} ({venue.name})"


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
) -> VenueImportReport:
    """Import `path`; without `update`, rows naming venues already present are reported in
    `present` and change nothing."""
    report = VenueImportReport()
    actor = Actor(f"import:{path.name}")
    now = services.clock()
    required = () if update else ("kind", "name", "beat")
    for line, row in read_rows(path, ALIASES, required=required):
        on_progress(1)
        try:
            if update:
                venue = await _match(session, row)
            else:
                venue = None
                present = await _present_by_key(session, row)
                if present is not None:
                    report.present.append((line, present))
                    continue
        except VenueError as exc:
            report.errors.append((line, str(exc)))
            continue
        problems = []  # all of the row's, in one report line
        try:
            values = await venue_values(session, row, venue)
        except VenueError as exc:
            problems.append(str(exc))
        try:
            contact = _contact(row)
        except VenueError as exc:
            problems.append(str(exc))
        if problems:
            report.errors.append((line, "; ".join(problems)))
            continue
        if venue is None and (present := await _present_by_name(session, values)):
            report.present.append((line, present))
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
