"""Add venues one by one or from CSV, with a per-row error report."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.lookup import NotFound, find_beat
from storage.models import Venue, VenueKind

ALIASES = {
    "kind": ("类型", "场所类型"),
    "name": ("名称", "场所名称"),
    "address": ("地址",),
    "beat": ("警务区", "社区"),
    "latitude": ("纬度", "lat"),
    "longitude": ("经度", "lon", "lng"),
    "plate": ("门牌", "标识牌编号"),
    "phone": ("电话", "联系电话"),
}
_PLATE = re.compile(r"\d{6}")


class VenueError(ValueError):
    pass


def _coordinate(value: str, low: float, high: float, label: str) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise VenueError(f"{label} {value!r} is not a number") from None
    if not low <= number <= high:
        raise VenueError(f"{label} {value} is out of range")
    return number


async def build_venue(session: AsyncSession, row: dict[str, str]) -> Venue:
    try:
        kind = VenueKind.parse(row.get("kind", ""))
    except ValueError:
        labels = "/".join(k.label for k in VenueKind)
        raise VenueError(f"kind {row.get('kind', '')!r} is not one of {labels}") from None
    name = row.get("name", "")
    if not name or len(name) > 200:
        raise VenueError("name is empty or longer than 200 characters")
    try:
        beat = await find_beat(session, row.get("beat", ""))
    except NotFound as exc:
        raise VenueError(str(exc)) from None
    plate = row.get("plate") or None
    if plate is not None:
        if not _PLATE.fullmatch(plate):
            raise VenueError(f"plate {plate!r} must be 6 digits")
        if (await session.exec(select(Venue).where(Venue.plate == plate))).first():
            raise VenueError(f"plate {plate} is already used")
    assert beat.id is not None
    return Venue(
        kind=kind,
        name=name,
        address=row.get("address", "")[:300],
        beat_id=beat.id,
        latitude=_coordinate(row.get("latitude", ""), -90, 90, "latitude"),
        longitude=_coordinate(row.get("longitude", ""), -180, 180, "longitude"),
        plate=plate,
        contact_phone=row.get("phone", "")[:32],
    )


async def import_venues(
    session: AsyncSession, path: Path, on_progress: Callable[[int], None] = lambda _n: None
) -> ImportReport:
    report = ImportReport()
    for line, row in read_rows(path, ALIASES, required=("kind", "name", "beat")):
        on_progress(1)
        try:
            venue = await build_venue(session, row)
        except VenueError as exc:
            report.errors.append((line, str(exc)))
            continue
        session.add(venue)
        await session.flush()
        report.added += 1
    await session.commit()
    return report
