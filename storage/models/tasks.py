"""Officers' tasks: made by hand, by periodic rules, or by other features."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Task(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    #: Every task belongs to a beat; with no officer, any officer of the beat may do it.
    beat_id: int = Field(foreign_key="beat.id", index=True)
    officer_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    #: "inspect", "visit", "follow_up", "verify", "other" — or a kind another feature adds.
    kind: str = Field(default="other", max_length=32)
    subject: str = Field(max_length=300)
    venue_id: int | None = Field(default=None, foreign_key="venue.id", index=True)
    due: date | None = Field(default=None, index=True)
    #: Who made it: "officer", "rule:red_visit", "watchlist" …
    source: str = Field(default="officer", max_length=64)
    #: Generated tasks carry a key so that running their rule again adds nothing.
    key: str | None = Field(default=None, max_length=120, unique=True)
    status: TaskStatus = Field(
        default=TaskStatus.OPEN, sa_type=enum_type(TaskStatus, 16), index=True
    )
    created_at: datetime = Field(default_factory=utcnow)
    created_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    done_at: datetime | None = None
    done_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    done_note: str = Field(default="", max_length=300)
