"""Outbox delivery through `send`: Telegram's refusals become retry-later or give-up."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from aiohttp import web
from sqlmodel import select

from bot.app import DELIVERY, SERVICES
from bot.channels.base import DeliveryError, OverBudget
from bot.messages import Button, Choices, Inbound, Link, Recall, Reply, Text
from storage.models import OutboxMessage, OutboxStatus
from tests.bot.channels.telegram.support import OFFICER, RESIDENT, Telegram
from tests.support.clock import FakeClock
from tests.support.outbox import queue
from tests.support.send_deadline import SendDeadline

GROUP = -1001234567890


async def _queue(app: web.Application, chat_id: int, key: str = "alert-1") -> None:
    services = app[SERVICES]
    await queue(
        services, "telegram", str(chat_id), [Text("今日警情通报：注意防范电信诈骗。")], key=key
    )


async def _row(app: web.Application) -> OutboxMessage:
    async with app[SERVICES].sessions() as session:
        return (await session.exec(select(OutboxMessage))).one()


async def test_flood_control_429_is_retried_after_what_telegram_said(
    tg: Telegram, app: web.Application, clock: FakeClock
) -> None:
    await _queue(app, OFFICER.id)
    tg.api.flood(retry_after=7)
    await app[DELIVERY].run_once()
    row = await _row(app)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at == clock.now + timedelta(seconds=7)
    assert "retry in 7s" in row.last_error
    clock.advance(seconds=7)
    await app[DELIVERY].run_once()
    row = await _row(app)
    assert row.status is OutboxStatus.SENT
    assert tg.api.texts_to(OFFICER.id) == ["今日警情通报：注意防范电信诈骗。"]
    # Two attempts reached Telegram; the first was the refused one.
    assert len(tg.api.called("sendMessage")) == 2


async def test_blocked_user_and_unknown_chat_are_given_up(
    tg: Telegram, app: web.Application
) -> None:
    tg.api.blocked.add(RESIDENT.id)
    with pytest.raises(DeliveryError) as blocked:
        await tg.channel.send(str(RESIDENT.id), [Text("你好")])
    assert blocked.value.permanent and "blocked" in str(blocked.value)
    tg.api.missing_chats.add(-42)
    with pytest.raises(DeliveryError) as missing:
        await tg.channel.send("-42", [Text("你好")])
    assert missing.value.permanent and "Chat not found" in str(missing.value)
    with pytest.raises(DeliveryError) as nonsense:
        await tg.channel.send("web-user-1", [Text("你好")])
    assert nonsense.value.permanent


async def test_blocked_user_row_fails_at_once(tg: Telegram, app: web.Application) -> None:
    await _queue(app, RESIDENT.id)
    tg.api.blocked.add(RESIDENT.id)
    await app[DELIVERY].run_once()
    row = await _row(app)
    assert row.status is OutboxStatus.FAILED and row.attempts == 1


async def test_network_failure_is_retried(tg: Telegram) -> None:
    assert tg.api.server is not None
    await tg.api.server.close()  # Telegram unreachable: connection refused
    with pytest.raises(DeliveryError) as failure:
        await tg.channel.send(str(OFFICER.id), [Text("你好")])
    assert not failure.value.permanent and failure.value.retry_after is None
    assert "NetworkError" in str(failure.value)


async def test_private_chat_budget_is_one_message_a_second(tg: Telegram, clock: FakeClock) -> None:
    await tg.channel.send(str(OFFICER.id), [Text("第一条")])
    with pytest.raises(DeliveryError) as over:
        await tg.channel.send(str(OFFICER.id), [Text("第二条")])
    assert over.value.retry_after == pytest.approx(1.0) and not over.value.permanent
    await tg.channel.send(str(RESIDENT.id), [Text("别的聊天不受影响")])
    clock.advance(seconds=1)
    await tg.channel.send(str(OFFICER.id), [Text("第二条")])
    assert tg.api.texts_to(OFFICER.id) == ["第一条", "第二条"]


async def test_group_budget_is_twenty_a_minute(tg: Telegram, clock: FakeClock) -> None:
    for n in range(20):
        await tg.channel.send(str(GROUP), [Text(f"通报{n}")])
        clock.advance(seconds=1)
    with pytest.raises(DeliveryError) as over:
        await tg.channel.send(str(GROUP), [Text("第21条")])
    assert over.value.retry_after == pytest.approx(40.0)
    clock.advance(seconds=40)
    await tg.channel.send(str(GROUP), [Text("第21条")])
    assert len(tg.api.sent_to(GROUP)) == 21


async def test_429_holds_the_chat_until_retry_after(tg: Telegram, clock: FakeClock) -> None:
    tg.api.flood(retry_after=30, chat_id=GROUP)
    with pytest.raises(DeliveryError):
        await tg.channel.send(str(GROUP), [Text("一")])
    with pytest.raises(DeliveryError) as held:
        await tg.channel.send(str(GROUP), [Text("一")])
    assert held.value.retry_after == pytest.approx(30.0)
    assert len(tg.api.called("sendMessage")) == 1  # the hold never reached Telegram
    clock.advance(seconds=30)
    await tg.channel.send(str(GROUP), [Text("一")])


async def test_replies_are_merged_into_few_messages(tg: Telegram) -> None:
    replies: list[Reply] = [
        Text("通报一"),
        Link("反诈宣传", "https://example.org/fanzha", "点击查看"),
        Choices("是否已阅？", (Button("已阅", "/已阅 7"),)),
    ]
    await tg.channel.send(str(OFFICER.id), replies)
    [call] = tg.api.sent_to(OFFICER.id)
    assert call.text == "通报一\n\n反诈宣传\n点击查看\nhttps://example.org/fanzha\n\n是否已阅？"
    assert call.buttons == [{"text": "已阅", "callback_data": "v:/已阅 7"}]


async def test_reply_that_telegram_refuses_now_goes_to_the_outbox(
    tg: Telegram, app: web.Application, clock: FakeClock
) -> None:
    tg.api.flood(retry_after=3, chat_id=RESIDENT.id)
    await tg.deliver(tg.updates.text(RESIDENT, "/help"))
    row = await _row(app)
    assert row.chat_id == str(RESIDENT.id) and row.status is OutboxStatus.PENDING
    clock.advance(seconds=3)
    await app[DELIVERY].run_once()
    assert "警民通" in tg.api.texts_to(RESIDENT.id)[0]
    assert (await _row(app)).status is OutboxStatus.SENT


#: A text Telegram takes in two messages (over 4096 characters), and the two.
FIRST_PART = "\n".join(f"第{n}条【旅馆】应当登记" + "字" * 60 for n in range(55))
SECOND_PART = "【相关法条】" + "续" * 150
TWO_PARTS = FIRST_PART + "\n" + SECOND_PART


async def test_a_long_reply_refused_half_way_queues_only_what_is_missing(
    tg: Telegram, app: web.Application, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer too long for one message goes out in two; Telegram takes the first and
    refuses the second. The outbox sends the second only: the chat has the first already."""

    async def long_answer(inbound: Inbound, admit: object = None) -> list[Reply]:
        return [Text(TWO_PARTS)]

    monkeypatch.setattr(tg.channel, "_dispatch", long_answer)
    tg.api.flood(retry_after=3, chat_id=RESIDENT.id, after=1)
    await tg.deliver(tg.updates.text(RESIDENT, "咨询 旅馆不登记会怎样"))
    assert tg.api.texts_to(RESIDENT.id) == [FIRST_PART]
    clock.advance(seconds=3)
    await app[DELIVERY].run_once()
    assert tg.api.texts_to(RESIDENT.id) == [FIRST_PART, SECOND_PART]
    assert (await _row(app)).status is OutboxStatus.SENT


