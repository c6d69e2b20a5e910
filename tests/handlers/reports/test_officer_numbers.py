"""Opening a report on a phone: by its place in the list, or by its number's last six
characters. `报案 1` silently showed the list; `报案 c75ec5` got 没有找到."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices
from storage.models import Report
from tests.handlers.reports.support import file_report, receipt_in
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_a_report_by_its_place_in_the_list_the_officer_saw(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    older = receipt_in(await file_report(reporter))
    newer = receipt_in(await file_report(reporter, "扒窃"))
    listing = await officer.say("/报案")
    assert f"1. {newer}" in listing and f"2. {older}" in listing
    assert "发送「/报案 1」或报案号末6位查看详情" in listing
    # A report filed after the list was shown moves nothing the officer counts on.
    receipt_in(await file_report(reporter, "证件/车牌遗失"))
    assert f"报案 {older}" in await officer.say("/报案 2")
    assert f"报案 {newer}" in await officer.say("报案 1")
    assert "列表里没有第 9 条报案" in await officer.say("/报案 9")


async def test_a_report_by_the_last_six_characters_in_any_case(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    suffix = number[-6:].lower()
    assert f"报案 {number}" in await officer.say(f"/报案 {suffix}")
    assert "没有找到报案 zzzzzz" in await officer.say("/报案 zzzzzz")
    # Two reports ending alike (different days): the officer picks one.
    other = receipt_in(await file_report(reporter, "扒窃"))
    async with services.sessions() as session:
        row = (await session.exec(select(Report).where(col(Report.receipt_no) == other))).one()
        row.receipt_no = f"B20260101-{number[-6:]}"
        session.add(row)
        await session.commit()
    replies = await officer.send(f"/报案 {suffix}")
    assert isinstance(replies[-1], Choices) and "有 2 件" in replies[-1].text
    assert {b.value for b in replies[-1].buttons} == {
        f"/报案 {number}",
        f"/报案 B20260101-{number[-6:]}",
    }


async def test_a_report_is_closed_as_officers_say_it_of_tips(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """报案 B… 办结 (as 线索1办结 works) looked for a report numbered 「B… 办结」; 结案,
    已处理 and 处理完了 were no status at all."""
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    first = receipt_in(await file_report(reporter))
    second = receipt_in(await file_report(reporter, "扒窃"))
    third = receipt_in(await file_report(reporter, "证件/车牌遗失"))
    closed = await officer.say(f"报案 {first} 办结 车已找回")
    assert f"报案 {first} 状态已改为「已办结」" in closed and "说明已一并转告" in closed
    assert "状态已改为「已办结」" in await officer.say(f"/报案 {second[-6:].lower()}结案")
    await officer.say("/报案")  # the list the officer counts on: the third is 1st
    assert f"报案 {third} 状态已改为「已办结」" in await officer.say("报案 1 处理完了")
    assert "已经是「已办结」" in await officer.say(f"/报案状态 {first} 已处理")
    assert "没有找到报案 ZZZZZZ" in await officer.say("/报案 zzzzzz 结案")
    assert "状态可选" in await officer.say(f"/报案状态 {second} 处理中")  # no status


async def test_a_bare_report_number_and_a_status_offers_the_status(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """B…办结 or B… 已处理 without 报案 before it got 没有理解, or an offer of 线索状态."""
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    offer = await officer.say(f"{number}办结")
    assert f"您是想用「报案 {number[-6:]} 办结」" in offer
    assert officer.buttons() == [f"/报案 {number} 办结"]
    await officer.say(f"{number.lower()} 已处理 已联系失主")
    assert officer.buttons() == [f"/报案 {number} 已处理 已联系失主"]
    closed = await officer.say(officer.buttons()[0])
    assert f"报案 {number} 状态已改为「已办结」" in closed
    # A resident's own number with a status is no command of theirs.
    await reporter.say(f"{number}办结")
    assert f"/报案 {number} 办结" not in reporter.buttons()


async def test_status_question_and_acceptance_by_place_or_last_six(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """`报案状态 NUYSE6 已办结 …` had got the usage text and `受理 NUYSE6` 没有理解, though
    the list says 报案号末6位 works."""
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    await officer.say("/报案")
    assert f"报案 {number} 状态已改为「已受理」" in await officer.say(f"受理 {number[-6:]}")
    closed = await officer.say(f"报案状态 {number[-6:].lower()} 已办结 车已找到")
    assert f"报案 {number} 状态已改为「已办结」" in closed
    asked = await officer.say("/追问 1 车还在楼下吗")
    assert f"已向报案人转达追问（报案 {number}）" in asked
    assert "请发送「受理 报案号」" in await officer.say("受理")
