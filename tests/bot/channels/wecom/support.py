"""What the WeCom app sent through the API, read by the tests."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.app import CHANNELS
from bot.channels.wecom.channel import WecomChannel
from tests.fakes.wechat_api import FakeWeixinApi

SEND = "/cgi-bin/message/send"


async def settled(app: web.Application) -> None:
    """Wait until every answer the callbacks left for later has been sent or queued."""
    channel = app[CHANNELS]["wecom"]
    assert isinstance(channel, WecomChannel)
    await channel.settled()


async def sent_after(
    app: web.Application, fake_api: FakeWeixinApi, before: int, count: int
) -> list[dict[str, Any]]:
    """The `count` app messages sent after the first `before`, and no more: waits until the
    channel has sent (or queued) every late answer, so that none is still on its way (a
    polling loop that stopped at the first new message, or after two seconds, had read a
    loaded machine's answer half sent, or not yet at all)."""
    await settled(app)
    sent = fake_api.sent(SEND)[before:]
    assert len(sent) == count, sent
    return sent
