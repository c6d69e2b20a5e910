"""Per-user token bucket, kept in this process.

A bucket per process is enough here: its job is to stop one user flooding the bot, and a
user's messages reach one replica at a time in practice. Buckets idle long enough to be full
again are dropped, so memory follows the active users only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.context import Context, Handler
from bot.messages import Reply, Text


class RateLimiter:
    def __init__(
        self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._last_sweep = clock()

    def allow(self, key: str) -> bool:
        now = self._clock()
        tokens, stamp = self._buckets.get(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - stamp) * self._rate)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        if now - self._last_sweep > 60:
            self._sweep(now)
        return allowed

    def _sweep(self, now: float) -> None:
        full_after = self._burst / self._rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}
        self._last_sweep = now

    async def __call__(self, next_handler: Handler, ctx: Context) -> list[Reply]:
        if ctx.retold or self.allow(ctx.user_key):  # a retold message was counted once
            return await next_handler(ctx)
        return [Text("您发送消息过于频繁，请稍等一分钟后再试。")]
