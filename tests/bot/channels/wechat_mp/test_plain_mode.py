"""Plain mode (明文模式): no encryption, and a signature that does not cover the body."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.fakes.wechat_server import MpServer
from tests.support.seed import Seeded


@pytest.fixture
def mp_section(mp_section: dict[str, Any]) -> dict[str, Any]:
    return mp_section | {"encoding_aes_key": ""}


async def test_passive_reply_in_clear(mp: MpServer, seeded_mp: Seeded) -> None:
    assert mp.crypto is None
    answer = await mp.send(mp.text("帮助"))
    assert answer.reply["MsgType"] == "text" and "/登记" in answer.text


async def test_signature_reused_with_another_body_is_refused(mp: MpServer) -> None:
    """The plain signature covers only (token, timestamp, nonce): each pair is single-use."""
    query, body = mp.query_and_body(mp.text("你好"))
    assert (await mp.client.post("/wechat/mp", params=query, data=body)).status == 200
    forged = mp.text("/绑定 ABCD-EFGH").encode()
    assert (await mp.client.post("/wechat/mp", params=query, data=forged)).status == 409


async def test_encrypted_callback_when_safe_mode_is_off(mp: MpServer, client: TestClient) -> None:
    query, body = mp.query_and_body(mp.text("你好"), encrypt_type="aes", msg_signature="0" * 40)
    resp = await client.post("/wechat/mp", params=query, data=body)
    assert resp.status == 400
