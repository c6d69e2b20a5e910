"""Append-only record of who did what to which personal data.

Nothing in the code updates or deletes these rows; on PostgreSQL the migration also revokes
nothing by itself, so stations that need tamper evidence should ship this table elsewhere.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class AuditEvent(TableModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    #: e.g. "command:/bind", "view:guest", "view:hit"
    action: str = Field(max_length=64)
    subject_kind: str = Field(default="", max_length=32)
    subject_id: str = Field(default="", max_length=64)
    #: Never personal data: identifiers and counts only.
    detail: str = Field(default="", max_length=300)
    #: The subject's name by its blind index (never the name), on the row written when a
    #: registration is purged: /审计 王强 still finds the trail of a guest no longer kept.
    name_idx: str = Field(default="", max_length=40, index=True)
