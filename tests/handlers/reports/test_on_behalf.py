"""Whom a report is for, when the reporter says it is made for someone else."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.reports.on_behalf import SOMEONE, victim_said
from tests.handlers.reports.support import CASES, REPORTER, receipt_in
from tests.support.chat import Chat
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("said", "victim"),
    [
        ("是我妈被骗的，我帮她报", "母亲"),
        ("帮我爸报案", "父亲"),
        ("我老婆让人骗了", "妻子"),
        ("我替别人报的", SOMEONE),
        # The reporter's own: yes, and nobody else.
        ("是", None),
        ("是的，用上次的", None),
        ("是我本人被骗的", None),
        ("对，我自己", None),
    ],
)
def test_whom_a_report_is_for(said: str, victim: str | None) -> None:
    assert victim_said(said) == victim


async def test_a_first_report_told_for_a_mother_keeps_her_as_the_victim(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我帮我妈报，她手机被偷了 after the menu, in a first report (no earlier details to
    offer): the mother had been nowhere in the report, the reporter read as the victim."""
    chat = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    await chat.say("报案")
    started = await chat.say("我帮我妈报，她手机被偷了")
    assert "受害人是您的母亲，由您代为报案" in started, started
    assert "报案人信息请填写您本人的" in started
    summary = await chat.say_all(*CASES["扒窃"], *REPORTER)
    assert "受害人：您的母亲（由您代为报案）" in summary, summary
    number = receipt_in(await chat.say("确认"))
    detail = await officer.say(f"/报案 {number}")
    assert "受害人：报案人的母亲（报案人代为报案）" in detail, detail


async def test_said_at_a_question_the_victim_is_kept_and_only_that_question_asked_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我帮我妈报，她手机被偷了 typed at the time, or 我是帮我妈报的 at the reporter's name
    (它 had got 这像是一句话，不是姓名): the victim kept, the question asked again, and
    nothing answered before lost."""
    chat = RichChat(dispatcher, "resident-1")
    await chat.say("/报案 扒窃")
    asked = await chat.say("我帮我妈报，她手机被偷了")
    assert "受害人是您的母亲" in asked and "大概是什么时候发生" in asked, asked
    assert "完成" not in chat.buttons()  # a question again, not a photo step
    await chat.say_all(*CASES["扒窃"])
    asked = await chat.say("我是帮我妈报的")
    assert "报案人信息请填写您本人的" in asked and "请输入报案人姓名" in asked, asked
    summary = await chat.say_all(*REPORTER)
    assert "受害人：您的母亲（由您代为报案）" in summary and "华为手机一部" in summary, summary
    assert "· 报案人姓名：王小明" in summary or "王小明" in summary
