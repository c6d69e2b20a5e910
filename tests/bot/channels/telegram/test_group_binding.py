"""With Telegram on, `/绑定群` leads there: the channels say which of them read groups."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.bot.channels.telegram.support import OFFICER, Conversation, Telegram
from tests.support.seed import Seeded
from tests.support.web_chat import web_token


async def _on_the_web(client: TestClient, text: str) -> str:
    body = {"sender": web_token(client.app, "officer"), "message": text}
    response = await client.post("/webhooks/rest/webhook", json=body)
    assert response.status == 200
    return "\n".join(item.get("text", "") for item in await response.json())


async def test_the_web_chat_sends_a_group_code_to_telegram(
    tg: Telegram, app_seeded: Seeded
) -> None:
    answer = await _on_the_web(tg.client, "/绑定群 ABCD-EFGH")
    assert answer.startswith("网页版不能绑定群：请把机器人拉进 Telegram 群")
    code = await _on_the_web(tg.client, "/群绑定码")
    assert "群绑定码：" in code and "请把机器人拉进 Telegram 群" in code


async def test_in_a_telegram_private_chat_the_code_is_sent_in_the_group(
    tg: Telegram, tg_seeded: Seeded
) -> None:
    """Telegram reads its groups: /绑定群 in private says where to send it, not that
    Telegram cannot bind one."""
    answer = await Conversation(tg, OFFICER).say("/绑定群 ABCD-EFGH")
    assert answer.startswith("请在要绑定的群里发送")
