"""App messages to members and app group chats, WeCom's per-member cap, tokens, errors."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from sqlmodel import select

from bot.app import DELIVERY, MEDIA, SERVICES
from bot.channels.base import DeliveryError, OverBudget
from bot.channels.missing_pictures import GONE
from bot.messages import Button, Choices, Image, Link, Recall, Reply, Text
from storage.models import Account, OutboxStatus, UserMemo
from storage.outbox import enqueue, enqueue_to_account
from tests.bot.channels.wecom.support import SEND, sent_after, settled
from tests.fakes.wechat_api import FakeWeixinApi, Misbehaviour
from tests.fakes.wechat_server import WecomServer
from tests.support.clock import FakeClock
from tests.support.outbox import queue, queued
from tests.support.seed import Seeded
from tests.support.send_deadline import SendDeadline

APPCHAT = "/cgi-bin/appchat/send"


@pytest.fixture
def wecom_section(wecom_section: dict[str, Any]) -> dict[str, Any]:
    return wecom_section | {"reply_seconds": 0, "markdown": True}


async def test_slow_answer_is_sent_as_an_app_message(
    app: web.Application, wecom: WecomServer, fake_api: FakeWeixinApi
) -> None:
    answer = await wecom.send(wecom.text("你好"))
    assert answer.status == 200 and answer.raw == ""
    [payload] = await sent_after(app, fake_api, 0, 1)
    assert payload["touser"] == "owner" and payload["agentid"] == 1000002
    assert payload["text"]["content"].startswith("您好")  # the welcome a greeting gets


async def test_message_kinds(channel: Any, app: web.Application, fake_api: FakeWeixinApi) -> None:
    sha = app[MEDIA].put(b"picture bytes")
    choices = Choices("请确认：", (Button("确认", "确认"), Button("取消", "取消")))
    link = Link("比中提醒", "https://station.example/hits/1", "请尽快核查")
    await channel.send("officer", [Text("通报"), choices, link, Image(sha)])
    kinds = [p["msgtype"] for p in fake_api.sent(SEND)]
    assert kinds == ["text", "markdown", "textcard", "image"]
    markdown, card, image = fake_api.sent(SEND)[1:]
    assert "1. **确认**" in markdown["markdown"]["content"]
    assert card["textcard"]["url"] == "https://station.example/hits/1"
    assert image["image"]["media_id"] == "up-1" and fake_api.uploads == [b"picture bytes"]


async def test_a_picture_gone_from_the_store_leaves_the_rest_of_the_reply(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """The picture was purged: a line stands where it was and the options still come (before,
    the text went out and the send failed for good: no options, no word of the picture)."""
    purged = "ab" * 32
    sighting = Choices("见到此人请选择：", (Button("我见过此人", "/见过 1"),))
    await channel.send("officer", [Text("今日协查"), Image(purged), sighting])
    text, options = fake_api.sent(SEND)
    assert text["text"]["content"] == f"今日协查\n\n{GONE}"
    assert "1. **我见过此人**" in options["markdown"]["content"]
    assert fake_api.uploads == []


async def test_app_group_chat(channel: Any, fake_api: FakeWeixinApi) -> None:
    await channel.send("appchat:beat1-hotels", [Text("今日警情通报")])
    [payload] = fake_api.sent(APPCHAT)
    assert payload["chatid"] == "beat1-hotels" and "touser" not in payload


async def test_thirty_a_minute_per_member(
    channel: Any, fake_api: FakeWeixinApi, clock: FakeClock
) -> None:
    for n in range(30):
        await channel.send("officer", [Text(f"第{n}条")])
        clock.advance(seconds=1)
    with pytest.raises(DeliveryError) as capped:
        await channel.send("officer", [Text("第31条")])
    assert capped.value.retry_after == pytest.approx(30, abs=1)  # when the first leaves
    assert isinstance(capped.value, OverBudget)  # ours: the worker counts no attempt
    await channel.send("someone-else", [Text("别人不受影响")])
    clock.advance(seconds=31)
    await channel.send("officer", [Text("第31条")])
    assert len(fake_api.sent(SEND)) == 32


async def test_a_reply_that_does_not_fit_waits_whole(channel: Any, clock: FakeClock) -> None:
    """Several messages go out together or not at all, so a retry repeats nothing."""
    for _ in range(29):
        await channel.send("officer", [Text("x")])
    link = Link("t", "https://u")
    with pytest.raises(DeliveryError):
        await channel.send("officer", [Text("a"), link])
    await channel.send("officer", [Text("最后一条")])


async def test_a_send_that_failed_before_any_went_out_gives_back_its_share(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """WeCom failed a ten-message alert three times: 30 sends were counted that never went
    out, and the officer's next message waited a minute behind them."""
    cards = [Link(f"协查{n}", f"https://station.example/hits/{n}") for n in range(10)]
    fake_api.misbehave_next(SEND, "close", times=3)
    for _ in range(3):
        with pytest.raises(DeliveryError) as failed:
            await channel.send("officer", cards)
        assert not isinstance(failed.value, OverBudget)
    await channel.send("officer", [Text("比中提醒")])
    assert [p["msgtype"] for p in fake_api.sent(SEND)] == ["text"]


