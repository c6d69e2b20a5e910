"""Access tokens are fetched by one process at a time and shared through the database, and\nno database lock is held while the platform is asked for one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import create_engine, text

from bot.app import CHANNELS
from bot.channels.weixin.tokens import CLAIM, TokenStore, claim_name
from bot.config import Settings
from bot.context import Services
from scheduler.jobstore import sync_url
from scheduler.leader import Leadership
from storage.db import is_sqlite, make_engine, make_session_factory
from tests.fakes.wechat_api import FakeWeixinApi
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


def write_as_the_job_store_does(url: str) -> None:
    """Update the token row over a synchronous connection of its own, as APScheduler's job
    store writes (on SQLite any write needs the database's one write lock), giving up after
    a fifth of a second where the server's would wait 5 s and then fail."""
    engine = create_engine(sync_url(url) or "")
    try:
        with engine.begin() as connection:
            if is_sqlite(url):
                connection.exec_driver_sql("PRAGMA busy_timeout=200")
            else:
                connection.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
            connection.execute(text("UPDATE channel_token SET expires_at = expires_at"))
    finally:
        engine.dispose()


async def test_the_database_stays_writable_while_the_platform_is_slow(
    app: web.Application,
    client: TestClient[Any, Any],
    fake_api: FakeWeixinApi,
    settings: Settings,
) -> None:
    fake_api.hold_tokens()  # no internet: the token request hangs until the timeout
    fetching = asyncio.create_task(app[CHANNELS]["wechat_mp"].client.access_token())
    await fake_api.token_requested.wait()
    write_as_the_job_store_does(settings.database.url)  # "database is locked" before
    fake_api.release_tokens()
    assert await fetching == "mp-token-1"
    assert fake_api.tokens_issued == 1


async def test_a_refresher_that_died_mid_fetch_is_taken_over_once_its_claim_expires(
    two_processes: tuple[TokenStore, TokenStore, Platform], services: Services, clock: FakeClock
) -> None:
    first, second, platform = two_processes
    dead = Leadership(services.sessions, clock, lease=CLAIM, name=claim_name(first.name))
    assert await dead.try_hold()  # claimed, then the process died before storing a token
    waiting = asyncio.create_task(first.get())
    await asyncio.sleep(0.2)
    assert not waiting.done() and platform.fetches == 0  # waits for the claim's holder
    clock.advance(seconds=CLAIM.total_seconds() + 1)
    assert await waiting == "token-1"
    assert await second.get() == "token-1" and platform.fetches == 1
