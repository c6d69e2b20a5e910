"""Small per-user conversation memory (e.g. the last law question, for `更多`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow

#: What `value` is sealed for (storage.sealed): memos keep what people wrote.
VALUE_COLUMN = "user_memo.value"


class UserMemo(TableModel, table=True):
    __tablename__ = "user_memo"

    user_key: str = Field(max_length=300, primary_key=True)
    name: str = Field(max_length=64, primary_key=True)
    value: str
    updated_at: datetime = Field(default_factory=utcnow)
