"""PostgreSQL's pool: a connection is pinged before use only after sitting idle, and a dead
one found so is replaced."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import DatabaseSettings
from storage import db
from tests.support.databases import terminate_backend


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = db.make_engine(DatabaseSettings(url=pg_url))
    yield engine
    await engine.dispose()


def _count_pings(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    dialect = engine.sync_engine.dialect
    ping = dialect.do_ping
    pings: list[int] = []

    def counted(dbapi_connection: Any) -> bool:
        pings.append(1)
        return ping(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    return pings


async def _backend(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_connection_used_a_moment_ago_is_not_pinged(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = _count_pings(engine, monkeypatch)
    first = await _backend(engine)
    assert await _backend(engine) == first  # the pooled connection, taken again
    assert pings == []


async def test_an_idle_connection_found_dead_is_replaced(
    engine: AsyncEngine, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = _count_pings(engine, monkeypatch)
    first = await _backend(engine)
    await terminate_backend(pg_url, first)  # as a server restart or a firewall would
    monkeypatch.setattr(db, "PING_AFTER_IDLE", -1.0)  # every pooled connection has idled
    assert await _backend(engine) != first  # not an error: a new connection
    assert pings == [1]
