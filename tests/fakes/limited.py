"""The Telegram Bot API and WeCom group robots as they are under load: rate limited.

`LimitedTelegram` refuses with 429 and `retry_after` what goes over about 30 messages a
second per bot, one a second per private chat, or 20 a minute per group;
`LimitedRobots` answers 45009 to a robot posting more than 20 messages a minute. Both count
on an injected clock (seconds), so a benchmark can run them, and the sender's limits, N
times faster than real time. `freeze()` makes new sends hang without being processed (a
platform that stopped answering), for killing a worker while it waits.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.fakes.telegram_api import ApiCall, ApiError, FakeTelegram
from tests.fakes.wechat_api import FakeWeixinApi, _error

Clock = Callable[[], float]


class Windows:
    """Sliding windows of accepted sends."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._stamps: dict[str, deque[float]] = defaultdict(deque)

    def over(self, key: str, limit: int, seconds: float) -> float:
        """Seconds until one more fits (0.0: it fits now; nothing is recorded)."""
        now = self.clock()
        stamps = self._stamps[key]
        while stamps and stamps[0] <= now - seconds:
            stamps.popleft()
        if len(stamps) < limit:
            return 0.0
        return stamps[0] + seconds - now

    def record(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            self._stamps[key].append(now)


class Freezer:
    def __init__(self) -> None:
        self._thawed = asyncio.Event()
        self._thawed.set()
        self.frozen = False
        #: Requests let through before a freeze and not yet answered: what they are for may
        #: still be accepted after the freeze.
        self.passing = 0

    def freeze(self) -> None:
        self.frozen = True
        self._thawed.clear()

    def thaw(self) -> None:
        self.frozen = False
        self._thawed.set()

    async def hold(self) -> bool:
        """Wait while frozen; True if the request arrived frozen (it is then dropped: the
        client that sent it is gone by the time it thaws)."""
        if not self.frozen:
            return False
        await self._thawed.wait()
        return True


class LimitedTelegram(FakeTelegram):
    PER_BOT = (30, 1.0)
    PER_PRIVATE = (1, 1.0)
    PER_GROUP = (20, 60.0)

    def __init__(self, token: str, *, clock: Clock = time.monotonic, **kwargs: Any) -> None:
        super().__init__(token, **kwargs)
        self.windows = Windows(clock)
        self.freezer = Freezer()
        self.refused_for_rate = 0
        #: Refusals by the limit that was hit: "bot" or "chat".
        self.refusals: dict[str, int] = defaultdict(int)

    def _check_chat(self, chat_id: int) -> None:
        super()._check_chat(chat_id)
        chat_limit = self.PER_GROUP if chat_id < 0 else self.PER_PRIVATE
        bot_wait = self.windows.over("bot", *self.PER_BOT)
        chat_wait = self.windows.over(f"chat:{chat_id}", *chat_limit)
        wait = max(bot_wait, chat_wait)
        if wait > 0:
            self.refused_for_rate += 1
            self.refusals["bot" if bot_wait > 0 else "chat"] += 1
            seconds = max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
        self.windows.record("bot", f"chat:{chat_id}")

    async def _api(self, request: web.Request) -> web.Response:
        if await self.freezer.hold():
            return web.json_response(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
            )
        self.freezer.passing += 1
        try:
            return await super()._api(request)
        finally:
            self.freezer.passing -= 1

    def accepted(self) -> dict[int, int]:
        """Chat -> messages accepted."""
        counts: dict[int, int] = defaultdict(int)
        for call in self.calls:
            if call.ok and call.method in ("sendMessage", "sendPhoto"):
                counts[call.chat_id] += 1
        return dict(counts)


class LimitedRobots(FakeWeixinApi):
    PER_ROBOT = (20, 60.0)

    def __init__(self, *, clock: Clock = time.monotonic, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.windows = Windows(clock)
        self.freezer = Freezer()
        self.refused_for_rate = 0

    async def _webhook(self, request: web.Request) -> web.Response:
        if await self.freezer.hold():
            return web.Response(status=502)
        self.freezer.passing += 1
        try:
            return await self._limited_webhook(request)
        finally:
            self.freezer.passing -= 1

    async def _limited_webhook(self, request: web.Request) -> web.Response:
        key = request.query.get("key", "")
        if self.windows.over(key, *self.PER_ROBOT) > 0:
            await request.read()
            self.refused_for_rate += 1
            self._record(request, None, b"")
            return _error(45009)
        response = await super()._webhook(request)
        if response.status == 200 and b'"errcode": 0' in bytes(response.body or b""):  # type: ignore[arg-type]
            self.windows.record(key)
        return response

    def accepted(self) -> dict[str, int]:
        """Robot key -> messages accepted."""
        counts: dict[str, int] = defaultdict(int)
        for call in self.calls:
            if call.path == "/cgi-bin/webhook/send" and call.payload is not None:
                counts[call.query.get("key", "")] += 1
        return dict(counts)


__all__ = ["ApiCall", "LimitedRobots", "LimitedTelegram"]
