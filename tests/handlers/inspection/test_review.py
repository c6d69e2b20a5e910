"""How officers write reviews: deadlines as dates or days, and mistakes explained."""

from __future__ import annotations

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices, Image, Reply
from storage.models import InspectionStatus, VenueKind
from tests.handlers.inspection.support import (
    EBIKE_NOTE,
    inspect_hotel,
    submitted_cafe_inspection,
    submitted_inspection,
    venue_owner,
)
from tests.support.beat_data import inspection, store
from tests.support.chat import Chat
from tests.support.clock import FakeClock, dated_day, said_day
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.people import add_stranger_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_deadlines_and_usage(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    assert f"期限 {said_day(3)}" in await officer.say("/审核 1 整改 3 清走电动车 3天")
    assert f"期限 {said_day(7)}" in await officer.say("/审核 1 整改 第一项 清理杂物")  # 7 days
    # 12月5日前 had been kept in the note while the default deadline was sent beside it.
    assert f"期限 {said_day(12)}" in await officer.say("/审核 1 整改 第2项 更换灭火器 12月5日前")
    assert f"期限 {said_day(5)}" in await officer.say("/审核 1 整改 第2项 更换灭火器 5天内")
    assert "没有第9项" in await officer.say("/审核 1 整改 第9项 说明")
    assert "请写明需要整改的内容" in await officer.say("/审核 1 整改 第2项 12月1日")
    assert "不能早于今天" in await officer.say("/审核 1 整改 第2项 换新的 2026-11-01")
    assert "用法" in await officer.say("/审核 1 随便")
    assert "没有待审核的消防安全自查" in await officer.say("/审核")  # #1 was sent back
    assert "没有找到自查 #9" in await officer.say("/审核 9")
    # 电动车充电 was answered 否: passing it anyway takes a second word.
    warned = await officer.say("/审核 1 通过")
    assert "第3项「电动车充电」仍为「否」" in warned and "/审核 1 通过 确认" in warned
    assert "已通过" in await officer.say("/审核 1 通过 确认")
    assert "已经审核通过" in await officer.say("/审核 1 通过")


async def test_a_deadline_said_inside_the_note_is_the_deadline(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """整改 第二项 灭火器过期，三天内更换: the owner was told 请在 (a week later) 前整改 under a
    note that said three days."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    sent = await officer.say("/审核 1 整改 第二项 灭火器过期，三天内更换")
    assert f"期限 {said_day(3)}" in sent
    [notice] = await texts_to(services, "owner")
    assert "灭火器过期，三天内更换" in notice and f"请在 {dated_day(3)} 前整改" in notice


async def test_a_bare_number_opens_that_inspection_and_pages_are_asked_by_page(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    """`自查 1` showed page 1 of the list rather than self-inspection #1."""
    assert seeded.hotel.id is not None
    await store(
        services,
        *(
            inspection(seeded, seeded.hotel.id, clock.now, InspectionStatus.PENDING)
            for _ in range(12)  # more than one page of ten
        ),
    )
    officer = Chat(dispatcher, "officer")
    for typed in ("自查 1", "/自查 1", "/自查 #1"):
        shown = await officer.say(typed)
        assert "自查 #1　平安旅馆" in shown and "待审核的消防安全自查" not in shown
    first = await officer.say("/自查")
    assert "第1/2页" in first and "发送「/自查 第2页」看下一页" in first
    assert "/自查 第2页" in officer.buttons()
    second = await officer.say("/自查 第二页")
    assert "第2/2页" in second and "#12" in second
    missing = await officer.say("/自查 99")
    assert "没有找到自查 #99" in missing


async def test_a_number_that_is_no_inspection_of_theirs_is_still_a_page(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await add_stranger_officer(services)  # another station: sees none of these
    assert seeded.hotel.id is not None
    await store(
        services,
        *(
            inspection(seeded, seeded.hotel.id, clock.now, InspectionStatus.PENDING)
            for _ in range(3)
        ),
    )
    stranger = Chat(dispatcher, "stranger")
    assert "没有找到自查 #2" in await stranger.say("/自查 2")
    assert "目前没有待审核" in await stranger.say("/自查 1")


async def test_several_items_go_back_with_one_note(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """第3、5项 got the usage text: the officer had to send each item back on its own."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    told = await officer.say("/审核 1 整改 第3、4项 电动车搬走，插线板不要串接 3天")
    assert "第3项「电动车充电」、第4项「电气线路」" in told and f"期限 {said_day(3)}" in told
    sent = [t for t in await texts_to(services, "owner") if "需要整改" in t]
    assert len(sent) == 1 and "第3项「电动车充电」、第4项「电气线路」" in sent[0]
    assert "没有第9项" in await officer.say("/审核 1 整改 第3项和第9项 说明")
    asked = await owner.say("/自查 整改 1")
    assert "【电动车充电】" in asked
    assert "【电气线路】" in await owner.say_all("搬走了", "完成")


async def test_an_owner_answering_a_rectification_in_words_is_shown_the_way(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """好的马上改, after an item was sent back, got 没有理解."""
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 电动车搬走 3天")
    assert "您是想用「自查」" in await owner.say("好的马上改")
    assert "您有需要整改的消防安全自查" in await owner.say(owner.buttons()[0])
    assert "/自查 整改 1" in owner.buttons()


async def test_an_owner_telling_a_fix_is_pointed_to_the_rectification(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """灭火器换好了, with a rectification waiting, got the FAQ on fire extinguishers."""
    owner = await submitted_inspection(dispatcher, settings)
    assert "/自查 整改" not in await owner.say("灭火器换好了")  # nothing waits: as before
    await Chat(dispatcher, "officer").say("/审核 1 整改 第2项 灭火器过期 3天")
    for told in ("换好了", "改好了", "整改好了"):  # no item named: which one is not guessed
        pointed = await owner.say(told)
        assert "「/自查 整改 1」" in pointed, told
        assert owner.buttons() == ["/自查 整改 1"]
    assert "【灭火器】" in await owner.say(owner.buttons()[0])


async def test_an_owner_asking_how_to_report_a_fix_is_told_the_rectification(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """警官让我整改灭火器 换好了怎么报 got 没有找到…相关的法律条文: a question (怎么报)
    about a fix is how to resubmit, rectification waiting or not."""
    owner = await submitted_inspection(dispatcher, settings)
    told = await owner.say("警官让我整改灭火器 换好了怎么报")
    assert "没有待整改" in told and "「自查」" in told and "法律条文" not in told
    assert owner.buttons() == ["/自查"]
    await Chat(dispatcher, "officer").say("/审核 1 整改 第2项 灭火器过期 3天")
    for asked in ("警官让我整改灭火器 换好了怎么报", "整改完了怎么提交", "怎么提交整改"):
        assert "「/自查 整改 1」" in await owner.say(asked), asked
        assert owner.buttons() == ["/自查 整改 1"]


async def test_each_item_sent_back_keeps_its_own_note(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """第3项 说明 第4项 说明 7天: item 4 and its note were read as part of item 3's note, and
    item 4 was never sent back (the owner was not asked about it)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    told = await officer.say("/审核 1 整改 第3项 电动车搬走 3天 第4项插线板不要串接 7天")
    assert f"第3项「电动车充电」（期限 {said_day(3)}）" in told
    assert f"第4项「电气线路」（期限 {said_day(7)}）" in told
    sent = [t for t in await texts_to(services, "owner") if "需要整改" in t]
    assert len(sent) == 1
    assert f"第3项「电动车充电」：电动车搬走（{dated_day(3)} 前）" in sent[0]
    assert f"第4项「电气线路」：插线板不要串接（{dated_day(7)} 前）" in sent[0]
    # A deadline written once at the end is every item's, and said once.
    told = await officer.say("/审核 1 整改 第3项 电动车搬走 第4项 插线板不要串接 5天")
    assert f"第3项「电动车充电」、第4项「电气线路」，期限 {said_day(5)}" in told, told
    asked = await owner.say("/自查 整改 1")
    assert "【电动车充电】" in asked
    assert "【电气线路】" in await owner.say_all("搬走了", "完成")


async def test_a_rectification_opens_with_the_items_and_deadlines_sent_back(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/自查 整改 1 opened with a new inspection's intro (开始消防安全自查…部分项目需要拍照)
    and never said which items were sent back, nor by when."""
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第1项 清理杂物 第3项 电动车搬走 3天")
    redo = await owner.say("/自查 整改 1")
    assert "开始消防安全自查" not in redo
    assert f"第1项「安全出口」：清理杂物（{said_day(3)} 前）" in redo
    assert f"第3项「电动车充电」：电动车搬走（{said_day(3)} 前）" in redo
    assert redo.index("整改「平安旅馆」") < redo.index("【安全出口】")


async def test_an_item_sent_back_counts_in_the_risk_until_rectified(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """安全出口 answered 是 and sent back by the officer was left out of the venue's risk:
    only items the owner answered 否 were counted."""
    owner = RichChat(dispatcher, "owner")
    officer = Chat(dispatcher, "officer")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    assert "隐患未整改：安全出口" not in await officer.say("/风险 平安旅馆")
    await officer.say("/审核 1 整改 第1项 安全出口堆放杂物 3天")
    assert "消防自查有1项隐患未整改：安全出口" in await officer.say("/风险 平安旅馆")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say("确认")
    now = (await officer.say("/风险 平安旅馆")).split("最近变化")[0]
    assert "安全出口" not in now


async def test_a_rectification_deadline_is_the_officers_task_until_resubmitted(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    """The deadline of a rectification showed neither in /任务 (目前没有待办任务) nor, on the
    day, in the morning digest: the officer forgot to check it."""
    owner = RichChat(dispatcher, "owner")
    officer = Chat(dispatcher, "officer")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    await officer.say("/审核 1 整改 第3项 电动车搬走 3天")
    await officer.say("/审核 1 整改 第1项 清理杂物 11月28日")  # one task names both
    tasks = await officer.say("/任务")
    assert tasks.count("整改到期") == 1
    assert "「平安旅馆」整改到期：第1项安全出口、第3项电动车充电（自查 #1，/审核 1）" in tasks
    assert "截止 11月26日" in tasks
    clock.advance(days=3)
    assert "整改到期：第1项安全出口、第3项电动车充电" in await officer.say("/日报")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("搬走了", "完成", "确认")
    assert "目前没有待办任务" in await officer.say("/任务")
    assert "整改到期" not in await officer.say("/日报")


async def test_an_inspection_reads_as_item_names_and_answers(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/审核 1 repeated each item's whole question (安全出口、疏散通道是否畅通…？), a screen
    of questions on a phone: each item is its name and the answer, with the owner's note."""
    await submitted_inspection(dispatcher, settings)
    detail = await Chat(dispatcher, "officer").say("/审核 1")
    assert "1. ✅ 安全出口：是\n" in detail
    assert f"3. ❌ 电动车充电：否\n　　说明：{EBIKE_NOTE}\n" in detail
    assert "？" not in detail and "是否" not in detail
    assert "未拍照" not in detail  # every photo was taken
    assert "整改：/审核 1 整改 第N项 说明 期限" in detail


async def test_items_said_apart_go_back_together(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """整改 1 2 4项补拍照片 (voice input's spaces) sent back items 1 and 4 only, item 1
    with the note 「2」, and said nothing of item 2."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    told = await officer.say("/审核 1 整改 1 2 4项补拍照片 3天")
    assert "第1项「安全出口」、第2项「灭火器」、第4项「电气线路」" in told, told
    [sent] = [t for t in await texts_to(services, "owner") if "需要整改" in t]
    assert "补拍照片" in sent and "：\n2\n" not in sent
    assert "第2项「灭火器」" in sent


async def test_review_alone_lists_the_inspections_waiting(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/审核 with no number got the usage text, not the inspections it is for."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    waiting = await officer.say("/审核")
    assert "待审核的消防安全自查" in waiting and "平安旅馆" in waiting and "用法" not in waiting
    assert officer.buttons() == ["/审核 1"]


async def test_the_detail_offers_rectify_beside_pass_and_it_asks_what_to_send_back(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """/审核 1 had only a 通过 button: sending items back meant typing the command from the
    line of text above it."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/自查 1")
    assert officer.buttons() == ["/审核 1 通过", "/审核 1 整改"]
    asked = await officer.say(officer.buttons()[1])
    assert "请直接回复项目、整改要求和期限" in asked and "第3项「电动车充电」" in asked
    # The example is of the item it names (安全出口堆放杂物 had stood beside 第3项).
    assert "如：第3项 电动车充电请整改并拍照 7天" in asked and "用法" not in asked
    assert await texts_to(services, "owner") == []  # nothing is sent back yet
    told = await officer.say("/审核 1 整改 第3项 电动车移出楼道 3天")
    assert f"已要求整改自查 #1 第3项「电动车充电」，期限 {said_day(3)}" in told


async def test_words_after_the_rectify_button_are_what_to_send_back(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """After the 整改 button, 第2项 灭火器更换后拍照上传 3天 had been answered as a legal
    question (店里必须放灭火器吗), and the example of several items named 第6项 烟感换电池
    whatever the venue's item 6 was."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    asked = await officer.say("/审核 1 整改")
    assert "烟感换电池" not in asked
    assert "几项一起：第3项 电动车充电请整改并拍照 第1项 安全出口请整改并拍照 7天" in asked
    assert "可以分几条发送，写完回复「发送」一并通知负责人" in asked
    noted = await officer.say("第2项 灭火器更换后拍照上传 3天")
    assert noted.startswith(
        "已记下（第 1 条），尚未发给负责人。自查 #1 要求整改：\n"
        f"第2项「灭火器」：灭火器更换后拍照上传（期限 {said_day(3)}）\n"
    ), noted
    assert officer.buttons() == ["/审核 1 整改 发送", "/审核 1 整改 取消"]
    assert await texts_to(services, "owner") == []
    told = await officer.say("发送")  # the button's title, typed
    assert told == f"✅ 已要求整改自查 #1 第2项「灭火器」，期限 {said_day(3)}，已通知负责人。"
    [notice] = await texts_to(services, "owner")
    assert "灭火器更换后拍照上传" in notice
    # Sent: the next words are not another item sent back.
    assert "已记下" not in await officer.say("第3项 电动车搬走")
    # Words naming no item are not taken, and the question is dropped.
    await officer.say("/审核 1 整改")
    assert "已记下" not in await officer.say("你好")
    assert "已记下" not in await officer.say("第3项 电动车搬走")


async def test_items_written_in_several_messages_go_back_in_one_notice(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """Officers write the items in two or three messages: after the 整改 button only the
    first was taken (and sent at once), and 第3项 … sent next never reached the owner."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    await officer.say("第2项 灭火器更换后拍照上传 3天")
    second = await officer.say("第3项 电动车移出楼道")
    assert second.startswith("已记下（第 2 条），尚未发给负责人。自查 #1 要求整改：\n"), second
    assert (
        f"第2项「灭火器」：灭火器更换后拍照上传（期限 {said_day(3)}）\n"
        f"第3项「电动车充电」：电动车移出楼道（期限 {said_day(7)}）\n"
    ) in second
    assert "写完请点「发送」一并通知负责人" in second
    # An item named again takes its later note and deadline.
    third = await officer.say("第2项 灭火器换新 2天")
    assert (
        f"第3项「电动车充电」：电动车移出楼道（期限 {said_day(7)}）\n"
        f"第2项「灭火器」：灭火器换新（期限 {said_day(2)}）\n"
    ) in third, third
    assert await texts_to(services, "owner") == []
    told = await officer.say(officer.buttons()[0])
    assert told == (
        f"✅ 已要求整改自查 #1 第3项「电动车充电」（期限 {said_day(7)}）、"
        f"第2项「灭火器」（期限 {said_day(2)}），已通知负责人。"
    )
    [notice] = await texts_to(services, "owner")
    assert "电动车移出楼道" in notice and "灭火器换新" in notice
    assert "灭火器更换后拍照上传" not in notice
    assert "没有待发送的整改要求" in await officer.say("/审核 1 整改 发送")


async def test_the_last_item_typed_in_full_takes_those_noted_with_it(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    await officer.say("第2项 灭火器换新 3天")
    told = await officer.say("/审核 1 整改 第3项 电动车搬走")
    assert (
        f"第2项「灭火器」（期限 {said_day(3)}）、第3项「电动车充电」（期限 {said_day(7)}）" in told
    )
    [notice] = await texts_to(services, "owner")
    assert "灭火器换新" in notice and "电动车搬走" in notice


async def test_items_noted_can_be_dropped_and_lapse_unsent(
    dispatcher: Dispatcher,
    seeded: Seeded,
    settings: Settings,
    services: Services,
    clock: FakeClock,
) -> None:
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    await officer.say("第2项 灭火器换新")
    dropped = await officer.say("取消")  # the button's title, typed
    assert dropped == "好的，自查 #1 记下的整改要求已取消，没有通知负责人。"
    assert "没有待发送的整改要求" in await officer.say("/审核 1 整改 发送")
    await officer.say("/审核 1 整改")
    await officer.say("第2项 灭火器换新")
    clock.advance(minutes=11)
    lapsed = await officer.say("/审核 1 整改 发送")
    assert "没有待发送的整改要求（记下后10分钟内未发送的不再保留）" in lapsed
    assert await texts_to(services, "owner") == []


async def test_a_mistake_after_the_rectify_button_can_be_typed_again(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    assert "没有第9项" in await officer.say("第9项 换新的")
    assert "第3项「电动车充电」：电动车搬走" in await officer.say("整改 第3项 电动车搬走")
    # Tapped again, what was noted stays.
    assert "此前已记下 1 条，尚未发送" in await officer.say("/审核 1 整改")
    # A question asked long ago no longer takes the officer's words.
    clock.advance(minutes=11)
    assert "已记下" not in await officer.say("第2项 更换灭火器")


async def test_rectify_typed_alone_opens_the_rectification(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """整改 and 开始整改 (the button under the officer's notice, typed) got 没有理解; an
    officer's 整改 is told how to send an item back."""
    owner = await submitted_inspection(dispatcher, settings)
    assert "您目前没有需要整改的自查" in await owner.say("整改")
    officer = Chat(dispatcher, "officer")
    assert "/审核 编号 整改" in await officer.say("整改")
    await officer.say("/审核 1 整改 第3项 电动车搬走 3天")
    for said in ("开始整改", "整改"):
        opened = await owner.say(said)
        assert "整改「平安旅馆」的消防安全自查 #1" in opened and "电动车搬走" in opened
        await owner.say("取消")


async def test_items_are_named_and_passing_is_said_as_officers_say_it(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """整改 灭火器 周三前换新…, 审核1 过 and 通过 1 had got the usage (or 请点选上面的选项)."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    sent = await officer.say("审核1 整改 灭火器 周三前换新的并拍照发过来")
    assert f"第2项「灭火器」，期限 {said_day(2)}" in sent  # Monday 11-23: Wednesday
    assert "第1项「安全出口」" in await officer.say("整改 1 出口 清理杂物")
    await officer.say("/审核 1")
    # 通过 typed under the inspection's buttons, and with the number: as /审核 1 通过.
    assert "第3项「电动车充电」仍为「否」" in await officer.say("通过")
    assert "第3项「电动车充电」仍为「否」" in await officer.say("通过 1")
    assert "已通过" in await officer.say("审核1 过 确认")


async def test_the_same_rectification_is_not_sent_twice(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """The same 整改 sent twice had sent the owner two identical notices."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 换新的 3天")
    again = await officer.say("/审核 1 整改 第2项 换新的 3天")
    assert "已经发给负责人了，未重复发送" in again
    assert len(await texts_to(services, "owner")) == 1
    assert "已通知负责人" in await officer.say("/审核 1 整改 第2项 换新的 5天")  # a new deadline
    assert len(await texts_to(services, "owner")) == 2


async def test_a_resubmission_shows_its_own_time_and_the_owners_words(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    """After a resubmission /审核 showed the first submission's time; the owner's 是
    已经换好了 was kept as 是 alone."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 换新的 3天")
    clock.advance(hours=3)
    await owner.say("/自查 整改 1")
    assert "请拍一张「灭火器」的照片" in await owner.say("是 已经换好了")
    assert "还差这一项：灭火器照片，请先拍照发来" in await owner.say("确认")
    await owner.say_all("跳过", "确认")
    shown = await officer.say("/审核 1")
    assert "提交：今天 13:00　第2次提交" in shown
    assert "2. ✅ 灭火器：是\n　　说明：已经换好了" in shown


async def test_the_review_shows_what_the_owner_said_does_not_apply_and_reused_photos(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """没有厨房 at 用火用气 was kept as 「用火用气：是」 with no note (the officer saw ✅), and
    one photo sent for three items was shown three times, unremarked."""
    owner = RichChat(dispatcher, "owner")
    same = stored_photo(settings, "red")
    await owner.say_all("/自查", "是")
    await owner.photo(same)
    await owner.say("是")
    await owner.photo(same)
    await owner.say_all("否", EBIKE_NOTE, "是")
    await owner.photo(same)
    summary = await owner.say_all("正常", "没有厨房", "会")
    # The owner reads it as the officer will (it had read 用火用气：是, 说明：不适用：没有厨房).
    assert "用火用气：不适用（没有厨房）\n" in summary and "用火用气说明" not in summary
    await owner.say("确认")
    detail = await Chat(dispatcher, "officer").say("/审核 1")
    assert "➖ 用火用气：不适用\n　　说明：没有厨房" in detail and "✅ 用火用气" not in detail
    assert "⚠️ 同一张照片用于3项：第1项 安全出口、第2项 灭火器、第4项 电气线路，请核实。" in detail
    # Photos of their own are not flagged.
    await submitted_inspection(dispatcher, settings)
    assert "同一张照片" not in await Chat(dispatcher, "officer").say("/审核 2")


async def test_a_photo_the_officer_asked_for_is_said_missing_and_a_pass_reads_resolved(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """整改 第2项 …并拍照, answered 是 and 跳过: the owner was never told a photo was asked
    for, 通过 came unwarned, and the passed inspection still read 已整改，待复核 with the
    通过/整改 buttons."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 过期灭火器请更换并拍照 3天")
    redo = await owner.say("/自查 整改 1")
    assert "📷 民警要求拍照：「灭火器」" in redo and "跳过" in redo
    await owner.say("是")
    done = await owner.say_all("跳过", "确认")
    assert "「灭火器」未拍照，民警要求拍照，复核时会看到" in done
    detail = await officer.say("/审核 1")
    assert "2. ✅ 灭火器：是　📷 民警要求的照片未发送" in detail
    # 已整改，待复核 beside 照片未发送 had read as if the photo were there.
    assert "（已整改（未附照片），待复核，期限" in detail and "已整改，待复核" not in detail
    warned = await officer.say("/审核 1 通过")
    assert "第2项「灭火器」未发送您要求的整改照片" in warned and "/审核 1 通过 确认" in warned
    assert "已通过" in await officer.say("/审核 1 通过 确认")
    passed = await officer.say("/自查 1")
    assert "状态：已通过" in passed and "（已整改（未附照片），已照此通过）" in passed
    assert "复核通过" not in passed
    assert "待复核" not in passed and "⚠️" not in passed and officer.buttons() == []
    # Passed: no one would review a photo sent now.
    assert "已通过" in await owner.say("/自查 记录")
    assert owner.buttons() == ["/自查 新"]


async def test_a_photo_asked_for_and_sent_is_no_warning(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 过期灭火器请更换并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say("确认")
    assert "未发送" not in await officer.say("/审核 1")
    assert "未发送" not in await officer.say("/审核 1 通过")  # only 第3项 is still 否


def _pictures(replies: list[Reply]) -> dict[str, str]:
    return {r.caption: r.sha256 for r in replies if isinstance(r, Image)}


async def test_a_fix_photo_sent_later_is_kept_beside_the_photo_of_the_fault(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/自查 补拍 of the fix's photo the officer asked for replaced the photo of the fault,
    and the review showed it as the item's photo, not 整改后; the owner had been told at
    once that the photo was asked for and that one 可以附 (may be attached)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    fault = _pictures(await officer.send("/审核 1"))["第2项 灭火器"]
    await officer.say("/审核 1 整改 第2项 过期灭火器请更换并拍照 3天")
    told = await owner.say("换好了")
    assert "并按民警要求附整改后的照片" in told and "可以附" not in told
    redo = await owner.say("/自查 整改 1")
    assert "📷 民警要求拍照：「灭火器」" in redo and "可以附" not in redo
    await owner.say_all("是", "跳过", "确认")
    later = await owner.say("/自查 补拍 1")
    assert "未拍的照片：灭火器（整改后）" in later
    await owner.photo(stored_photo(settings, "yellow"))
    assert "已补拍「灭火器（整改后）」的照片" in await owner.say("确认")
    replies = await officer.send("/审核 1")
    pictures = _pictures(replies)
    assert pictures["第2项 灭火器"] == fault  # the fault's photo is kept
    assert pictures["第2项 灭火器（整改后）"] != fault
    detail = "\n".join(r.text for r in replies if isinstance(r, Choices))
    assert "（已整改，待复核，期限" in detail and "未发送" not in detail


async def test_a_rectification_asking_no_photo_still_offers_one(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 电动车必须搬离楼道 3天")
    assert "可以附整改后的照片" in await owner.say("电动车整改好了")
    redo = await owner.say("/自查 整改 1")
    assert "只需回答需要整改的项目，可以附整改后的照片。" in redo and "📷" not in redo


async def test_a_photo_sent_during_the_rectification_is_kept_beside_the_fault(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The photo sent at the item's photo question while rectifying replaced the photo of
    the fault: the officer could no longer compare before and after."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    fault = _pictures(await officer.send("/审核 1"))["第2项 灭火器"]
    await officer.say("/审核 1 整改 第2项 过期灭火器请更换并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("完成", "确认")
    pictures = _pictures(await officer.send("/审核 1"))
    assert pictures["第2项 灭火器"] == fault  # the fault's photo is kept
    assert pictures["第2项 灭火器（整改后）"] != fault


async def test_a_fix_told_in_plain_words_is_the_rectification_of_its_item(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """已经把电动车挪到外面了, with the e-bikes sent back, got the FAQ on riding e-bikes: the
    owner had to know 「/自查 整改 1」. It is now that item's fix, in the owner's words, and
    the photo is asked as the rectification asks it; a question or a promise is not."""
    owner = await submitted_inspection(dispatcher, settings)
    assert "已记下" not in await owner.say("电动车搬走了")  # nothing sent back yet
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 更换灭火器 第3项 电动车必须搬离楼道 3天")
    for not_told in ("电动车搬走了吗", "明天把电动车搬走", "电动车还没搬"):
        assert "已记下" not in await owner.say(not_told), not_told
    started = await owner.say("已经把电动车挪到外面了")
    assert "✅ 已记下第3项「电动车充电」的整改说明：已经把电动车挪到外面了" in started
    assert "【灭火器】" in started  # the other item sent back is still asked
    assert "请拍一张「灭火器」的照片" in await owner.say("是")
    asked = await owner.photo(stored_photo(settings, "yellow"))
    assert "「电动车充电」，可以发送整改后的照片" in asked  # as the rectification asks it
    summary = await owner.say("完成")
    assert "电动车充电说明：已经把电动车挪到外面了" in summary
    assert "已重新提交" in await owner.say("确认")
    detail = await officer.say("/审核 1")
    assert "3. ✅ 电动车充电：是\n　　说明：已经把电动车挪到外面了" in detail


async def test_a_fix_said_at_the_item_sent_back_is_kept_as_its_note(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """灭火器换新的了, answering the item sent back, was refused (请回答「是」或「否」)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 更换灭火器 3天")
    assert "【灭火器】" in await owner.say("/自查 整改 1")
    assert "请拍一张「灭火器」的照片" in await owner.say("灭火器换新的了")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("完成", "确认")
    assert "2. ✅ 灭火器：是\n　　说明：灭火器换新的了" in await officer.say("/审核 1")


async def test_a_photo_sent_for_another_venue_is_pointed_out_at_the_review(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """The hotel's photo of its exit, sent again as a net café's wiring (the same picture,
    so the same hash), showed under each item as if two; nothing told the officer."""
    await submitted_inspection(dispatcher, settings)  # its exit photographed in red
    officer = Chat(dispatcher, "officer")
    assert "此照片" not in await officer.say("/审核 1")
    cafe = await venue_owner(dispatcher, services, seeded, VenueKind.INTERNET_CAFE, "极速网吧")
    assert "场所：极速网吧" in await cafe.say("/自查")
    await cafe.say("是")
    await cafe.photo(stored_photo(settings, "yellow"))  # 安全出口
    await cafe.say("是")
    await cafe.photo(stored_photo(settings, "purple"))  # 灭火器
    assert "【电气线路】" in await cafe.say_all("是", "是")  # 无人住宿, 电动车充电
    await cafe.say("是")
    await cafe.photo(stored_photo(settings, "red"))  # the hotel's exit, as the wiring
    assert "请核对" in await cafe.say_all("是", "是", "是", "是", "是", "是")
    assert "已提交（编号 #2）" in await cafe.say("确认")
    detail = await officer.say("/审核 2")
    assert "第5项 电气线路：此照片与「平安旅馆」自查 #1 第1项 安全出口中的照片相同" in detail
    assert "此照片与「极速网吧」自查 #2 第5项 电气线路中的照片相同" in await officer.say("/审核 1")


async def test_a_fix_photo_that_is_another_items_photo_is_pointed_out(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The wiring's photo sent again as the new extinguisher's was shown as the fix."""
    owner = await submitted_inspection(dispatcher, settings)  # its wiring in green
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 更换灭火器并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "green"))
    await owner.say_all("完成", "确认")
    detail = await officer.say("/审核 1")
    assert "⚠️ 第2项 灭火器（整改后）的照片与第4项 电气线路的照片相同" in detail


async def test_going_back_over_a_fix_told_in_words_keeps_the_words(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """电动车搬走了, then 上一步: 刚才填的是：是, the words unseen, and 是 again had sent the
    fix in without them (no 说明 in the summary, none for the officer)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第3项 电动车必须搬离楼道 3天")
    started = await owner.say("电动车搬走了")
    assert "✅ 已记下第3项「电动车充电」" in started and "电动车搬走了" in started
    back = await owner.say("上一步")
    assert "刚才填的是：是（说明：电动车搬走了）。" in back and "【电动车充电】" in back
    summary = await owner.say_all("是", "跳过")
    assert "电动车充电说明：电动车搬走了" in summary
    # 修改 and the same answer keep them too; another answer asks for its own account.
    assert "电动车充电说明：电动车搬走了" in await owner.say_all("修改 电动车充电", "是")
    assert "已重新提交" in await owner.say("确认")
    assert "3. ✅ 电动车充电：是\n　　说明：电动车搬走了" in await officer.say("/审核 1")


async def test_the_officers_list_names_the_venues_waiting_to_rectify(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    """Once sent back, an inspection left /自查 (目前没有待审核的消防安全自查) while its venue
    still had to be fixed: it was seen only as a task or on the venue's card."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第3项 电动车搬走 3天")
    listing = await officer.say("/自查")
    assert "目前没有待审核的消防安全自查。" in listing
    assert "待整改 1 处：#1 平安旅馆（11月26日到期），发送「/自查 编号」查看。" in listing
    # Said as the registration views say a day (11-26 had read as nothing else did).
    clock.advance(days=2)
    assert "#1 平安旅馆（明天到期）" in await officer.say("/自查")
    clock.advance(days=1)
    assert "#1 平安旅馆（今天到期）" in await officer.say("/自查")
    clock.advance(days=2)
    assert "#1 平安旅馆（已逾期2天）" in await officer.say("/自查")


async def test_the_venues_to_rectify_are_named_once_with_their_own_hint(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    """待整改 had been repeated on every page of the list, right above 「发送「/审核 编号」
    查看」 though its numbers are opened with /自查."""
    await add_stranger_officer(services)  # another station: none of these are theirs
    assert seeded.hotel.id is not None
    pending = InspectionStatus.PENDING
    await store(
        services,
        *(inspection(seeded, seeded.hotel.id, clock.now, pending) for _ in range(12)),
        inspection(seeded, seeded.hotel.id, clock.now, InspectionStatus.RECTIFY),
    )
    officer = Chat(dispatcher, "officer")
    first = await officer.say("/自查")
    assert first.endswith(
        "发送「/审核 编号」查看。\n待整改 1 处：#13 平安旅馆，发送「/自查 编号」查看。"
    )
    second = await officer.say("/自查 第2页")
    assert "第2/2页" in second and "待整改" not in second, second
    assert "待整改" not in await Chat(dispatcher, "stranger").say("/自查")


async def test_the_usage_gives_a_deadline_still_to_come(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    """期限如 11月30日 had been written on 12-01, a deadline the review refuses."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    clock.advance(days=8)  # 12-01
    usage = await officer.say("/审核 1 随便")
    assert "期限如 12月8日 或 7天" in usage and "11月30日" not in usage, usage
    unsaid = await officer.say("/审核 1 整改 第2项 12月3日")
    assert "请写明需要整改的内容" in unsaid and "安全出口堆放杂物 12月8日" in unsaid, unsaid


async def test_items_named_in_one_message_each_go_back_with_their_own_note(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """整改 灭火器换新的 电动车不许进楼道 电线补拍一张 一周内 sent back 第2项 alone, its note
    all those words, and items 3 and 4 were never marked: each item named starts its own
    note, and the deadline said once (一周内, 3天内, 月底前) is every item's, dated, and
    said once (it had followed every item, in the reply and in the owner's notice)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    told = await officer.say("/审核 1 整改 灭火器换新的 电动车不许进楼道 电线补拍一张 一周内")
    assert told == (
        "✅ 已要求整改自查 #1 第2项「灭火器」、第3项「电动车充电」、第4项「电气线路」，"
        f"期限 {said_day(7)}，已通知负责人。"
    ), told
    [sent] = [t for t in await texts_to(services, "owner") if "需要整改" in t]
    assert sent.count(dated_day(7)) == 1 and "前）" not in sent, sent
    assert "第2项「灭火器」：换新的\n" in sent
    assert "第3项「电动车充电」：电动车不许进楼道\n" in sent
    assert f"第4项「电气线路」：电线补拍一张\n请在 {dated_day(7)} 前整改" in sent
    told = await officer.say("/审核 1 整改 出口清理杂物 灭火器要换 3天内")
    assert f"第1项「安全出口」、第2项「灭火器」，期限 {said_day(3)}" in told, told
    assert told.count("期限") == 1
    told = await officer.say("/审核 1 整改 电动车 电线 都要拍照 月底前")  # 11月30日
    assert f"第3项「电动车充电」、第4项「电气线路」，期限 {said_day(7)}" in told, told
    # A note naming its own item goes on: 第3项 电动车必须搬离楼道 is item 3's, whole.
    await officer.say("/审核 1 整改 第3项 电动车必须搬离楼道 灭火器过期 安全隐患大")
    redo = await owner.say("/自查 整改 1")
    assert f"第3项「电动车充电」：电动车必须搬离楼道（{dated_day(7)} 前）" in redo, redo
    assert f"第2项「灭火器」：过期 安全隐患大（{dated_day(7)} 前）" in redo


async def test_an_item_still_answered_no_at_the_rectification_reads_not_rectified(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """实名上网 answered 否 again at the rectification (新系统下周装好) read 「整改要求：一人
    一证（已整改，待复核…）」 to the officer: it is 未整改, the owner's words above it."""
    cafe = await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 灭火器换新 3天 第8项 一人一证 7天")
    assert "【灭火器】" in await cafe.say("/自查 整改 1")
    assert "【实名上网】" in await cafe.say_all("是", "跳过")
    summary = await cafe.say_all("否", "新系统下周装好", "跳过")
    assert "实名上网说明：新系统下周装好" in summary, summary
    assert "已重新提交" in await cafe.say("确认")
    detail = await officer.say("/审核 1")
    assert (
        "8. ❌ 实名上网：否\n　　说明：新系统下周装好\n"
        f"　　⚠️ 整改要求：一人一证（未整改，期限 {said_day(7)}）"
    ) in detail, detail
    assert f"　　⚠️ 整改要求：灭火器换新（已整改，待复核，期限 {said_day(3)}）" in detail, detail
    await officer.say("/审核 1 通过 确认")
    passed = await officer.say("/审核 1")
    assert "　　整改要求：一人一证（未整改，已照此通过）" in passed, passed


async def test_the_items_noted_can_be_started_over(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """「不对 重来」 under the items noted got 请点选上面的选项: it starts them over, and 不对
    alone says how to put them right."""
    await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改")
    await officer.say("第2项 灭火器换新 3天")
    wrong = await officer.say("不对")
    assert "请点选" not in wrong and "「重来」" in wrong and "「取消」" in wrong, wrong
    assert officer.buttons() == ["/审核 1 整改 重来", "/审核 1 整改 取消"]
    again = await officer.say("不对 重来")
    assert again.startswith("好的，自查 #1 已记下的 1 条整改要求已清空，没有通知负责人。"), again
    assert "已记下（第 1 条）" in await officer.say("第3项 电动车搬走")
    assert "已清空" in await officer.say("/审核 1 整改 重来")  # the button's command
    await officer.say("第3项 电动车搬出楼道")
    assert "第3项「电动车充电」" in await officer.say("发送")
    [notice] = await texts_to(services, "owner")
    assert "电动车搬出楼道" in notice and "灭火器" not in notice and "电动车搬走" not in notice
