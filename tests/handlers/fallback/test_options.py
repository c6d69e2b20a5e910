"""An option's number sent when no options wait for one."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, worker
from tests.handlers.broadcast.conftest import area as area  # the fixture, used here too
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_a_one_with_nothing_to_choose_says_so(
    owner_chat: Chat, resident_chat: Chat, officer_chat: Chat
) -> None:
    """1 with nothing pending had got 没有理解, an owner's with 「收到」确认通报 offered."""
    for chat in (owner_chat, resident_chat, officer_chat):
        answer = await chat.say("1")
        assert "现在没有需要回复「1」的选项或问题" in answer, chat.sender
        assert "没有理解" not in answer and "确认通报" not in answer and "都已确认" not in answer


async def test_a_one_after_every_alert_is_acknowledged_says_they_are(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """The owner's 1 after their 收到 had been offered 「收到」确认通报 again."""
    await compose(
        officer_chat, "明天上午9点社区开展消防演练。", "现在发送", "跳过", "消防", "重要", "旅馆"
    )
    assert "发送中" in await officer_chat.say("确认")
    await worker(services, RecordingChannel()).run_once()
    assert "已确认收到通报" in await owner_chat.say("收到")
    answer = await owner_chat.say("1")
    assert answer.startswith("您收到的通报都已确认过，现在没有需要回复「1」的选项")
    assert "确认通报" not in answer


async def test_a_one_under_buttons_still_picks_the_first(resident_chat: Chat) -> None:
    await resident_chat.say("我想接收附近的警情提醒")
    assert "请发送您的位置" in await resident_chat.say("1")


async def test_a_message_typed_under_a_law_answers_buttons_is_read_as_a_new_one(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """我不服 after a law answer had got 请点选上面的选项（或回复序号 1–4）: its 全文 N and
    更多 offer more to read, and ask nothing."""
    chat = Chat(law_dispatcher, "resident-9")
    answer = await chat.say("房东不退押金怎么办")
    assert "全文 1" in answer and "更多" in answer
    reply = await chat.say("我不服")
    assert "请点选上面的选项" not in reply and "没有理解" in reply
    assert "全文 1" in await chat.say("房东不退押金怎么办")
    assert "请先发送您想咨询的法律问题" not in await chat.say("全文 1")  # still tapped


async def test_a_message_typed_under_buttons_that_ask_is_pointed_to_them(
    resident_chat: Chat,
) -> None:
    await resident_chat.say("我想接收附近的警情提醒")
    assert "请点选上面的选项" in await resident_chat.say("zzz")
