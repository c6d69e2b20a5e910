"""More said about a tip already made (补充一下 …) is offered to be added to it."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.reports.support import REPORTER, receipt_in
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


async def test_more_said_after_a_tip_is_offered_to_be_added_to_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """补充一下 … had got 没有理解, and 我刚才举报的那个赌场 再补充一点 … the offer of 查询."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))

    offered = await resident.say("补充一下 刚才又看到他在楼下跟人交易 车牌是浙A12345")
    assert "补充到您最近的举报" in offered and code in offered and "没有理解" not in offered
    [button] = resident.buttons()
    assert button == f"回复 {code} 刚才又看到他在楼下跟人交易 车牌是浙A12345"
    assert "已转告民警" in await resident.say(button)
    assert "车牌是浙A12345" in (await texts_to(services, "officer"))[-1]

    offered = await resident.say("我刚才举报的那个赌场 再补充一点 老板叫王建国")
    assert "补充到您最近的举报" in offered and "是想「查询」" not in offered
    assert resident.buttons() == [f"回复 {code} 我刚才举报的那个赌场 再补充一点 老板叫王建国"]


async def test_with_nothing_open_more_is_not_offered(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    assert "补充到您最近的" not in await resident.say("补充一下 刚才又看到他在楼下跟人交易")


async def test_a_code_in_front_picks_the_tip_and_is_not_forwarded(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """补充 CODE 昨晚… had a button sending 「回复 CODE CODE 昨晚…」: the code went to the officer."""
    resident = Chat(dispatcher, "resident-1")
    first = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    await submit_tip(resident, "小区后门晚上有人聚众赌钱")  # newer: the code still picks
    offered = await resident.say(f"补充 {first} 昨晚又看到了，开一辆白色面包车")
    assert first in offered
    assert resident.buttons() == [f"回复 {first} 昨晚又看到了，开一辆白色面包车"]
    # Lower case, no dashes: the same tip.
    await resident.say(f"补充 {first.replace('-', '').lower()} 车牌浙A12345")
    assert resident.buttons() == [f"回复 {first} 车牌浙A12345"]


async def test_bare_addition_asks_for_it_and_takes_the_next_message(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """补充 alone had got 没有理解, and 我想补充一下刚才举报的情况 the offer to forward itself."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    for said in ("补充", "我想补充一下刚才举报的情况"):
        asked = await resident.say(said)
        assert asked.startswith("请直接发送要补充的内容（文字或照片）") and code in asked
        assert resident.buttons() == []
    assert "已转告民警" in await resident.say("昨晚又看到了，开一辆白色面包车")
    told = (await texts_to(services, "officer"))[-1]
    assert "开一辆白色面包车" in told and "补充" not in told
    # Taken once: the message after is no addition.
    assert "已转告民警" not in await resident.say("昨晚又看到了，开一辆白色面包车")


async def test_bare_addition_with_several_open_tips_asks_which(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    first = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    second = code_in(await submit_tip(resident, "小区后门晚上有人聚众赌钱"))
    assert "要补充哪一条" in await resident.say("补充")
    assert resident.buttons() == [f"补充 {second}", f"补充 {first}"]
    assert first in await resident.say(f"补充 {first}")
    assert "已转告民警" in await resident.say("老板叫王建国")
    assert "老板叫王建国" in (await texts_to(services, "officer"))[-1]


async def test_the_rest_of_a_long_description_goes_whole_when_asked_for(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A description over the form's cap is cut with 提交后发送「补充」，再把后面的内容发来; a
    rest over 500 characters, sent so, had been offered as a new tip, and never reached the
    officer."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报")
    start = "菜市场东门每天下午有人设赌局，参与的人很多。" * 25
    rest = "他们开一辆白色面包车，车牌是浙A12345。" * 30 + "最后一次是昨晚十点。"
    cut = await resident.say(start + rest)
    assert "未保存。提交后发送「补充」，再把后面的内容发来" in cut
    code = code_in(await resident.say_all("涉赌", "跳过", "跳过", "跳过", "匿名提交", "确认"))
    assert code in await resident.say("补充")
    assert len(rest) > 500
    assert "已转告民警" in await resident.say(rest)
    told = (await texts_to(services, "officer"))[-1]
    assert "最后一次是昨晚十点" in told


async def test_an_addition_of_a_few_hundred_characters_is_passed_on(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """An addition over 200 characters had failed (系统暂时出了点问题) and was lost: the
    check for a phone number in it refused it as too long for a short field."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    addition = "他们开一辆白色面包车，车牌是浙A12345。" * 12
    assert 200 < len(addition) <= 500
    assert "已转告民警" in await resident.say(f"回复 {code} {addition}")
    assert "浙A12345" in (await texts_to(services, "officer"))[-1]


async def test_the_rest_of_a_long_report_description_reaches_the_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """The report form cuts its 经过 at 500 characters with 提交后发送「补充」, as the tip form
    does: 补充 had got 没有理解, and the rest sent after it the statutes its words fetched."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 轻微财物损坏")
    await resident.say_all("今天早上8点", "和平里5号门口", "汽车后视镜 约800元")
    start = "停在门口的车被人砸了，邻居说看到一个穿黑衣服的男子在车旁转了几圈。" * 15
    rest = "第二天早上又发现车门被划了一道很长的痕迹，物业说监控坏了。" * 20 + "最后是昨晚十点。"
    cut = await resident.say(start + rest)
    assert "未保存。提交后发送「补充」，再把后面的内容发来" in cut
    receipt = receipt_in(await resident.say_all("跳过", "跳过", "跳过", *REPORTER, "确认"))
    asked = await resident.say("补充")
    assert receipt in asked and "没有理解" not in asked
    assert len(rest) > 500
    assert f"已把这段话补充到报案 {receipt}" in await resident.say(rest)
    assert "最后是昨晚十点" in "\n".join(await texts_to(services, "officer"))
    # Taken once: the message after is no addition.
    assert "转给民警" not in await resident.say("谢谢")
