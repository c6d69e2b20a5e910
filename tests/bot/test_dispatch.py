"""The dispatcher's figures: each message counted under its own channel and outcome."""

from __future__ import annotations

from prometheus_client import REGISTRY
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.dispatch import SORRY, Dispatcher
from bot.messages import Inbound, Text


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
