"""Callbacks that must never reach a handler: each is refused with a 4xx, never a 500."""

from __future__ import annotations

import base64
import logging
from dataclasses import replace

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import select
from wechatpy.crypto import WeChatCrypto

from bot.app import SERVICES
from storage.models import Account
from tests.fakes.wechat_server import TOKEN, MpServer, sign, xml_of
from tests.support.clock import FakeClock

XXE = """<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><ToUserName>gh_station</ToUserName><FromUserName>owner</FromUserName>
<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>"""

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]><xml><Content>&lol9;</Content></xml>"
)


async def reached_handlers(app: web.Application) -> bool:
    """The identity middleware creates an account on first contact: none means no handler."""
    async with app[SERVICES].sessions() as session:
        return (await session.exec(select(Account))).first() is not None


async def assert_refused(
    app: web.Application, status: int, mp: MpServer, xml: str, **overrides: str
) -> None:
    resp = await mp.post(xml, **overrides)
    assert resp.status == status, await resp.text()
    assert not await reached_handlers(app)


async def test_bad_signature(app: web.Application, mp: MpServer) -> None:
    await assert_refused(app, 403, mp, mp.text("你好"), signature="0" * 40)


async def test_bad_message_signature(app: web.Application, mp: MpServer) -> None:
    await assert_refused(app, 403, mp, mp.text("你好"), msg_signature="0" * 40)


@pytest.mark.parametrize("seconds", [-301, 301, 86400])
async def test_stale_timestamp(
    app: web.Application, mp: MpServer, clock: FakeClock, seconds: int
) -> None:
    stamp = str(int(clock().timestamp()) + seconds)
    await assert_refused(app, 403, mp, mp.text("你好"), timestamp=stamp)


async def test_replayed_request(app: web.Application, mp: MpServer) -> None:
    query, body = mp.query_and_body(mp.text("你好"))
    first = await mp.client.post("/wechat/mp", params=query, data=body)
    assert first.status == 200
    again = await mp.client.post("/wechat/mp", params=query, data=body)
    assert again.status == 409


async def test_plain_body_when_safe_mode_is_configured(
    app: web.Application, mp: MpServer, client: TestClient
) -> None:
    """Safe mode signs the body; a plain request would skip that, so it is refused."""
    stamp, nonce = str(int(mp.clock().timestamp())), "123"
    query = {
        "timestamp": stamp,
        "nonce": nonce,
        "signature": sign("jingmintesttoken", stamp, nonce),
    }
    resp = await client.post("/wechat/mp", params=query, data=mp.text("你好").encode())
    assert resp.status == 403
    assert not await reached_handlers(app)


@pytest.mark.parametrize("name", ["signature", "timestamp", "nonce"])
async def test_missing_parameters(app: web.Application, mp: MpServer, name: str) -> None:
    query, body = mp.query_and_body(mp.text("你好"))
    del query[name]
    resp = await mp.client.post("/wechat/mp", params=query, data=body)
    assert resp.status == 400
    assert not await reached_handlers(app)


@pytest.mark.parametrize("body", [XXE, LAUGHS, "<xml><Encrypt>", "not xml", ""])
async def test_hostile_or_broken_envelopes(
    app: web.Application, mp: MpServer, client: TestClient, body: str
) -> None:
    query, _ = mp.query_and_body(mp.text("x"))
    resp = await client.post("/wechat/mp", params=query, data=body.encode())
    assert 400 <= resp.status < 500
    assert not await reached_handlers(app)


@pytest.mark.parametrize("inner", [XXE, LAUGHS])
async def test_hostile_xml_inside_the_encryption(
    app: web.Application, mp: MpServer, inner: str
) -> None:
    """Whoever holds the AES key is still not trusted with entity expansion."""
    await assert_refused(app, 400, mp, inner)


@pytest.mark.parametrize(
    "inner",
    [
        "<xml><FromUserName>owner</FromUserName><Content>&xxe;</Content></xml>",
        "<xml><FromUserName>owner</FromUserName><Content>x</xml>",
        "<xml><!DOCTYPE xml [<!ENTITY xxe 'x'>]><Content>&xxe;</Content></xml>",
    ],
)
async def test_broken_xml_inside_the_encryption(
    app: web.Application, mp: MpServer, inner: str
) -> None:
    """A message without a prolog goes to wechatpy's parser unchecked: broken, or with a
    DTD where none may be, it is still refused, not a server error."""
    await assert_refused(app, 400, mp, inner)


