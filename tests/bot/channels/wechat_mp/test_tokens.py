"""Access tokens are fetched by one process at a time and shared through the database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.channels.weixin.tokens import TokenStore
from bot.context import Services
from storage.db import is_sqlite, make_engine, make_session_factory
from tests.support.clock import FakeClock


class Platform:
    """Counts fetches; each fetch takes a moment, so concurrent callers overlap."""

    def __init__(self) -> None:
        self.fetches = 0

    async def fetch(self) -> tuple[str, int]:
        self.fetches += 1
        number = self.fetches
        await asyncio.sleep(0.05)
        return f"token-{number}", 7200


@pytest.fixture
async def two_processes(
    services: Services, clock: FakeClock
) -> AsyncIterator[tuple[TokenStore, TokenStore, Platform]]:
    """Two stores as two server processes would have them. On PostgreSQL each has its own
    engine (real row locks between connections); SQLite runs statements on the event loop's
    thread, where a second engine would wait on a lock its own thread holds, so there the two
    share the process's single connection."""
    platform = Platform()
    engine = None
    other = services.sessions
    if not is_sqlite(services.settings.database.url):
        engine = make_engine(services.settings.database)
        other = make_session_factory(engine, services.cipher)
    first = TokenStore("wechat_mp:wx1", services.sessions, services.cipher, clock, platform.fetch)
    second = TokenStore("wechat_mp:wx1", other, services.cipher, clock, platform.fetch)
    yield first, second, platform
    if engine is not None:
        await engine.dispose()


async def test_concurrent_first_use_fetches_once(
    two_processes: tuple[TokenStore, TokenStore, Platform],
) -> None:
    first, second, platform = two_processes
    tokens = await asyncio.gather(first.get(), second.get(), first.get())
    assert platform.fetches == 1
    assert set(tokens) == {"token-1"}


async def test_rejected_token_is_replaced_once(
    two_processes: tuple[TokenStore, TokenStore, Platform],
) -> None:
    first, second, platform = two_processes
    stale = await first.get()
    await second.get()
    replaced = await asyncio.gather(first.replace(stale), second.replace(stale))
    assert platform.fetches == 2
    assert set(replaced) == {"token-2"}


async def test_a_token_near_expiry_is_refreshed(
    two_processes: tuple[TokenStore, TokenStore, Platform], clock: FakeClock
) -> None:
    first, second, platform = two_processes
    assert await first.get() == "token-1"
    clock.advance(seconds=7200 - 200)  # inside the 5-minute margin
    assert await second.get() == "token-2"
    assert await first.get() == "token-2"  # read from the database, not fetched again
    assert platform.fetches == 2
