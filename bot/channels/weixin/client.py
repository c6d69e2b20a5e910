"""The platforms' HTTP API over aiohttp: access token handling and error codes.

wechatpy's clients are synchronous (and their automatic retry can recurse hundreds of times),
so we talk to the JSON API directly: every call has a timeout, and a token the platform calls
expired is replaced once (shared through `TokenStore`) before the call is retried.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import aiohttp

from bot.channels.weixin.limits import TooLarge, read_limited
from bot.channels.weixin.tokens import RefreshTimeout, TokenStore

log = logging.getLogger(__name__)

#: invalid credential, invalid access_token, access_token expired
TOKEN_EXPIRED = frozenset({40001, 40014, 42001})
#: The platform's own "system busy"; also what we call an unreachable platform.
BUSY = -1
_JSON_TYPES = ("application/json", "text/plain", "text/json")
_MAX_ANSWER = 64 * 1024

Form = Callable[[], aiohttp.FormData]


#: What to change when the platforms answer with these codes: the message lands in the log
#: and in outbox rows, where a station's IT staff read it, and the platforms' own `errmsg` is
#: terse English that names no console field.
HINTS: dict[int, str] = {
    40013: "app_id / corp_id is not a valid AppID or 企业ID",
    40125: "app_secret is not the account's 开发者密码(AppSecret); reset it on 基本配置 if unknown",
    40164: "this server's outgoing IP address is not on the account's IP白名单 (基本配置)",
    61004: "this server's outgoing IP address is not on the account's IP白名单 (基本配置)",
    60020: "this server's outgoing IP address is not among the app's 企业可信IP",
    40056: "agent_id is not this app's AgentId",
    301002: "secret belongs to another app than agent_id: use this app's Secret",
    60011: "the app may not reach this member: add them to the app's 可见范围",
    48001: "the account lacks this API (customer-service messages need a verified account)",
    43004: "the user has unfollowed the official account",
    40003: "not a user of this account (an OpenID of another account?)",
    93000: "the robot's webhook key is wrong, or the robot was removed from its group",
}
#: The same codes mean something narrower when the access token itself was refused.
TOKEN_HINTS: dict[int, str] = {
    BUSY: "the platform could not be reached from this server",
}
#: Token refusals one channel can say more about. WeCom's 40013 (invalid corpid) is most
#: often a WeChat AppID (wx…) given as corp_id; only companies from the 企业号 days have a
#: 企业ID starting with wx, so that cannot be refused when the config is read.
CHANNEL_TOKEN_HINTS: dict[tuple[str, int], str] = {
    ("wecom", 40013): (
        "[wecom] corp_id is not the company's 企业ID: 我的企业 → 企业信息 → 企业ID, which starts "
        "with ww (a wx… ID is usually a WeChat AppID)"
    ),
}
#: The key holding the secret a refused token request (40001) was made with, by channel.
SECRET_KEYS = {
    "wechat_mp": "[wechat_mp] app_secret is not the account's 开发者密码(AppSecret)",
    "wecom": "[wecom] secret is not the app's Secret (应用管理 → the app)",
}


class ApiError(Exception):
    """The platform answered with a non-zero `errcode` (or could not be reached: `BUSY`,
    with `unreachable` set)."""

    hints: ClassVar[Mapping[int, str]] = HINTS

    def __init__(self, code: int, message: str, *, unreachable: bool = False) -> None:
        hint = self._hint(code)
        super().__init__(f"errcode {code}: {message}" + (f" ({hint})" if hint else ""))
        self.code = code
        self.message = message
        self.unreachable = unreachable

    def _hint(self, code: int) -> str | None:
        return self.hints.get(code)


class TokenError(ApiError):
    """The platform would not hand out an access token. The cause is the configuration (id,
    secret, IP allow-list) or the network, never the message being sent: retrying helps once
    IT has fixed it, so the outbox keeps trying."""

    hints: ClassVar[Mapping[int, str]] = {**HINTS, **TOKEN_HINTS}

    def __init__(
        self, code: int, message: str, channel: str = "", *, unreachable: bool = False
    ) -> None:
        if code == 40001 and channel in SECRET_KEYS:
            message = f"{message} ({SECRET_KEYS[channel]})"
        self.channel = channel
        super().__init__(code, message, unreachable=unreachable)

    def _hint(self, code: int) -> str | None:
        return CHANNEL_TOKEN_HINTS.get((self.channel, code)) or super()._hint(code)

    def __str__(self) -> str:
        return f"no access token: {super().__str__()}"


def _answer(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(BUSY, "answer is not JSON") from None
    if not isinstance(data, dict):
        raise ApiError(BUSY, "answer is not a JSON object")
    code = _code(data)
    if code is None:
        raise ApiError(BUSY, "answer's errcode is not a number")
    if code:
        raise ApiError(code, str(data.get("errmsg", ""))[:200])
    return data


def _code(data: dict[str, Any]) -> int | None:
    """The answer's `errcode` (0 when absent); None when it is no whole number (a garbled
    answer, which used to escape as ValueError from the middle of a send)."""
    code = data.get("errcode", 0)
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def token_lifetime(data: dict[str, Any]) -> int:
    """Seconds a fetched access token lasts: `expires_in`, or the platforms' usual 7200
    when the answer's is no number."""
    seconds = data.get("expires_in", 7200)
    return seconds if isinstance(seconds, int) and not isinstance(seconds, bool) else 7200


