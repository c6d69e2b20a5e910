"""Telegram's sending limits, kept on our side so the Bot API rarely has to say 429.

Telegram documents about 30 messages a second per bot, one a second per private chat (short
bursts tolerated) and 20 a minute per group. Each is a sliding window of send times. The
bot-wide window is waited out (it frees within a second); a chat over its budget is reported
back so the outbox worker can retry the row later instead of holding the worker.

The windows live in this process: with several replicas, each counts only its own sends.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: float

    def wait(self, stamps: deque[float], now: float, count: int) -> float:
        """Seconds until `count` more sends fit; 0 when they fit now. Drops expired stamps."""
        while stamps and stamps[0] <= now - self.seconds:
            stamps.popleft()
        # A batch larger than the limit (three replies to one private message) is one burst:
        # it goes out when the window is empty.
        if not stamps or len(stamps) + count <= self.limit:
            return 0.0
        must_expire = len(stamps) if count >= self.limit else len(stamps) + count - self.limit
        return max(stamps[must_expire - 1] + self.seconds - now, 0.001)


PER_BOT = Window(30, 1.0)
PER_PRIVATE_CHAT = Window(1, 1.0)
PER_GROUP = Window(20, 60.0)
#: Forget idle chats once this many are tracked.
_PRUNE_AT = 4096


def is_group(chat_id: str) -> bool:
    """Group and supergroup ids are negative; a private chat's id is the user's id."""
    return chat_id.startswith("-")


class SendLimits:
    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._bot: deque[float] = deque()
        self._chats: dict[str, deque[float]] = {}
        #: Chats Telegram told us to leave alone until a time (429 retry_after).
        self._blocked: dict[str, float] = {}
        self._pruned_at = float("-inf")

    def _window(self, chat_id: str) -> Window:
        return PER_GROUP if is_group(chat_id) else PER_PRIVATE_CHAT

    def reserve(self, chat_id: str, count: int) -> float:
        """Take budget for `count` messages to a chat: 0.0 if taken, else seconds to wait
        (and nothing taken)."""
        now = self._clock()
        blocked = self._blocked.get(chat_id, 0.0) - now
        if blocked > 0:
            return blocked
        stamps = self._chats.setdefault(chat_id, deque())
        wait = self._window(chat_id).wait(stamps, now, count)
        if wait == 0.0:
            stamps.extend([now] * count)
            self._prune(now)
        return wait

    def record(self, chat_id: str, count: int) -> None:
        """Count messages sent without asking (direct replies to a user's message)."""
        now = self._clock()
        self._chats.setdefault(chat_id, deque()).extend([now] * count)
        self._prune(now)

    def block(self, chat_id: str, seconds: float) -> None:
        """Telegram answered 429 for this chat: hold further sends for `seconds`."""
        self._blocked[chat_id] = self._clock() + seconds

    async def pace(self) -> None:
        """Wait for this process's next bot-wide send slot.

        The slot is taken before sleeping (it may lie in the future), so concurrent senders
        queue one behind another instead of all waking at once.
        """
        now = self._clock()
        wait = PER_BOT.wait(self._bot, now, 1)
        self._bot.append(now + wait)
        if wait > 0:
            await self._sleep(wait)

    def _prune(self, now: float) -> None:
        # At most once a window: with many busy chats a scan on every send would cost more
        # than the memory it frees.
        if len(self._chats) < _PRUNE_AT or now - self._pruned_at < PER_GROUP.seconds:
            return
        self._pruned_at = now
        horizon = now - PER_GROUP.seconds
        for chat_id in [c for c, s in self._chats.items() if not s or s[-1] <= horizon]:
            del self._chats[chat_id]
        for chat_id in [c for c, until in self._blocked.items() if until <= now]:
            del self._blocked[chat_id]
