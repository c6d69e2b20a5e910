"""Tips nobody picks up go to the station's duty officers, once; opened ones do not."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from scheduler.jobs.tip_escalation import escalate_tips
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded


async def test_unacknowledged_tip_is_escalated_once(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await add_second_beat_officer(services, seeded)
    resident = Chat(dispatcher, "resident-1")
    await submit_tip(resident, "平安旅馆后门有人在卖毒品", place="平安旅馆后门")
    await submit_tip(resident, "平安旅馆门口停着一辆可疑面包车", place="平安旅馆门口")
    await Chat(dispatcher, "officer").say("/线索 #2")  # opened: acknowledged
    assert not await texts_to(services, "officer-2")
    clock.advance(minutes=29)
    assert await escalate_tips(services) == 0
    clock.advance(minutes=2)
    assert await escalate_tips(services) == 1
    assert await escalate_tips(services) == 0
    [alert] = await texts_to(services, "officer-2")
    assert "无人处理的线索 #1" in alert and "/线索 #1" in alert
    assert len(await texts_to(services, "officer")) == 2  # the beat officer is not told twice