class ApiClient:
    def __init__(self, base: str, tokens: TokenStore | None, timeout: float) -> None:
        self.base = base
        self.tokens = tokens
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        #: The last token failure logged, and when: said once, not once per outbox row.
        self._told: tuple[str, float] | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _raw(
        self,
        path: str,
        params: dict[str, str],
        payload: dict[str, Any] | None = None,
        form: Form | None = None,
        limit: int = _MAX_ANSWER,
    ) -> tuple[str, bytes]:
        """(content type, body); network trouble becomes `ApiError(BUSY)` (worth a retry)."""
        if self._session is None:
            raise ApiError(BUSY, "channel not started")
        data: aiohttp.FormData | bytes | None = form() if form else None
        headers = {}
        if payload is not None:
            # ensure_ascii=False: some message types show \\uXXXX escapes literally.
            data = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        method = "GET" if data is None else "POST"
        try:
            async with self._session.request(
                method, self.base + path, params=params, data=data, headers=headers
            ) as resp:
                if resp.status >= 400:
                    raise ApiError(BUSY, f"HTTP {resp.status}")
                return resp.content_type, await read_limited(resp.content, limit)
        except TooLarge:
            raise ApiError(BUSY, "answer too large") from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ApiError(
                BUSY, f"network: {type(exc).__name__} reaching {self.base}", unreachable=True
            ) from None

    async def get_plain(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """A call without an access token (fetching the token itself)."""
        _, body = await self._raw(path, params)
        return _answer(body)

    async def post_plain(
        self, path: str, params: dict[str, str], payload: dict[str, Any]
    ) -> dict[str, Any]:
        """A call without an access token (group robots: the key is in the URL)."""
        _, body = await self._raw(path, params, payload=payload)
        return _answer(body)

    async def call(
        self,
        path: str,
        *,
        payload: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        form: Form | None = None,
    ) -> dict[str, Any]:
        """A JSON call with the access token; raises `ApiError`."""
        _, body = await self._with_token(path, params or {}, payload, form, _MAX_ANSWER)
        return _answer(body)

    async def download(self, path: str, params: dict[str, str], limit: int) -> bytes:
        """A file (media/get); raises `ApiError` when the platform answers with an error."""
        content_type, body = await self._with_token(path, params, None, None, limit)
        if content_type in _JSON_TYPES:
            _answer(body)
            raise ApiError(BUSY, "expected a file, got JSON")
        return body

    async def _with_token(
        self,
        path: str,
        params: dict[str, str],
        payload: dict[str, Any] | None,
        form: Form | None,
        limit: int,
    ) -> tuple[str, bytes]:
        token = await self.access_token()
        for attempt in (1, 2):
            query = {**params, "access_token": token}
            content_type, body = await self._raw(path, query, payload, form, limit)
            code = _errcode(content_type, body)
            if code not in TOKEN_EXPIRED or attempt == 2:
                return content_type, body
            log.info("access token rejected (errcode %d): replacing it once", code)
            token = await self.access_token(stale=token)
        raise AssertionError("unreachable")

    async def access_token(self, stale: str | None = None, *, quiet: bool = False) -> str:
        """The current access token (one other than `stale`); raises `TokenError`, logged
        once in a while, when the platform refuses to give one. `quiet`: the caller reports
        the failure itself (the wiring check), so it is counted as said but not logged here,
        and a delivery failing the same way right after does not say it again."""
        assert self.tokens is not None
        channel = self.tokens.name.partition(":")[0]
        try:
            return await (self.tokens.get() if stale is None else self.tokens.replace(stale))
        except ApiError as exc:
            failure = TokenError(exc.code, exc.message, channel, unreachable=exc.unreachable)
        except RefreshTimeout as exc:
            failure = TokenError(BUSY, str(exc), channel)
        now = time.monotonic()
        if self._told is None or self._told[0] != str(failure) or now - self._told[1] > 600:
            self._told = (str(failure), now)
            if not quiet:
                log.error("%s: %s", channel, failure)
        raise failure


def _errcode(content_type: str, body: bytes) -> int:
    if content_type not in _JSON_TYPES:
        return 0
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return 0
    return (_code(data) or 0) if isinstance(data, dict) else 0
