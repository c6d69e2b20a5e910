"""Send allowances the platforms enforce, counted in the database before each send.

Two shapes:
- a sliding cap (`take_sliding`): at most `limit` sends in any `period` (WeCom: 30 a minute
  per member; group robots: 20 a minute). Counting a fixed minute would allow 2x the cap
  across a minute boundary, so the row keeps the recent send times.
- a reply window (`take_window`): the official account may send a user `limit`
  customer-service messages within `lifetime` of that user's last message (the callback
  opens the window when it claims the message: `claims.Claiming`). A reply claims as many
  as it would like and is told how many it got, so that it can be shortened to fit.

Every change happens under the row's lock, so replicas share one count.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import SessionFactory
from storage.models import SendAllowance


async def _ensure(sessions: SessionFactory, key: str) -> None:
    async with sessions() as session:
        if await session.get(SendAllowance, key) is not None:
            return
        session.add(SendAllowance(key=key))
        with contextlib.suppress(IntegrityError):  # created meanwhile by another process
            await session.commit()


async def _locked(session: AsyncSession, key: str) -> SendAllowance:
    """The row, locked until commit (a no-op UPDATE locks on PostgreSQL and SQLite alike)."""
    await session.exec(
        update(SendAllowance).where(col(SendAllowance.key) == key).values(used=SendAllowance.used)
    )
    row = await session.get(SendAllowance, key, populate_existing=True)
    assert row is not None
    return row


async def take_sliding(
    sessions: SessionFactory, key: str, *, limit: int, period: float, now: datetime, count: int = 1
) -> float | None:
    """Claim `count` sends at once (a reply of several messages goes out whole or not at
    all, so a retry repeats nothing). None if allowed; otherwise the seconds to wait.
    A send that fails before any of them went out gives them back (`give_back_sliding`)."""
    await _ensure(sessions, key)
    stamp = now.timestamp()
    async with sessions() as session:
        row = await _locked(session, key)
        recent = [t for t in json.loads(row.recent) if t > stamp - period]
        if recent and len(recent) + count > limit:
            await session.commit()
            # The send that must leave the window to make room; a reply longer than the
            # whole cap goes out alone, into an empty window.
            must_expire = len(recent) if count >= limit else len(recent) + count - limit
            return max(recent[must_expire - 1] + period - stamp, 0.1)
        row.recent = json.dumps([*recent, *([stamp] * count)])
        session.add(row)
        await session.commit()
    return None


async def give_back_sliding(
    sessions: SessionFactory, key: str, *, taken_at: datetime, count: int
) -> None:
    """Sends claimed by `take_sliding(now=taken_at)` that did not go out after all (the
    platform failed before the first of them): they no longer count against the cap."""
    stamp = taken_at.timestamp()
    async with sessions() as session:
        row = await _locked(session, key)
        recent: list[float] = json.loads(row.recent)
        for _ in range(count):
            if stamp not in recent:
                break
            recent.remove(stamp)
        row.recent = json.dumps(recent)
        session.add(row)
        await session.commit()


async def take_window(
    sessions: SessionFactory,
    key: str,
    *,
    limit: int,
    lifetime: timedelta,
    now: datetime,
    count: int = 1,
) -> int:
    """Claim up to `count` messages of the window: how many it had left to give (0 when it
    is closed or used up). Whatever is not sent after all goes back (`give_back`)."""
    async with sessions() as session:
        # A no-op UPDATE of an open window that has room locks the row until commit, on
        # PostgreSQL and SQLite alike: two replies to one user cannot both take the last few.
        found = await session.exec(
            update(SendAllowance)
            .where(
                col(SendAllowance.key) == key,
                col(SendAllowance.used) < limit,
                col(SendAllowance.opened_at) > now - lifetime,
            )
            .values(used=SendAllowance.used)
        )
        granted = 0
        if _count(found) == 1:
            row = await session.get(SendAllowance, key, populate_existing=True)
            assert row is not None
            granted = max(min(count, limit - row.used), 0)
            row.used += granted
            session.add(row)
        await session.commit()
    return granted


async def give_back(sessions: SessionFactory, key: str, count: int = 1) -> None:
    """Claimed messages that were not sent after all (the platform was busy)."""
    async with sessions() as session:
        await session.exec(
            update(SendAllowance)
            .where(col(SendAllowance.key) == key, col(SendAllowance.used) >= count)
            .values(used=SendAllowance.used - count)
        )
        await session.commit()


async def close_window(sessions: SessionFactory, key: str) -> None:
    """The platform says the window is closed (45015): believe it until the user writes."""
    async with sessions() as session:
        await session.exec(
            update(SendAllowance).where(col(SendAllowance.key) == key).values(opened_at=None)
        )
        await session.commit()


def _count(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0
