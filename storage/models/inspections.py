"""Venues' fire-safety self-inspections (隐患自查) and the police review of them.

Each submission keeps the wording of every checklist item as it was asked, so a station may
change its checklist without rewriting history.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class InspectionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    RECTIFY = "rectify"

    @property
    def label(self) -> str:
        return {"pending": "待审核", "approved": "已通过", "rectify": "待整改"}[self.value]


class Inspection(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    beat_id: int = Field(foreign_key="beat.id", index=True)
    submitted_by_person_id: int = Field(foreign_key="person.id")
    #: First submission; resubmissions after rectification keep it and bump `round`.
    submitted_at: datetime = Field(default_factory=utcnow, index=True)
    resubmitted_at: datetime | None = None
    round: int = 1
    status: InspectionStatus = Field(
        default=InspectionStatus.PENDING, sa_type=enum_type(InspectionStatus), index=True
    )
    reviewed_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    reviewed_at: datetime | None = None


class InspectionItem(TableModel, table=True):
    __tablename__ = "inspection_item"

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    #: 1-based, as officers and owners say it: 第3项.
    position: int
    key: str = Field(max_length=40)
    name: str = Field(max_length=40)
    question: str = Field(max_length=200)
    ok: bool
    note: str = Field(default="", max_length=500)
    #: Media-store hash of the item's photo, when the checklist asks for one; indexed, so
    #: that the review finds the same photo sent for another venue or item.
    photo: str | None = Field(default=None, max_length=64, index=True)
    #: The checklist asks for a photo and the owner could not take one (未拍照): the
    #: officer sees it, the risk rules may count it, and the owner may send it later.
    photo_missing: bool = False
    #: JSON list of hashes the owner sent as proof of rectification.
    fix_photos: str = "[]"
    #: Set by the officer: what must change and by when.
    rectify_note: str = Field(default="", max_length=300)
    rectify_deadline: date | None = None
    #: When the owner resubmitted this item after being asked to rectify it.
    rectified_at: datetime | None = None
