"""Who may read and change tips, reports and self-inspections: every command, every role.

One tip and one report by resident-1 and one self-inspection by the hotel's owner exist;
each role then tries every command. A role entitled to a command sees what it is for; any
other role never sees the tip's text, the reporter's identity or the inspection's notes,
and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Inspection, InspectionStatus, Report, ReportStatus, Tip, TipStatus
from tests.handlers.inspection.support import EBIKE_NOTE, inspect_hotel
from tests.handlers.reports.support import file_report, receipt_in
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.outbox import queued
from tests.support.people import add_stranger_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded

TIP_TEXT = "菜市场东门每天下午有人设赌局"
SECRETS = (TIP_TEXT, GUEST_ID, "王小明", "雅迪", EBIKE_NOTE)
TIPSTER, OTHER, OWNER, LANDLORD, STRANGER, OFFICER = (
    "resident-1",
    "resident-2",
    "owner",
    "landlord",
    "stranger",
    "officer",
)
ROLES = (TIPSTER, OTHER, OWNER, LANDLORD, STRANGER, OFFICER)
EVERYONE = frozenset(ROLES)


@dataclass(frozen=True)
class Command:
    text: str
    #: Who may use it on these items.
    entitled: frozenset[str]
    #: What an entitled user sees and nobody else does.
    marker: str
    #: What even an entitled user must not see (for bearer look-ups).
    never: tuple[str, ...] = ()


# Slash forms throughout: the owner's `/自查` leaves a form open, which would take plain
# keywords as answers. Commands that change state come last.
COMMANDS = (
    Command("/线索", frozenset({OFFICER}), "待处理的线索："),
    Command("/线索 #{tip}", frozenset({OFFICER}), TIP_TEXT),
    Command("/查询 {code}", EVERYONE, "处理进展：已收到", never=(TIP_TEXT,)),
    Command("/报案", frozenset({OFFICER}), "{receipt}"),
    Command("/报案 {receipt}", frozenset({OFFICER}), GUEST_ID),
    Command("/查询 {receipt}", frozenset({TIPSTER}), "处理进展"),
    Command("/自查", frozenset({OFFICER}), "待审核的消防安全自查："),
    Command("/审核 {inspection}", frozenset({OFFICER}), EBIKE_NOTE),
    Command("/回复 {code} 冒名补充", frozenset({TIPSTER}), "已转告民警"),
    Command("/回复 {tip} 请再说说", frozenset({OFFICER}), "已以派出所名义转告"),
    Command("/回复 {receipt} 冒名回答", frozenset({TIPSTER}), "补充到报案 {receipt}"),
    Command("/追问 {receipt} 车停在哪", frozenset({OFFICER}), "已向报案人转达追问"),
    Command("/线索状态 {tip} 已处理", frozenset({OFFICER}), "状态已改为"),
    Command("/报案状态 {receipt} 已办结", frozenset({OFFICER}), "状态已改为"),
    Command("/审核 {inspection} 通过 确认", frozenset({OFFICER}), "已通过"),
    Command("/线索 {tip} 垃圾", frozenset({OFFICER}), "标记为垃圾信息"),
)


@dataclass(frozen=True)
class Items:
    tip: int
    code: str
    receipt: str
    inspection: int


async def _create(dispatcher: Dispatcher, services: Services, settings: Settings) -> Items:
    tipster = Chat(dispatcher, TIPSTER)
    code = code_in(await submit_tip(tipster, TIP_TEXT))
    receipt = receipt_in(await file_report(tipster))
    owner = RichChat(dispatcher, OWNER)
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip))).one()
        inspection = (await session.exec(select(Inspection))).one()
    assert tip.id is not None and inspection.id is not None
    return Items(tip.id, code, receipt, inspection.id)


@pytest.mark.parametrize("role", ROLES)
async def test_every_command_for_every_role(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings, role: str
) -> None:
    await add_stranger_officer(services)
    items = await _create(dispatcher, services, settings)
    sent_before = {chat: len(await queued(services, chat)) for chat in (TIPSTER, OWNER)}
    chat = Chat(dispatcher, role)
    for command in COMMANDS:
        text = command.text.format(**vars(items))
        reply = await chat.say(text)
        marker = command.marker.format(**vars(items))
        if role in command.entitled:
            assert marker in reply, (role, text, reply)
            hidden: tuple[str, ...] = command.never
        else:
            assert marker not in reply, (role, text, reply)
            hidden = SECRETS
        for secret in hidden:
            assert secret not in reply, (role, text, secret)
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip))).one()
        report = (await session.exec(select(Report))).one()
        inspection = (await session.exec(select(Inspection))).one()
    if role == OFFICER:
        assert tip.spam and report.status is ReportStatus.CLOSED
        assert inspection.status is InspectionStatus.APPROVED
        return
    # Nobody else changed anything, or reached the tipster, reporter or owner.
    assert tip.status is TipStatus.RECEIVED and not tip.spam and tip.acked_at is None
    assert report.status is ReportStatus.QUEUED
    assert inspection.status is InspectionStatus.PENDING
    assert {c: len(await queued(services, c)) for c in (TIPSTER, OWNER)} == sent_before
