"""A channel's overall sending rate, in this process or shared by every process.

`SharedGate` keeps the window in a `send_allowance` row (the table the WeChat channels count
their caps in), locked while it is read and written, so replicas on one PostgreSQL database
share one budget. A lane books the times of its next few sends (up to a fraction of a second
ahead, evenly spaced) in one small transaction and waits for them on its own clock, so a busy
channel costs one round trip per batch rather than per message.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from scheduler.limits import Rate, Windows, plan
from storage.db import SessionFactory
from storage.models import SendAllowance


class Gate(Protocol):
    async def reserve(self, want: int, horizon: float) -> tuple[list[float], float]:
        """Up to `want` sends, from now to `horizon` seconds ahead: (each one's delay from
        now, seconds until another would fit; 0.0 if all were given)."""
        ...


class OpenGate:
    """No overall limit."""

    async def reserve(self, want: int, horizon: float) -> tuple[list[float], float]:
        return [0.0] * want, 0.0


class LocalGate:
    def __init__(self, windows: Windows, key: str, rate: Rate) -> None:
        self._windows = windows
        self._key = key
        self._rate = rate

    async def reserve(self, want: int, horizon: float) -> tuple[list[float], float]:
        return self._windows.reserve(self._key, self._rate, want, horizon)


class SharedGate:
    def __init__(
        self,
        sessions: SessionFactory,
        key: str,
        rate: Rate,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._key = key
        self._rate = rate
        self._clock = clock
        self._ready = False

    async def _ensure(self) -> None:
        if self._ready:
            return
        async with self._sessions() as session:
            if await session.get(SendAllowance, self._key) is None:
                session.add(SendAllowance(key=self._key))
                with contextlib.suppress(IntegrityError):  # another process made it first
                    await session.commit()
        self._ready = True

    async def reserve(self, want: int, horizon: float) -> tuple[list[float], float]:
        await self._ensure()
        now = self._clock().timestamp()
        async with self._sessions() as session:
            # A no-op UPDATE locks the row until commit, on PostgreSQL and SQLite alike.
            await session.exec(
                update(SendAllowance)
                .where(col(SendAllowance.key) == self._key)
                .values(used=SendAllowance.used)
            )
            row = await session.get(SendAllowance, self._key, populate_existing=True)
            assert row is not None
            recent = [t for t in json.loads(row.recent) if t > now - self._rate.seconds]
            times, wait = plan(sorted(recent), now, self._rate, want, horizon)
            if times:
                row.recent = json.dumps(sorted(recent) + times)
                session.add(row)
            await session.commit()
        return [t - now for t in times], wait
