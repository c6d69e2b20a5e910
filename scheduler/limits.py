"""How fast the delivery worker sends on each channel: overall, and to any one chat.

The channels check their platform's limits themselves just before sending (and refuse with
`OverBudget` or a 429), but a refusal costs a database round trip and puts the row back in
the queue. The worker keeps to the same limits first, so on a big broadcast the platform
rarely has to say no: rows for a chat that has had its share wait in the table (no attempt
counted), and the channel as a whole is paced.

Per-chat windows live in this process: a chat's rows are mostly claimed by one worker, and
the channel's own check catches the rest. The overall rate (Telegram's 30 messages a second
per bot) must hold across processes, so on PostgreSQL it is counted in `send_allowance`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.channels.telegram.limits import PER_BOT, PER_GROUP, PER_PRIVATE_CHAT, is_group
from bot.channels.wecom.limits import PER_MINUTE as WECOM_PER_MINUTE
from bot.channels.wecom_robot.channel import PER_MINUTE as ROBOT_PER_MINUTE

#: Windows are stretched by this much: a send is stamped when it is let go, and it reaches
#: the platform a little later, so an exact window would sometimes overrun the platform's.
SLACK = 1.03


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: float
    #: Least time between two sends. An overall rate let out in bursts reaches the platform
    #: bunched by network jitter and overruns its window at the edges; spread evenly, it
    #: does not.
    gap: float = 0.0


#: Seconds of missed turns an evenly paced sender may make up at once.
CATCH_UP = 0.1


def plan(
    stamps: Sequence[float], now: float, rate: Rate, want: int, horizon: float
) -> tuple[list[float], float]:
    """Times for up to `want` more sends, from `now` to `horizon` seconds ahead, keeping to
    `rate` given the (sorted) times already taken: at most `limit` in any `seconds`, and
    `gap` apart. Returns (times, seconds from now until one more would fit; 0.0 if all fit).

    Handing out times a little ahead lets a sender pace itself on its own clock, one
    bookkeeping round trip per batch instead of per send (the overall rate may be counted
    in the database)."""
    window = [t for t in stamps if t > now - rate.seconds]
    times: list[float] = []
    last = window[-1] if window else None
    while len(times) < want:
        # A sender that fell behind (its loop was busy) makes up to `CATCH_UP` seconds of
        # its turns at once; the window, over real send times, still bounds it.
        at = now if last is None else max(now - CATCH_UP, last + rate.gap)
        taken = [t for t in (*window, *times) if t > max(at, now) - rate.seconds]
        if len(taken) >= rate.limit:
            at = max(at, taken[len(taken) - rate.limit] + rate.seconds)
        if at > now + horizon:
            return times, at - now
        times.append(max(at, now))
        last = at
    return times, 0.0


def _never(_chat_id: str) -> Rate | None:
    return None


@dataclass(frozen=True)
class ChannelPolicy:
    #: Sends in flight at once.
    concurrency: int = 4
    #: All sends of the channel together (the bot, the app), shared by every process.
    overall: Rate | None = None
    #: Sends to one chat.
    per_chat: Callable[[str], Rate | None] = _never


def _telegram_chat(chat_id: str) -> Rate:
    window = PER_GROUP if is_group(chat_id) else PER_PRIVATE_CHAT
    return Rate(window.limit, window.seconds * SLACK)


POLICIES: dict[str, ChannelPolicy] = {
    "telegram": ChannelPolicy(
        concurrency=8,
        overall=Rate(
            PER_BOT.limit, PER_BOT.seconds * SLACK, gap=0.9 * PER_BOT.seconds / PER_BOT.limit
        ),
        per_chat=_telegram_chat,
    ),
    # Group robots have no overall cap, only 20 a minute each: many robots go out in parallel.
    "wecom_robot": ChannelPolicy(
        concurrency=8, per_chat=lambda _chat: Rate(ROBOT_PER_MINUTE, 60 * SLACK)
    ),
    "wecom": ChannelPolicy(
        concurrency=8, per_chat=lambda _chat: Rate(WECOM_PER_MINUTE, 60 * SLACK)
    ),
    # The official account's limit is the reply window, which the channel itself keeps.
    "wechat_mp": ChannelPolicy(concurrency=8),
}
DEFAULT_POLICY = ChannelPolicy()


def policy_for(channel: str) -> ChannelPolicy:
    return POLICIES.get(channel, DEFAULT_POLICY)


@dataclass
class _Window:
    stamps: deque[float] = field(default_factory=deque)
    blocked_until: float = 0.0


class Windows:
    """Sliding windows of send times by key, in this process, on an injected clock."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._windows: dict[str, _Window] = {}

    def take(self, key: str, rate: Rate, count: int = 1) -> float:
        """Take `count` sends now and return 0.0, or return the seconds until they would fit
        (taking nothing)."""
        now = self._clock()
        window = self._windows.setdefault(key, _Window())
        if window.blocked_until > now:
            return window.blocked_until - now
        stamps = window.stamps
        while stamps and stamps[0] <= now - rate.seconds:
            stamps.popleft()
        # More than the limit at once (a long reply) goes out alone into an empty window.
        if not stamps or len(stamps) + count <= rate.limit:
            stamps.extend([now] * count)
            return 0.0
        must_expire = len(stamps) if count >= rate.limit else len(stamps) + count - rate.limit
        return max(stamps[must_expire - 1] + rate.seconds - now, 0.001)

    def reserve(self, key: str, rate: Rate, want: int, horizon: float) -> tuple[list[float], float]:
        """`plan` on this key's window, and take the times: (delays from now, wait)."""
        now = self._clock()
        window = self._windows.setdefault(key, _Window())
        stamps = window.stamps
        while stamps and stamps[0] <= now - rate.seconds:
            stamps.popleft()
        times, wait = plan(stamps, now, rate, want, horizon)
        stamps.extend(times)
        return [t - now for t in times], wait

    def give_back(self, key: str, count: int = 1) -> None:
        """Sends taken but not made after all (the row went back to the queue)."""
        window = self._windows.get(key)
        for _ in range(min(count, len(window.stamps) if window else 0)):
            assert window is not None
            window.stamps.pop()

    def block(self, key: str, seconds: float) -> None:
        """The platform said wait: nothing to this key for `seconds`."""
        window = self._windows.setdefault(key, _Window())
        window.blocked_until = max(window.blocked_until, self._clock() + seconds)

    def prune(self, horizon: float) -> None:
        """Forget windows idle for `horizon` seconds (a big broadcast touches many chats)."""
        now = self._clock()
        idle = [
            key
            for key, w in self._windows.items()
            if w.blocked_until <= now and (not w.stamps or w.stamps[-1] <= now - horizon)
        ]
        for key in idle:
            del self._windows[key]

    def __len__(self) -> int:
        return len(self._windows)
