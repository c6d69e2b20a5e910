"""An owner's own words of a fix, with a rectification waiting, told from everyday talk."""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Dispatcher
from handlers.inspection.told import says_fixed
from tests.handlers.inspection.support import submitted_inspection
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
