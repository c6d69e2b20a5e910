"""Officers work the report queue: read (audited), ask follow-up questions, close."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import AuditEvent, ReportMessage
from tests.handlers.reports.support import REPORTER, file_report, receipt_in
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.seed import GUEST_ID, Seeded


async def test_queue_detail_follow_up_and_closing(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    listing = await officer.say("/报案")
    assert number in listing and "待受理" in listing and "王**" in listing
    assert "王小明" not in listing and GUEST_ID not in listing
    detail = await officer.say(f"/报案 {number}")
    assert "王小明" in detail and GUEST_ID in detail and "13812345678" in detail
    assert "品牌颜色：雅迪 白色 后座有划痕" in detail and "和平路1号楼下" in detail
    assert "已受理" in detail and "已记入审计日志" in detail
    async with services.sessions() as session:
        views = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:report"))
        ).all()
    assert len(views) == 1
    # Opening it accepted it: the reporter is told (it had changed silently).
    [accepted] = await texts_to(services, "resident-1")
    assert number in accepted and "处理进展：已受理" in accepted
    await officer.say(f"/报案 {number}")
    assert len(await texts_to(services, "resident-1")) == 1  # told once

    asked = await officer.say(f"/追问 {number} 车停在楼下哪个位置 有监控吗")
    assert "已向报案人转达追问" in asked
    [_, question] = await texts_to(services, "resident-1")
    assert "【测试派出所】" in question and "车停在楼下哪个位置 有监控吗" in question
    assert f"回复 {number}" in question

    status = await reporter.say(f"查询 {number}")
    assert "处理进展：已受理" in status and "民警最近的问题：车停在楼下哪个位置" in status
    assert "已把您的回答转给民警" in await reporter.say(f"回复 {number} 停在单元门口 有监控")
    answered = await reporter.say(f"查询 {number}")
    assert "您已回答" in answered and "回答请发送" not in answered
    answers = await texts_to(services, "officer")
    assert "停在单元门口 有监控" in answers[-1] and number in answers[-1]
    # The form path: /追问 without the question asks for it.
    assert "请输入要转达的内容" in await officer.say(f"/追问 {number}")
    await officer.say_all("能提供购车发票吗", "确认")
    assert len(await texts_to(services, "resident-1")) == 3

    closed = await officer.say(f"/报案状态 {number} 已办结 车辆已找回，请带发票到派出所认领")
    assert "已改为「已办结」" in closed and "说明已一并转告" in closed
    told = (await texts_to(services, "resident-1"))[-1]
    assert "已办结" in told and "处理情况：车辆已找回，请带发票到派出所认领" in told
    assert "回答请发送" not in told  # closed: nothing to answer
    status = await reporter.say(f"查询 {number}")
    assert "民警会继续跟进" not in status and f"回复 {number} 您的问题" in status
    assert "目前没有待处理的报案" in await officer.say("/报案")
    # Closed, but the reporter may still ask where to collect the bike: it reaches the officer.
    assert "已把您的消息转给民警" in await reporter.say(f"回复 {number} 在哪里领车")
    assert "在哪里领车" in (await texts_to(services, "officer"))[-1]
    async with services.sessions() as session:
        messages = (await session.exec(select(ReportMessage).order_by(col(ReportMessage.id)))).all()
    assert [m.from_reporter for m in messages] == [False, True, False, True]
    # A question after closing reopens it: the reporter is asked to answer, and may.
    asked = await officer.say(f"/追问 {number} 头盔是什么颜色")
    assert "报案已重新改为「已受理」" in asked
    assert "回答请发送" in (await texts_to(services, "resident-1"))[-1]
    assert "处理进展：已受理" in await reporter.say(f"查询 {number}")
    # A note alone, the status unchanged, says so (it said "状态已改为").
    noted = await officer.say(f"/报案状态 {number} 已受理 监控已调取，正在比对")
    assert f"报案 {number} 仍为「已受理」" in noted and "说明已一并转告" in noted
    assert all("有监控" not in m.text_enc for m in messages)


async def test_the_command_retyped_into_the_question_form_is_not_sent(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """/追问 B… alone asks for the question; an officer who then typed the whole command
    again had 民警想了解：追问 B… 车是哪天买的 sent to the reporter."""
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    await officer.say(f"/追问 {number}")
    await officer.say_all(f"追问 {number} 车是哪天买的？", "确认")
    [question] = await texts_to(services, "resident-1")
    assert "民警想了解：车是哪天买的？" in question and "追问" not in question


async def test_bad_numbers_are_explained(dispatcher: Dispatcher, seeded: Seeded) -> None:
    officer = Chat(dispatcher, "officer")
    assert "没有找到报案" in await officer.say("/报案 B20260101-AAAAAA")
    assert "请发送「/追问 报案号 问题」" in await officer.say("/追问")
    assert "列表里没有第 12 条报案" in await officer.say("/追问 12 你好")
    assert "没有找到报案 zzzzzz" in await officer.say("/报案状态 zzzzzz 已办结")
    usage = await officer.say("/报案状态 B20260101-AAAAAA 完成")
    assert "状态可选" in usage and "后面可附处理说明，会一并告知报案人。如 /报案状态" in usage


async def test_a_plain_answer_to_a_question_is_offered_as_the_answer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    assert "没有理解" in await reporter.say("停在车棚里的")  # nobody has asked anything yet
    await officer.say(f"/追问 {number} 车停在哪里 有没有装GPS")
    offer = await reporter.say("停在车棚里的，没有装GPS")
    assert f"报案 {number}" in offer and "是您的回答吗" in offer
    # Not 民警在报案 B…-X7K2P9中向您提了问题: the code ran into the words after it.
    assert f"关于您的报案 {number}，民警向您提了问题" in offer
    assert "已把您的回答转给民警" in await reporter.say("是")  # the button reads 是，发给民警
    answers = await texts_to(services, "officer")
    assert "停在车棚里的，没有装GPS" in answers[-1]
    assert "没有理解" in await reporter.say("好像下雨了呢啦")  # answered: no offer any more


async def test_a_reporter_asking_how_it_goes_sees_their_reports(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    # 我的报案怎么样了 had been asked 您是想用「查询」吗？ for a list that changes nothing.
    asked = await reporter.say("我的报案怎么样了")
    assert "您是想用" not in asked and number in asked and "待受理" in asked
    mine = await reporter.say("查询")
    assert number in mine and "待受理" in mine and f"查询 {number}" in reporter.buttons()
    assert "还没有在这里报过案或举报" in await Chat(dispatcher, "resident-2").say("查询")


async def test_a_one_word_answer_and_a_reply_to_the_closing_note_reach_the_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """一共转了几笔？ answered 3, and 太好了 什么时候去都行吗 to the note that closed the
    report: both got 没有理解, and the officer heard neither."""
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    await officer.say(f"/追问 {number} 一共转了几笔？")
    assert "是您的回答吗" in await reporter.say("3")
    assert reporter.buttons() == [f"回复 {number} 3"]
    await reporter.say(reporter.buttons()[0])
    # 办结, as officers type it without its 已.
    assert "已改为「已办结」" in await officer.say(
        f"/报案状态 {number} 办结 车已找到，请带钥匙来所里认领"
    )
    offered = await reporter.say("太好了 什么时候去都行吗")
    assert f"处理报案 {number} 的民警" in offered
    assert "已把您的消息转给民警" in await reporter.say(reporter.buttons()[0])
    assert "什么时候去都行吗" in (await texts_to(services, "officer"))[-1]
    assert "发给民警" not in await reporter.say("你好")  # a greeting is no reply


async def test_an_answer_with_legal_words_is_offered_as_the_answer_not_searched(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """发票有的 物业是万科物业, answering the officer's question, got three articles on
    property management, and the officer never heard it."""
    reporter = Chat(law_dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    await Chat(law_dispatcher, "officer").say(
        f"/追问 {number} 有没有发票？小区门口监控是哪个物业管"
    )
    offered = await reporter.say("发票有的 物业是万科物业")
    assert "是您的回答吗" in offered and "《" not in offered
    # A legal question still gets its answer.
    asked = await reporter.say("物业不给调监控合法吗")
    assert "《" in asked


async def test_a_time_said_roughly_reaches_the_officer_as_a_date(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    await reporter.say("/报案 证件/车牌遗失")
    await reporter.say_all("身份证", "跳过")
    assert "事情发生在哪里" in await reporter.say("昨晚十点多")
    number = receipt_in(await reporter.say_all("人民公园", *REPORTER, "确认"))
    detail = await Chat(dispatcher, "officer").say(f"/报案 {number}")
    assert "发生时间：约2026-11-22 22:00" in detail and "昨晚" not in detail


async def test_times_of_today_say_today_not_the_date(
    dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """/报案 had shown 11-23 10:00 on the day itself, as if it were another day."""
    reporter = Chat(dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    officer = Chat(dispatcher, "officer")
    assert f"1. {number}　今天 10:00　" in await officer.say("/报案")
    await officer.say(f"/追问 {number} 车停在哪里")
    detail = await officer.say(f"/报案 {number}")
    assert "提交：今天 10:00" in detail and "今天 10:00 民警：车停在哪里" in detail
    assert "今天 10:00 提交" in await reporter.say(f"查询 {number}")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "提交：昨天 10:00" in await officer.say(f"/报案 {number}")


async def test_the_nationality_is_read_with_the_reporter_not_the_case(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """国籍/地区：中国 had stood among the case's facts, under 经过及补充, and a report
    placed in no beat said only 警务区：未定位."""
    number = receipt_in(await file_report(Chat(dispatcher, "resident-1"), "证件/车牌遗失"))
    detail = await Chat(dispatcher, "officer").say(f"/报案 {number}")  # lost in 人民公园
    assert f"报案人：王小明　居民身份证 {GUEST_ID}　国籍/地区：中国" in detail, detail
    assert "\n国籍/地区" not in detail
    assert "警务区：未能定位，由所里分派" in detail


async def _asked_about_a_report(dispatcher: Dispatcher) -> tuple[Chat, str]:
    """A resident's report, and an officer's question about it waiting for the answer."""
    reporter = Chat(dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    await Chat(dispatcher, "officer").say(f"/追问 {number} 车停在哪里")
    return reporter, number


async def test_a_new_matter_while_a_question_waits_gets_its_own_answer_too(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我的电动车被偷了, days after the officer asked about something else, got only
    「这条消息是您的回答吗？」: a victim read nothing of what to do."""
    reporter, number = await _asked_about_a_report(law_dispatcher)
    answered = await reporter.say("我的电动车昨晚在小区被偷了")
    assert "110" in answered and "是您的回答吗" in answered
    assert reporter.buttons()[-1] == f"回复 {number} 我的电动车昨晚在小区被偷了"


