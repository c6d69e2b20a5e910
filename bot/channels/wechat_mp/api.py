"""The official account's own API calls (tokens and errors: `weixin.client`)."""

from __future__ import annotations

from typing import Any

from bot.channels.wechat_mp.settings import WechatMpSettings
from bot.channels.weixin.client import BUSY, ApiClient, ApiError, token_lifetime

#: "response out of time limit" (the 48 h window closed), "out of response count limit"
WINDOW_CLOSED = frozenset({45015, 45047})


async def fetch_token(client: ApiClient, settings: WechatMpSettings) -> tuple[str, int]:
    data = await client.get_plain(
        "/cgi-bin/token",
        {
            "grant_type": "client_credential",
            "appid": settings.app_id,
            "secret": settings.app_secret,
        },
    )
    token = data.get("access_token")
    if not isinstance(token, str) or not token:
        raise ApiError(BUSY, "no access_token in the answer")
    return token, token_lifetime(data)


async def send_custom(client: ApiClient, payload: dict[str, Any]) -> None:
    """A customer-service message (客服消息): only within the user's reply window."""
    await client.call("/cgi-bin/message/custom/send", payload=payload)
