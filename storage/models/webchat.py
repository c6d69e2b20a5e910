"""Messages waiting for a web-chat user to fetch (the web page polls for them)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class WebInboxMessage(TableModel, table=True):
    __tablename__ = "web_inbox"

    id: int | None = Field(default=None, primary_key=True)
    sender: str = Field(max_length=128, index=True)
    #: JSON list in the REST channel's reply shape.
    payload: str
    created_at: datetime = Field(default_factory=utcnow)
