"""Answering a callback: the welcome after scanning an invite code to follow."""

from __future__ import annotations

import time
from pathlib import Path
from typing import cast

from bot.channels.base import Channel, Dispatch
from bot.channels.weixin.answer import Answerer, Incoming
from bot.context import Services
from bot.dispatch import Admit, Dispatcher
from bot.media import MediaStore
from bot.messages import Inbound, Reply, Text
from storage.models import Role
from tests.support.seed import Seeded, invite


def _reworded(dispatcher: Dispatcher) -> Dispatch:
    """The real handlers, their words changed as an edit of the bind reply might."""

    async def dispatch(inbound: Inbound, admit: Admit | None = None) -> list[Reply]:
        replies = await dispatcher.dispatch(inbound, admit)
        return [
            Text(r.text.replace("绑定成功！", "已完成绑定。")) if isinstance(r, Text) else r
            for r in replies
        ]

    return dispatch


async def _no_media(media_id: str, limit: int) -> bytes:
    raise AssertionError("no photo here")


async def _scan(answerer: Answerer, code: str, user: str) -> str:
    inbound = Inbound(channel="wechat_mp", chat_id=user, sender_id=user, text=f"/bind {code}")
    incoming = Incoming(key=f"k-{user}-{code}", chat_id=user, inbound=inbound, welcome=True)
    replies = await answerer.answer(incoming, time.monotonic())
    assert replies is not None
    return "\n".join(r.text for r in replies if isinstance(r, Text))


async def test_a_scan_that_bound_is_not_welcomed_whatever_the_reply_says(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, tmp_path: Path
) -> None:
    """Whether the code bound was read from the reply's first words (绑定成功): reworded,
    a new officer got the welcome (the menu) under their binding."""
    answerer = Answerer(
        cast(Channel, object()),
        _reworded(dispatcher),
        MediaStore(tmp_path),
        _no_media,
        services.sessions,
        services.clock,
        seconds=30,
    )
    code = await invite(services, Role.OFFICER, beat_id=seeded.beat.id)
    bound = await _scan(answerer, code, "new-officer")
    assert "已完成绑定" in bound and "您好" not in bound  # no menu after the binding
    # A code that did not bind still greets the new follower.
    used = await _scan(answerer, code, "late-follower")
    assert "已被使用" in used and "您好，这里是" in used
