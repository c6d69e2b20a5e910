"""What the official account sent through the customer-service API, read by the tests."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.app import CHANNELS, SERVICES
from bot.channels.wechat_mp.channel import WechatMpChannel
from bot.messages import Reply
from tests.fakes.wechat_api import FakeWeixinApi
from tests.support import outbox

SEND = "/cgi-bin/message/custom/send"


async def sent_after(
    app: web.Application, fake_api: FakeWeixinApi, before: int, count: int
) -> list[dict[str, Any]]:
    """The `count` messages sent after the first `before`, and no more: waits until the
    channel has sent (or queued) every late answer, so that none is still on its way."""
    channel = app[CHANNELS]["wechat_mp"]
    assert isinstance(channel, WechatMpChannel)
    await channel.settled()
    sent = fake_api.sent(SEND)[before:]
    assert len(sent) == count, sent
    return sent


def content(message: dict[str, Any]) -> str:
    return str(message["text"]["content"]) if message["msgtype"] == "text" else ""


async def queue(app: web.Application, key: str, replies: list[Reply]) -> None:
    """An outbox row to the official-account user `owner`, as a job or a handler queues it."""
    await outbox.queue(app[SERVICES], "wechat_mp", "owner", replies, key=key)
