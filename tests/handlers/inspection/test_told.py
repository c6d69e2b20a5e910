"""An owner's own words of a fix, with a rectification waiting, told from everyday talk."""

from __future__ import annotations

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.inspection.told import says_fixed
from tests.handlers.inspection.support import submitted_cafe_inspection, submitted_inspection
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_everyday_words_said_with_a_rectification_waiting_are_not_a_fix(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """客人已经换了房间 (which had been offered 更正登记), 已经接到通知了, 已经加了微信 all
    got the rectification prompt once an item was sent back, and 已经接到电动车充电的通知了
    started the rectification with 电动车充电 answered 是 and the sentence as its fix."""
    owner = await submitted_inspection(dispatcher, settings)
    await Chat(dispatcher, "officer").say(
        "/审核 1 整改 第2项 更换灭火器 第3项 电动车必须搬离楼道 3天"
    )
    for said in ("客人已经换了房间", "好的已经清楚了", "已经接到通知了", "已经加了微信"):
        reply = await owner.say(said)
        assert "/自查 整改 1" not in reply and "已记下" not in reply, said
    assert "更正登记" in await owner.say("客人已经换了房间")
    reply = await owner.say("已经接到电动车充电的通知了")
    assert "已记下" not in reply and "【灭火器】" not in reply
    # The fix told in words still is one; a bare 改好了 is still pointed to the rectification.
    assert "/自查 整改 1" in await owner.say("改好了")
    assert "✅ 已记下第3项「电动车充电」" in await owner.say("电动车已经搬走了")


def test_a_fix_refused_or_not_to_be_done_is_no_fix() -> None:
    """电动车不搬走了, 懒得换掉, 不用搬走 at an item sent back had been read as its fix (搬走,
    换掉), the item marked rectified."""
    for said in ("电动车不搬走了", "懒得换掉", "不用搬走", "没法搬走", "不想换新的"):
        assert not says_fixed(said), said
    assert says_fixed("电动车搬走了") and says_fixed("灭火器换新的了")


async def test_fixes_of_several_items_told_in_one_message_go_to_each_item(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """灭火器已经换好了 网管也搬走了 started the rectification with the whole sentence as the
    extinguisher's note, and 无人住宿 asked again: each fix is its own item's note."""
    cafe = await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 灭火器换新 3天 第3项 网管不能住店里 第8项 一人一证 7天")
    started = await cafe.say("灭火器已经换好了，网管也搬走了")
    assert "✅ 已记下第2项「灭火器」的整改说明：灭火器已经换好了（" in started, started
    assert "✅ 已记下第3项「无人住宿」的整改说明：网管也搬走了（" in started, started
    assert "请拍一张「灭火器」的照片" in started
    summary = await cafe.say_all("跳过", "跳过", "否", "新系统下周装好", "跳过")
    assert "灭火器说明：灭火器已经换好了\n" in summary, summary
    assert "无人住宿：是\n· 无人住宿说明：网管也搬走了\n" in summary, summary
    assert "已重新提交" in await cafe.say("确认")


async def test_a_fix_told_beside_one_still_to_come_is_taken_alone(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """灭火器换好了 网管搬走了 实名上网下周装: the two fixes are noted, and 实名上网, not
    done yet, is asked as it is (the sentence had been no fix at all)."""
    cafe = await submitted_cafe_inspection(dispatcher, services, seeded)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 灭火器换新 3天 第3项 网管不能住店里 第8项 一人一证 7天")
    started = await cafe.say("灭火器换好了 网管搬走了 实名上网下周装")
    assert "✅ 已记下第2项「灭火器」的整改说明：灭火器换好了（" in started, started
    assert "✅ 已记下第3项「无人住宿」的整改说明：网管搬走了（" in started, started
    assert "已记下第8项" not in started
    assert "【实名上网】" in await cafe.say_all("跳过", "跳过")
