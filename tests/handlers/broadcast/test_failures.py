"""Recipients an alert could not reach: told to its author, shown in the status, resent."""

from __future__ import annotations

import re

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.base import Progress
from bot.channels.wecom_robot.channel import WecomRobotChannel
from bot.channels.weixin.client import BUSY, ApiError
from bot.channels.weixin.errors import delivery_error
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Reply
from handlers.broadcast import revise
from handlers.broadcast.daily import send_daily_alerts
from handlers.broadcast.failures import report_failures, resend_failed
from scheduler.jobs.broadcasts import release_broadcasts
from scheduler.outcome import MAX_ATTEMPTS
from storage.models import (
    Account,
    Broadcast,
    BroadcastStatus,
    OutboxMessage,
    OutboxStatus,
    Person,
    Role,
)
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, outbox, worker
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import opened

TEXT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"
#: What the WeCom client raises when the server cannot resolve qyapi.weixin.qq.com.
UNREACHABLE = ApiError(
    BUSY, "network: ClientConnectorDNSError reaching https://qyapi.weixin.qq.com", unreachable=True
)
#: What WeCom answers a post to a robot removed from its group.
WRONG_KEY = ApiError(93000, "invalid webhook url")


@pytest.fixture(autouse=True)
def robot_facts(services: Services) -> None:
    """The server registers each enabled channel's facts; they name the platform."""
    services.channels["wecom_robot"] = WecomRobotChannel.facts


class FailingRobot(RecordingChannel):
    """The robot platform answering every send with `error`, as the channel reports it."""

    def __init__(self, error: ApiError) -> None:
        super().__init__("wecom_robot")
        self.error = error

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        raise delivery_error(self.error)


async def _sent(officer: Chat, severity: str = "紧急") -> int:
    reply = await compose(
        officer, TEXT, "现在发送", "跳过", "防诈", severity, "本警务区全部", "确认"
    )
    found = re.search(r"通报#(\d+)（发送中）", reply)
    assert found, reply
    return int(found.group(1))


async def _told(services: Services, number: int) -> list[OutboxMessage]:
    prefix = f"broadcast-failed:{number}:"
    return [r for r in await outbox(services) if r.dedupe_key.startswith(prefix)]


async def _give_up(services: Services, clock: FakeClock, robot: RecordingChannel) -> None:
    """Deliver, and retry the robot group until the outbox gives it up."""
    platform = RecordingChannel()
    for _ in range(MAX_ATTEMPTS):
        await worker(services, platform, robot).run_once()
        clock.advance(minutes=11)


async def test_a_group_being_retried_shows_so_with_its_reason(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), FailingRobot(UNREACHABLE)).run_once()
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "发送中 1" in status
    assert "· 一号全体群：重试中（第1次），企业微信群机器人无法连接" in status


