"""WeCom callbacks that must never reach a handler: refused with a 4xx, never a 500."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import select

from bot.app import SERVICES
from storage.models import Account
from tests.bot.channels.wechat_mp.test_security import LAUGHS, XXE
from tests.fakes.wechat_server import WecomServer, wecom_crypto
from tests.support.clock import FakeClock

ROUTE = "/wecom/callback"


async def reached_handlers(app: web.Application) -> bool:
    async with app[SERVICES].sessions() as session:
        return (await session.exec(select(Account))).first() is not None


async def refused(app: web.Application, wecom: WecomServer, xml: str, **overrides: str) -> int:
    resp = await wecom.post(xml, **overrides)
    assert not await reached_handlers(app)
    return resp.status


async def test_bad_signature(app: web.Application, wecom: WecomServer) -> None:
    assert await refused(app, wecom, wecom.text("你好"), msg_signature="0" * 40) == 403


@pytest.mark.parametrize("seconds", [-301, 301])
async def test_stale_timestamp(
    app: web.Application, wecom: WecomServer, clock: FakeClock, seconds: int
) -> None:
    stamp = str(int(clock().timestamp()) + seconds)
    assert await refused(app, wecom, wecom.text("你好"), timestamp=stamp) == 403


async def test_replayed_request(wecom: WecomServer) -> None:
    query, body = wecom.query_and_body(wecom.text("你好"))
    assert (await wecom.client.post(ROUTE, params=query, data=body)).status == 200
    assert (await wecom.client.post(ROUTE, params=query, data=body)).status == 409


@pytest.mark.parametrize("name", ["msg_signature", "timestamp", "nonce"])
async def test_missing_parameters(app: web.Application, wecom: WecomServer, name: str) -> None:
    query, body = wecom.query_and_body(wecom.text("你好"))
    del query[name]
    assert (await wecom.client.post(ROUTE, params=query, data=body)).status == 400
    assert not await reached_handlers(app)


@pytest.mark.parametrize("inner", [XXE, LAUGHS])
async def test_hostile_xml_inside_the_encryption(
    app: web.Application, wecom: WecomServer, inner: str
) -> None:
    assert await refused(app, wecom, inner) == 400


@pytest.mark.parametrize("body", [XXE, LAUGHS, "<xml>", ""])
async def test_hostile_envelopes(
    app: web.Application, wecom: WecomServer, client: TestClient, body: str
) -> None:
    query, _ = wecom.query_and_body(wecom.text("x"))
    resp = await client.post(ROUTE, params=query, data=body.encode())
    assert 400 <= resp.status < 500
    assert not await reached_handlers(app)


async def test_encrypted_for_another_corp(app: web.Application, wecom: WecomServer) -> None:
    wecom.crypto = wecom_crypto("ww-someone-else")
    assert await refused(app, wecom, wecom.text("你好")) == 400


async def test_message_for_another_app(app: web.Application, wecom: WecomServer) -> None:
    wecom.agent_id = 1000099
    assert await refused(app, wecom, wecom.text("你好")) == 403


async def test_oversized_body(app: web.Application, wecom: WecomServer) -> None:
    assert await refused(app, wecom, wecom.text("长" * 40_000)) == 413


async def test_url_check_decrypts_the_echo(wecom: WecomServer, client: TestClient) -> None:
    resp = await client.get(ROUTE, params=wecom.url_check("echo-from-wecom"))
    assert resp.status == 200 and await resp.text() == "echo-from-wecom"


@pytest.mark.parametrize("change", ["msg_signature", "echostr", "drop"])
async def test_url_check_refused(wecom: WecomServer, client: TestClient, change: str) -> None:
    query = wecom.url_check()
    if change == "drop":
        del query["msg_signature"]
    else:
        query[change] = query[change][:-4] + "AAAA"
    resp = await client.get(ROUTE, params=query)
    assert 400 <= resp.status < 500


async def test_a_url_check_with_another_token_names_the_wecom_consoles_field(
    wecom: WecomServer, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    # WeCom's console calls it Token (接收消息 → API接收), not the official account's 令牌.
    query = wecom.url_check()
    query["msg_signature"] = "0" * 40
    assert (await client.get(ROUTE, params=query)).status == 403
    assert "is [wecom] token the console's Token (接收消息 → API接收)?" in caplog.text
    assert "令牌" not in caplog.text
