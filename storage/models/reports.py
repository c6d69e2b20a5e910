"""Self-service reports (自助报案). Not anonymous: the reporter's name, ID number and phone
are sealed like a guest's (`*_enc`, `*_idx`, `*_masked`), and the case details too."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class ReportKind(StrEnum):
    BIKE_THEFT = "bike_theft"
    PICKPOCKET = "pickpocket"
    FRAUD = "fraud"
    LOST_DOCUMENT = "lost_document"
    DAMAGE = "damage"
    #: A shop's till, a home or a store room: what is neither a vehicle nor a pocket.
    THEFT = "theft"

    @property
    def label(self) -> str:
        return {
            "bike_theft": "电动车/自行车被盗",
            "pickpocket": "扒窃",
            "fraud": "电信网络诈骗",
            "lost_document": "证件/车牌遗失",
            "damage": "轻微财物损坏",
            "theft": "盗窃",
        }[self.value]


class ReportStatus(StrEnum):
    QUEUED = "queued"
    ACCEPTED = "accepted"
    CLOSED = "closed"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {
            "queued": "待受理",
            "accepted": "已受理",
            "closed": "已办结",
            "declined": "不予受理",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in (ReportStatus.QUEUED, ReportStatus.ACCEPTED)


class Report(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    receipt_no: str = Field(max_length=24, unique=True)
    kind: ReportKind = Field(sa_type=enum_type(ReportKind))
    status: ReportStatus = Field(
        default=ReportStatus.QUEUED, sa_type=enum_type(ReportStatus), index=True
    )
    station_id: int = Field(foreign_key="station.id", index=True)
    beat_id: int | None = Field(default=None, foreign_key="beat.id", index=True)
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    reporter_person_id: int = Field(foreign_key="person.id", index=True)
    #: Where follow-up questions are sent.
    reporter_account_id: int = Field(foreign_key="account.id")
    name_enc: str
    name_idx: str = Field(max_length=40, index=True)
    name_masked: str = Field(max_length=64)
    doc_type: str = Field(max_length=32)
    doc_no_enc: str
    doc_no_idx: str = Field(max_length=40, index=True)
    doc_no_masked: str = Field(max_length=40)
    sex: str = Field(default="", max_length=2)
    birth_date: date | None = None
    phone_enc: str | None = None
    phone_masked: str = Field(default="", max_length=20)
    #: The template's answers (time, place, items, suspects …) as JSON, sealed.
    details_enc: str
    #: JSON list of media-store hashes (metadata stripped).
    photos: str = "[]"
    happened_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class ReportMessage(TableModel, table=True):
    """Follow-up questions from officers and the reporter's answers."""

    __tablename__ = "report_message"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    from_reporter: bool
    officer_person_id: int | None = Field(default=None, foreign_key="person.id")
    text_enc: str
    created_at: datetime = Field(default_factory=utcnow)
