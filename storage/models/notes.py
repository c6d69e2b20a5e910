"""Work notes officers share with their station's colleagues (经验交流)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class SharedNote(TableModel, table=True):
    __tablename__ = "shared_note"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    text: str = Field(max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, index=True)
