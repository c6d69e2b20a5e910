"""The WeChat and WeCom HTTP APIs, faked on 127.0.0.1 with a random port.

Records every call, issues access tokens (and can expire them all), and answers with the
platforms' real error codes when told to: 40001/42001 for tokens, 45015 for a closed
customer-service window, 45009 for rate limits. It can also misbehave as a real platform (or
the network on the way) sometimes does: drop the connection, answer garbage, or never answer.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web
from aiohttp.test_utils import TestServer

MESSAGES = {
    40001: "invalid credential, access_token is invalid or not latest",
    42001: "access_token expired",
    45009: "reach max api daily quota limit",
    45015: "response out of time limit or subscription is canceled",
    45047: "out of response count limit",
    93000: "invalid webhook url",
    40013: "invalid corpid",
    40056: "invalid agentid",
    40125: "invalid appsecret",
    40164: "invalid ip 203.0.113.7, not in whitelist",
    60020: "not allow to access from your ip",
    301002: "not allow operate another agent with this accesstoken.",
    -1: "system error",
}


#: How `misbehave_next` fails a call: drop the connection without an answer, answer bytes that
#: are not JSON, JSON whose `errcode` is not a number, JSON nested too deep to decode, or
#: never answer.
Misbehaviour = Literal["close", "garbage", "odd_errcode", "nested", "stall"]

#: WeCom's answer to recalling a message older than 24 hours (or not its own).
RECALL_REFUSED = 301059


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    payload: dict[str, Any] | None
    body: bytes = b""


@dataclass
class FakeWeixinApi:
    app_id: str = "wx-station"
    app_secret: str = "mp-secret"
    corp_id: str = "ww-station"
    corp_secret: str = "corp-secret"
    #: The WeCom app `agent/get` describes (any other AgentId: 40056).
    agent_id: int = 1000002
    calls: list[Call] = field(default_factory=list)
    tokens_issued: int = 0
    valid_tokens: set[str] = field(default_factory=set)
    expired_tokens: set[str] = field(default_factory=set)
    #: Seconds to take answering a token request (concurrent refresh tests).
    token_delay: float = 0.0
    #: A slow platform without timing: after `hold_tokens()` token requests wait for
    #: `release_tokens()`; `token_requested` is set once one is waiting.
    token_requested: asyncio.Event = field(default_factory=asyncio.Event)
    _tokens_held: bool = False
    _tokens_released: asyncio.Event = field(default_factory=asyncio.Event)
    #: Files `media/get` serves, by media_id.
    media: dict[str, bytes] = field(default_factory=dict)
    uploads: list[bytes] = field(default_factory=list)
    #: WeCom members who have left: `message/send` answers errcode 0 but lists them in
    #: `invaliduser`, as WeCom does.
    departed: set[str] = field(default_factory=set)
    #: App messages sent (their msgid), which `message/recall` may withdraw, and those it
    #: refuses as older than 24 hours.
    msgids: set[str] = field(default_factory=set)
    too_old: set[str] = field(default_factory=set)
    _failures: dict[str, deque[int]] = field(default_factory=lambda: defaultdict(deque))
    _misbehaviours: dict[str, deque[Misbehaviour | None]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _hooks: dict[str, list[Callable[[], None]]] = field(default_factory=lambda: defaultdict(list))
    #: Set once a call is stalled ("stall"): the caller is now waiting for an answer.
    stalled: asyncio.Event = field(default_factory=asyncio.Event)
    _never: asyncio.Event = field(default_factory=asyncio.Event)
    _server: TestServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("")).rstrip("/")

    async def start(self) -> None:
        app = web.Application(middlewares=[self._misbehave])
        app.router.add_get("/cgi-bin/token", self._mp_token)
        app.router.add_get("/cgi-bin/gettoken", self._wecom_token)
        app.router.add_get("/cgi-bin/media/get", self._media_get)
        app.router.add_get("/cgi-bin/agent/get", self._agent_get)
        app.router.add_post("/cgi-bin/media/upload", self._media_upload)
        app.router.add_post("/cgi-bin/webhook/send", self._webhook)
        app.router.add_post("/cgi-bin/{tail:.*}", self._send)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()

    async def close(self) -> None:
        self._never.set()  # stalled calls end with the server
        self._tokens_released.set()
        if self._server is not None:
            await self._server.close()

    # --- scripting ---------------------------------------------------------------------

    def fail_next(self, path: str, errcode: int, times: int = 1, after: int = 0) -> None:
        """The next `times` calls to `path` answer `errcode`, once `after` calls went through."""
        self._failures[path].extend([None] * after + [errcode] * times)

    def misbehave_next(self, path: str, how: Misbehaviour, times: int = 1, after: int = 0) -> None:
        """The next `times` calls to `path` fail as `how` says, once `after` went through.
        Such calls are not recorded: the platform did nothing with them."""
        self._misbehaviours[path].extend([None] * after + [how] * times)

    def on_accepted(self, path: str, hook: Callable[[], None]) -> None:
        """Run `hook` once, when the platform has accepted the next call to `path` (something
        that happens on our side while a send is under way)."""
        self._hooks[path].append(hook)

    def hold_tokens(self) -> None:
        """Token requests wait (as over a slow network) until `release_tokens()`."""
        self._tokens_held = True
        self._tokens_released.clear()

    def release_tokens(self) -> None:
        self._tokens_held = False
        self._tokens_released.set()

    def expire_tokens(self) -> None:
        self.expired_tokens |= self.valid_tokens
        self.valid_tokens.clear()

    def sent(self, path: str) -> list[dict[str, Any]]:
        """Payloads the platform accepted on `path`."""
        return [c.payload for c in self.calls if c.path == path and c.payload is not None]

    # --- handlers ------------------------------------------------------------------------

    @web.middleware
    async def _misbehave(self, request: web.Request, handler: Any) -> web.StreamResponse:
        queue = self._misbehaviours.get(request.path)
        how = queue.popleft() if queue else None
        if how == "close":
            assert request.transport is not None
            request.transport.close()
            return web.Response()  # never reaches the caller
        if how == "garbage":
            return web.Response(body=b"<html>502 Bad Gateway\x00\xff", content_type="text/plain")
        if how == "odd_errcode":
            return web.Response(
                text='{"errcode": "busy", "errmsg": "?"}', content_type="text/plain"
            )
        if how == "nested":
            return web.Response(body=b"[" * 60_000, content_type="application/json")
        if how == "stall":
            self.stalled.set()
            await self._never.wait()
        response: web.StreamResponse = await handler(request)
        return response

    def _record(self, request: web.Request, payload: dict[str, Any] | None, body: bytes) -> None:
        self.calls.append(Call(request.method, request.path, dict(request.query), payload, body))

    def _scripted(self, path: str) -> web.Response | None:
        queue = self._failures.get(path)
        if queue:
            code = queue.popleft()
            return None if code is None else _error(code)
        return None

    async def _issue(self, prefix: str) -> web.Response:
        if self.token_delay:
            await asyncio.sleep(self.token_delay)
        if self._tokens_held:
            self.token_requested.set()
            await self._tokens_released.wait()
        self.tokens_issued += 1
        token = f"{prefix}-token-{self.tokens_issued}"
        self.valid_tokens.add(token)
        return web.json_response({"access_token": token, "expires_in": 7200})

    async def _mp_token(self, request: web.Request) -> web.Response:
        self._record(request, None, b"")
        q = request.query
        if q.get("appid") != self.app_id or q.get("secret") != self.app_secret:
            return _error(40125)
        return self._scripted(request.path) or await self._issue("mp")

    async def _wecom_token(self, request: web.Request) -> web.Response:
        self._record(request, None, b"")
        q = request.query
        if q.get("corpid") != self.corp_id or q.get("corpsecret") != self.corp_secret:
            return _error(40001)
        return self._scripted(request.path) or await self._issue("wecom")

    def _token_error(self, request: web.Request) -> web.Response | None:
        token = request.query.get("access_token", "")
        if token in self.expired_tokens:
            return _error(42001)
        if token not in self.valid_tokens:
            return _error(40001)
        return None

    async def _send(self, request: web.Request) -> web.Response:
        payload = await request.json()
        problem = self._token_error(request) or self._scripted(request.path)
        if problem is not None:
            self._record(request, None, b"")
            return problem
        if request.path == "/cgi-bin/message/send" and payload.get("touser") in self.departed:
            self._record(request, None, b"")
            answer = {"errcode": 0, "errmsg": "ok", "invaliduser": payload["touser"]}
            return web.json_response(answer)
        if request.path == "/cgi-bin/message/recall":
            # As WeCom: only a message it sent, and (standing for "older than 24 hours")
            # not one listed in `too_old`.
            if payload.get("msgid") not in self.msgids or payload["msgid"] in self.too_old:
                self._record(request, None, b"")
                return _error(RECALL_REFUSED)
            self.msgids.discard(payload["msgid"])
            self._record(request, payload, b"")
            return web.json_response({"errcode": 0, "errmsg": "ok"})
        self._record(request, payload, b"")
        while self._hooks[request.path]:
            self._hooks[request.path].pop(0)()
        answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok"}
        if request.path == "/cgi-bin/message/send":
            answer["msgid"] = f"msg-{len(self.msgids) + len(self.too_old) + 1:04d}"
            self.msgids.add(answer["msgid"])
        return web.json_response(answer)

    async def _media_upload(self, request: web.Request) -> web.Response:
        problem = self._token_error(request) or self._scripted(request.path)
        if problem is not None:
            return problem
        form = await request.post()
        media = form["media"]
        assert isinstance(media, web.FileField)
        data = media.file.read()
        self.uploads.append(data)
        self._record(request, {"type": request.query.get("type", "")}, data)
        return web.json_response({"type": "image", "media_id": f"up-{len(self.uploads)}"})

    async def _media_get(self, request: web.Request) -> web.Response:
        self._record(request, None, b"")
        problem = self._token_error(request) or self._scripted(request.path)
        if problem is not None:
            return problem
        data = self.media.get(request.query.get("media_id", ""))
        if data is None:
            return _error(40007)
        return web.Response(body=data, content_type="image/jpeg")

    async def _agent_get(self, request: web.Request) -> web.Response:
        self._record(request, None, b"")
        problem = self._token_error(request) or self._scripted(request.path)
        if problem is not None:
            return problem
        if request.query.get("agentid") != str(self.agent_id):
            return _error(40056)
        return web.json_response({"errcode": 0, "agentid": self.agent_id, "name": "警民通"})

    async def _webhook(self, request: web.Request) -> web.Response:
        payload = await request.json()
        problem = self._scripted(request.path)
        if problem is not None:
            self._record(request, None, b"")
            return problem
        self._record(request, payload, b"")
        while self._hooks[request.path]:
            self._hooks[request.path].pop(0)()
        return web.json_response({"errcode": 0, "errmsg": "ok"})


def _error(code: int) -> web.Response:
    body = {"errcode": code, "errmsg": MESSAGES.get(code, "error")}
    # WeChat answers errors as text/plain JSON on some endpoints.
    return web.Response(text=json.dumps(body), content_type="text/plain")
