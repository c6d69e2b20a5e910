"""WeCom's own API calls (tokens and errors: `weixin.client`)."""

from __future__ import annotations

from typing import Any

from bot.channels.wecom.settings import WecomSettings
from bot.channels.weixin.client import BUSY, ApiClient, ApiError, token_lifetime

#: Chat ids of app group chats (created through `appchat/create`) carry this prefix; any
#: other chat id is a member's UserID.
APPCHAT = "appchat:"
#: WeCom answers errcode 0 but lists recipients it could not reach; this code stands for
#: that case (an unknown or departed member), so it is treated as permanent.
UNREACHABLE = 81013


async def fetch_token(client: ApiClient, settings: WecomSettings) -> tuple[str, int]:
    data = await client.get_plain(
        "/cgi-bin/gettoken", {"corpid": settings.corp_id, "corpsecret": settings.secret}
    )
    token = data.get("access_token")
    if not isinstance(token, str) or not token:
        raise ApiError(BUSY, "no access_token in the answer")
    return token, token_lifetime(data)


async def send(
    client: ApiClient, settings: WecomSettings, chat_id: str, body: dict[str, Any]
) -> str:
    """Send one message; its `msgid` (empty for app group chats, which give none)."""
    if chat_id.startswith(APPCHAT):
        await client.call(
            "/cgi-bin/appchat/send", payload={"chatid": chat_id[len(APPCHAT) :], **body}
        )
        return ""
    payload = {"touser": chat_id, "agentid": settings.agent_id, **body}
    answer = await client.call("/cgi-bin/message/send", payload=payload)
    if answer.get("invaliduser"):
        raise ApiError(UNREACHABLE, "recipient is not a member the app can reach")
    return str(answer.get("msgid") or "")


async def recall(client: ApiClient, msgid: str) -> bool:
    """Withdraw a message the app sent; False when WeCom refuses (older than 24 hours)."""
    try:
        await client.call("/cgi-bin/message/recall", payload={"msgid": msgid})
    except ApiError:
        return False
    return True
