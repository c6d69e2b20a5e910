"""An alert scheduled for later, moved to another time or cancelled before it goes out
(`handlers.broadcast.reschedule`)."""

from __future__ import annotations

import re

from bot.context import Services
from scheduler.jobs.broadcasts import release_broadcasts
from storage.models import Broadcast, BroadcastStatus
from tests.handlers.broadcast.conftest import Area, compose, outbox
from tests.support.chat import Chat
from tests.support.clock import FakeClock

TEXT = "注意防盗\n近期夜间入室盗窃多发，请锁好门窗，发现可疑人员及时报警。"


async def _scheduled(officer: Chat) -> int:
    """An alert for the hotels, scheduled at 20:00 today (it is 10:00)."""
    reply = await compose(officer, TEXT, "今天晚上8点", "跳过", "治安", "一般", "旅馆", "确认")
    assert "将于 今天 20:00 发送" in reply
    return int(re.search(r"通报#(\d+)", reply).group(1))  # type: ignore[union-attr]


async def test_a_scheduled_alert_moved_later_goes_out_at_the_new_time(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """/通报 3 改到 明天8点 had started a new alert reading 「3 改到 明天8点」: the alert
    goes out at the new time, not at the old."""
    number = await _scheduled(officer_chat)
    moved = await officer_chat.say(f"/通报 {number} 改到 明天8点")
    assert moved.startswith(f"⏰ 通报#{number}已改为 明天 08:00 发送（原定 今天 20:00）"), moved
    assert "定时：明天 08:00 发送" in await officer_chat.say(f"/通报状态 {number}")
    clock.advance(hours=10)  # 20:00, the old time
    assert await release_broadcasts(services) == 0 and await outbox(services) == []
    clock.advance(hours=12)  # 08:00 the next day
    assert await release_broadcasts(services) == 1
    assert len(await outbox(services)) == 4


async def test_the_button_on_the_scheduled_alert_asks_for_the_new_time(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """The scheduled alert offers 改时间 and 取消发送; 改时间 says how to give the time, and
    an earlier one is taken too."""
    number = await _scheduled(officer_chat)
    assert officer_chat.buttons() == [
        f"/通报状态 {number}",
        f"/通报 {number} 改到",
        f"/撤回 {number}",
    ]
    asked = await officer_chat.say(f"/通报 {number} 改到")
    assert f"通报#{number}定于 今天 20:00 发送。要改到什么时候？直接回复时间即可" in asked
    assert f"「/通报 {number} 改到 明天8点」" in asked
    assert officer_chat.buttons() == [f"/撤回 {number}"]
    # The time alone, typed next, is the answer (it had got 没有理解).
    assert "已改为 今天 15:00 发送" in await officer_chat.say("下午3点")
    assert "已改为" not in await officer_chat.say("下午4点")  # asked once, answered once
    clock.advance(hours=5)
    assert await release_broadcasts(services) == 1


async def test_a_scheduled_alert_cancelled_never_goes_out(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _scheduled(officer_chat)
    said = await officer_chat.say(f"/通报 {number} 取消")
    assert said == f"通报#{number}已取消，不会发送。", said
    clock.advance(hours=11)
    assert await release_broadcasts(services) == 0 and await outbox(services) == []
    async with services.sessions() as session:
        alert = await session.get(Broadcast, number)
        assert alert is not None and alert.status is BroadcastStatus.CANCELLED


async def test_a_time_already_past_or_an_alert_already_sent_is_refused(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _scheduled(officer_chat)
    past = await officer_chat.say(f"/通报 {number} 改到 今天上午8点")
    assert "08:00 已经过去了" in past and "原定 今天 20:00 发送，未改动" in past, past
    clock.advance(hours=10)
    await release_broadcasts(services)
    late = await officer_chat.say(f"/通报 {number} 改到 明天8点")
    assert late.startswith(f"通报#{number}已经发出，不能再改时间"), late
