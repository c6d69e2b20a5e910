"""Messages to send other than the immediate reply, written in the transaction that caused them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    #: Withdrawn before it was sent (a cancelled or corrected broadcast).
    CANCELLED = "cancelled"


class OutboxMessage(TableModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    #: "(message, target)": the unique constraint is what makes a second send impossible.
    dedupe_key: str = Field(max_length=200, unique=True)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    #: JSON list of replies (see bot.codec), sealed (storage.sealed): it is message text.
    payload: str
    #: How many messages the payload makes (per-chat rate limits count these).
    parts: int = 1
    status: OutboxStatus = Field(
        default=OutboxStatus.PENDING, sa_type=enum_type(OutboxStatus), index=True
    )
    #: Higher goes first: one-off notices (0) before a broadcast's bulk rows, urgent alerts
    #: before everything.
    priority: int = 0
    attempts: int = 0
    #: Of `attempts`, how many the platform refused as too fast (429 and the like): those
    #: wait as long as it asks and do not count towards giving up.
    throttled: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    #: A delivery worker is sending it until then (a lease): a worker that dies mid-send
    #: leaves the row to be picked up again once this has passed.
    claimed_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    last_error: str = Field(default="", max_length=500)
    #: JSON list of the platform's ids of the messages sent (for a later recall), if any.
    sent_refs: str = Field(default="", max_length=1000)


_table = OutboxMessage.__table__  # type: ignore[attr-defined]
#: What a delivery worker asks for: a channel's waiting rows, highest priority first, then
#: oldest; in index order, so claiming from a long queue reads only the rows it takes.
Index(
    "ix_outbox_due",
    _table.c.status,
    _table.c.channel,
    _table.c.priority.desc(),
    _table.c.id,
)
