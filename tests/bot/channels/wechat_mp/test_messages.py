"""Message and event types, photos through the media API, and retries of the same message."""

from __future__ import annotations

import io
from typing import Any

import pytest
from aiohttp import web
from PIL import Image as PILImage
from sqlmodel import col, select

from bot.app import MEDIA, SERVICES
from bot.dispatch import SORRY
from storage.models import Account, AlertSubscription, Role, SendAllowance
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import MpServer
from tests.support.clock import FakeClock
from tests.support.seed import Seeded, invite


def png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


async def test_photo_is_downloaded_checked_and_stored(
    mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi, app: web.Application
) -> None:
    fake_api.media["m-1"] = png()
    answer = await mp.send(mp.image("m-1"))
    assert "已收到图片" in answer.text
    [download] = [c for c in fake_api.calls if c.path == "/cgi-bin/media/get"]
    assert download.query["media_id"] == "m-1"
    stored = [p for p in app[MEDIA].root.rglob("*") if p.is_file()]
    assert len(stored) == 1  # a bare JPEG of it, never the file as sent
    with PILImage.open(stored[0]) as image:
        assert image.format == "JPEG" and image.size == (8, 8)


async def test_a_file_that_is_not_an_image_gets_the_reason(
    mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    fake_api.media["m-2"] = b"GIF89a but not really"
    answer = await mp.send(mp.image("m-2"))
    assert "无法识别该图片" in answer.text


async def test_a_photo_the_platform_cannot_find(mp: MpServer, seeded_mp: Seeded) -> None:
    answer = await mp.send(mp.image("gone"))
    assert "图片接收失败" in answer.text


async def test_location(mp: MpServer, seeded_mp: Seeded) -> None:
    answer = await mp.send(mp.location(39.9, 116.4, "和平路1号"))
    assert "已收到位置" in answer.text


async def test_following_the_account_shows_the_welcome(mp: MpServer) -> None:
    mp.user = "new-follower"
    answer = await mp.send(mp.event("subscribe"))
    assert "您好，这里是" in answer.text


async def test_unfollowing_needs_no_answer(mp: MpServer) -> None:
    answer = await mp.send(mp.event("unsubscribe"))
    assert answer.status == 200 and answer.raw == "success"


async def _subscriptions(app: web.Application, user: str) -> list[AlertSubscription]:
    async with app[SERVICES].sessions() as session:
        found = await session.exec(
            select(AlertSubscription)
            .join(Account, col(Account.id) == col(AlertSubscription.account_id))
            .where(Account.channel == "wechat_mp", Account.channel_user_id == user)
        )
        return list(found.all())


async def test_unfollowing_ends_the_alert_subscription(
    mp: MpServer, seeded_mp: Seeded, app: web.Application, clock: FakeClock
) -> None:
    """WeChat delivers nothing to an unfollower: alerts had still been queued to them and
    counted in an officer's 订阅群众 N 人, and following again left them subscribed."""
    mp.user = "resident-1"
    assert "已订阅「一号警务区」" in await mp.say("/订阅 一号警务区")
    assert len(await _subscriptions(app, "resident-1")) == 1
    clock.advance(minutes=1)
    answer = await mp.send(mp.event("unsubscribe"))
    assert answer.status == 200 and answer.raw == "success"
    assert await _subscriptions(app, "resident-1") == []
    clock.advance(days=1)
    assert "您好" in (await mp.send(mp.event("subscribe"))).text
    assert "您没有订阅警情提示" in await mp.say("/退订")


async def test_scanning_an_invite_code_to_follow_binds(
    mp: MpServer, seeded_mp: Seeded, app: web.Application, clock: FakeClock
) -> None:
    """A QR code with an invite code as its scene: scanning it to follow (EventKey
    qrscene_CODE) binds, as Telegram's /start CODE; so does a follower's SCAN."""
    services = app[SERVICES]
    codes = [await invite(services, Role.OFFICER, beat_id=seeded_mp.beat.id) for _ in range(2)]
    mp.user = "new-officer"
    answer = await mp.send(mp.event("subscribe", key=f"qrscene_{codes[0]}"))
    assert "绑定成功" in answer.text and "一号警务区" in answer.text
    mp.user = "follower"
    assert "您好" in (await mp.send(mp.event("subscribe"))).text
    clock.advance(minutes=1)
    answer = await mp.send(mp.event("SCAN", key=codes[1]))
    assert "绑定成功" in answer.text


async def test_voice_without_recognition_asks_for_text(mp: MpServer) -> None:
    xml = mp.text("x").replace("<MsgType><![CDATA[text]]></MsgType>", "<MsgType>voice</MsgType>")
    answer = await mp.send(xml)
    assert answer.text == "暂时听不了语音，请打字发送。"


async def test_menu_click_acts_like_its_key(mp: MpServer, seeded_mp: Seeded) -> None:
    answer = await mp.send(mp.event("CLICK", key="帮助"))
    assert "/登记" in answer.text


async def test_unsupported_type(mp: MpServer) -> None:
    xml = mp.text("x").replace("<MsgType><![CDATA[text]]></MsgType>", "<MsgType>video</MsgType>")
    answer = await mp.send(xml)
    assert "暂不支持" in answer.text


async def test_platform_retry_is_answered_but_not_handled_again(
    mp: MpServer, seeded_mp: Seeded
) -> None:
    """WeChat retries a message it got no answer for: same MsgId, new signature."""
    start = mp.text("登记")
    assert "请输入旅客姓名" in (await mp.send(start)).text
    retry = await mp.send(start)
    assert retry.status == 200 and retry.raw == "success"
    # Had the retry been handled, it would have been taken as the guest's name.
    assert "证件类型" in await mp.say("王小明")


async def test_event_retry_is_recognised_by_sender_and_time(mp: MpServer) -> None:
    follow = mp.event("subscribe")
    assert "您好" in (await mp.send(follow)).text
    assert (await mp.send(follow)).raw == "success"


async def test_a_retry_replayed_is_refused(mp: MpServer, seeded_mp: Seeded) -> None:
    """The retry is turned away inside the message's transaction; its request key is still
    kept, so the retry's own signed request cannot be replayed either."""
    start = mp.text("登记")
    assert "请输入旅客姓名" in (await mp.send(start)).text
    query, body = mp.query_and_body(start)
    retry = await mp.client.post("/wechat/mp", params=query, data=body)
    assert await retry.text() == "success"
    assert (await mp.client.post("/wechat/mp", params=query, data=body)).status == 409


async def test_a_message_that_failed_is_still_taken(
    mp: MpServer, seeded_mp: Seeded, app: web.Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim commits with the message. When the message fails, its transaction (claim
    included) is rolled back and the claim is made again on its own: the user has had the
    apology, and neither WeChat's retry nor a replay runs the message a second time."""
    runs = 0

    async def broken(*_args: Any) -> None:
        nonlocal runs
        runs += 1
        raise RuntimeError("a bug after the handler")

    monkeypatch.setattr("bot.choice_memory.remember", broken)
    message = mp.text("/报案")  # a menu: its buttons are remembered
    query, body = mp.query_and_body(message)
    first = await mp.client.post("/wechat/mp", params=query, data=body)
    assert mp.open_reply(await first.text())["Content"] == SORRY
    assert (await mp.send(message)).raw == "success"  # WeChat's retry
    assert (await mp.client.post("/wechat/mp", params=query, data=body)).status == 409
    assert runs == 1
    async with app[SERVICES].sessions() as session:  # the user's message opened the window
        window = await session.get(SendAllowance, "wechat_mp:window:owner")
    assert window is not None and window.opened_at is not None


async def test_scanning_a_poster_or_a_used_code_to_follow_still_welcomes(
    mp: MpServer, seeded_mp: Seeded, app: web.Application, clock: FakeClock
) -> None:
    """Any QR code's scene had been read as an invite code: following by a station poster's
    code (qrscene_123) got 「邀请码不正确…」 and no welcome, a used invite got 「该邀请码已被
    使用…」 alone, and a follower scanning a poster got 「邀请码不正确…」."""
    services = app[SERVICES]
    code = await invite(services, Role.OFFICER, beat_id=seeded_mp.beat.id)
    mp.user = "new-officer"
    assert "绑定成功" in (await mp.send(mp.event("subscribe", key=f"qrscene_{code}"))).text
    mp.user = "poster-reader"
    answer = await mp.send(mp.event("subscribe", key="qrscene_123"))
    assert "您好，这里是" in answer.text and "邀请码" not in answer.text
    clock.advance(minutes=1)
    answer = await mp.send(mp.event("SCAN", key="123"))
    assert "邀请码" not in answer.text
    mp.user = "late-follower"
    answer = await mp.send(mp.event("subscribe", key=f"qrscene_{code}"))
    assert "已被使用" in answer.text and "您好，这里是" in answer.text
