"""The platforms' HTTP API over aiohttp: access token handling and error codes.

wechatpy's clients are synchronous (and their automatic retry can recurse hundreds of times),
so we talk to the JSON API directly: every call has a timeout, and a token the platform calls
expired is replaced once (shared through `TokenStore`) before the call is retried.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import aiohttp

from bot.channels.weixin.limits import TooLarge, read_limited
from bot.channels.weixin.tokens import TokenStore

log = logging.getLogger(__name__)

#: invalid credential, invalid access_token, access_token expired
TOKEN_EXPIRED = frozenset({40001, 40014, 42001})
#: The platform's own "system busy"; also what we call an unreachable platform.
BUSY = -1
_JSON_TYPES = ("application/json", "text/plain", "text/json")
_MAX_ANSWER = 64 * 1024

Form = Callable[[], aiohttp.FormData]


class ApiError(Exception):
    """The platform answered with a non-zero `errcode` (or could not be reached: `BUSY`)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"errcode {code}: {message}")
        self.code = code
        self.message = message


def _answer(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(BUSY, "answer is not JSON") from None
    if not isinstance(data, dict):
        raise ApiError(BUSY, "answer is not a JSON object")
    code = data.get("errcode", 0)
    if code:
        raise ApiError(int(code), str(data.get("errmsg", ""))[:200])
    return data


class ApiClient:
    def __init__(self, base: str, tokens: TokenStore | None, timeout: float) -> None:
        self.base = base
        self.tokens = tokens
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

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
            raise ApiError(BUSY, f"network: {type(exc).__name__}") from None

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
        assert self.tokens is not None
        token = await self.tokens.get()
        for attempt in (1, 2):
            query = {**params, "access_token": token}
            content_type, body = await self._raw(path, query, payload, form, limit)
            code = _errcode(content_type, body)
            if code not in TOKEN_EXPIRED or attempt == 2:
                return content_type, body
            log.info("access token rejected (errcode %d): replacing it once", code)
            token = await self.tokens.replace(token)
        raise AssertionError("unreachable")


def _errcode(content_type: str, body: bytes) -> int:
    if content_type not in _JSON_TYPES:
        return 0
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return 0
    return int(data.get("errcode", 0)) if isinstance(data, dict) else 0
