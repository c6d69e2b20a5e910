"""Platform access tokens (WeChat, WeCom), shared by every server process.

The platforms hand out one valid token per app and invalidate the previous one a few minutes
after a new one is fetched, so processes that each fetched their own would keep knocking each
other's token out. One process refreshes (holding a claim in `scheduler_lease`); the others
read the row.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel


class ChannelToken(TableModel, table=True):
    __tablename__ = "channel_token"

    #: e.g. "wechat_mp:wx1234" or "wecom:ww5678:1000002"
    name: str = Field(max_length=100, primary_key=True)
    #: `FieldCipher` token: an access token lets anyone send as the station's account.
    token_enc: str = ""
    expires_at: datetime
