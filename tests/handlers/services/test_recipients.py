"""What was meant for one officer, once that officer has left the station's staff: it goes
to the beat's officers (`recipients.officer_or_area`), who are told why; an admin bound to no
station has not left any station."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.people import revoke
from storage.models import Person, Role
from tests.handlers.broadcast.conftest import compose
from tests.handlers.inspection.support import submitted_inspection
from tests.handlers.reports.support import file_report, receipt_in
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.people import add_officer
from tests.support.seed import Seeded

ALERT = "明天上午派出所来检查消防\n请准备好旅客登记簿和灭火器检查记录。"


async def _colleague_and_leave(services: Services, seeded: Seeded) -> None:
    """A second officer on the beat; then the seeded officer is moved to another post."""
    assert seeded.beat.id is not None and seeded.station.id is not None
    assert seeded.officer.id is not None
    await add_officer(services, "colleague", beat_id=seeded.beat.id, station_id=seeded.station.id)
    async with services.sessions() as session:
        await revoke(session, seeded.officer.id, services.clock())
        await session.commit()


async def _told(services: Services, sender: str, words: str) -> list[str]:
    return [t for t in await texts_to(services, sender) if words in t]


async def test_a_question_about_an_alert_whose_author_left_says_why_it_came(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """It reached the beat's officers as if it were theirs, about an alert none of them
    sent."""
    officer, owner = Chat(dispatcher, "officer"), Chat(dispatcher, "owner")
    draft = await compose(officer, ALERT, "现在发送", "跳过", "消防", "一般", "旅馆", "确认")
    found = re.search(r"通报#(\d+)（发送中）", draft)
    assert found, draft
    await _colleague_and_leave(services, seeded)
    assert "已把您的问题转给民警" in await owner.say(f"问民警 #{found[1]} 明天几点来？")
    [notice] = await _told(services, "colleague", "明天几点来？")
    assert f"关于通报#{found[1]}" in notice
    assert notice.endswith("（原经办民警已不在本所岗位，转由您处理。）"), notice
    assert not await _told(services, "officer", "明天几点来？")


async def test_a_question_to_the_beat_says_nothing_of_anyone_leaving(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await _colleague_and_leave(services, seeded)
    await Chat(dispatcher, "owner").say("问民警 明天几点来检查？")
    [notice] = await _told(services, "colleague", "明天几点来检查？")
    assert "不在本所岗位" not in notice


async def test_a_resubmission_whose_reviewer_left_goes_to_the_beat_saying_why(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第2项 换新的 3天")
    await _colleague_and_leave(services, seeded)
    await owner.say("/自查 整改 1")
    await owner.say_all("是 已经换好了", "跳过", "确认")
    [notice] = await _told(services, "colleague", "整改情况")
    assert "「平安旅馆」提交了整改情况（自查 #1），请审核" in notice
    assert notice.endswith("（原审核民警已不在本所岗位，转由您处理。）"), notice


async def test_a_reporters_answer_to_an_officer_who_left_goes_to_the_beat_saying_why(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    reporter, officer = Chat(dispatcher, "resident-1"), Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    assert "已向报案人转达追问" in await officer.say(f"/追问 {number} 车停在楼下哪个位置")
    await _colleague_and_leave(services, seeded)
    assert "转给民警" in await reporter.say(f"回复 {number} 停在单元门口")
    [notice] = await _told(services, "colleague", "停在单元门口")
    assert notice.endswith("停在单元门口\n（原追问民警已不在本所岗位，转由您处理。）"), notice


async def test_a_tipsters_answer_to_an_officer_who_left_goes_to_the_beat_saying_why(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster, officer = Chat(dispatcher, "resident-1"), Chat(dispatcher, "officer")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    [tip] = await tips(services)
    await officer.say(f"/回复 {tip.id} 大概几点开始？")
    await _colleague_and_leave(services, seeded)
    assert "已转告民警" in await tipster.say(f"回复 {code} 下午三点左右")
    [notice] = await _told(services, "colleague", "下午三点左右")
    assert notice.endswith("下午三点左右\n（原联系民警已不在本所岗位，转由您处理。）"), notice


async def test_an_admin_bound_to_no_station_still_hears_the_reply_to_their_answer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """The deployment's admin answered an owner; the owner's reply went to the beat's
    officers, told the admin had left."""
    assert seeded.station.id is not None
    leader = await add_officer(services, "leader", beat_id=None, station_id=seeded.station.id)
    async with services.sessions() as session:
        found = await session.get(Person, leader.id)
        assert found is not None
        found.role, found.station_id = Role.ADMIN, None
        session.add(found)
        await session.commit()
    owner = Chat(dispatcher, "owner")
    await owner.say("问民警 明天检查时要我在场吗？")
    assert "已答复" in await Chat(dispatcher, "leader").say("/答复 1 最好在场，我上午十点到")
    await owner.say("好的，那我上午不出门了")
    await owner.say(owner.buttons()[0])
    [reply] = await _told(services, "leader", "不出门")
    assert "不在本所岗位" not in reply
    assert not await _told(services, "officer", "不出门")
