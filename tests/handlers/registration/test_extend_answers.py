"""Answers to 续住's own questions typed instead of pressed."""

from __future__ import annotations

from datetime import date

import pytest

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")


@pytest.mark.parametrize("said", ["两个都续", "都续", "全部", "都续住吧"])
async def test_everyone_said_at_whose_stay_goes_on_extends_the_room(
    owner_chat: Chat, said: str
) -> None:
    """两个都续 and 都续 under 谁续住？ had got 请点选上面的选项."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say_all(f"/同住 {number}", "李娜", "身份证", other, "跳过", "确认")
    assert "谁续住" in await owner_chat.say("续住 302 2天")
    done = await owner_chat.say(said)
    assert "✅ 302 房间（王**、李*）预计退房改为 2026-11-26" in done