async def test_the_author_is_told_once_which_recipients_were_given_up_and_why(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _sent(officer_chat)
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    await release_broadcasts(services)
    told = await _told(services, number)
    assert [(r.channel, r.chat_id) for r in told] == [("test", "officer")]
    text = opened(told[0])
    assert f"通报#{number}" in text and "有 1 个对象未能送达" in text
    assert "· 一号全体群（企业微信群机器人无法连接）" in text
    assert f"/重发 {number}" in text
    await release_broadcasts(services)  # the next run does not tell again
    assert len(await _told(services, number)) == 1

    status = await officer_chat.say(f"/通报状态 {number}")
    assert "状态：部分未送达" in status and "已发送" not in status
    assert "未送达（1）：\n· 一号全体群（企业微信群机器人无法连接）" in status
    assert f"/重发 {number}" in officer_chat.buttons()


async def test_a_wrong_robot_key_is_named_with_what_to_do(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _sent(officer_chat, "重要")
    robot = FailingRobot(WRONG_KEY)
    await worker(services, RecordingChannel(), robot).run_once()
    await release_broadcasts(services)
    text = opened((await _told(services, number))[0])
    assert "· 一号全体群（群机器人密钥无效）" in text and "重新添加机器人" in text


async def test_a_routine_alert_is_not_pushed_to_its_author(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _sent(officer_chat, "一般")
    robot = FailingRobot(WRONG_KEY)
    await worker(services, RecordingChannel(), robot).run_once()
    await release_broadcasts(services)
    assert await _told(services, number) == []
    assert "部分未送达" in await officer_chat.say(f"/通报状态 {number}")


async def test_resend_queues_only_the_failed_recipients(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    number = await _sent(officer_chat)
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    await release_broadcasts(services)
    assert "另有 1 个对象未送达" in await officer_chat.say(f"/催读 {number}")
    before = {r.id for r in await outbox(services)}
    answer = await officer_chat.say(f"/重发 {number}")
    assert "重新发给 1 个未送达的对象：一号全体群" in answer
    fresh = [r for r in await outbox(services) if r.id not in before]
    assert [(r.channel, r.chat_id, r.status) for r in fresh] == [
        ("wecom_robot", "robot-key-0001", OutboxStatus.PENDING)
    ]
    assert "没有未送达的对象" in await officer_chat.say(f"/重发 {number}")  # a second tap

    robot = RecordingChannel("wecom_robot")
    await worker(services, RecordingChannel(), robot).run_once()
    await release_broadcasts(services)
    assert len(robot.sent) == 1
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "已送达 5" in status and "失败" not in status and "未送达" not in status


async def test_a_resend_racing_the_sweep_keeps_the_alert_being_sent(
    officer_chat: Chat,
    area: Area,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another replica's /重发 commits between the sweep reading the alert finished and
    marking it done: the alert stays 发送中, so the resent rows are still followed."""
    number = await _sent(officer_chat)
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    async with services.sessions() as session:
        await report_failures(session, services)
        await session.commit()

    async with services.sessions() as session:
        # What the sweep on one replica read: nothing of the alert waiting any more.
        stale = await revise.row_states(session, number)
    async with services.sessions() as other:  # then /重发 on another, committed
        alert = await other.get(Broadcast, number)
        assert alert is not None
        assert await resend_failed(other, services, alert)
        await other.commit()

    async def read_before_the_resend(
        session: AsyncSession, broadcast_id: int
    ) -> dict[tuple[str, str], set[str]]:
        return stale

    monkeypatch.setattr(revise, "row_states", read_before_the_resend)
    async with services.sessions() as session:
        await revise.sweep(session, services)
        await session.commit()
    async with services.sessions() as session:
        alert = await session.get(Broadcast, number)
        assert alert is not None and alert.status is BroadcastStatus.SENDING

    # Given up again: the author hears of it, as of the first time.
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    await release_broadcasts(services)
    assert len(await _told(services, number)) == 2


async def test_resend_without_a_number_lists_the_alerts_with_recipients_not_reached(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    assert "没有需要重发的通报" in await officer_chat.say("/重发")
    number = await _sent(officer_chat)
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    answer = await officer_chat.say("/重发")
    assert f"#{number} 今晚注意电信诈骗｜未送达 1 个" in answer
    assert f"/重发 {number}" in officer_chat.buttons()
    assert "重新发给 1 个未送达的对象" in await officer_chat.say(f"/重发 {number}")
    assert "没有需要重发的通报" in await officer_chat.say("/重发")  # being sent again


async def test_a_daily_alert_not_reaching_a_group_is_told_to_the_beat_officer_once(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """The daily alert has no author: a group it could not reach had been told to no one."""
    await officer_chat.say("/通报 明日 今晚起和平路施工，夜间注意车辆停放。")
    clock.advance(hours=21)  # 07:00 tomorrow
    assert await send_daily_alerts(services) == 5
    async with services.sessions() as session:
        daily = (
            await session.exec(select(Broadcast).where(col(Broadcast.daily_key).is_not(None)))
        ).one()
    robot = FailingRobot(WRONG_KEY)
    await worker(services, RecordingChannel(), robot).run_once()
    await release_broadcasts(services)
    told = await _told(services, daily.id or 0)
    assert [(r.channel, r.chat_id) for r in told] == [("test", "officer")]
    text = opened(told[0])
    assert f"通报#{daily.id}「一号警务区 11月24日每日提示」有 1 个对象未能送达" in text
    assert "· 一号全体群（群机器人密钥无效）" in text
    await release_broadcasts(services)
    assert len(await _told(services, daily.id or 0)) == 1
    assert "重新发给 1 个未送达的对象：一号全体群" in await officer_chat.say(f"/重发 {daily.id}")


async def test_an_alert_whose_author_left_is_told_to_the_beat_officers_who_can_resend(
    officer_chat: Chat,
    area: Area,
    services: Services,
    clock: FakeClock,
    dispatcher: Dispatcher,
) -> None:
    """The author moved to another post: nobody heard that the alert missed a group, and
    the officer left on the beat could not have resent it (不是您发起的)."""
    seeded = area.seeded
    number = await _sent(officer_chat)
    async with services.sessions() as session:
        colleague = Person(
            role=Role.OFFICER,
            display_name="二号民警",
            station_id=seeded.station.id,
            beat_id=seeded.beat.id,
        )
        session.add(colleague)
        await session.flush()
        assert colleague.id is not None
        session.add(Account(channel="test", channel_user_id="colleague", person_id=colleague.id))
        author = await session.get(Person, seeded.officer.id)
        assert author is not None
        author.role = Role.RESIDENT
        session.add(author)
        await session.commit()
    await _give_up(services, clock, FailingRobot(UNREACHABLE))
    await release_broadcasts(services)
    told = await _told(services, number)
    assert [(r.channel, r.chat_id) for r in told] == [("test", "colleague")]
    text = opened(told[0])
    assert "· 一号全体群（企业微信群机器人无法连接）" in text
    assert "发布该通报的民警已不在本所岗位" in text
    colleague_chat = Chat(dispatcher, "colleague")
    answer = await colleague_chat.say(f"/重发 {number}")
    assert "重新发给 1 个未送达的对象：一号全体群" in answer, answer
