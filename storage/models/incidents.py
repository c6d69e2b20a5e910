"""Incidents (警情) per beat and type, and the warning level last announced for each."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, Index, UniqueConstraint

from storage.models.base import TableModel, enum_type, utcnow


class WarningLevel(StrEnum):
    RED = "red"
    ORANGE = "orange"
    YELLOW = "yellow"
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "红", "orange": "橙", "yellow": "黄", "green": "绿"}[self.value]

    @property
    def rank(self) -> int:
        return ("green", "yellow", "orange", "red").index(self.value)

    def raised(self) -> WarningLevel:
        order = (WarningLevel.GREEN, WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED)
        return order[min(self.rank + 1, 3)]


class Incident(TableModel, table=True):
    # Counting a beat's incidents over recent days is the query every warning makes.
    __table_args__ = (Index("ix_incident_beat_time", "beat_id", "occurred_at"),)

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(index=True)
    #: The type as the source names it: 盗窃, 诈骗, 纠纷 …
    kind: str = Field(max_length=32, index=True)
    place: str = Field(default="", max_length=200)
    #: The officer's own words for what happened (偷电动车), when `kind` says less (盗窃).
    description: str = Field(default="", max_length=200)
    beat_id: int = Field(foreign_key="beat.id")
    #: "import" or "officer"
    source: str = Field(default="import", max_length=16)
    #: The source system's number (警情编号), or a digest of the row: re-importing a file
    #: adds nothing twice.
    external_no: str | None = Field(default=None, max_length=64, unique=True)
    reported_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    #: Entered by mistake (撤销): kept for the audit trail, counted nowhere.
    withdrawn_at: datetime | None = None
    withdrawn_reason: str = Field(default="", max_length=200)
    withdrawn_by_person_id: int | None = Field(default=None, foreign_key="person.id")


class IncidentLevel(TableModel, table=True):
    """The level last announced for a (beat, type): a change from it notifies the officer."""

    __tablename__ = "incident_level"
    __table_args__ = (UniqueConstraint("beat_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    beat_id: int = Field(foreign_key="beat.id")
    kind: str = Field(max_length=32)
    level: WarningLevel = Field(sa_type=enum_type(WarningLevel, 8))
    average: float = 0.0
    previous_average: float = 0.0
    #: The last whole day the level was worked out for (station time).
    as_of: date
    changed_at: datetime = Field(default_factory=utcnow)
