"""Officers see the items of their own station; an admin bound to no station sees all."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel.sql.expression import SelectOfScalar

from storage.models import Person, Role

Q = TypeVar("Q", bound=SelectOfScalar[Any])


def sees_everything(person: Person) -> bool:
    return person.role is Role.ADMIN and person.station_id is None


def may_see(person: Person, station_id: int) -> bool:
    if person.role not in (Role.OFFICER, Role.ADMIN):
        return False
    return sees_everything(person) or person.station_id == station_id


def in_station(query: Q, column: Any, person: Person) -> Q:
    """Restrict a query on items with a station column to what `person` may see."""
    if sees_everything(person):
        return query
    return query.where(column == person.station_id)
