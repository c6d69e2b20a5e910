"""`/警情`: an officer enters an incident in chat; it counts in the warning."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Incident, WorkLog
from tests.support.chat import Chat
from tests.support.people import add_officer
from tests.support.seed import Seeded


async def test_officer_enters_an_incident(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert "请输入发生时间" in await officer_chat.say("/警情")
    assert "不能晚于现在" in await officer_chat.say("明天10点")
    assert "警情类型" in await officer_chat.say("今天8:30")
    assert "发生地点" in await officer_chat.say("盗窃")
    # The officer's own beat, not asked: it was asked every time.
    summary = await officer_chat.say("和平路菜市场")
    assert "· 警务区：一号警务区" in summary and "· 发生时间：今天 08:30" in summary
    assert "请输入所属警务区" in await officer_chat.say("修改 警务区")
    assert "没有「三号警务区」" in await officer_chat.say("三号警务区")
    assert "· 警务区：一号警务区" in await officer_chat.say("本警务区")
    receipt = await officer_chat.say("确认")
    assert "警情已录入 #1" in receipt and "计入七日警情预警" in receipt
    async with services.sessions() as session:
        incident = (await session.exec(select(Incident))).one()
        work = (await session.exec(select(WorkLog))).one()
    assert incident.occurred_at == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    assert (incident.kind, incident.beat_id, incident.source) == ("盗窃", seeded.beat.id, "officer")
    assert work.action == "incident.add" and work.person_id == seeded.officer.id


async def test_another_beat_of_the_station_by_name_or_code(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await officer_chat.say_all("/警情", "现在", "2", "某小区", "修改 警务区")  # 2: 2nd type
    assert "· 警务区：二号警务区" in await officer_chat.say("b2")
    await officer_chat.say("确认")
    async with services.sessions() as session:
        incident = (await session.exec(select(Incident))).one()
    assert incident.beat_id == seeded.other_beat.id and incident.kind == "诈骗"


async def test_residents_cannot_enter_incidents(resident_chat: Chat) -> None:
    assert "仅限本所民警" in await resident_chat.say("/警情")


async def test_a_type_in_the_officers_words_counts_as_the_listed_type(
    officer_chat: Chat, services: Services
) -> None:
    await officer_chat.say_all("/警情", "现在", "偷电动车")
    assert "· 类型：盗窃（偷电动车）" in await officer_chat.say("某小区")
    assert "盗窃（偷电动车）" in await officer_chat.say("确认")
    await officer_chat.say_all("/警情", "现在", "电信诈骗", "某小区", "确认")
    # Naming none of the types, or two of them, the officer's own words are kept under 其他
    # (高空抛物 had been a type of its own, counted apart in the seven-day warning).
    await officer_chat.say_all("/警情", "现在", "高空抛物", "某小区", "确认")
    await officer_chat.say_all("/警情", "现在", "醉酒后打架又偷东西", "某小区", "确认")
    await officer_chat.say_all("/警情", "现在", "盗窃", "某小区", "确认")
    async with services.sessions() as session:
        rows = (
            await session.exec(
                select(Incident.kind, Incident.description).order_by(col(Incident.id))
            )
        ).all()
    # 偷电动车 was stored as 盗窃 alone: 电动车 was lost.
    assert [tuple(r) for r in rows] == [
        ("盗窃", "偷电动车"),
        ("诈骗", "电信诈骗"),
        ("其他", "高空抛物"),
        ("其他", "醉酒后打架又偷东西"),
        ("盗窃", ""),
    ]


async def test_part_of_a_beats_name_is_enough(officer_chat: Chat, seeded: Seeded) -> None:
    await officer_chat.say_all("/警情", "现在", "盗窃", "某小区", "修改 警务区")
    assert "· 警务区：二号警务区" in await officer_chat.say("二号")


async def test_what_is_typed_after_the_command_is_kept(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """/警情 昨天下午3点 和平路 电动车被盗 started the form empty: all of it was dropped."""
    # Said in one line, nothing is left to ask: the beat is the officer's own.
    summary = await officer_chat.say("/警情 昨天下午3点 和平路 电动车被盗")
    assert "请输入" not in summary and "· 警务区：一号警务区" in summary
    assert "· 发生时间：昨天 15:00" in summary and "· 类型：盗窃（电动车被盗）" in summary
    assert "· 地点：和平路" in summary
    await officer_chat.say("取消")
    assert "请选择或输入警情类型" in await officer_chat.say("/警情 今天8点")
    await officer_chat.say("取消")
    unread = await officer_chat.say("/警情 和平路口")
    assert "没能从「和平路口」读出" in unread and "请输入发生时间" in unread
    await officer_chat.say("取消")
    assert "/警情趋势" in await officer_chat.say("/警情 趋势")


async def test_a_day_counted_back_and_a_time_to_come(officer_chat: Chat) -> None:
    """/警情 3天前下午3点 … asked the time again: N天前 was no day. A time still to come
    typed with the command is refused, with the reason, and asked again."""
    summary = await officer_chat.say("/警情 3天前下午3点 和平路 电动车被盗")
    assert "请输入" not in summary and "· 发生时间：11月20日 15:00" in summary
    await officer_chat.say("取消")
    await officer_chat.say("/警情")
    assert "警情类型" in await officer_chat.say("两天前晚上8点半")
    await officer_chat.say("盗窃")
    assert "· 发生时间：11月21日 20:30" in await officer_chat.say("和平路菜市场")
    await officer_chat.say("取消")
    future = await officer_chat.say("/警情 明天下午3点 和平路 盗窃")
    assert "「明天下午3点」还没到" in future and "不能晚于现在" in future
    assert "请输入发生时间" in future


async def test_a_time_remembered_roughly_and_the_beat_as_officers_name_it(
    officer_chat: Chat,
) -> None:
    """今天早上七点半左右 got 日期后面的时间看不懂, and 本辖区 没有这个警务区."""
    await officer_chat.say("/警情")
    assert "警情类型" in await officer_chat.say("今天早上七点半左右")
    await officer_chat.say_all("盗窃", "和平路菜市场", "修改 警务区")
    summary = await officer_chat.say("本辖区")
    assert "· 警务区：一号警务区" in summary and "· 发生时间：今天 07:30" in summary


async def test_the_intro_shows_a_change_with_a_question_of_this_form(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """The intro said 「修改 字段名」, which no officer can type as it stands."""
    intro = await officer_chat.say("/警情")
    assert "「修改 地点」这样改已填的一项" in intro and "字段名" not in intro
    await officer_chat.say_all("今天8:30", "盗窃", "和平路菜市场")
    assert "请输入发生地点" in await officer_chat.say("修改 地点")


async def test_an_officer_without_a_beat_is_asked_for_one(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    assert seeded.station.id is not None
    await add_officer(services, "roaming", beat_id=None, station_id=seeded.station.id)
    chat = Chat(dispatcher, "roaming")
    await chat.say_all("/警情", "现在", "盗窃")
    assert "请输入所属警务区" in await chat.say("某小区")
    assert "· 警务区：二号警务区" in await chat.say("二号")


async def test_words_naming_no_type_are_kept_under_other(officer_chat: Chat) -> None:
    """A place typed at the type step became a type of its own (类型：幸福里3号楼下), counted
    apart in the seven-day warning."""
    await officer_chat.say_all("/警情", "昨晚9点", "幸福里3号楼下")
    assert "· 类型：其他（幸福里3号楼下）" in await officer_chat.say("幸福里3号")


async def test_an_incident_entered_twice_is_flagged(officer_chat: Chat) -> None:
    """The same incident confirmed twice was recorded twice without a word, and counted
    twice in the seven-day warning."""
    first = await officer_chat.say_all("/警情 昨天上午9点 盗窃 城东路", "确认")
    assert "可能重复" not in first
    again = await officer_chat.say_all("/警情 昨天上午9点 盗窃 城东路", "确认")
    assert "✅ 警情已录入 #2" in again and "⚠️ 可能重复：#1" in again
    assert officer_chat.buttons()[0] == "/警情 撤销 2 重复录入"
    await officer_chat.say("/警情 撤销 2 重复录入")
    other = await officer_chat.say_all("/警情 昨天上午9点 盗窃 和平路", "确认")
    assert "可能重复" not in other


async def test_a_time_at_the_end_of_the_line_is_read(officer_chat: Chat) -> None:
    """/警情 打架 幸福里3号 昨晚8点半 asked the time again, with 地点：幸福里3号 昨晚8点半:
    only a time at the start was read."""
    summary = await officer_chat.say("/警情 打架 幸福里3号 昨晚8点半")
    assert "请输入发生时间" not in summary and "· 发生时间：昨天 20:30" in summary
    assert "· 地点：幸福里3号\n" in summary + "\n" and "· 类型：治安案件（打架）" in summary
    await officer_chat.say("确认")
    again = await officer_chat.say_all("/警情 打架 幸福里3号 昨晚8点半", "确认")
    assert "⚠️ 可能重复：#1" in again


async def test_words_naming_no_type_are_kept_from_the_line(officer_chat: Chat) -> None:
    """/警情 被狗咬 城东路 threw both words away (没能从「被狗咬 城东路」读出…): they are
    kept as at the type step, under 其他, and only the time is asked."""
    asked = await officer_chat.say("/警情 被狗咬 城东路")
    assert "没能" not in asked and "请输入发生时间" in asked
    summary = await officer_chat.say("昨晚9点")
    assert "· 类型：其他（被狗咬）" in summary and "· 地点：城东路" in summary


async def test_the_receipt_says_today_for_a_time_of_today(officer_chat: Chat) -> None:
    """The receipt had read 11-23 08:30 on the day itself, as if it were another day."""
    receipt = await officer_chat.say_all("/警情", "今天8:30", "盗窃", "幸福里车棚", "确认")
    assert "今天 08:30　盗窃　幸福里车棚" in receipt
    receipt = await officer_chat.say_all("/警情", "昨天8:30", "纠纷", "和平路", "确认")
    assert "昨天 08:30　纠纷　和平路" in receipt  # had been 11-22 08:30
