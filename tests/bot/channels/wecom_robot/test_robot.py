"""Posting into groups through robot webhooks: message kinds, the 20-a-minute cap, errors."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from aiohttp import web

from bot.app import DELIVERY, MEDIA, SERVICES
from bot.channels.base import DeliveryError, OverBudget
from bot.channels.missing_pictures import GONE
from bot.messages import Image, Link, Text
from storage.models import OutboxStatus
from tests.bot.channels.wecom_robot.conftest import KEY
from tests.fakes.wechat_api import FakeWeixinApi, Misbehaviour
from tests.support.clock import FakeClock
from tests.support.outbox import queue, queued
from tests.support.send_deadline import SendDeadline

HOOK = "/cgi-bin/webhook/send"


async def test_text_news_and_image(
    channel: Any, app: web.Application, fake_api: FakeWeixinApi
) -> None:
    picture = b"\x89PNG small picture"
    sha = app[MEDIA].put(picture)
    link = Link("今日警情", "https://station.example/a/1", "请各旅馆注意", "https://p/1.png")
    await channel.send(KEY, [Text("各位老板好"), link, Image(sha, caption="嫌疑人照片")])
    text, news, image, caption = fake_api.sent(HOOK)
    assert {c.query["key"] for c in fake_api.calls} == {KEY}
    assert text == {"msgtype": "text", "text": {"content": "各位老板好"}}
    assert news["news"]["articles"][0]["picurl"] == "https://p/1.png"
    assert image["image"]["md5"] == hashlib.md5(picture).hexdigest()
    assert base64.b64decode(image["image"]["base64"]) == picture
    assert caption["text"]["content"] == "嫌疑人照片"


async def test_a_picture_over_2mb_becomes_a_link_to_it(
    channel: Any, app: web.Application, fake_api: FakeWeixinApi, aiohttp_client: Any
) -> None:
    sha = app[MEDIA].put(b"\xff" * (2 * 1024 * 1024 + 1))
    await channel.send(KEY, [Image(sha)])
    [news] = fake_api.sent(HOOK)
    url = news["news"]["articles"][0]["url"]
    assert url.startswith(f"https://station.example/media/{sha}?e=")
    # The signed link is served; the bare path is not.
    client = await aiohttp_client(app)
    assert (await client.get(url.removeprefix("https://station.example"))).status == 200
    assert (await client.get(f"/media/{sha}")).status == 404


async def test_a_picture_gone_from_the_store_is_a_line_not_a_dead_link(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """The picture was purged: the group reads a line where it stood (before, a card titled
    with the caption linked to a picture that is no longer served, and the caption came
    again after it)."""
    purged = "cd" * 32
    await channel.send(KEY, [Text("各位老板好"), Image(purged, caption="嫌疑人照片")])
    [text] = fake_api.sent(HOOK)
    assert text == {"msgtype": "text", "text": {"content": f"各位老板好\n\n{GONE}\n嫌疑人照片"}}


async def test_twenty_a_minute_per_robot(
    channel: Any, fake_api: FakeWeixinApi, clock: FakeClock
) -> None:
    for n in range(20):
        await channel.send(KEY, [Text(str(n))])
    with pytest.raises(DeliveryError) as capped:
        await channel.send(KEY, [Text("21")])
    assert 59 <= (capped.value.retry_after or 0) <= 60
    assert isinstance(capped.value, OverBudget)  # ours: the worker counts no attempt
    await channel.send("another-robot-key-0001", [Text("其他群不受影响")])
    clock.advance(seconds=60)
    await channel.send(KEY, [Text("21")])
    assert len(fake_api.sent(HOOK)) == 22


async def test_a_post_that_failed_before_any_went_out_gives_back_its_share(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """WeCom failed a ten-message alert twice: the 20 counted for messages the group never
    read held up its next alert for a minute."""
    cards = [Link(f"协查{n}", f"https://station.example/a/{n}") for n in range(10)]
    fake_api.misbehave_next(HOOK, "close", times=2)
    for _ in range(2):
        with pytest.raises(DeliveryError) as failed:
            await channel.send(KEY, cards)
        assert not isinstance(failed.value, OverBudget)
    await channel.send(KEY, [Text("今日警情")])
    assert len(fake_api.sent(HOOK)) == 1


async def test_platform_errors(channel: Any, fake_api: FakeWeixinApi) -> None:
    fake_api.fail_next(HOOK, 45009)
    with pytest.raises(DeliveryError) as limited:
        await channel.send(KEY, [Text("x")])
    assert limited.value.retry_after == 60
    fake_api.fail_next(HOOK, 93000)
    with pytest.raises(DeliveryError) as bad_key:
        await channel.send(KEY, [Text("x")])
    assert bad_key.value.permanent


async def test_not_a_key(channel: Any, fake_api: FakeWeixinApi) -> None:
    with pytest.raises(DeliveryError) as refused:
        await channel.send("../../cgi-bin/x?", [Text("x")])
    assert refused.value.permanent and fake_api.calls == []


@pytest.mark.parametrize("how", ["close", "garbage", "odd_errcode", "nested"])
async def test_a_post_the_platform_fumbles_is_retried_from_where_it_stopped(
    channel: Any, fake_api: FakeWeixinApi, how: Misbehaviour
) -> None:
    link = Link("今日警情", "https://station.example/a/1")
    fake_api.misbehave_next(HOOK, how, after=1)
    with pytest.raises(DeliveryError) as failed:
        await channel.send(KEY, [Text("各位老板好"), link, Text("请注意")])
    assert not failed.value.permanent and failed.value.retry_after is None
    assert failed.value.unsent == [link, Text("请注意")]
    assert len(fake_api.sent(HOOK)) == 1


async def test_a_picture_purged_while_its_post_is_being_sent_becomes_its_line(
    channel: Any, app: web.Application, fake_api: FakeWeixinApi
) -> None:
    """In the store when the post began, gone when its turn came: a line, not a card linking
    to a picture no longer served."""
    sha = app[MEDIA].put(b"\x89PNG purged mid-send")
    fake_api.on_accepted(HOOK, lambda: app[MEDIA].path(sha).unlink())
    link = Link("今日警情", "https://station.example/a/1")
    await channel.send(KEY, [Text("各位老板好"), link, Image(sha, caption="嫌疑人照片")])
    _text, _news, gone, caption = fake_api.sent(HOOK)
    assert gone == {"msgtype": "text", "text": {"content": GONE}}
    assert caption["text"]["content"] == "嫌疑人照片"


async def test_a_post_the_outbox_gives_up_on_mid_call_is_retried_from_where_it_stopped(
    channel: Any,
    app: web.Application,
    fake_api: FakeWeixinApi,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeCom has not answered the second post when the outbox worker's total timeout ends
    the send: the group reads each message once (before, the retry posted 各位老板好 again)."""
    deadline = SendDeadline(monkeypatch)
    services = app[SERVICES]
    link = Link("今日警情", "https://station.example/a/1")
    await queue(
        services, "wecom_robot", KEY, [Text("各位老板好"), link, Text("请注意")], key="alert-1"
    )
    fake_api.misbehave_next(HOOK, "stall", after=1)
    await deadline.when_stalled(fake_api.stalled, app[DELIVERY].run_once())
    [row] = await queued(services)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert len(fake_api.sent(HOOK)) == 1

    clock.advance(seconds=10)
    await app[DELIVERY].run_once()
    [row] = await queued(services)
    assert row.status is OutboxStatus.SENT
    text, news, last = fake_api.sent(HOOK)
    assert text["text"]["content"] == "各位老板好" and last["text"]["content"] == "请注意"
    assert news["news"]["articles"][0]["title"] == "今日警情"
