"""A tip and the conversation about it over the web chat's HTTP API, as the page does it:
replies to each POST, later messages from the inbox once delivery has run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import DELIVERY
from tests.handlers.tips.support import code_in
from tests.support.seed import Seeded
from tests.support.web_chat import web_auth, web_token

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]
TIPSTER = "web-8f3a61c0d2"


async def say(client: Client, sender: str, message: str, **metadata: Any) -> str:
    body: dict[str, Any] = {"sender": web_token(client.app, sender), "message": message}
    if metadata:
        body["metadata"] = metadata
    response = await client.post("/webhooks/rest/webhook", json=body)
    assert response.status == 200
    return "\n".join(r.get("text", "") for r in await response.json())


async def inbox(client: Client, sender: str) -> str:
    response = await client.get(
        "/webhooks/rest/inbox", params={"after": "0"}, headers=web_auth(client.app, sender)
    )
    assert response.status == 200
    return "\n".join(m.get("text", "") for m in (await response.json())["messages"])


async def test_tip_with_location_and_replies_over_http(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)
    assert "请描述您看到的情况" in await say(client, TIPSTER, "举报")
    await say(client, TIPSTER, "棋牌室里面有人赌博 门口有人望风")
    await say(client, TIPSTER, "涉赌")
    assert "事情发生在哪里" in await say(client, TIPSTER, "跳过")
    location = {"latitude": 31.2304, "longitude": 121.4737, "label": "人民路棋牌室"}
    assert "大概是什么时候" in await say(client, TIPSTER, "", location=location)
    assert "默认匿名" in await say(client, TIPSTER, "跳过")
    assert "已发送定位（人民路棋牌室）" in await say(client, TIPSTER, "匿名提交")
    code = code_in(await say(client, TIPSTER, "确认"))

    await app[DELIVERY].run_once()
    pushed = await inbox(client, "officer")
    assert "新线索 #1（涉赌）" in pushed and TIPSTER not in pushed
    assert "棋牌室里面有人赌博" in await say(client, "officer", "/线索 #1")
    assert "已以派出所名义转告" in await say(client, "officer", "/回复 1 谢谢 具体在几楼")
    await app[DELIVERY].run_once()
    relayed = await inbox(client, TIPSTER)
    assert "【测试派出所】" in relayed and "民警回复：谢谢 具体在几楼" in relayed

    assert "已转告民警" in await say(client, TIPSTER, f"回复 {code} 二楼最里面那间")
    await app[DELIVERY].run_once()
    answered = await inbox(client, "officer")
    assert "回复线索 #1" in answered and "二楼最里面那间" in answered
    assert TIPSTER not in answered
    assert "处理进展：核查中" in await say(client, TIPSTER, f"查询 {code}")
