"""Button values too long for Telegram's 64-byte callback_data, stored under a short token."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow

#: What `value` is sealed for (storage.sealed): a button's value may carry what a user wrote.
VALUE_COLUMN = "telegram_callback.value"


class TelegramCallback(TableModel, table=True):
    __tablename__ = "telegram_callback"

    #: Derived from the value's hash, so the same button always gets the same token.
    token: str = Field(max_length=32, primary_key=True)
    value: str
    #: Last time a message carried this button; rows long unused may be purged (their old
    #: buttons then answer "expired").
    last_sent_at: datetime = Field(default_factory=utcnow, index=True)
