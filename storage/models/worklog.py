"""The officer's work record (工作台账): one row per thing an officer did through the bot.

Unlike the audit log (who touched which personal data), this is the officer's own ledger,
exported monthly; its summaries are written for the officer and hold no personal data.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Index

from storage.models.base import TableModel, utcnow


class WorkLog(TableModel, table=True):
    __tablename__ = "work_log"
    # The monthly export reads one officer's rows in time order.
    __table_args__ = (Index("ix_work_log_person_at", "person_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    at: datetime = Field(default_factory=utcnow)
    #: e.g. "venue.update", "risk.rate", "task.done", "incident.add", "note.share"
    action: str = Field(max_length=48)
    subject_kind: str = Field(default="", max_length=32)
    subject_id: str = Field(default="", max_length=64)
    summary: str = Field(default="", max_length=500)
