"""Messages to send other than the immediate reply, written in the transaction that caused them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from storage.models.base import enum_type, utcnow


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    #: "(message, target)": the unique constraint is what makes a second send impossible.
    dedupe_key: str = Field(max_length=200, unique=True)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    #: JSON list of replies (see bot.replies_codec).
    payload: str
    status: OutboxStatus = Field(
        default=OutboxStatus.PENDING, sa_type=enum_type(OutboxStatus), index=True
    )
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    last_error: str = Field(default="", max_length=500)
