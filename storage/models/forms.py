"""Chat-form progress, one row per (channel, chat, user).

The answers are encrypted: a half-finished registration holds ID numbers too.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class FormState(TableModel, table=True):
    __tablename__ = "form_state"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    form_name: str = Field(max_length=64)
    data_enc: str
    #: Bumped on every write; a stale write (another replica got there first) is retried.
    version: int = 0
    #: When the form was last saved, that is last asked something: a pause is measured
    #: from it (`bot.forms.store`), never from `expires_at`, which a new lifetime shifts.
    updated_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
    #: Where to send the expiry notice.
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
