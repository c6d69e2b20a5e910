"""The dispatcher's figures: each message counted under its own channel and outcome; a
message whose database connection was dropped is tried again."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.dispatch import SORRY, Dispatcher
from bot.messages import Inbound, Text
from tests.support.databases import terminate_backend


def _count(channel: str, outcome: str) -> float:
    value = REGISTRY.get_sample_value(
        "jingmin_messages_total", {"channel": channel, "outcome": outcome}
    )
    return value or 0.0


async def _broken(_session: AsyncSession) -> bool:
    raise RuntimeError("the database went away")


async def test_messages_are_counted_by_channel_and_outcome(dispatcher: Dispatcher) -> None:
    before = {
        (channel, outcome): _count(channel, outcome)
        for channel in ("web", "wechat_mp")
        for outcome in ("ok", "error")
    }
    await dispatcher.dispatch(Inbound("web", "a", "a", "你好"))
    await dispatcher.dispatch(Inbound("web", "a", "a", "帮助"))
    failed = await dispatcher.dispatch(Inbound("wechat_mp", "b", "b", "你好"), _broken)
    assert failed == [Text(SORRY)]
    after = {key: _count(*key) - value for key, value in before.items()}
    assert after == {
        ("web", "ok"): 2,
        ("web", "error"): 0,
        ("wechat_mp", "ok"): 0,
        ("wechat_mp", "error"): 1,
    }


async def test_a_message_whose_connection_was_dropped_is_answered(
    dispatcher: Dispatcher, services: Services
) -> None:
    """A pooled connection the database dropped since its last use a moment ago (a
    restart) fails the message's first statement: the message is tried again on a new
    connection, not answered with the apology."""
    url = services.settings.database.url
    if not url.startswith("postgresql"):
        pytest.skip("an SQLite connection is not dropped by a server")
    await dispatcher.dispatch(Inbound("web", "a", "a", "帮助"))
    async with services.sessions() as session:
        connection = await session.connection()
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    await terminate_backend(url, pid)
    replies = await dispatcher.dispatch(Inbound("web", "a", "a", "帮助"))
    assert replies and replies != [Text(SORRY)]
