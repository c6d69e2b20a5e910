"""Abuse limits: five tips an hour, no duplicates within a day, and the quiet spam throttle."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import queued
from tests.support.seed import Seeded


async def test_five_tips_an_hour_then_a_kind_refusal(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    resident = Chat(dispatcher, "resident-1")
    for n in range(5):
        assert "举报已收到" in await submit_tip(resident, f"第{n}号楼下有人聚众赌博")
        clock.advance(minutes=5)
    refused = await resident.say("举报")
    assert "稍后再试" in refused and "110" in refused
    clock.advance(minutes=40)  # the first tip is now more than an hour old
    assert "请描述您看到的情况" in await resident.say("举报")
    # Another person is not affected by this one's limit.
    assert "举报已收到" in await submit_tip(Chat(dispatcher, "resident-2"), "河边有人电鱼")


async def test_the_same_text_within_a_day_is_recognised_not_stored_twice(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "夜市有人卖管制刀具"))
    again = await submit_tip(resident, "夜市有人卖管制刀具")
    assert "已经提交过" in again and code in again
    assert len(await tips(services)) == 1
    # Someone else saying the same is a second witness, not a duplicate.
    await submit_tip(Chat(dispatcher, "resident-2"), "夜市有人卖管制刀具")
    clock.advance(days=1, minutes=1)
    assert "举报已收到" in await submit_tip(resident, "夜市有人卖管制刀具")
    assert len(await tips(services)) == 3


async def test_spam_mark_quietly_throttles_the_source(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    pest = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    first = await submit_tip(pest, "隔壁老王是坏人快抓他")
    assert len(await queued(services, "officer")) == 1
    marked = await officer.say("/线索 1 垃圾")
    assert "标记为垃圾信息" in marked and "30天" in marked
    assert not await queued(services, "resident-1")  # the source is not told
    code = code_in(first)
    assert "处理进展：不予处理" in await pest.say(f"查询 {code}")

    clock.advance(hours=2)
    later = await submit_tip(pest, "隔壁老王又在干坏事")
    assert "举报已收到" in later and "查询码" in later  # the same receipt as anyone's
    assert len(await queued(services, "officer")) == 1  # but no push
    assert "目前没有待处理的线索" in await officer.say("/线索")
    # The muted tip can still be opened by number, and its status looked up.
    assert "隔壁老王又在干坏事" in await officer.say("/线索 #2")
    assert "处理进展：已收到" in await pest.say(f"查询 {code_in(later)}")
    # Nor do its answers reach anyone, though they are kept with the tip.
    assert "已转告民警" in await pest.say(f"回复 {code} 你们怎么还不抓他")
    assert "已转告民警" in await pest.say(f"回复 {code_in(later)} 快点")
    assert len(await queued(services, "officer")) == 1
    assert "你们怎么还不抓他" in await officer.say("/线索 #1")

    # Others are unaffected, and the throttle ends after [tips] spam_days.
    await submit_tip(Chat(dispatcher, "resident-2"), "公交站有人扒窃")
    assert len(await queued(services, "officer")) == 2
    clock.advance(days=31)
    await submit_tip(pest, "小区里有辆车好几天没人动过")
    assert len(await queued(services, "officer")) == 3
