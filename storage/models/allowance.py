"""How much a platform still lets us send to one recipient, shared by every server process.

The platforms drop or refuse what goes over their limits (WeCom drops silently), so the
allowance is counted here before sending: a sliding log of recent sends for per-minute caps,
and an opened-at time with a counter for the official account's reply window.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel


class SendAllowance(TableModel, table=True):
    __tablename__ = "send_allowance"

    #: e.g. "wecom:member:zhangsan", "wecom_robot:KEY", "wechat_mp:window:OPENID"
    key: str = Field(max_length=200, primary_key=True)
    #: Reply windows: when the user last wrote (the window's start); None if never.
    opened_at: datetime | None = None
    #: Reply windows: messages sent since `opened_at`.
    used: int = 0
    #: Sliding caps: JSON list of recent send times (Unix seconds), oldest first.
    recent: str = "[]"
