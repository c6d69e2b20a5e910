"""The wanted list and the hits registrations make against it. Officers only."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from storage.models.base import enum_type, utcnow


class Visibility(StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


class WantedStatus(StrEnum):
    ACTIVE = "active"
    CAPTURED = "captured"
    REVOKED = "revoked"


class HitStrength(StrEnum):
    #: The document number matched.
    STRONG = "strong"
    #: Only name and birth date matched: worth a look, not proof.
    WEAK = "weak"


class WantedPerson(SQLModel, table=True):
    __tablename__ = "wanted_person"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    name_idx: str = Field(max_length=40, index=True)
    doc_type: str = Field(default="居民身份证", max_length=32)
    doc_no_enc: str | None = None
    doc_no_idx: str | None = Field(default=None, max_length=40, index=True)
    doc_no_masked: str = Field(default="", max_length=40)
    birth_date: date | None = None
    sex: str = Field(default="", max_length=2)
    case_summary: str = Field(default="", max_length=500)
    issuing_unit: str = Field(default="", max_length=200)
    visibility: Visibility = Field(default=Visibility.INTERNAL, sa_type=enum_type(Visibility))
    # Not indexed on purpose: almost every row is active, and with an index here SQLite's
    # planner picks it over the document-number index and scans the whole list per match.
    status: WantedStatus = Field(default=WantedStatus.ACTIVE, sa_type=enum_type(WantedStatus))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WatchHit(SQLModel, table=True):
    __tablename__ = "watch_hit"

    id: int | None = Field(default=None, primary_key=True)
    wanted_id: int = Field(foreign_key="wanted_person.id", index=True)
    #: "guest" or "tenant"
    registration_kind: str = Field(max_length=16)
    registration_id: int
    venue_id: int = Field(foreign_key="venue.id", index=True)
    strength: HitStrength = Field(sa_type=enum_type(HitStrength))
    created_at: datetime = Field(default_factory=utcnow, index=True)