async def test_garbage_ciphertext(app: web.Application, mp: MpServer, client: TestClient) -> None:
    stamp, nonce = str(int(mp.clock().timestamp())), "77"
    encrypt = base64.b64encode(b"\x00" * 48).decode()
    body = xml_of({"ToUserName": "gh_station", "Encrypt": encrypt})
    token = "jingmintesttoken"
    query = {
        "timestamp": stamp,
        "nonce": nonce,
        "signature": sign(token, stamp, nonce),
        "encrypt_type": "aes",
        "msg_signature": sign(token, stamp, nonce, encrypt),
    }
    resp = await client.post("/wechat/mp", params=query, data=body.encode())
    assert resp.status == 400
    assert not await reached_handlers(app)


async def test_oversized_body(app: web.Application, mp: MpServer) -> None:
    await assert_refused(app, 413, mp, mp.text("长" * 40_000))


async def test_oversized_chunked_body(
    app: web.Application, mp: MpServer, client: TestClient
) -> None:
    query, _ = mp.query_and_body(mp.text("x"))

    async def chunks():  # no Content-Length: the size is only known by reading
        for _ in range(100):
            yield b"<" * 1024

    resp = await client.post("/wechat/mp", params=query, data=chunks())
    assert resp.status == 413
    assert not await reached_handlers(app)


async def test_url_check_echoes(mp: MpServer, client: TestClient) -> None:
    resp = await client.get("/wechat/mp", params=mp.url_check("hello-echo"))
    assert resp.status == 200 and await resp.text() == "hello-echo"


async def test_a_url_check_with_another_token_says_which_key_to_compare(
    mp: MpServer, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    # The console was given a Token other than [wechat_mp] token: its check fails, and the
    # log is all the IT staff have to go on.
    query = mp.url_check()
    query["signature"] = sign("console-token", query["timestamp"], query["nonce"])
    resp = await client.get("/wechat/mp", params=query)
    assert resp.status == 403
    assert "is [wechat_mp] token the console's 令牌(Token)?" in caplog.text


async def test_a_message_sealed_with_another_key_says_which_key_to_compare(
    app: web.Application, mp: MpServer, caplog: pytest.LogCaptureFixture
) -> None:
    # Signed right, sealed with a key other than [wechat_mp] encoding_aes_key.
    caplog.set_level(logging.INFO, logger="bot.channels.weixin.callbacks")
    other_key = base64.b64encode(b"another-console-aes-key-32-bytes").decode().rstrip("=")
    other = replace(mp, crypto=WeChatCrypto(TOKEN, other_key, mp.crypto.app_id))
    await assert_refused(app, 400, other, other.text("你好"))
    assert "is [wechat_mp] encoding_aes_key the console's EncodingAESKey?" in caplog.text


@pytest.mark.parametrize("change", ["signature", "timestamp", "drop"])
async def test_url_check_refused(
    mp: MpServer, client: TestClient, clock: FakeClock, change: str
) -> None:
    query = mp.url_check()
    if change == "signature":
        query["signature"] = "f" * 40
    elif change == "timestamp":
        query["timestamp"] = str(int(clock().timestamp()) - 3600)
    else:
        del query["echostr"]
    resp = await client.get("/wechat/mp", params=query)
    assert 400 <= resp.status < 500


async def test_a_forged_request_with_a_stale_timestamp_is_called_forged_not_stale(
    app: web.Application,
    mp: MpServer,
    client: TestClient,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Staff reading "is this server's clock right?" would check the clock, not the Token.
    caplog.set_level(logging.INFO, logger="bot.channels.weixin.callbacks")
    stale = str(int(clock().timestamp()) - 3600)
    await assert_refused(app, 403, mp, mp.text("你好"), timestamp=stale, signature="0" * 40)
    query = mp.url_check() | {"timestamp": stale}  # signed with another timestamp
    assert (await client.get("/wechat/mp", params=query)).status == 403
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 2
    assert all("bad signature" in said and "clock" not in said for said in refusals)
    # Signed, but stale: that one is about the clock.
    caplog.clear()
    await assert_refused(app, 403, mp, mp.text("你好"), timestamp=stale)
    assert "timestamp outside the allowed window (is this server's clock right?)" in caplog.text
