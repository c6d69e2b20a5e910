"""Alerts officers send to venues, groups and subscribed residents, and who acknowledged them.

A broadcast goes out as one outbox row per (revision, target), written in the transaction that
releases it; `broadcast_recipient` remembers each target and the original row, so a correction
or a cancellation reaches exactly those who got the original, and `/通报状态` can count
deliveries and acknowledgements.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, UniqueConstraint

from storage.models.base import TableModel, enum_type, utcnow


class Category(StrEnum):
    PUBLIC_ORDER = "public_order"
    FRAUD = "fraud"
    FIRE = "fire"
    TRAFFIC = "traffic"
    WANTED = "wanted"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Category:
        for category in cls:
            if text in (category.value, category.label):
                return category
        raise ValueError(f"unknown category {text!r}")


_CATEGORY_LABELS = {
    Category.PUBLIC_ORDER: "治安",
    Category.FRAUD: "防诈",
    Category.FIRE: "消防",
    Category.TRAFFIC: "交通",
    Category.WANTED: "通缉",
    Category.OTHER: "其他",
}


class Severity(StrEnum):
    NORMAL = "normal"
    IMPORTANT = "important"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return {"normal": "一般", "important": "重要", "urgent": "紧急"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        for severity in cls:
            if text in (severity.value, severity.label):
                return severity
        raise ValueError(f"unknown severity {text!r}")


class BroadcastStatus(StrEnum):
    #: Composed; the author has seen the number of targets but not yet confirmed.
    DRAFT = "draft"
    #: Waiting for a station leader's approval (audience beyond the author's beat).
    PENDING_APPROVAL = "pending_approval"
    #: Approved, to be released at `send_at`.
    SCHEDULED = "scheduled"
    #: Released: outbox rows written, deliveries under way.
    SENDING = "sending"
    #: Every delivery reached a final state.
    DONE = "done"
    CANCELLED = "cancelled"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            "draft": "草稿",
            "pending_approval": "待审批",
            "scheduled": "待发送",
            "sending": "发送中",
            "done": "已发送",
            "cancelled": "已撤回",
            "rejected": "未批准",
        }[self.value]


class Broadcast(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    #: None for what the scheduler assembles (the daily alert).
    author_person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    title: str = Field(max_length=60)
    body: str = Field(max_length=2000)
    #: Optional picture from the media store (content hash).
    image_sha256: str | None = Field(default=None, max_length=64)
    image_mime: str = Field(default="image/jpeg", max_length=32)
    #: A public wanted notice: the person whose card this is (sightings, retraction).
    wanted_id: int | None = Field(default=None, foreign_key="wanted_person.id", index=True)
    category: Category = Field(sa_type=enum_type(Category))
    severity: Severity = Field(default=Severity.NORMAL, sa_type=enum_type(Severity))
    #: JSON of `handlers.broadcast.audience.Audience`.
    audience: str = "{}"
    #: Subscribed residents hear it, and its CAP export needs no token.
    public: bool = False
    status: BroadcastStatus = Field(sa_type=enum_type(BroadcastStatus), index=True)
    #: Revision: 1 is the original; each correction adds one.
    rev: int = 1
    #: When to release it; None: as soon as it is approved.
    send_at: datetime | None = Field(default=None, index=True)
    expires_at: datetime | None = None
    #: "daily:{beat}:{local date}" for the daily alert, so it is assembled once a day.
    daily_key: str | None = Field(default=None, max_length=64, unique=True)
    approved_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    approved_at: datetime | None = None
    released_at: datetime | None = None
    cancelled_at: datetime | None = None
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class RecipientKind(StrEnum):
    OWNER = "owner"
    GROUP = "group"
    SUBSCRIBER = "subscriber"


class BroadcastRecipient(TableModel, table=True):
    """One target chat of a broadcast: a venue owner's private chat, a group, a resident."""

    __tablename__ = "broadcast_recipient"
    __table_args__ = (UniqueConstraint("broadcast_id", "channel", "chat_id"),)

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id", index=True)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    kind: RecipientKind = Field(sa_type=enum_type(RecipientKind))
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="chat_group.id")
    #: What `/通报状态` shows: the venue(s), group or resident.
    label: str = Field(default="", max_length=100)
    #: The outbox row of the revision this chat first received (no foreign key: the outbox
    #: may be cleaned up long before the broadcast is forgotten).
    outbox_id: int | None = Field(default=None, index=True)
    first_rev: int = 1
    #: How delivery ended ("sent", "failed", "withdrawn"), noted when the alert is done:
    #: the outbox rows it is read from are purged after a while.
    outcome: str = Field(default="", max_length=16)
    error: str = Field(default="", max_length=200)
    acked_at: datetime | None = None
    acked_by: str = Field(default="", max_length=100)
    nudges: int = 0
    nudged_at: datetime | None = None


class BroadcastAck(TableModel, table=True):
    """Who said 收到, and when; in a group, each member who pressed it."""

    __tablename__ = "broadcast_ack"
    __table_args__ = (UniqueConstraint("broadcast_id", "channel", "sender_id"),)

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id", index=True)
    recipient_id: int | None = Field(default=None, foreign_key="broadcast_recipient.id")
    channel: str = Field(max_length=32)
    sender_id: str = Field(max_length=128)
    sender_name: str = Field(default="", max_length=100)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    acked_at: datetime = Field(default_factory=utcnow)


class DailyItem(TableModel, table=True):
    """Something an officer queued for a beat's next daily alert (`/通报 明日`)."""

    __tablename__ = "broadcast_daily_item"

    id: int | None = Field(default=None, primary_key=True)
    beat_id: int = Field(foreign_key="beat.id", index=True)
    #: The station-local day whose alert carries it.
    day: date = Field(index=True)
    text: str = Field(max_length=1000)
    author_person_id: int | None = Field(default=None, foreign_key="person.id")
    #: The daily alert that carried it; None while queued.
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id")
    created_at: datetime = Field(default_factory=utcnow)
