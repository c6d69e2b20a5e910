"""The tipster's 查询: what the officers said is shown to the account that sent the tip."""

from __future__ import annotations

from bot.dispatch import Dispatcher
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_the_tip_detail_shows_the_officers_newest_messages(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The 查询 list promises 民警的留言; the detail had said only 回复内容已发到您提交举报
    的对话中, which a tipster who lost that message could not read again."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    officer = Chat(dispatcher, "officer")
    for asked in ("网吧叫什么名字？", "一般几点去的？", "大概有几个人？"):
        await officer.say(f"/回复 线索1 {asked}")
    detail = await tipster.say(f"查询 {code}")
    assert "民警已回复 3 次" in detail
    assert "一般几点去的？" in detail and "大概有几个人？" in detail
    assert "网吧叫什么名字" not in detail  # the newest two only
    await tipster.say(f"回复 {code} 晚上十点以后，五六个")
    assert "您已回复，民警会继续跟进" in await tipster.say(f"查询 {code}")
    # The code alone, from another account, does not open the conversation.
    other = await Chat(dispatcher, "resident-2").say(f"查询 {code}")
    assert "民警已回复 3 次" in other and "几个人" not in other


async def test_only_the_sender_is_offered_to_reply_and_another_account_is_told_what_it_can_do(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The detail offered 「回复 CODE 内容」 to every account holding the code, and the
    reply it offered was then refused (不是用当前账号提交的)."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    assert f"如需补充情况，请发送「回复 {code} 内容」" in await tipster.say(f"查询 {code}")
    other = Chat(dispatcher, "resident-2")
    detail = await other.say(f"查询 {code}")
    assert "回复 " not in detail, detail
    assert "补充情况只能在提交举报的对话里发送" in detail and "发送「举报」重新提交" in detail


async def test_the_tip_detail_reads_a_time_of_today_as_today(
    dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """The heading had read 11-23 10:00 提交 while every other time of today read 今天."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    assert "（涉赌，今天 10:00 提交）" in await tipster.say(f"查询 {code}")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "（涉赌，昨天 10:00 提交）" in await tipster.say(f"查询 {code}")
