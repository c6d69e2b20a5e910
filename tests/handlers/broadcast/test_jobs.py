"""The alert jobs: the daily alert per beat, scheduled release, withdrawal sweep, reminders,
and the digest's list of unacknowledged alerts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.context import Services
from bot.forms.engine import local_time  # noqa: F401 (the form's clock)
from handlers.broadcast import digest_section
from handlers.broadcast.daily import send_daily_alerts
from handlers.broadcast.digest_section import unacknowledged_alerts
from handlers.services.digest.day import OfficerDay
from scheduler.jobs.broadcasts import release_broadcasts, remind_unacknowledged
from storage.models import Beat, Broadcast, BroadcastStatus, DailyItem, OutboxMessage, Person
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, outbox, worker
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import opened

TEXT = "注意防盗\n近期夜间入室盗窃多发，请锁好门窗，发现可疑人员及时报警。"


async def test_daily_alert_carries_queued_items_and_season_once(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    # 10:00 in Shanghai: today's 07:00 alert is past, so this goes into tomorrow's.
    answer = await officer_chat.say("/通报 明日 今晚起和平路施工，夜间注意车辆停放。")
    assert "已加入 11-24 的每日提示" in answer
    clock.advance(hours=21)  # 07:00 tomorrow
    sent = await send_daily_alerts(services)
    assert sent == 5  # the beat's three owners and two groups
    assert await send_daily_alerts(services) == 0  # once a day, however often it runs
    async with services.sessions() as session:
        alerts = (await session.exec(select(Broadcast))).all()
        items = (await session.exec(select(DailyItem))).all()
    daily = [b for b in alerts if b.daily_key]
    assert len(daily) == 1 and daily[0].title == "一号警务区 11月24日每日提示"
    body = daily[0].body
    assert "【民警提示】\n今晚起和平路施工" in body
    assert "【季节提示】" in body and "电动车进楼入户充电" in body  # November: fire season
    assert items[0].broadcast_id == daily[0].id


async def test_nothing_to_say_tells_the_officer(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock, tmp_path: object
) -> None:
    clock.advance(days=150)  # late April: no seasonal warning then
    assert await send_daily_alerts(services) == 0
    notes = [r for r in await outbox(services) if r.chat_id == "officer"]
    assert len(notes) >= 1 and "没有需要发送的每日提示" in opened(notes[0])
    await send_daily_alerts(services)
    assert len([r for r in await outbox(services) if r.chat_id == "officer"]) == len(notes)
    # The job runs every minute of the morning: something queued for today after the
    # officer was told 「已跳过」 waits for the next alert rather than contradict it.
    assert area.seeded.beat.id is not None
    today = clock.now.astimezone(services.settings.zone).date()
    async with services.sessions() as session:
        session.add(DailyItem(beat_id=area.seeded.beat.id, day=today, text="今晚和平路施工"))
        await session.commit()
    clock.advance(minutes=1)
    assert await send_daily_alerts(services) == 0
    async with services.sessions() as session:
        assert not (await session.exec(select(Broadcast))).all()


async def test_scheduled_alert_is_released_on_time(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    reply = await compose(officer_chat, TEXT, "今天晚上8点", "跳过", "治安", "一般", "旅馆", "确认")
    number = re.search(r"通报#(\d+)", reply).group(1)  # type: ignore[union-attr]
    assert "将于 今天 20:00 发送给 4 个对象" in reply  # the form's 确认 schedules it
    # Until then, its status says when it goes out (not just "未发布").
    assert "定时：今天 20:00 发送" in await officer_chat.say(f"/通报状态 {number}")
    assert "待发送（今天 20:00）\n" in await officer_chat.say("/通报状态")
    assert await release_broadcasts(services) == 0
    assert await outbox(services) == []
    clock.advance(hours=10)
    assert await release_broadcasts(services) == 1
    assert len(await outbox(services)) == 4
    async with services.sessions() as session:
        alert = await session.get(Broadcast, int(number))
        assert alert is not None and alert.status is BroadcastStatus.SENDING


async def test_reminder_job_and_digest(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    reply = await compose(officer_chat, TEXT, "现在发送", "跳过", "治安", "重要", "旅馆", "确认")
    number = int(re.search(r"通报#(\d+)", reply).group(1))  # type: ignore[union-attr]
    platform = RecordingChannel()
    await worker(services, platform).run_once()
    await owner_chat.say("收到")
    assert await remind_unacknowledged(services) == 0  # too early
    clock.advance(minutes=121)
    assert await remind_unacknowledged(services) == 2  # far owner and the hotel group
    assert await remind_unacknowledged(services) == 0  # one reminder only
    async with services.sessions() as session:
        officer = await session.get(Person, area.seeded.officer.id)
        beat = await session.get(Beat, area.seeded.beat.id)
        assert officer and beat
        day = OfficerDay(session, services.settings, officer, beat, clock.now.date(), clock.now)
        lines = await unacknowledged_alerts(day)
    # It counts important and urgent alerts only, and says so (【通报未确认】 read as all).
    assert lines[0] == "【重要通报未确认】1 条"
    # Just reminded by the job: /催读 would only say it was too soon.
    assert lines[1] == f"  #{number} 注意防盗（今天 12:31 之后可催读）："
    assert sorted(lines[2:]) == ["    · 一号旅馆群", "    · 远方宾馆（宾馆老板）"]
    # The robot group cannot acknowledge, so it is not counted as missing.
    assert not any("一号全体群" in line for line in lines)
    clock.advance(minutes=30)
    async with services.sessions() as session:
        day = OfficerDay(session, services.settings, officer, beat, clock.now.date(), clock.now)
        assert (await unacknowledged_alerts(day))[1] == f"  #{number} 注意防盗（/催读 {number}）："


async def test_the_digest_lists_the_unacknowledged_one_a_line_then_where_the_rest_are(
    officer_chat: Chat,
    area: Area,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The digest had put them on one line, 远方宾馆（远方宾馆负责人）；一号旅馆群, a list
    inside a list on a phone, as /通报状态 once did: now it shows them as /通报状态 does."""
    reply = await compose(officer_chat, TEXT, "现在发送", "跳过", "治安", "重要", "旅馆", "确认")
    number = int(re.search(r"通报#(\d+)", reply).group(1))  # type: ignore[union-attr]
    await worker(services, RecordingChannel()).run_once()
    clock.advance(minutes=10)  # past the first minutes, when /催读 waits (test_early_nudge)
    monkeypatch.setattr(digest_section, "NAMES", 1)
    async with services.sessions() as session:
        officer = await session.get(Person, area.seeded.officer.id)
        beat = await session.get(Beat, area.seeded.beat.id)
        assert officer and beat
        day = OfficerDay(session, services.settings, officer, beat, clock.now.date(), clock.now)
        lines = await unacknowledged_alerts(day)
    assert lines[1] == f"  #{number} 注意防盗（/催读 {number}）："
    assert lines[2].startswith("    · ") and "；" not in lines[2]
    assert lines[3] == f"    ……另有 2 个，发送「/通报状态 {number} 未确认」查看全部。"


