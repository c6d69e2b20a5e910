"""Officer commands that show personal or internal data answer in a private chat only.

A venue's group holds its owner and staff, and anyone else the owner let in: the guest list,
the hits against the wanted list, tips and reports read there would be read by all of them.
Every such command, sent by an officer in a group, gets the way to a private chat and none
of the data; sent in the private chat, it still shows what it is for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType
from storage.models import Report, Tip
from tests.handlers.reports.support import file_report
from tests.handlers.test_hits import REGISTER_WANTED
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.seed import WANTED_ID, Seeded

TIP_TEXT = "菜市场东门每天下午有人设赌局"
QUESTION = "我家楼下的群租房半夜很吵能不能管管"
#: The guest registered (a wanted person), the reporter, the tip and the question.
SECRETS = (
    WANTED_ID,
    "13900001111",
    "甲某某",
    "甲**",
    "5176",
    "TJ-0001",
    "王小明",
    "王**",
    "11010519920701245X",
    "13812345678",
    TIP_TEXT,
    QUESTION,
)
PRIVATE_HINT = "只在与本号的私聊中查看，请私聊本号发送"


@dataclass(frozen=True)
class Items:
    tip: int
    receipt: str


# (command, what the officer sees of it in a private chat)
COMMANDS = (
    ("/命中", "平安旅馆"),
    ("/命中 1", WANTED_ID),
    ("/查人 甲某某", "甲**"),
    ("/查人 旅客1", WANTED_ID),
    ("/场所 {hotel} 住客", "甲**"),
    ("/通缉", "TJ-0001"),
    ("/线索", TIP_TEXT),
    ("/线索 #{tip}", TIP_TEXT),
    ("/报案", "王**"),
    ("/报案 {receipt}", "11010519920701245X"),
    ("/答复", QUESTION),
)


async def _create(dispatcher: Dispatcher, services: Services) -> Items:
    owner = Chat(dispatcher, "owner")
    await owner.say_all(*REGISTER_WANTED)
    resident = Chat(dispatcher, "resident-1")
    await submit_tip(resident, TIP_TEXT)
    await file_report(resident)
    await resident.say(f"问民警 {QUESTION}")
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip))).one()
        report = (await session.exec(select(Report))).one()
    assert tip.id is not None
    return Items(tip=tip.id, receipt=report.receipt_no)


async def test_officer_commands_in_group_show_no_personal_data(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    items = await _create(dispatcher, services)
    group = Chat(dispatcher, "officer", chat_type=ChatType.GROUP)
    for command, _ in COMMANDS:
        typed = command.format(hotel=seeded.hotel.id, tip=items.tip, receipt=items.receipt)
        reply = await group.say(typed)
        assert PRIVATE_HINT in reply, (typed, reply)
        for secret in SECRETS:
            assert secret not in reply, (typed, secret, reply)


async def test_officer_commands_work_in_private_chat(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    items = await _create(dispatcher, services)
    officer = Chat(dispatcher, "officer")
    for command, shown in COMMANDS:
        typed = command.format(hotel=seeded.hotel.id, tip=items.tip, receipt=items.receipt)
        reply = await officer.say(typed)
        assert shown in reply, (typed, reply)
        assert PRIVATE_HINT not in reply, (typed, reply)
