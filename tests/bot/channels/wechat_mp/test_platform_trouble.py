"""Queued messages while the platform misbehaves: a dropped connection, a garbled answer, no
answer at all. What went out is not sent again, the rest is retried with backoff, the reply
window is not spent on what did not go out, and the log says so in one line."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import select

from bot.app import DELIVERY, MEDIA, SERVICES
from bot.channels.missing_pictures import GONE
from bot.messages import Image, Link, Text
from storage.models import OutboxMessage, OutboxStatus
from tests.bot.channels.wechat_mp.support import SEND, queue, sent_after
from tests.fakes.wechat_api import FakeWeixinApi, Misbehaviour
from tests.fakes.wechat_server import MpServer
from tests.support.clock import FakeClock
from tests.support.send_deadline import SendDeadline

UPLOAD = "/cgi-bin/media/upload"


@pytest.fixture
def mp_section(mp_section: dict[str, Any]) -> dict[str, Any]:
    # Every answer through the customer-service API; a stalled call given up quickly.
    return mp_section | {"reply_seconds": 0, "api_timeout": 1.0}


async def rows(app: web.Application) -> list[OutboxMessage]:
    async with app[SERVICES].sessions() as session:
        found = await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))  # type: ignore[arg-type]
        return list(found.all())


def shown(message: dict[str, Any]) -> str:
    if message["msgtype"] == "news":
        return str(message["news"]["articles"][0]["title"])
    return str(message["text"]["content"])


@pytest.mark.parametrize("how", ["close", "garbage", "odd_errcode", "nested", "stall"])
async def test_a_send_the_platform_fumbles_is_retried_from_where_it_stopped(
    app: web.Application,
    mp: MpServer,
    fake_api: FakeWeixinApi,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    how: Misbehaviour,
) -> None:
    """The second of three messages meets a dropped connection, a garbled answer or none:
    the user gets each of the three once, the third after a short wait, and the window
    still has its fifth message. (Before, a garbled `errcode` or a too-deep JSON answer
    escaped the channel: the retry sent 一 again, and the two messages the window had lost
    to it left no room for the retry, which failed for good.)"""
    await mp.send(mp.text("你好"))  # opens the window; its answer spends one of five
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    fake_api.misbehave_next(SEND, how, after=1)
    caplog.set_level(logging.INFO)
    await queue(app, "notice-1", [Text("一"), Link("二", "https://x/2"), Text("三")])
    await app[DELIVERY].run_once()
    [row] = await rows(app)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at > clock()  # backed off, not retried at once
    assert [shown(m) for m in fake_api.sent(SEND)[before:]] == ["一"]
    [line] = [r for r in caplog.records if r.name == "scheduler.delivery"]
    assert line.exc_info is None and "\n" not in line.getMessage()
    assert "owner" not in line.getMessage() and "二" not in line.getMessage()

    clock.advance(seconds=10)
    await app[DELIVERY].run_once()
    [row] = await rows(app)
    assert row.status is OutboxStatus.SENT
    assert [shown(m) for m in fake_api.sent(SEND)[before:]] == ["一", "二", "三"]
    await queue(app, "notice-2", [Text("第五条")])  # the window's last message is still there
    await app[DELIVERY].run_once()
    assert shown(fake_api.sent(SEND)[-1]) == "第五条"


async def test_a_send_the_outbox_gives_up_on_mid_call_is_retried_from_where_it_stopped(
    app: web.Application,
    mp: MpServer,
    fake_api: FakeWeixinApi,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second of three messages is still waiting for WeChat when the outbox worker's
    total timeout ends the send: the user gets each message once, and the window keeps its
    fifth message. (Before, the cancellation skipped the channel's bookkeeping: the retry
    sent 一 again, and the window had lost the two unsent messages, so the retry was cut
    short and 第五条 failed for good.)"""
    deadline = SendDeadline(monkeypatch)
    await mp.send(mp.text("你好"))  # opens the window; its answer spends one of five
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    fake_api.misbehave_next(SEND, "stall", after=1)
    await queue(app, "notice-1", [Text("一"), Link("二", "https://x/2"), Text("三")])
    await deadline.when_stalled(fake_api.stalled, app[DELIVERY].run_once())
    [row] = await rows(app)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert [shown(m) for m in fake_api.sent(SEND)[before:]] == ["一"]

    clock.advance(seconds=10)
    await app[DELIVERY].run_once()
    [row] = await rows(app)
    assert row.status is OutboxStatus.SENT
    assert [shown(m) for m in fake_api.sent(SEND)[before:]] == ["一", "二", "三"]
    await queue(app, "notice-2", [Text("第五条")])
    await app[DELIVERY].run_once()
    assert shown(fake_api.sent(SEND)[-1]) == "第五条"


async def test_other_messages_go_out_while_one_waits_for_its_retry(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    fake_api.misbehave_next(SEND, "nested")
    await queue(app, "notice-1", [Text("通报一")])
    await queue(app, "notice-2", [Text("通报二")])
    await app[DELIVERY].run_once()
    statuses = sorted(row.status.value for row in await rows(app))
    assert statuses == [OutboxStatus.PENDING.value, OutboxStatus.SENT.value]
    assert len(fake_api.sent(SEND)[before:]) == 1


async def test_a_picture_purged_while_its_reply_is_being_sent_becomes_its_line(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    """The picture was in the store when the send began and gone when its turn came (the
    retention purge ran in between): a line stands for it and the message after it still
    comes. (Before, the row failed for good after the lead: no line, no 详情.)"""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    sha = app[MEDIA].put(b"\x89PNG purged mid-send")
    path = app[MEDIA].path(sha)
    fake_api.on_accepted(SEND, lambda: path.unlink(missing_ok=True))
    link = Link("详情", "https://x/1")
    await queue(app, "poster-1", [Text("协查通报："), link, Image(sha, "甲某某"), Text("完")])
    await app[DELIVERY].run_once()
    assert [shown(m) for m in fake_api.sent(SEND)[before:]] == [
        "协查通报：",
        "详情",
        GONE,
        "甲某某\n\n完",  # the caption, as after a picture sent
    ]
    assert fake_api.uploads == []
    [row] = await rows(app)
    assert row.status is OutboxStatus.SENT
