"""`/警情 列表`, `/警情 6`, `/警情 撤销 6 原因`: the incidents entered, and withdrawing one."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.context import Services
from bot.messages import Choices
from storage.models import Incident, WorkLog
from tests.support.beat_data import incidents, store
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_stranger_officer
from tests.support.seed import Seeded

YESTERDAY_NOON = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


async def test_the_list_shows_the_beats_incidents_newest_first_with_buttons(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """警情 列表 got 没能从「列表」读出时间或类型 and started a new incident."""
    assert "还没有录入警情" in await officer_chat.say("/警情 列表")
    await officer_chat.say_all("/警情", "今天8:30", "偷电动车", "幸福里车棚", "确认")
    assert seeded.beat.id is not None and seeded.other_beat.id is not None
    await store(
        services,
        *incidents(seeded.beat.id, "纠纷", {0: 1}, YESTERDAY_NOON),
        *incidents(seeded.other_beat.id, "诈骗", {0: 1}, YESTERDAY_NOON),
    )
    text = await officer_chat.say("警情 列表")
    assert "没能从" not in text and "诈骗" not in text
    assert text.index("#1") < text.index("#2")  # 今天 before 昨天
    assert "盗窃（偷电动车）　幸福里车棚" in text
    reply = officer_chat.last
    assert reply is not None and isinstance(reply[-1], Choices)
    assert [b.value for b in reply[-1].buttons] == ["/警情 1", "/警情 2"]
    detail = await officer_chat.say("/警情 1")
    assert "警情 #1　盗窃" in detail and "情况：偷电动车" in detail
    assert "/警情 撤销 1 原因" in detail


async def test_the_list_pages(officer_chat: Chat, services: Services, seeded: Seeded) -> None:
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "纠纷", {0: 12}, YESTERDAY_NOON))
    first = await officer_chat.say("/警情 列表")
    assert "第1/2页，共12条" in first and "/警情 列表 2" in first
    assert "第2/2页" in await officer_chat.say("/警情 列表 2")
    # 最近警情 only offered to enter a new one.
    assert "共12条" in await officer_chat.say("最近警情")
    assert "共12条" in await officer_chat.say("/警情列表")


async def test_withdrawing_keeps_the_incident_with_its_reason(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await officer_chat.say_all("/警情", "今天8:30", "盗窃", "幸福里车棚", "确认")
    assert "请写明撤销原因" in await officer_chat.say("/警情 撤销 1")
    assert "没有编号为 #9" in await officer_chat.say("/警情 撤销 9 重复")
    done = await officer_chat.say("/警情 撤销 1 重复录入")
    assert "已撤销警情 #1" in done and "不再计入七日警情预警" in done
    assert "已经撤销过了" in await officer_chat.say("/警情 撤销 1 重复录入")
    assert "撤销：重复录入（不计入警情预警）" in await officer_chat.say("/警情 1")
    assert "已撤销" in await officer_chat.say("/警情 列表")
    async with services.sessions() as session:
        incident = (await session.exec(select(Incident))).one()
        actions = (await session.exec(select(WorkLog.action))).all()
    assert incident.withdrawn_reason == "重复录入" and incident.withdrawn_by_person_id is not None
    assert "incident.withdraw" in actions


async def test_another_stations_officer_cannot_see_or_withdraw(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await officer_chat.say_all("/警情", "今天8:30", "盗窃", "幸福里车棚", "确认")
    await add_stranger_officer(services)
    stranger = Chat(officer_chat.dispatcher, "stranger")
    assert "没有编号为 #1" in await stranger.say("/警情 1")
    assert "没有编号为 #1" in await stranger.say("/警情 撤销 1 乱写")


async def test_deleting_an_incident_in_words_withdraws_it(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """删除警情 6 was offered 「/警情」, which enters a new incident."""
    await officer_chat.say_all("/警情", "今天8:30", "盗窃", "幸福里车棚", "确认")
    assert "请写明撤销原因，如：/警情 撤销 1" in await officer_chat.say("删除警情 1")
    assert "已撤销警情 #1" in await officer_chat.say("删除警情 1 录重了")


async def test_times_of_today_say_today_not_the_date(officer_chat: Chat, clock: FakeClock) -> None:
    """/警情 列表 had shown 11-23 08:30 on the day itself, as if it were another day."""
    await officer_chat.say_all("/警情", "今天8:30", "盗窃", "幸福里车棚", "确认")
    await officer_chat.say("/警情 撤销 1 重复录入")
    assert "#1　今天 08:30　盗窃" in await officer_chat.say("/警情 列表")
    detail = await officer_chat.say("/警情 1")
    assert "发生时间：今天 08:30" in detail and "已于 今天 10:00 撤销" in detail
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "#1　昨天 08:30　盗窃" in await officer_chat.say("/警情 列表")
    detail = await officer_chat.say("/警情 1")
    assert "发生时间：昨天 08:30" in detail and "已于 昨天 10:00 撤销" in detail
