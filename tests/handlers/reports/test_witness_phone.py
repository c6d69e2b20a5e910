"""A witness named with no contact is noted so, and a phone typed for them later in the
form is kept as theirs, never as the reporter's."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.reports.witness_phone import NO_CONTACT, names_a_witness
from storage.models import Report
from tests.handlers.reports.support import CASES, REPORTER, receipt_in
from tests.support.chat import Chat
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

#: The theft's questions up to the witnesses (the suspects skipped).
BEFORE_WITNESSES = CASES["盗窃"][:5]
WITNESS_PHONE = "13912345678"


@pytest.mark.parametrize(
    ("said", "witness"),
    [
        ("有个卖菜的大姐看到了", True),
        ("隔壁店老板", True),
        ("不认识的路人看到了", True),
        ("没人看到", False),
        ("应该没有吧", False),
        ("好像没人", False),
    ],
)
def test_a_witness_is_told_from_none(said: str, witness: bool) -> None:
    assert names_a_witness(said) is witness


async def test_a_phone_sent_at_the_photos_is_the_witness_contact(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """她电话13912345678 at the photos, after a witness with no contact, had got 请直接发送
    照片 and was lost."""
    chat = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    await chat.say("/报案 盗窃")
    await chat.say_all(*BEFORE_WITNESSES)
    noted = await chat.say("有个卖菜的大姐看到了")
    assert NO_CONTACT in noted and "如有现场、物品或凭证的照片" in noted, noted
    kept = await chat.say(f"她电话{WITNESS_PHONE}")
    assert "已记为目击者的联系电话：139****5678" in kept, kept
    assert "完成" in chat.buttons()  # the photos still wait
    summary = await chat.say_all("完成", *REPORTER)
    assert "目击者：有个卖菜的大姐看到了（联系电话：139****5678）" in summary, summary
    assert "联系电话：138****5678" in summary and WITNESS_PHONE not in summary
    number = receipt_in(await chat.say("确认"))
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    assert report.phone_masked.startswith("138")  # the reporter's own
    detail = await officer.say(f"/报案 {number}")
    assert f"目击者：有个卖菜的大姐看到了（联系电话：{WITNESS_PHONE}）" in detail, detail


async def test_a_witness_phone_at_the_reporters_phone_is_not_the_reporters(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    chat = Chat(dispatcher, "resident-1")
    await chat.say("/报案 盗窃")
    await chat.say_all(*BEFORE_WITNESSES, "一个大爷看到了", "跳过", *REPORTER[:3])
    asked = await chat.say(f"大爷的电话是{WITNESS_PHONE}")
    assert "已记为目击者的联系电话：139****5678" in asked, asked
    assert asked.rstrip().endswith("请输入报案人手机号码（民警会与您联系）：")
    summary = await chat.say(REPORTER[3])
    assert "目击者：一个大爷看到了（联系电话：139****5678）" in summary, summary
    assert "· 联系电话：138****5678" in summary
    receipt_in(await chat.say("确认"))
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    assert report.phone_masked.startswith("138")


async def test_no_witness_is_not_noted_as_one(dispatcher: Dispatcher, seeded: Seeded) -> None:
    chat = Chat(dispatcher, "resident-1")
    await chat.say("/报案 盗窃")
    await chat.say_all(*BEFORE_WITNESSES)
    assert NO_CONTACT not in await chat.say("没人看到")
    # A bare number at the reporter's phone is the reporter's, witness or not.
    summary = await chat.say_all("跳过", *REPORTER)
    assert "目击者：没人看到\n" in summary and "· 联系电话：138****5678" in summary, summary
