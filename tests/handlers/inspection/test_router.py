"""`/自查` as the owner's way back to their own inspections."""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.handlers.inspection.support import submitted_inspection
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded


async def test_an_owner_lists_their_inspections_and_what_each_waits_for(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """/自查 列表 started a new 15-question inspection, and 我的自查 offered one: an owner
    who lost the officer's notice had no way back to a rectification."""
    owner = RichChat(dispatcher, "owner")
    assert "还没有提交过消防安全自查" in await owner.say("/自查 记录")
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 电动车搬走 3天")
    listed = await owner.say("/自查 列表")
    assert "您最近的消防安全自查" in listed and "#1" in listed and "平安旅馆" in listed
    assert "待整改（隐患1项）" in listed and "【" not in listed  # no form question
    assert owner.buttons() == ["/自查 整改 1", "/自查 新"]
    assert "您最近的消防安全自查" in await owner.say("我的自查")
    assert "电动车充电" in await owner.say(owner.buttons()[0])


async def test_a_fix_said_done_with_already_points_to_the_rectification(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """灭火器已经换了 怎么弄, with a rectification waiting, got the FAQ 店里必须放灭火器吗;
    灭火器已经换了 told alone is the fix of the item it names."""
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第2项 灭火器过期 3天")
    pointed = await owner.say("灭火器已经换了 怎么弄")
    assert "「/自查 整改 1」" in pointed and "常见问题" not in pointed, pointed
    assert owner.buttons() == ["/自查 整改 1"]
    assert "✅ 已记下第2项「灭火器」的整改说明：灭火器已经换了" in await owner.say("灭火器已经换了")


async def test_the_rectify_button_typed_by_an_officer_starts_the_rectification(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """整改, the title of the button under an inspection, had only got the command's syntax
    (要求负责人整改请发送「/审核 编号 整改 第N项 说明 期限」)."""
    await submitted_inspection(dispatcher, settings)
    officer = RichChat(dispatcher, "officer")
    # With no 整改 button on screen, the way to write it.
    assert "/审核 编号 整改" in await officer.say("整改")
    await officer.say("/审核 1")
    asked = await officer.say("整改")
    assert asked.startswith("要求整改自查 #1：请直接回复项目"), asked
    assert "已记下（第 1 条）" in await officer.say("第3项 电动车搬走 3天")


async def test_items_sent_back_with_one_note_show_it_once(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """第1、3项 … sent back two items with one note, and the owner's rectification listed
    that note under each item, as if the officer had written it twice."""
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say("/审核 1 整改 第1、3项 清理杂物并拍照 3天")
    started = await owner.say("/自查 整改 1")
    assert f"第1项「安全出口」、第3项「电动车充电」：清理杂物并拍照（{said_day(3)} 前）" in started
    assert started.count("清理杂物并拍照") == 1, started


async def test_stopping_an_inspection_brings_back_the_registration_set_aside(
    owner_chat: Chat,
) -> None:
    """A registration half-filled, then /自查 (the registration set aside for it), then
    /自查 取消: the registration had stayed set aside, unnamed; it is back, its question
    asked."""
    await owner_chat.say_all("/登记", "王小明", "身份证")
    assert "您的旅客登记已保存" in await owner_chat.say("/自查")
    await owner_chat.say("是")
    stopped = await owner_chat.say("/自查 取消")
    assert stopped.startswith("已取消消防安全自查，内容未提交。刚才的旅客登记还没填完，接着填："), (
        stopped
    )
    assert "证件号码" in stopped
    assert "王小明" in await owner_chat.say_all(GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "旅客登记成功" in await owner_chat.say("确认")
