"""The officer's `/线索` and `/线索状态`: a number typed without "#" opens that tip, pages
have their own word, and a tip can be closed with a note the tipster reads."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import AuditEvent
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.seed import Seeded

OFFICER_NAME = "一号民警"


async def test_a_bare_number_opens_that_tip_and_pages_are_asked_by_page(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    for n in range(1, 13):  # more than one page of ten
        await submit_tip(Chat(dispatcher, f"resident-{n}"), f"第{n}号线索 夜里有人在仓库聚赌")
    officer = Chat(dispatcher, "officer")

    detail = await officer.say("/线索 3")
    assert "线索 #3" in detail and "第3号线索" in detail and "待处理的线索" not in detail
    assert "第3号线索" in await officer.say("/线索 #3")  # the old spelling still works

    first = await officer.say("/线索")
    assert "第1/2页" in first and "发送「/线索 第2页」看下一页" in first
    assert "第12号线索" in first and "第1号线索" not in first  # newest first
    assert "/线索 第2页" in officer.buttons()
    second = await officer.say("/线索 第2页")
    assert "第2/2页" in second and "第1号线索" in second and "第12号线索" not in second
    assert "第2/2页" in await officer.say("/线索 第二页")

    missing = await officer.say("/线索 99")
    assert "没有找到线索 #99" in missing and "/线索 第99页" in missing

    # Each list shows decrypted tip text: which tips each showed is in the audit log.
    async with services.sessions() as session:
        lists = (
            await session.exec(
                select(AuditEvent)
                .where(AuditEvent.action == "view:tips")
                .order_by(col(AuditEvent.id))
            )
        ).all()
    assert [e.detail for e in lists] == [
        "ids=" + ",".join(str(n) for n in range(12, 2, -1)),
        "ids=2,1",
        "ids=2,1",
    ]


async def test_a_tip_closed_with_a_note_tells_the_tipster_the_result(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    officer = Chat(dispatcher, "officer")
    note = "已约谈网吧老板，责令整改，今后严禁接纳未成年人"

    closed = await officer.say(f"/线索状态 1 已处理 {note}")
    assert "状态已改为「已处理」" in closed and "处理说明" in closed
    [told] = await texts_to(services, "resident-1")
    assert "处理进展：已处理" in told and f"处理情况：{note}" in told and code in told
    assert OFFICER_NAME not in told  # the station speaks, never the officer

    # A further note on a tip already closed still reaches the tipster.
    again = await officer.say("/线索状态 1 已处理，已联合文化执法复查")
    assert "仍为「已处理」" in again
    assert "已联合文化执法复查" in (await texts_to(services, "resident-1"))[-1]
    assert "已经是「已处理」" in await officer.say("/线索状态 1 已处理")

    # The notes stay with the tip, for the next officer who opens it.
    detail = await officer.say("/线索 1")
    assert f"民警：已处理：{note}" in detail
    assert "民警已回复 2 次" in await tipster.say(f"查询 {code}")
    usage = await officer.say("/线索状态 1 办完了 已约谈")
    assert "状态可选" in usage and "[处理说明]" not in usage
    assert "后面可附处理说明，会一并告知举报人" in usage


async def test_a_time_said_roughly_is_shown_as_a_date(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报 有人在仓库聚赌")
    await resident.say_all("涉赌", "跳过", "跳过")
    assert "默认匿名" in await resident.say("昨天晚上10点左右")
    await resident.say_all("匿名提交", "确认")
    detail = await Chat(dispatcher, "officer").say("/线索 1")
    # Read as a time (the officer's 昨天 as of now), not kept as the words 昨天晚上10点左右.
    assert "发生：约昨天 22:00" in detail and "昨天晚上" not in detail


async def test_times_of_today_say_today_not_the_date(
    dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """/线索 had shown 11-23 10:00 on the day itself, as if it were another day."""
    await submit_tip(Chat(dispatcher, "resident-1"), "夜里有人在仓库聚赌")
    officer = Chat(dispatcher, "officer")
    await officer.say("/回复 线索1 请问具体是哪个仓库")
    assert "#1　今天 10:00　涉赌" in await officer.say("/线索")
    detail = await officer.say("/线索 1")
    assert "提交：今天 10:00" in detail and "今天 10:00 民警：请问具体是哪个仓库" in detail
    clock.advance(days=1)
    assert "#1　昨天 10:00　涉赌" in await officer.say("/线索")  # had been 11-23 10:00
    clock.advance(days=1)
    assert "#1　11-23 10:00　涉赌" in await officer.say("/线索")
    assert "提交：11-23 10:00" in await officer.say("/线索 1")


async def test_a_reply_says_the_tip_is_now_being_checked_and_its_status_is_no_button(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The first reply moved the tip to 核查中 without a word, and the tip still offered a
    核查中 button, which answered only 已经是「核查中」."""
    await submit_tip(Chat(dispatcher, "resident-1"), "夜里有人在仓库聚赌")
    officer = Chat(dispatcher, "officer")
    await officer.say("/线索 1")
    assert "/线索状态 1 核查中" in officer.buttons()
    replied = await officer.say("/回复 线索1 请问具体是哪个仓库")
    assert "线索 #1 状态已改为「核查中」" in replied
    assert "状态已改为" not in await officer.say("/回复 线索1 大概几个人")  # said once
    await officer.say("/线索 1")
    assert "/线索状态 1 核查中" not in officer.buttons()
    assert "/线索状态 1 已处理" in officer.buttons()
    again = await officer.say("/线索状态 1 核查中")
    assert "已经是「核查中」" in again and "/线索状态 1 核查中 已安排民警核实" in again


async def test_a_tip_closed_without_a_note_still_tells_the_tipster_it_was_dealt_with(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """`/线索状态 1 已处理` alone told the tipster only 处理进展：已处理。"""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    officer = Chat(dispatcher, "officer")
    assert "状态已改为「已处理」" in await officer.say("/线索状态 1 已处理")
    [told] = await texts_to(services, "resident-1")
    assert "您反映的情况民警已核查处理" in told and "感谢您的支持" in told
    assert "网吧" not in told and OFFICER_NAME not in told  # nothing of the tip itself
    assert "民警已核查处理" in await tipster.say(f"查询 {code}")
