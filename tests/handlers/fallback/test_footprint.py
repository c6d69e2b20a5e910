"""A sentence nothing answers asks once what the sender has, not a statement per check."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.seed import Seeded
from tests.support.statements import tables_read

#: What the fallback's checks look for the sender in: an officer's answer, an alert, a
#: report waiting or closed lately.
_CHECKED = ("question", "broadcast", "report")


async def test_a_sentence_nothing_answers_reads_each_table_once_at_most(
    services: Services, resident_chat: Chat
) -> None:
    await resident_chat.say("你好")
    async with tables_read(services, _CHECKED) as read:
        reply = await resident_chat.say("现在几点")
    assert "没有理解" in reply, reply
    # Reports had been read three times, alerts twice, each check asking for itself.
    assert max(read.values(), default=0) <= 1, read


async def test_a_tip_given_since_is_seen(dispatcher: Dispatcher, seeded: Seeded) -> None:
    tipster = Chat(dispatcher, "resident-1")
    assert "没有理解" in await tipster.say("现在几点")  # nothing of theirs anywhere yet
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大"))
    await Chat(dispatcher, "officer").say("/回复 线索1 大概几点开始？有几个人？")
    answered = await tipster.say("下午三点以后，五六个")
    assert "是您的回答吗" in answered, answered
    assert tipster.buttons()[-1] == f"回复 {code} 下午三点以后，五六个"