async def test_sweep_marks_finished_alerts_done(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    reply = await compose(officer_chat, TEXT, "现在发送", "跳过", "治安", "一般", "出租屋", "确认")
    number = int(re.search(r"通报#(\d+)", reply).group(1))  # type: ignore[union-attr]
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    await release_broadcasts(services)
    async with services.sessions() as session:
        alert = await session.get(Broadcast, number)
        rows = (await session.exec(select(OutboxMessage))).all()
    assert alert is not None and alert.status is BroadcastStatus.DONE
    assert all(r.sent_at is not None for r in rows)
    assert timedelta(0) <= (rows[0].sent_at - rows[0].created_at) < timedelta(seconds=1)  # type: ignore[operator]


async def test_figures_survive_the_outbox_purge(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    from sqlalchemy import delete

    from handlers.broadcast.figures import figures

    reply = await compose(officer_chat, TEXT, "现在发送", "跳过", "治安", "一般", "旅馆", "确认")
    number = int(re.search(r"通报#(\d+)", reply).group(1))  # type: ignore[union-attr]
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    await release_broadcasts(services)  # done: outcomes noted
    async with services.sessions() as session:
        await session.exec(delete(OutboxMessage))  # the retention purge, two weeks on
        await session.commit()
        alert = await session.get(Broadcast, number)
        assert alert is not None
        found = await figures(session, services.channels, alert)
    assert (found.targets, found.sent, found.failed, found.withdrawn) == (4, 4, 0, 0)


async def test_a_queued_daily_item_can_be_seen_and_taken_out_before_it_goes(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    answer = await officer_chat.say("/通报 明日 明天上午小区停水，请提前储水。")
    number = re.search(r"提示项 #(\d+)", answer).group(1)  # type: ignore[union-attr]
    assert "待发的每日提示" in await officer_chat.say("/通报状态")
    assert f"#{number}（11-24）明天上午小区停水" in await officer_chat.say("/每日提示")
    assert f"已撤下提示项 #{number}" in await officer_chat.say(f"/每日提示 撤下 {number}")
    assert "没有待发的每日提示" in await officer_chat.say("/每日提示")
    clock.advance(hours=21)  # 07:00 tomorrow
    await send_daily_alerts(services)
    async with services.sessions() as session:
        bodies = [b.body for b in (await session.exec(select(Broadcast))).all()]
    assert not any("停水" in body for body in bodies)


async def test_an_officer_previews_tomorrows_daily_alert_as_recipients_will_read_it(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """/每日提示 listed only the officer's queued lines: the seasonal warning, trends and
    notices that go with them, and the alert as a whole, could not be seen before 07:00."""
    await officer_chat.say("/通报 明日 今晚起和平路施工，夜间注意车辆停放。")
    shown = await officer_chat.say("/每日提示 预览")
    assert "预览（未发送）：11-24 07:00 的每日提示" in shown
    assert "一号警务区全部场所、出租屋和群（5 个对象）" in shown
    assert "一号警务区 11月24日每日提示" in shown and "【季节提示】" in shown
    # Read as broken before: 「· 通报#（发送时编号）」.
    assert shown.rstrip().endswith("07:00 · 通报编号在发送时生成"), shown
    assert await outbox(services) == []  # nothing sent, nothing kept
    async with services.sessions() as session:
        assert (await session.exec(select(Broadcast))).all() == []
    clock.advance(hours=21)  # 07:00 tomorrow: the job sends what the preview showed
    await send_daily_alerts(services)
    async with services.sessions() as session:
        sent = (await session.exec(select(Broadcast))).one()
    assert sent.body in shown and "【民警提示】\n今晚起和平路施工" in sent.body


async def test_the_same_daily_item_twice_is_kept_once_and_days_are_named(
    officer_chat: Chat, area: Area
) -> None:
    """/通报 明日 明天上午有检查 twice was listed (and sent) twice; and its 明天, read on the
    day it goes out, is the day after the one meant."""
    first = await officer_chat.say("/通报 明日 明天上午有检查")
    assert "“明天”今天写的是 11-24，但通报 11-24 才发出，收到的人会读作 11-25" in first
    again = await officer_chat.say("/通报 明日 明天上午有检查")
    assert "没有重复加入" in again
    listed = await officer_chat.say("/每日提示")
    assert listed.count("明天上午有检查") == 1


async def test_a_daily_tip_for_one_kind_of_venue_says_how_to_reach_only_them(
    officer_chat: Chat, area: Area
) -> None:
    """网吧请于今晚自查… went to every venue of the beat with the daily alert, and the form's
    修改 范围 said only that the scope came from other answers."""
    answer = await officer_chat.say("/通报 明日 网吧请于今晚自查未成年人禁入标志")
    assert "已加入" in answer and "不能只发给某类场所" in answer, answer
    assert "「/通报 小网吧 内容」" in answer
    assert "某类场所" not in await officer_chat.say("/通报 明日 今晚起和平路施工，注意车辆停放")
