"""A callback's claim: handled once across processes, retries and replays told apart."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.weixin.claims import Claim, Claiming
from bot.context import Services
from storage.models import SeenDelivery, SendAllowance

WINDOW = "wechat_mp:window:resident"


async def claim(services: Services, request: str, message: str) -> Claim | None:
    """Claim in a message's transaction, as the dispatcher's `admit` step does."""
    claiming = Claiming(request, message, services.clock(), WINDOW)
    async with services.sessions() as session:
        await claiming.within(session)
        await session.commit()
    return claiming.outcome


async def test_a_replay_or_a_retry_is_not_handled_again(services: Services) -> None:
    assert await claim(services, "request:1", "msg:1") is Claim.NEW
    assert await claim(services, "request:1", "msg:1") is Claim.REPLAY
    assert await claim(services, "request:2", "msg:1") is Claim.RETRY  # WeChat retrying
    assert await claim(services, "request:2", "msg:1") is Claim.REPLAY  # that retry replayed


async def test_a_request_reused_for_another_message_does_not_block_it(
    services: Services,
) -> None:
    """A signed request sent again with another body (plain mode signs no body) is refused
    and records nothing: the message itself, when WeChat sends it, is still answered."""
    assert await claim(services, "request:1", "msg:1") is Claim.NEW
    assert await claim(services, "request:1", "msg:2") is Claim.REPLAY
    async with services.sessions() as session:
        assert await session.get(SeenDelivery, "msg:2") is None
    assert await claim(services, "request:2", "msg:2") is Claim.NEW


async def test_a_message_opens_its_reply_window(services: Services) -> None:
    assert await claim(services, "request:1", "msg:1") is Claim.NEW
    async with services.sessions() as session:
        window = await session.get(SendAllowance, WINDOW)
    assert window is not None and window.used == 0 and window.opened_at == services.clock()


async def test_the_next_message_reopens_a_used_up_window(services: Services) -> None:
    """Its messages counted again from none, its send log as it was (a new window's is
    empty)."""
    assert await claim(services, "request:1", "msg:1") is Claim.NEW
    async with services.sessions() as session:
        window = await session.get(SendAllowance, WINDOW)
        assert window is not None and window.recent == "[]"
        window.used, window.recent, window.opened_at = 5, "[1]", datetime(2020, 1, 1, tzinfo=UTC)
        await session.commit()
    assert await claim(services, "request:2", "msg:2") is Claim.NEW
    async with services.sessions() as session:
        window = await session.get(SendAllowance, WINDOW)
    assert window is not None and window.used == 0 and window.opened_at == services.clock()
    assert window.recent == "[1]"


async def test_one_statement_claims_both_keys(services: Services) -> None:
    """The claim runs for every message: the request's key and the message's are taken by
    one statement, then the reply window is opened: by a second statement on SQLite, by the
    same one on PostgreSQL (a round trip to the server less)."""
    engine: AsyncEngine = services.sessions.kw["bind"]
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        statements.append(sql)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        assert await claim(services, "request:1", "msg:1") is Claim.NEW
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    if engine.dialect.name == "postgresql":
        assert len(statements) == 1
        assert "seen_delivery" in statements[0] and "send_allowance" in statements[0]
    else:
        assert [s.split()[2] for s in statements] == ["seen_delivery", "send_allowance"]


async def test_a_retry_or_a_replay_leaves_the_window_as_it_was(services: Services) -> None:
    """Only a new message opens the window again: the platform's retry of one already
    taken, or a replayed request, does not give the user's used-up window new room."""
    assert await claim(services, "request:1", "msg:1") is Claim.NEW
    async with services.sessions() as session:
        window = await session.get(SendAllowance, WINDOW)
        assert window is not None
        window.used = 5
        await session.commit()
    assert await claim(services, "request:2", "msg:1") is Claim.RETRY
    assert await claim(services, "request:1", "msg:1") is Claim.REPLAY
    async with services.sessions() as session:
        window = await session.get(SendAllowance, WINDOW)
    assert window is not None and window.used == 5


async def test_replicas_claiming_one_message_at_once_handle_it_once(
    services: Services,
) -> None:
    """WeChat's retry reaching another replica while the first still holds the message's
    transaction open (on PostgreSQL they run side by side)."""
    started = asyncio.Event()

    async def first() -> Claim | None:
        claiming = Claiming("request:1", "msg:1", services.clock(), WINDOW)
        async with services.sessions() as session:
            await claiming.within(session)
            started.set()
            await asyncio.sleep(0.05)  # the handlers at work
            await session.commit()
        return claiming.outcome

    async def retry() -> Claim | None:
        await started.wait()
        return await claim(services, "request:2", "msg:1")

    assert await asyncio.gather(first(), retry()) == [Claim.NEW, Claim.RETRY]
