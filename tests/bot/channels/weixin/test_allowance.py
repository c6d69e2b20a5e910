"""The reply window's count: a reply claims what it would like and gets what is left."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.channels.weixin import allowance
from bot.context import Services
from storage.models import SendAllowance

KEY = "wechat_mp:window:owner"
LIFETIME = timedelta(hours=48)


async def opened(services: Services) -> None:
    """The user wrote: the window opens with nothing spent (as the callback's claim does)."""
    async with services.sessions() as session:
        session.add(SendAllowance(key=KEY, opened_at=services.clock(), used=0))
        await session.commit()


async def take(services: Services, count: int) -> int:
    return await allowance.take_window(
        services.sessions, KEY, limit=5, lifetime=LIFETIME, now=services.clock(), count=count
    )


async def test_a_reply_gets_what_the_window_has_left(services: Services) -> None:
    await opened(services)
    assert await take(services, 3) == 3
    assert await take(services, 3) == 2  # not refused whole: the two that are left
    assert await take(services, 1) == 0
    await allowance.give_back(services.sessions, KEY, 1)
    assert await take(services, 4) == 1


async def test_a_closed_or_never_opened_window_gives_nothing(services: Services) -> None:
    assert await take(services, 1) == 0  # the user never wrote
    await opened(services)
    services.clock.advance(hours=48, seconds=1)  # type: ignore[attr-defined]
    assert await take(services, 1) == 0


async def test_replies_sent_at_once_never_share_out_more_than_the_window(
    services: Services,
) -> None:
    """Two late replies and a push to one user at the same moment (on PostgreSQL, from
    different replicas): together they get five messages, not five each."""
    await opened(services)
    granted = await asyncio.gather(*(take(services, 2) for _ in range(4)))
    assert sum(granted) == 5 and sorted(granted) == [0, 1, 2, 2]
    async with services.sessions() as session:
        row = await session.get(SendAllowance, KEY)
    assert row is not None and row.used == 5
