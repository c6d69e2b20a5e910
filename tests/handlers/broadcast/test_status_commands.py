"""/通报状态, /催读 and /重发: which alerts an officer is shown, and how times read."""

from __future__ import annotations

import re

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.people import revoke
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, worker
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_officer, add_second_beat_officer

TEXT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"


async def _sent(officer: Chat) -> int:
    reply = await compose(officer, TEXT, "现在发送", "跳过", "防诈", "重要", "本警务区全部", "确认")
    found = re.search(r"通报#(\d+)（发送中）", reply)
    assert found, reply
    return int(found.group(1))


async def test_an_alert_whose_author_left_is_listed_to_the_beats_officers(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock, dispatcher: Dispatcher
) -> None:
    """The author was revoked: /通报状态, /催读 and /重发 without a number listed only an
    officer's own alerts, so nobody could follow theirs up."""
    seeded = area.seeded
    assert seeded.station.id is not None and seeded.officer.id is not None
    await add_officer(services, "colleague", beat_id=seeded.beat.id, station_id=seeded.station.id)
    await add_second_beat_officer(services, seeded)
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    async with services.sessions() as session:
        await revoke(session, seeded.officer.id, services.clock())
        await session.commit()
    clock.advance(minutes=15)

    colleague = Chat(dispatcher, "colleague")
    status = await colleague.say("/通报状态")
    assert f"#{number} 今晚注意电信诈骗｜" in status, status
    nudge = await colleague.say("/催读")
    assert f"#{number} 今晚注意电信诈骗｜未确认" in nudge, nudge
    assert f"/催读 {number}" in colleague.buttons()
    assert "已向" in await colleague.say(f"/催读 {number}")

    # The other beat's officer is not handed an alert of this beat.
    other = Chat(dispatcher, "officer-2")
    assert f"#{number}" not in await other.say("/通报状态")
    assert "没有需要催读的通报" in await other.say("/催读")


async def test_times_of_today_say_today_not_the_date(
    officer_chat: Chat, area: Area, services: Services, clock: FakeClock
) -> None:
    """/通报状态 N had shown 发布：11-23 10:00 on the day itself."""
    number = await _sent(officer_chat)
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "发布：今天 10:00" in status, status
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "发布：昨天 10:00" in await officer_chat.say(f"/通报状态 {number}")


async def test_no_alerts_yet_says_how_to_write_the_first(officer_chat: Chat, area: Area) -> None:
    """/通报状态 before any alert had said only 发送「/通报」开始."""
    said = await officer_chat.say("/通报状态")
    assert said.startswith("您还没有发过通报。要发第一条，请发送「/通报」按提示填写")
    example = re.search(r"如「(/通报 [^」]+)」", said)
    assert example is not None, said
    # The example, sent as it is, starts an alert with that title.
    assert "什么时候发" in await officer_chat.say(example[1])


async def test_counts_of_none_are_left_out(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """通报状态 had said 已送达 0，发送中 5，失败 0 of an alert just sent."""
    number = await _sent(officer_chat)
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "发送对象 5 个：发送中 5\n" in status, status
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "发送对象 5 个：已送达 5\n" in status, status


async def test_an_alert_not_found_lists_the_officers_recent_ones_with_buttons(
    officer_chat: Chat, area: Area
) -> None:
    """通报#5谁没回 and /通报状态 5, with no alert 5, said only 没有找到通报#5 and sent the
    officer to another command for the numbers."""
    number = await _sent(officer_chat)
    missing = number + 4
    for asked in (f"/通报状态 {missing}", f"通报#{missing}谁没回"):
        said = await officer_chat.say(asked)
        assert said.startswith(f"没有找到通报#{missing}。您最近的通报：\n"), said
        assert f"\n#{number} 今晚注意电信诈骗｜" in said, said
        assert officer_chat.buttons() == [f"/通报状态 {number}"]
    opened = await officer_chat.say(officer_chat.buttons()[0])
    assert opened.startswith(f"通报#{number} ") and "状态：发送中" in opened, opened


async def test_a_missing_alert_to_act_on_lists_the_officers_recent_ones(
    officer_chat: Chat, area: Area, services: Services, dispatcher: Dispatcher
) -> None:
    """/催读 99 and /重发 99, with no alert 99, said only 没有找到通报#99 and sent the
    officer to /通报状态 for the numbers, as /通报状态 99 had before it listed them."""
    number = await _sent(officer_chat)
    for asked in ("/催读", "/重发", "/撤回", "/更正"):
        said = await officer_chat.say(f"{asked} 99 信息有误")
        assert said.startswith("没有找到通报#99。您最近的通报：\n"), (asked, said)
        assert f"\n#{number} 今晚注意电信诈骗｜" in said, said
        assert officer_chat.buttons() == [f"/通报状态 {number}"], asked
    # A colleague's alert, which is there, is still refused for what it is.
    seeded = area.seeded
    assert seeded.station.id is not None
    await add_officer(services, "colleague", beat_id=seeded.beat.id, station_id=seeded.station.id)
    refused = await Chat(dispatcher, "colleague").say(f"/撤回 {number} 信息有误")
    assert refused == f"通报#{number}不是您发起的，只能由发起民警或所领导操作。", refused


async def test_an_alert_not_found_before_any_sent_says_how_to_write_the_first(
    officer_chat: Chat, area: Area
) -> None:
    said = await officer_chat.say("/通报状态 5")
    assert said.startswith("没有找到通报#5。您还没有发过通报。要发第一条"), said
    assert officer_chat.buttons() == []
