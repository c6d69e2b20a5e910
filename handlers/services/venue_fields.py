"""Venue facts from what an operator typed (a CSV cell, a command-line option), checked.

Errors are `VenueError` with an English reason for the import report, naming the column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.validators import Invalid
from bot.validators.phone import parse_phone
from handlers.services.lookup import NotFound, find_beat
from handlers.services.venue_kinds import unknown_kind
from storage.models import Venue, VenueKind

PLATE = re.compile(r"\d{6}")
#: What a masked export shows in place of digits: such a cell never overwrites a number.
MASK = "*"


class VenueError(ValueError):
    pass


def _coordinate(value: str, low: float, high: float, label: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise VenueError(
            f"{label} {value!r} is not a number: give decimal degrees, such as 34.7466"
        ) from None
    if not low <= number <= high:
        raise VenueError(f"{label} {value} is out of range ({low:g} to {high:g})")
    return number


def _coordinates(cells: dict[str, str], venue: Venue | None) -> dict[str, float]:
    """Latitude and longitude, checked as a pair: a place needs both (a geo-fenced alert
    skips a venue with one), and a pair entered the wrong way round is named as such."""
    given = {k: cells[k] for k in ("latitude", "longitude") if k in cells}
    if not given:
        return {}
    stored = venue is not None and venue.latitude is not None and venue.longitude is not None
    if len(given) == 1 and not stored:
        (have,) = given
        other = "longitude" if have == "latitude" else "latitude"
        raise VenueError(f"{have} without {other}: give both, or leave both empty")
    if len(given) == 2:
        try:
            lat, lon = float(given["latitude"]), float(given["longitude"])
        except ValueError:
            pass
        else:
            if not -90 <= lat <= 90 and -90 <= lon <= 90 and -180 <= lat <= 180:
                raise VenueError(
                    f"latitude {given['latitude']} and longitude {given['longitude']} look "
                    "swapped: latitude is the smaller number in China (18 to 54), "
                    "longitude the larger (73 to 135)"
                )
    values: dict[str, float] = {}
    if "latitude" in given:
        values["latitude"] = _coordinate(given["latitude"], -90, 90, "latitude")
    if "longitude" in given:
        values["longitude"] = _coordinate(given["longitude"], -180, 180, "longitude")
    return values


def _text(value: str, limit: int, label: str) -> str:
    if len(value) > limit:
        raise VenueError(f"{label} is longer than {limit} characters")
    return value


async def _plate(session: AsyncSession, value: str, venue: Venue | None) -> str:
    if not PLATE.fullmatch(value):
        raise VenueError(f"plate {value!r} must be 6 digits")
    holder = (await session.exec(select(Venue).where(Venue.plate == value))).first()
    if holder is not None and (venue is None or holder.id != venue.id):
        # A new row with another venue's plate may be that venue renamed in the file.
        renamed = (
            f" (if the row is venue {holder.id} renamed, put {holder.id} in 编号/id and "
            "use --update)"
            if venue is None
            else ""
        )
        raise VenueError(
            f"plate {value} is venue {holder.id} ({holder.name})'s: a plate names one venue; "
            f"correct it or leave it empty{renamed}"
        )
    return value


def phone_cell(value: str, label: str) -> str | None:
    """A checked phone number; None for a masked one (left as it is)."""
    if MASK in value:
        return None
    try:
        return parse_phone(value)
    except Invalid as exc:
        raise VenueError(f"{label} {value!r}: {exc.reason}") from None


class _Problems:
    """Every problem of a row, so that one report names them all (as the watchlist import
    does), not one per attempt."""

    def __init__(self) -> None:
        self.found: list[str] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except VenueError as exc:
            self.found.append(str(exc))


async def venue_values(
    session: AsyncSession, row: dict[str, str], venue: Venue | None = None
) -> dict[str, Any]:
    """Field values for the non-empty cells of `row`. For a new venue (`venue` None), kind,
    name and beat are required. A `VenueError` names every problem of the row, joined
    with "; "."""
    cells = {k: v.strip() for k, v in row.items() if v and v.strip()}
    problems = _Problems()
    if venue is None:
        missing = [k for k in ("kind", "name", "beat") if k not in cells]
        if missing:
            problems.found.append(f"a new venue needs {', '.join(missing)}")
    values: dict[str, Any] = {}
    if "kind" in cells:
        with problems.check():
            values["kind"] = _kind(cells["kind"])
    if "name" in cells:
        with problems.check():
            values["name"] = _text(cells["name"], 200, "name")
    if "beat" in cells:
        with problems.check():
            try:
                values["beat_id"] = (await find_beat(session, cells["beat"])).id
            except NotFound as exc:
                raise VenueError(str(exc)) from None
    if "address" in cells:
        with problems.check():
            values["address"] = _text(cells["address"], 300, "address")
    with problems.check():
        values.update(_coordinates(cells, venue))
    if "plate" in cells:
        with problems.check():
            values["plate"] = await _plate(session, cells["plate"], venue)
    if "phone" in cells:
        with problems.check():
            values["contact_phone"] = _text(cells["phone"], 32, "phone")
    if "licence_no" in cells:
        with problems.check():
            values["licence_no"] = _text(cells["licence_no"], 64, "licence_no")
    if "licence_valid_until" in cells:
        try:
            values["licence_valid_until"] = date.fromisoformat(cells["licence_valid_until"])
        except ValueError:
            problems.found.append("licence_valid_until is not YYYY-MM-DD")
    if "notes" in cells:
        with problems.check():
            values["notes"] = _text(cells["notes"], 2000, "notes")
    if problems.found:
        raise VenueError("; ".join(problems.found))
    return values


def _kind(value: str) -> VenueKind:
    try:
        return VenueKind.parse(value)
    except ValueError:
        raise VenueError(unknown_kind(value)) from None


async def build_venue(session: AsyncSession, row: dict[str, str]) -> Venue:
    """A new, unsaved venue (add it with `venue_registry.create_venue`)."""
    return Venue(**await venue_values(session, row))
