"""What a draft says it reaches."""

from __future__ import annotations

from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.seed import Seeded

TEXT = "注意防火\n天干物燥，请检查电气线路和灭火器，电动车不要进楼充电。"


async def test_a_kind_of_recipient_with_none_is_left_out(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """A beat with no bound group: the summary said 场所负责人 2 人，群 0 个."""
    summary = await compose(officer_chat, TEXT, "现在发送", "跳过", "消防", "一般", "本警务区全部")
    assert "将发送给 2 个对象：场所负责人 2 人。" in summary, summary
