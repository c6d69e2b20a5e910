"""The questions a hotel asks of a guest under 18, as the owner meets them."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay
from tests.support.chat import Chat

# The suite's clock stands at 2026-11-23: born 2010-03-15 is sixteen.
MINOR = build_resident_id("110105", date(2010, 3, 15), 311)
UP_TO_GUARDIAN = ("登记", "李小华", "身份证", MINOR, "跳过", "308", "现在", "跳过")


async def test_not_understanding_the_guardian_question_is_no_answer(
    owner_chat: Chat, services: Services
) -> None:
    """不知道啥意思 had been kept as 联系不上 (and the officers told so); 什么意思 at the
    next question as the companions. Each gets what is asked and why, and the question."""
    await owner_chat.say_all(*UP_TO_GUARDIAN)
    for confused in ("不知道啥意思", "什么意思？", "不懂"):
        reply = await owner_chat.say(confused)
        assert "父母（或其他监护人）的手机号" in reply and "未成年人保护法" in reply
        assert "请询问并输入其父母或其他监护人的联系电话" in reply
        assert "/咨询" not in reply and "同住" not in reply
    asked = await owner_chat.say("啥意思")
    assert "同住" not in asked
    assert "同住的是什么人" in await owner_chat.say("13900001234")
    reply = await owner_chat.say("什么意思")
    assert "谁和这位未成年旅客一起住" in reply and "同住的是什么人" in reply
    assert "请核对" not in reply
    summary = await owner_chat.say("他妈妈")
    assert "监护人电话：139****1234" in summary and "同住关系：他妈妈" in summary
    receipt = await owner_chat.say("确认")
    assert "监护人电话 139****1234" in receipt and "联系不上" not in receipt
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.guardian_phone_masked == "139****1234"


async def test_not_knowing_the_guardians_number_is_still_unreachable(owner_chat: Chat) -> None:
    """不知道 alone (the owner cannot find out the number) keeps its meaning."""
    await owner_chat.say_all(*UP_TO_GUARDIAN)
    assert "同住的是什么人" in await owner_chat.say("不知道")
    assert "监护人电话：联系不上" in await owner_chat.say("独自")
