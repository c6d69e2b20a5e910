"""/批准 N and /驳回 N with a number of no alert awaiting the officer: what does await them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from tests.conftest import make_settings
from tests.handlers.broadcast.conftest import Area, compose
from tests.support.chat import Chat
from tests.support.people import add_second_beat_officer

TEXT = "注意防火\n天干物燥，请检查电气线路和灭火器。"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, broadcast={"approval_beyond_beat": True})


async def _waiting_alert(officer: Chat) -> str:
    """An alert to the whole station, sent for approval; its number."""
    reply = await compose(officer, TEXT, "现在发送", "跳过", "消防", "一般", "全所", "确认")
    found = re.search(r"通报#(\d+)", reply)
    assert found, reply
    assert "已提交本所其他民警审批" in await officer.say(f"/通报发送 {found.group(1)}")
    return found.group(1)


async def test_a_wrong_or_old_number_lists_the_alerts_awaiting_a_decision(
    officer_chat: Chat, area: Area, services: Services, dispatcher: Dispatcher
) -> None:
    """没有找到通报#99 alone had left the approver to find the number elsewhere."""
    await add_second_beat_officer(services, area.seeded)
    first, second = await _waiting_alert(officer_chat), await _waiting_alert(officer_chat)
    colleague = Chat(dispatcher, "officer-2")

    wrong = await colleague.say("/批准 99")
    assert "没有找到通报#99。等您审批的通报（2）：" in wrong, wrong
    assert f"#{first} 注意防火（" in wrong and f"#{second} 注意防火（" in wrong
    assert "/通报状态" not in wrong  # which does not list what awaits this officer
    assert colleague.buttons() == [f"/批准 {first}", f"/批准 {second}"]

    assert "正在发送给" in await colleague.say(colleague.buttons()[0])
    old = await colleague.say(f"/驳回 {first}")
    assert f"通报#{first}" in old and "无需审批。等您审批的通报（1）：" in old, old
    assert colleague.buttons() == [f"/驳回 {second}"]

    assert "写明通报编号" in await colleague.say("/驳回")
    assert colleague.buttons() == [f"/驳回 {second}"]
    assert "已驳回" in await colleague.say(f"/驳回 {second} 范围过大")
    done = await colleague.say(f"/批准 {second}")
    assert "无需审批。目前没有等您审批的通报。" in done, done
    # The author decides on none of their own: nothing is listed to them.
    assert "目前没有等您审批的通报" in await officer_chat.say("/批准 99")
