"""Sending outside the callback: the customer-service API, its reply window, tokens, errors."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import select

from bot.app import CHANNELS, DELIVERY, MEDIA, SERVICES
from bot.channels.base import Cause, DeliveryError
from bot.channels.missing_pictures import GONE
from bot.messages import Button, Choices, Image, Link, Text
from storage.models import Account, ChannelToken, OutboxMessage, OutboxStatus
from storage.outbox import enqueue_to_account
from tests.bot.channels.wechat_mp.support import sent_after
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import MpServer
from tests.support.clock import FakeClock
from tests.support.outbox import queue
from tests.support.seed import Seeded

SEND = "/cgi-bin/message/custom/send"


@pytest.fixture
def mp_section(mp_section: dict[str, Any]) -> dict[str, Any]:
    # No time for the handlers: every answer goes through the customer-service API.
    return mp_section | {"reply_seconds": 0}


def channel(app: web.Application) -> Any:
    return app[CHANNELS]["wechat_mp"]


async def test_slow_answer_goes_through_the_customer_service_api(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    answer = await mp.send(mp.text("你好"))
    assert answer.raw == "success"
    [payload] = await sent_after(app, fake_api, 0, 1)
    assert payload["touser"] == "owner" and payload["msgtype"] == "text"
    assert payload["text"]["content"].startswith("您好")  # the welcome a greeting gets


async def test_window_allows_five_messages_after_the_users_last(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.event("unsubscribe"))  # a non-message: opens nothing
    with pytest.raises(DeliveryError) as closed:
        await channel(app).send("owner", [Text("早上好")])
    assert closed.value.permanent
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)  # the late answer spent one
    for n in range(4):
        await channel(app).send("owner", [Text(f"通报 {n}")])
    with pytest.raises(DeliveryError) as used_up:
        await channel(app).send("owner", [Text("第六条")])
    assert used_up.value.permanent
    assert len(fake_api.sent(SEND)) == 5
    await mp.send(mp.text("在吗"))  # the user writes again: a fresh window
    await sent_after(app, fake_api, 5, 1)
    await channel(app).send("owner", [Text("又可以发了")])


async def test_window_closes_after_48_hours(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi, clock: FakeClock
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    clock.advance(hours=48, seconds=1)
    with pytest.raises(DeliveryError) as closed:
        await channel(app).send("owner", [Text("晚了")])
    assert closed.value.permanent


async def test_platform_says_window_closed(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.event("CLICK", key="帮助"))
    await sent_after(app, fake_api, 0, 1)
    fake_api.fail_next(SEND, 45015)
    with pytest.raises(DeliveryError) as refused:
        await channel(app).send("owner", [Text("通报")])
    # Told to an alert's author as 公众号48小时内未互动 (it had been 多次重试未成功).
    assert refused.value.permanent and refused.value.cause is Cause.WINDOW
    calls = len(fake_api.calls)
    with pytest.raises(DeliveryError) as believed:  # believed until the user writes: no call
        await channel(app).send("owner", [Text("通报")])
    assert believed.value.cause is Cause.WINDOW
    assert len(fake_api.calls) == calls


async def test_expired_token_is_refreshed_once_and_the_call_retried(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    assert fake_api.tokens_issued == 1
    fake_api.expire_tokens()
    await channel(app).send("owner", [Text("通报")])
    assert fake_api.tokens_issued == 2
    assert fake_api.sent(SEND)[-1]["text"]["content"] == "通报"
    async with app[SERVICES].sessions() as session:
        row = (await session.exec(select(ChannelToken))).one()
    assert "mp-token" not in row.token_enc  # stored encrypted


async def test_token_refused_twice_is_a_retryable_failure(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    fake_api.fail_next(SEND, 40001, times=2)
    with pytest.raises(DeliveryError) as failed:
        await channel(app).send("owner", [Text("通报")])
    assert not failed.value.permanent
    assert fake_api.tokens_issued == 2  # refreshed once, not in a loop


async def test_rate_limit_asks_to_retry_later_and_keeps_the_allowance(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    fake_api.fail_next(SEND, 45009)
    with pytest.raises(DeliveryError) as limited:
        await channel(app).send("owner", [Text("通报")])
    assert limited.value.retry_after == 60 and not limited.value.permanent
    for n in range(4):  # the refused message did not spend one of the five
        await channel(app).send("owner", [Text(f"通报 {n}")])


async def test_a_send_refused_part_way_says_what_is_still_to_send(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    """The platform took the first message and refused the second: a retry of all three
    would have sent the first again."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    fake_api.fail_next(SEND, 45009, after=1)
    link = Link("防范电信诈骗", "https://jingmin.example.cn/a/1", "点击查看")
    with pytest.raises(DeliveryError) as limited:
        await channel(app).send("owner", [Text("一"), link, Text("三")])
    assert len(fake_api.sent(SEND)) == before + 1  # 一 went out
    assert limited.value.unsent == [link, Text("三")]


