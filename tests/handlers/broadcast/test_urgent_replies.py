"""An owner's reply to an urgent alert: it acknowledges the alert, its question reaches the
alert's officer, and the owner reads the first safety steps for that kind of danger."""

from __future__ import annotations

import re

from bot.context import Services
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded

GAS = "城东路燃气泄漏\n请各旅馆立即疏散住客，等候通知。"
REPLY = "已经疏散了 我们这边闻到味道了 要不要关总闸"


async def _urgent(officer: Chat, text: str = GAS, severity: str = "紧急") -> int:
    sent = await compose(officer, text, "现在发送", "跳过", "消防", severity, "旅馆", "确认")
    found = re.search(r"通报#(\d+)（发送中）", sent)
    assert found, sent
    return int(found.group(1))


async def test_a_reply_to_a_gas_alert_acknowledges_it_reaches_the_officer_and_advises(
    officer_chat: Chat, owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """It had got only 「要把这个问题转给…民警吗？」: the alert stayed unconfirmed and the
    owner, smelling gas, read no word of what to do."""
    number = await _urgent(officer_chat)
    said = await owner_chat.say(REPLY)
    assert f"已确认收到通报#{number}" in said, said
    assert "不要开关" in said and "通风" in said and "119" in said
    [notice] = await texts_to(services, "officer")
    assert f"关于通报#{number}" in notice and "要不要关总闸" in notice
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")


async def test_a_reply_to_an_ordinary_alert_is_still_only_offered(
    officer_chat: Chat, owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await _urgent(officer_chat, severity="一般")
    said = await owner_chat.say(REPLY)
    assert "不要开关" not in said
    assert await texts_to(services, "officer") == []