async def test_a_new_harm_that_sounds_like_a_tip_gets_one_offer_to_answer_not_two(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """被小偷偷了手机, while an officer's question waits, got the answer, 「是否要向民警举报？」
    and 「这条消息是您的回答吗？」, three sets of buttons for one message. Nothing in it
    answers 车停在哪里, asked about a stolen bike: the law's answer alone."""
    reporter, _number = await _asked_about_a_report(law_dispatcher)
    answered = await reporter.say("被小偷偷了手机")
    assert "110" in answered and "是您的回答吗" not in answered
    assert "是否要向民警举报" not in answered


async def test_a_theft_seen_now_while_a_question_waits_gets_no_victims_answer(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """楼下有人在偷电动车电瓶 while an officer's question waits: 110 first, and not the
    victim's 东西被偷了怎么办, which is for the one whose battery it is."""
    reporter, _number = await _asked_about_a_report(law_dispatcher)
    answered = await reporter.say("楼下有人在偷电动车电瓶")
    assert answered.startswith("⚠️") and "请立即拨打110" in answered
    # An emergency is no answer to the officer's question: no offer to send it as one.
    assert "常见问题" not in answered and "是您的回答吗" not in answered


async def test_a_laugh_while_a_question_waits_gets_a_smile_not_the_offer(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """哈哈 while an officer's question waited was offered to be sent as the answer."""
    reporter, _number = await _asked_about_a_report(law_dispatcher)
    for laugh in ("哈哈", "呵呵呵", "哈哈😂"):
        answered = await reporter.say(laugh)
        assert answered.startswith("😄") and "是您的回答吗" not in answered
        assert reporter.buttons() == []
    # A real answer is still offered.
    assert "是您的回答吗" in await reporter.say("停在单元门口")


async def test_a_question_about_a_report_just_closed_goes_to_its_officer(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """为什么不受理？？ after 不予受理 had got the law on theft and a button for a new 报案;
    太好了 明天上午去可以吗 after 已办结, 没有找到…法律条文."""
    reporter = Chat(law_dispatcher, "resident-1")
    officer = Chat(law_dispatcher, "officer")
    number = receipt_in(await file_report(reporter, "扒窃"))
    await officer.say(f"/报案状态 {number} 不予受理 请到公交公司查询失物")
    asked = await reporter.say("为什么不受理？？我手机明明是被偷的")
    assert f"这条消息要发给处理报案 {number} 的民警吗" in asked
    assert "常见问题" not in asked and "自助报案" not in asked
    assert reporter.buttons() == [f"回复 {number} 为什么不受理？？我手机明明是被偷的"]
    await officer.say(f"/报案状态 {number} 已办结 车已找到，请带发票来所里认领")
    asked = await reporter.say("太好了 明天上午去可以吗")
    assert f"这条消息要发给处理报案 {number} 的民警吗" in asked and "法律条文" not in asked


@pytest.mark.parametrize("said", ["房东不退押金怎么办", "邻居天天半夜唱歌太吵了"])
async def test_a_matter_of_its_own_the_day_a_report_was_closed_gets_its_own_answer(
    law_dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    """The day an officer closed the sender's report, each got only 「这条消息要发给处理报案
    … 的民警吗？」, and nothing of the law."""
    reporter = Chat(law_dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter, "扒窃"))
    await Chat(law_dispatcher, "officer").say(
        f"/报案状态 {number} 已办结 手机已找回，请带发票来所里认领"
    )
    answered = await reporter.say(said)
    assert "常见问题" in answered and "的民警吗" not in answered


async def test_opening_a_queued_report_says_it_was_accepted_and_the_reporter_told(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The list said 待受理, the detail 已受理: the reporter had been told, the officer not."""
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(Chat(dispatcher, "resident-1")))
    assert "已自动受理并通知报案人" in await officer.say(f"/报案 {number}")
    assert "已自动受理" not in await officer.say(f"/报案 {number}")  # only the first time