async def test_an_outbox_row_refused_half_way_sends_only_the_rest_later(
    tg: Telegram, app: web.Application, clock: FakeClock
) -> None:
    """Two messages from one outbox row, the second refused with 429: the retry had sent
    the first again."""
    await queue(app[SERVICES], "telegram", str(OFFICER.id), [Text(TWO_PARTS)], key="long-1")
    tg.api.flood(retry_after=3, chat_id=OFFICER.id, after=1)
    await app[DELIVERY].run_once()
    assert tg.api.texts_to(OFFICER.id) == [FIRST_PART]
    clock.advance(seconds=3)
    await app[DELIVERY].run_once()
    assert tg.api.texts_to(OFFICER.id) == [FIRST_PART, SECOND_PART]
    assert (await _row(app)).status is OutboxStatus.SENT


async def test_an_outbox_row_the_worker_gives_up_on_mid_call_sends_only_the_rest_later(
    tg: Telegram, app: web.Application, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram has not answered the second message when the outbox worker's total timeout
    ends the send: the retry sends the second only (before, the officer read the first
    twice)."""
    deadline = SendDeadline(monkeypatch)
    await queue(app[SERVICES], "telegram", str(OFFICER.id), [Text(TWO_PARTS)], key="long-1")
    tg.api.stall(after=1)
    await deadline.when_stalled(tg.api.stalled, app[DELIVERY].run_once())
    row = await _row(app)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert tg.api.texts_to(OFFICER.id) == [FIRST_PART]
    clock.advance(seconds=10)
    await app[DELIVERY].run_once()
    assert tg.api.texts_to(OFFICER.id) == [FIRST_PART, SECOND_PART]
    assert (await _row(app)).status is OutboxStatus.SENT


async def test_delivered_messages_are_remembered_and_a_recall_deletes_them(
    tg: Telegram, app: web.Application, clock: FakeClock
) -> None:
    await _queue(app, OFFICER.id, key="card-1")
    await app[DELIVERY].run_once()
    row = await _row(app)
    [message_id] = [int(ref) for ref in json.loads(row.sent_refs)]
    assert tg.api.messages[-1]["message_id"] == message_id
    tg.api.too_old.add(message_id + 100)  # one Telegram refuses (older than 48 hours)
    follow_up = [Recall((str(message_id), str(message_id + 100))), Text("【已抓获】请删除该卡片。")]
    try:
        refs = await tg.channel.send(str(OFFICER.id), follow_up)
    except OverBudget as exc:  # the chat's one message a second: as the outbox would, wait
        clock.advance(seconds=(exc.retry_after or 1.0) + 0.05)
        refs = await tg.channel.send(str(OFFICER.id), follow_up)
    assert tg.api.deleted == [message_id]
    assert tg.api.texts_to(OFFICER.id)[-1] == "【已抓获】请删除该卡片。" and len(refs) == 1