async def test_a_send_the_outbox_gave_up_on_before_any_went_out_gives_back_its_share(
    channel: Any, app: web.Application, fake_api: FakeWeixinApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeCom never answered the first of ten messages and the outbox worker's timeout ended
    the send: the ten stayed counted, and twenty-one more had to wait for the minute."""
    deadline = SendDeadline(monkeypatch)
    cards: list[Reply] = [Link(f"协查{n}", f"https://station.example/hits/{n}") for n in range(10)]
    await queue(app[SERVICES], "wecom", "officer", cards, key="hits")
    fake_api.misbehave_next(SEND, "stall")
    await deadline.when_stalled(fake_api.stalled, app[DELIVERY].run_once())
    assert fake_api.sent(SEND) == []
    await channel.send("officer", [*cards, *cards, Text("以上为今日协查")])
    assert len(fake_api.sent(SEND)) == 21


async def test_a_send_that_failed_part_way_keeps_its_share(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """Once a message went out, the share stays taken: the cap errs towards WeCom's."""
    cards = [Link(f"协查{n}", f"https://station.example/hits/{n}") for n in range(15)]
    fake_api.misbehave_next(SEND, "close", after=1)
    with pytest.raises(DeliveryError):
        await channel.send("officer", cards)
    await channel.send("officer", cards)
    with pytest.raises(OverBudget):
        await channel.send("officer", [Text("第31条")])


async def test_departed_member_is_permanent(channel: Any, fake_api: FakeWeixinApi) -> None:
    """WeCom says "ok" but lists the member as invalid: retrying cannot help."""
    fake_api.departed.add("left-the-corp")
    with pytest.raises(DeliveryError) as failed:
        await channel.send("left-the-corp", [Text("通报")])
    assert failed.value.permanent


async def test_expired_token_is_replaced_once(channel: Any, fake_api: FakeWeixinApi) -> None:
    await channel.send("officer", [Text("一")])
    fake_api.expire_tokens()
    await channel.send("officer", [Text("二")])
    assert fake_api.tokens_issued == 2
    assert [p["text"]["content"] for p in fake_api.sent(SEND)] == ["一", "二"]


async def test_platform_rate_limit(channel: Any, fake_api: FakeWeixinApi) -> None:
    fake_api.fail_next(SEND, 45009)
    with pytest.raises(DeliveryError) as limited:
        await channel.send("officer", [Text("通报")])
    assert limited.value.retry_after == 60


async def test_sent_messages_are_named_and_can_be_recalled(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    refs = await channel.send("officer", [Text("卡片一")])
    refs += await channel.send("officer", [Text("卡片二")])
    assert len(refs) == 2 and set(refs) <= fake_api.msgids
    fake_api.too_old.add(refs[1])
    # One recalled, one refused as too old: the follow-up still goes out.
    follow = await channel.send("officer", [Recall(tuple(refs)), Text("【已抓获】请删除该卡片。")])
    assert [p["msgid"] for p in fake_api.sent("/cgi-bin/message/recall")] == [refs[0]]
    assert len(follow) == 1 and "已抓获" in fake_api.sent(SEND)[-1]["text"]["content"]


async def test_a_number_typed_after_pushed_options_means_one_of_them(
    app: web.Application, wecom: WecomServer, seeded_wecom: Seeded, fake_api: FakeWeixinApi
) -> None:
    """Pushed options are numbered lines in WeCom too: a member's 「1」 means the first.
    Options pushed to an app group chat are nobody's own list: no member's number changes."""
    services = app[SERVICES]
    buttons = (Button("我的身份", "/我"), Button("查看帮助", "帮助"))
    async with services.sessions() as session:
        account = (
            await session.exec(
                select(Account).where(
                    Account.channel == "wecom", Account.channel_user_id == "owner"
                )
            )
        ).one()
        pushed = Choices("【测试派出所】今晚有暴雨，请关好门窗。", buttons)
        now = services.clock()
        enqueue_to_account(session, account, message_key="push-1", replies=[pushed], now=now)
        enqueue(
            session,
            dedupe_key="push-2",
            channel="wecom",
            chat_id="appchat:venues",
            replies=[pushed],
            now=now,
        )
        await session.commit()
    await app[DELIVERY].run_once()
    assert "1. **我的身份**" in fake_api.sent(SEND)[-1]["markdown"]["content"]
    assert fake_api.sent(APPCHAT)
    async with services.sessions() as session:
        memos = (await session.exec(select(UserMemo))).all()
    # The member's own buttons (on screen, and among the earlier sets): none for the group.
    assert {m.user_key for m in memos} == {"wecom|owner|owner"}
    before = len(fake_api.sent(SEND))
    await wecom.send(wecom.text("1"))
    [answer] = await sent_after(app, fake_api, before, 1)
    assert "您的身份：场所负责人" in answer["text"]["content"]


async def test_a_refused_secret_is_explained_retried_and_logged_once(
    channel: Any, fake_api: FakeWeixinApi, caplog: pytest.LogCaptureFixture
) -> None:
    """IT pasted the Secret of another app (or mistyped it): the outbox row says which key to
    fix, keeps trying until it is fixed, and the log says so once, not once per alert."""
    fake_api.corp_secret = "the-real-secret"
    with caplog.at_level("ERROR", logger="bot.channels.weixin.client"):
        for _ in range(3):
            with pytest.raises(DeliveryError) as refused:
                await channel.send("officer", [Text("通报")])
            assert not refused.value.permanent
    said = str(refused.value)
    assert said.startswith("no access token: errcode 40001")
    assert "[wecom] secret is not the app's Secret" in said
    assert [r.getMessage() for r in caplog.records] == [f"wecom: {said}"]


async def test_ip_not_on_the_allow_list_is_explained(channel: Any, fake_api: FakeWeixinApi) -> None:
    fake_api.fail_next("/cgi-bin/gettoken", 60020)
    with pytest.raises(DeliveryError) as refused:
        await channel.send("officer", [Text("通报")])
    assert "not among the app's 企业可信IP" in str(refused.value)
    assert not refused.value.permanent


async def test_an_officers_draft_in_markdown_shows_the_text_as_written(
    app: web.Application, wecom: WecomServer, seeded_wecom: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The draft's question quotes the alert; `<`, `&`, `*`, `_` in it must not become
    markup (a link, a mention, bold) in the officer's WeCom."""
    wecom.user = "officer"
    text = "今晚有<b>&*_诈骗</b>团伙 [点此](http://evil.example) <@all>"
    # 全所: beyond the officer's beat, the draft asks a second 确认发送.
    for said in ("/通报", text, "现在发送", "跳过", "防诈", "紧急", "全所", "确认"):
        before = len(fake_api.sent(SEND))
        await wecom.send(wecom.text(said))
        await settled(app)  # the whole answer, not its first message: the draft is last
        assert len(fake_api.sent(SEND)) > before, said
    draft = fake_api.sent(SEND)[-1]["markdown"]["content"]
    assert "通报#1（草稿）" in draft and "1. **确认发送（2）**" in draft
    body = draft.split("<font")[0]  # our own hint is the one tag
    assert not any(mark in body.replace("**", "") for mark in "*[]<_&")
    assert "今晚有＜b>＆＊＿诈骗" in body and "http://evil.example" in body


@pytest.mark.parametrize("how", ["close", "garbage", "odd_errcode", "nested"])
async def test_a_send_the_platform_fumbles_is_retried_from_where_it_stopped(
    channel: Any, fake_api: FakeWeixinApi, how: Misbehaviour
) -> None:
    """A dropped connection or a garbled answer at the second message: worth a retry, of the
    messages not sent yet (before, a garbled `errcode` or a too-deep JSON answer escaped as
    ValueError/RecursionError, and the retry sent the first message again)."""
    link = Link("比中提醒", "https://station.example/hits/1")
    fake_api.misbehave_next(SEND, how, after=1)
    with pytest.raises(DeliveryError) as failed:
        await channel.send("officer", [Text("通报"), link, Text("请核查")])
    assert not failed.value.permanent and failed.value.retry_after is None
    assert failed.value.unsent == [link, Text("请核查")]
    assert [p["msgtype"] for p in fake_api.sent(SEND)] == ["text"]


async def test_a_picture_purged_while_its_reply_is_being_sent_becomes_its_line(
    channel: Any, app: web.Application, fake_api: FakeWeixinApi
) -> None:
    """In the store when the send began, gone when its turn came: a line for it, and the
    options after it still come (before, the send failed for good after the text)."""
    sha = app[MEDIA].put(b"picture purged mid-send")
    fake_api.on_accepted(SEND, lambda: app[MEDIA].path(sha).unlink())
    sighting = Choices("见到此人请选择：", (Button("我见过此人", "/见过 1"),))
    await channel.send("officer", [Text("今日协查"), Image(sha), sighting])
    _text, gone, options = fake_api.sent(SEND)
    assert gone["text"]["content"] == GONE
    assert "1. **我见过此人**" in options["markdown"]["content"]
    assert fake_api.uploads == []


async def test_a_send_the_outbox_gives_up_on_mid_call_is_retried_from_where_it_stopped(
    channel: Any,
    app: web.Application,
    fake_api: FakeWeixinApi,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeCom has not answered the second message when the outbox worker's total timeout ends
    the send: the retry sends the second and third, not the first again (before, the
    officer read 通报 twice)."""
    deadline = SendDeadline(monkeypatch)
    services = app[SERVICES]
    link = Link("比中提醒", "https://station.example/hits/1")
    await queue(services, "wecom", "officer", [Text("通报"), link, Text("请核查")], key="hit-1")
    fake_api.misbehave_next(SEND, "stall", after=1)
    await deadline.when_stalled(fake_api.stalled, app[DELIVERY].run_once())
    [row] = await queued(services)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert [p["msgtype"] for p in fake_api.sent(SEND)] == ["text"]

    clock.advance(seconds=10)
    await app[DELIVERY].run_once()
    [row] = await queued(services)
    assert row.status is OutboxStatus.SENT
    first, card, last = fake_api.sent(SEND)
    assert first["text"]["content"] == "通报" and card["textcard"]["title"] == "比中提醒"
    assert last["text"]["content"] == "请核查"
