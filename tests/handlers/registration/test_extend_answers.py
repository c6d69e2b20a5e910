"""Answers to 续住's own questions typed instead of pressed."""

from __future__ import annotations

from datetime import date

import pytest

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.clock import said_day
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
    assert f"✅ 302 房间（王**、李*）预计退房改为 {said_day(3)}" in done


@pytest.mark.parametrize("said", ["两个都续", "俩都续"])
async def test_a_count_that_is_not_the_rooms_asks_who_stays_on(owner_chat: Chat, said: str) -> None:
    """两个都续 at a room of three had extended all three: who is asked again, nobody's
    stay changed."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    for at, name in enumerate(("李娜", "赵敏")):
        other = build_resident_id("110105", date(1990, 1, 2 + at), 318)
        await owner_chat.say_all(f"/同住 {number}", name, "身份证", other, "跳过", "确认")
    assert "302 房间有 3 位在住旅客" in await owner_chat.say("续住 302 2天")
    asked = await owner_chat.say(said)
    assert "✅" not in asked and "302 房间有 3 位在住旅客" in asked and "谁续住" in asked
    assert "三个都续" not in asked
    assert "✅ 302 房间（王**、李*、赵*）" in await owner_chat.say("三个都续")
