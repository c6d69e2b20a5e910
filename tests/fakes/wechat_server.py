"""The WeChat / WeCom servers' side of a callback: build genuine (encrypted) requests with
wechatpy's own crypto, POST them to our app, and decrypt what we answer.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import xmltodict
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from wechatpy.crypto import WeChatCrypto
from wechatpy.enterprise.crypto import WeChatCrypto as WecomCrypto

AES_KEY = base64.b64encode(b"jingmin-test-aes-key-32-bytes-ok").decode().rstrip("=")
TOKEN = "jingmintesttoken"
_msg_ids = itertools.count(6_800_000_000_000_000_001)


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def cdata(value: object) -> str:
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def xml_of(fields: dict[str, Any]) -> str:
    inner = "".join(
        f"<{k}>{v}</{k}>" if isinstance(v, int) else f"<{k}>{cdata(v)}</{k}>"
        for k, v in fields.items()
    )
    return f"<xml>{inner}</xml>"


@dataclass
class Answer:
    """What our server answered: HTTP status and the decrypted passive reply, if any."""

    status: int
    raw: str
    reply: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.reply.get("Content", ""))


@dataclass
class Platform:
    """One account as its platform's server sees it; `user` is the sender's id."""

    client: TestClient[Any, Any]
    clock: Callable[[], datetime]
    route: str
    crypto: Any | None
    receiver: str
    user: str = "owner"
    agent_id: int = 0

    # --- building requests -----------------------------------------------------------

    def _fields(self, msg_type: str, **extra: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "ToUserName": self.receiver,
            "FromUserName": self.user,
            "CreateTime": int(self.clock().timestamp()),
            "MsgType": msg_type,
            **extra,
        }
        if self.agent_id:
            fields["AgentID"] = self.agent_id
        return fields

    def text(self, content: str) -> str:
        return xml_of(self._fields("text", Content=content, MsgId=next(_msg_ids)))

    def image(self, media_id: str) -> str:
        url = "http://mmbiz.qpic.cn/x"
        return xml_of(self._fields("image", PicUrl=url, MediaId=media_id, MsgId=next(_msg_ids)))

    def location(self, lat: float, lon: float, label: str = "") -> str:
        fields = self._fields(
            "location",
            Location_X=str(lat),
            Location_Y=str(lon),
            Scale=15,
            Label=label,
            MsgId=next(_msg_ids),
        )
        return xml_of(fields)

    def event(self, event: str, key: str = "") -> str:
        return xml_of(self._fields("event", Event=event, EventKey=key))

    def query_and_body(self, xml: str, **overrides: str) -> tuple[dict[str, str], bytes]:
        raise NotImplementedError

    # --- talking to our server -----------------------------------------------------------

    async def post(self, xml: str, **overrides: str) -> ClientResponse:
        query, body = self.query_and_body(xml, **overrides)
        return await self.client.post(self.route, params=query, data=body)

    async def send(self, xml: str) -> Answer:
        resp = await self.post(xml)
        raw = await resp.text()
        return Answer(resp.status, raw, self.open_reply(raw) if resp.status == 200 else {})

    async def say(self, text: str) -> str:
        answer = await self.send(self.text(text))
        assert answer.status == 200, answer.raw
        return answer.text

    async def say_all(self, *texts: str) -> str:
        out = ""
        for text in texts:
            out = await self.say(text)
        return out

    def open_reply(self, raw: str) -> dict[str, Any]:
        if raw in ("", "success"):
            return {}
        envelope = xmltodict.parse(raw)["xml"]
        if self.crypto is None:
            return dict(envelope)
        inner = self.crypto.decrypt_message(
            raw, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"]
        )
        return dict(xmltodict.parse(inner)["xml"])


@dataclass
class MpServer(Platform):
    """The official account's server; `crypto` None means plain mode."""

    def query_and_body(self, xml: str, **overrides: str) -> tuple[dict[str, str], bytes]:
        timestamp = overrides.pop("timestamp", str(int(self.clock().timestamp())))
        nonce = overrides.pop("nonce", secrets.token_hex(5))
        query = {"timestamp": timestamp, "nonce": nonce, "signature": sign(TOKEN, timestamp, nonce)}
        body = xml
        if self.crypto is not None:
            sealed = xmltodict.parse(self.crypto.encrypt_message(xml, nonce, timestamp))["xml"]
            encrypt = sealed["Encrypt"]
            body = xml_of({"ToUserName": self.receiver, "Encrypt": encrypt})
            query |= {
                "encrypt_type": "aes",
                "msg_signature": sign(TOKEN, timestamp, nonce, encrypt),
            }
        query |= overrides
        return query, body.encode()

    def url_check(self, echostr: str = "echo-123") -> dict[str, str]:
        timestamp = str(int(self.clock().timestamp()))
        nonce = secrets.token_hex(5)
        signature = sign(TOKEN, timestamp, nonce)
        return {"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echostr}


@dataclass
class WecomServer(Platform):
    def query_and_body(self, xml: str, **overrides: str) -> tuple[dict[str, str], bytes]:
        assert self.crypto is not None
        timestamp = overrides.pop("timestamp", str(int(self.clock().timestamp())))
        nonce = overrides.pop("nonce", secrets.token_hex(5))
        sealed = xmltodict.parse(self.crypto.encrypt_message(xml, nonce, timestamp))["xml"]
        encrypt = sealed["Encrypt"]
        body = xml_of(
            {"ToUserName": self.receiver, "Encrypt": encrypt, "AgentID": str(self.agent_id)}
        )
        query = {
            "msg_signature": sign(TOKEN, timestamp, nonce, encrypt),
            "timestamp": timestamp,
            "nonce": nonce,
        }
        return query | overrides, body.encode()

    def url_check(self, echostr: str = "echo-123") -> dict[str, str]:
        assert self.crypto is not None
        timestamp = str(int(self.clock().timestamp()))
        nonce = secrets.token_hex(5)
        # WeCom encrypts the echo string like a message.
        sealed = xmltodict.parse(self.crypto.encrypt_message(echostr, nonce, timestamp))["xml"]
        encrypted = sealed["Encrypt"]
        return {
            "msg_signature": sign(TOKEN, timestamp, nonce, encrypted),
            "timestamp": timestamp,
            "nonce": nonce,
            "echostr": encrypted,
        }


def mp_crypto(app_id: str) -> WeChatCrypto:
    return WeChatCrypto(TOKEN, AES_KEY, app_id)


def wecom_crypto(corp_id: str) -> WecomCrypto:
    return WecomCrypto(TOKEN, AES_KEY, corp_id)
