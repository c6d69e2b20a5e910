"""A fraud reported just after the transfer is urgent: the money may still be stopped
(止付). It had reached the officer as the same 「📋 新的自助报案」 as a lost ID card."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.reports.support import CASES, REPORTER, file_report, receipt_in
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded

#: The fraud case, the money sent a moment ago.
_JUST_SENT = ("冒充客服", "刚刚", "电话 17012345678", "刚转了两万", *CASES["电信网络诈骗"][4:])


async def test_a_fraud_just_sent_is_marked_urgent_and_listed_first(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    reporter = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    await reporter.say("/报案 电信网络诈骗")
    fraud = receipt_in(await reporter.say_all(*_JUST_SENT, *REPORTER, "确认"))
    lost = receipt_in(await file_report(reporter, "证件/车牌遗失"))
    notices = await texts_to(services, "officer")
    [urgent] = [n for n in notices if fraud in n]
    assert urgent.startswith("⚠️ 紧急：涉及转账 刚转了两万，约0分钟前")
    assert "止付" in urgent and "📋 新的自助报案" in urgent
    [routine] = [n for n in notices if lost in n]
    assert "紧急" not in routine
    listing = await officer.say("/报案")
    assert f"1. ⚠️{fraud}" in listing and f"2. {lost}" in listing
