"""`/催读 N` in the first minutes after release: how far the alert has got, not a reminder."""

from __future__ import annotations

import re

from bot.context import Services
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, outbox, worker
from tests.support.chat import Chat
from tests.support.clock import FakeClock

TEXT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"


async def _sent(officer: Chat, severity: str) -> int:
    reply = await compose(
        officer, TEXT, "现在发送", "跳过", "防诈", severity, "本警务区全部", "确认"
    )
    found = re.search(r"通报#(\d+)（发送中）", reply)
    assert found, reply
    return int(found.group(1))


async def _reminders(services: Services) -> int:
    return sum(":nudge" in r.dedupe_key for r in await outbox(services))


async def test_a_reminder_right_after_release_says_who_has_it_and_when_to_remind(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """Tapped two minutes after release, 催读 sent the whole alert again to every owner
    who had not yet had time to open it."""
    number = await _sent(officer_chat, "紧急")
    # The robot group's platform does not answer yet: still being sent.
    await worker(
        services, RecordingChannel(), RecordingChannel("wecom_robot", down=True)
    ).run_once()
    clock.advance(minutes=2)
    answer = await officer_chat.say(f"/催读 {number}")
    assert answer.startswith(f"通报#{number}刚发出2分钟，已送达 4 个，1 个还在发送中（尚未收到），")
    assert "4 个已收到、尚未确认" in answer
    # The clock starts at 11-23 10:00 station time.
    assert "请在 今天 10:10 之后再催读（系统也会在 今天 12:00 自动提醒" in answer, answer
    assert officer_chat.buttons() == [f"/通报状态 {number}"]
    assert await _reminders(services) == 0

    clock.advance(minutes=8)
    assert "已向 4 个未确认的对象再次发送" in await officer_chat.say(f"/催读 {number}")
    assert await _reminders(services) == 4


async def test_a_routine_alert_is_not_promised_an_automatic_reminder(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    number = await _sent(officer_chat, "一般")
    answer = await officer_chat.say(f"/催读 {number}")
    assert "刚发出不到1分钟，5 个还在发送中（尚未收到）。" in answer, answer
    assert "之后再催读；急事请直接电话联系" in answer and "自动提醒" not in answer


async def test_the_status_offers_the_reminder_only_once_it_would_remind(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """The status of an alert a minute old offered 催读未确认, whose tap only said it was
    too early; so did it right after a reminder."""
    number = await _sent(officer_chat, "重要")
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    clock.advance(minutes=1)
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "今天 10:10 之后可催读未确认的对象。" in status, status
    assert f"/催读 {number}" not in officer_chat.buttons()
    whole = await officer_chat.say(f"/通报状态 {number} 未确认")
    assert whole.endswith("今天 10:10 之后可催读。") and officer_chat.buttons() == []

    clock.advance(minutes=9)
    assert "之后可催读" not in await officer_chat.say(f"/通报状态 {number}")
    assert f"/催读 {number}" in officer_chat.buttons()
    assert "再次发送" in await officer_chat.say(f"/催读 {number}")
    # Reminded at 10:10: the next one may go at 10:40.
    assert "今天 10:40 之后可催读未确认的对象。" in await officer_chat.say(f"/通报状态 {number}")
    assert f"/催读 {number}" not in officer_chat.buttons()
