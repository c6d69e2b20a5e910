"""A form set aside for another started meanwhile (`bot.forms.parked`)."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from storage.models import GuestStay, Question
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID


async def test_a_guest_is_registered_while_a_question_waits(
    owner_chat: Chat, services: Services
) -> None:
    """An owner half-way through 问民警 with a guest at the desk had been refused the
    registration (为免丢失，暂不开始旅客登记): it starts, and the question waits for 继续."""
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗")
    started = await owner_chat.say("/登记")
    assert "您的提问已保存，旅客登记完成后回复「继续」接着填" in started
    assert "暂不开始" not in started and "请输入旅客姓名" in started
    await owner_chat.say_all("王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "您的提问还没填完，回复「继续」接着填写" in receipt
    back = await owner_chat.say("继续")
    assert "接着填写您的提问" in back and "问题：消防通道可以放电动车吗" in back
    await owner_chat.say("确认")
    async with services.sessions() as session:
        assert len((await session.exec(select(GuestStay))).all()) == 1
        asked = (await session.exec(select(Question))).all()
    assert len(asked) == 1


async def test_only_one_form_is_set_aside(owner_chat: Chat) -> None:
    """With one form parked, a third is refused as before: parking it would drop the
    first."""
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗", "/登记", "王小明")
    refused = await owner_chat.say("/举报")
    assert "还有一份未完成的旅客登记" in refused and "暂不开始举报" in refused
