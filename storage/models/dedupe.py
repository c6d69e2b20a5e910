"""Keys of inbound webhook deliveries already handled, so a platform's retry is ignored."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class SeenDelivery(TableModel, table=True):
    __tablename__ = "seen_delivery"

    #: e.g. "wechat_mp:msg:1234567890" or "telegram:update:42"
    key: str = Field(max_length=200, primary_key=True)
    seen_at: datetime = Field(default_factory=utcnow, index=True)