async def test_pictures_are_uploaded_then_sent(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    sha = app[MEDIA].put(b"\x89PNG fake bytes")
    await channel(app).send("owner", [Image(sha, caption="通缉令"), Link("详情", "https://x/1")])
    image, caption, news = fake_api.sent(SEND)[-3:]
    assert image["msgtype"] == "image" and image["image"]["media_id"] == "up-1"
    assert caption["text"]["content"] == "通缉令"
    assert news["news"]["articles"][0]["url"] == "https://x/1"
    assert fake_api.uploads == [b"\x89PNG fake bytes"]


async def test_options_follow_the_picture_they_are_about(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    """Through the customer-service API alone the handler's order holds: text, picture,
    then the numbered options under it."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    sha = app[MEDIA].put(b"\x89PNG wanted poster")
    sighting = Choices("见到此人请选择：", (Button("我见过此人", "/见过 1"),))
    await channel(app).send("owner", [Text("协查通报如下："), Image(sha), sighting])
    text, image, options = fake_api.sent(SEND)[-3:]
    assert text["text"]["content"] == "协查通报如下："
    assert image["msgtype"] == "image"
    assert options["text"]["content"].startswith("见到此人请选择：\n1. 我见过此人")


async def test_a_card_whose_picture_is_gone_is_delivered_with_a_line_for_it(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    """An outbox row of cards, the first card's picture purged since it was queued: the user
    gets the lead, a line where that picture stood, and the next card. (Before, the lead
    went out, then the row failed for good: the second card never came.)"""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    before = len(fake_api.sent(SEND))
    kept = app[MEDIA].put(b"\x89PNG second card")
    purged = hashlib.sha256(b"first card, purged").hexdigest()
    services = app[SERVICES]
    await queue(
        services,
        "wechat_mp",
        "owner",
        [Text("今日在逃人员："), Image(purged, "TJ-0001 甲某某（内部）"), Image(kept)],
        key="cards-1",
    )
    await app[DELIVERY].run_once()
    lead, image = fake_api.sent(SEND)[before:]
    assert lead["text"]["content"] == f"今日在逃人员：\n\n{GONE}\nTJ-0001 甲某某（内部）"
    assert image["msgtype"] == "image" and fake_api.uploads == [b"\x89PNG second card"]
    async with services.sessions() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.status is OutboxStatus.SENT


async def test_late_answer_is_queued_when_the_platform_is_busy(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    fake_api.fail_next(SEND, -1)
    await mp.send(mp.text("你好"))

    async def queued() -> list[OutboxMessage]:
        async with app[SERVICES].sessions() as session:
            return list((await session.exec(select(OutboxMessage))).all())

    await channel(app).settled()
    [row] = await queued()
    assert row.channel == "wechat_mp" and row.chat_id == "owner"
    assert row.dedupe_key.startswith("late:wechat_mp:msg:")


async def test_a_number_typed_after_pushed_options_means_one_of_them(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The official account shows a pushed message's buttons as numbered lines and says
    「回复序号或文字即可」: the number typed next must mean that option, as it does after a
    reply's options."""
    await mp.send(mp.text("你好"))  # opens the reply window
    await sent_after(app, fake_api, 0, 1)
    services = app[SERVICES]
    async with services.sessions() as session:
        account = (
            await session.exec(
                select(Account).where(
                    Account.channel == "wechat_mp", Account.channel_user_id == "owner"
                )
            )
        ).one()
        buttons = (Button("查看帮助", "帮助"), Button("我的身份", "/我"))
        pushed = Choices("【测试派出所】今晚有暴雨，请关好门窗。", buttons)
        enqueue_to_account(
            session, account, message_key="push-1", replies=[pushed], now=services.clock()
        )
        await session.commit()
    await app[DELIVERY].run_once()
    shown = fake_api.sent(SEND)[-1]["text"]["content"]
    assert "1. 查看帮助" in shown and "2. 我的身份" in shown
    before = len(fake_api.sent(SEND))
    await mp.send(mp.text("2"))
    [answer] = await sent_after(app, fake_api, before, 1)
    assert "您的身份：场所负责人" in answer["text"]["content"]
