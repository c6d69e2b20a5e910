"""A message that sounds like a tip gets a question, not a guess."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.tips.suggest import looks_like_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("楼下有人在赌博", True),
        ("有人在楼道里抽烟", True),
        ("我想举报一个诈骗电话", True),
        ("这个人很可疑", True),
        ("你好 我想反映个情况", True),
        ("你好", False),
        ("押金不退怎么办", False),
        ("有人", False),
        ("幼儿园门口有个男的鬼鬼祟祟的", True),
        ("有个男的天天在学校门口转悠 你们管管", True),
        ("店门口有人在低价卖手机，好几部，像是偷来的", True),
        ("有个顾客拿了好几张银行卡轮流刷，还让别人帮他取钱", True),
        ("银行卡丢了怎么办", False),
        ("楼下有人卖假烟", True),  # the place before 有人: had got the FAQ answer alone
        ("小区门口有个男的在卖来路不明的电瓶", True),
        ("我家有人生病了怎么办", False),
        ("卖假烟怎么处罚", False),
        # What an alert's words mean is asked, not told: its 可疑 had made it a tip.
        ("这个通报说的可疑情况指什么？", False),
        ("形迹可疑是什么意思", False),
    ],
)
def test_what_sounds_like_a_tip(text: str, expected: bool) -> None:
    assert looks_like_tip(text) is expected


async def test_tip_like_message_asks_and_either_answer_works(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say("小区里好像有人吸毒")
    assert "是否要向民警举报" in reply and "匿名" in reply
    assert resident.buttons() == ["/举报", "不用举报"]
    # A number answers the buttons, and what was said is the description: not asked again.
    started = await resident.say("1")
    assert "开始举报" in started and "请描述您看到的情况" not in started
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")
    # The category its words tell is taken too (shown, and can be changed).
    assert "情况描述：小区里好像有人吸毒" in summary and "类别：涉毒" in summary
    await resident.say("取消")
    await resident.say("隔壁天天有人赌博")
    assert "好的" in await resident.say("2")
    assert "没有理解" in await resident.say("今天天气不错")


async def test_something_seen_gets_the_offer_before_any_statute(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """对面楼有人吸毒 got a hotel owner's FAQ and no way to report it; asked as a question it
    still gets its answer, and the offer after it."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("对面楼有人吸毒")
    assert "是否要向民警举报" in told and "《" not in told and "常见问题" not in told
    asked = await resident.say("楼下有人吸毒怎么办")
    assert "《" in asked and asked.index("《") < asked.index("是否要向民警举报")


async def test_a_statement_a_curated_answer_was_written_for_gets_it_before_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """被人拉进赌博群了 got only 「是否要向民警举报？」: the answer written for it (don't top
    up, take screenshots, leave the group) comes first; what was merely seen still gets
    the offer alone."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("被人拉进赌博群了")
    assert "【常见问题】" in told and told.index("【常见问题】") < told.index("是否要向民警举报")
    seen = await resident.say("楼下几个人天天在赌钱")
    assert "是否要向民警举报" in seen and "常见问题" not in seen


async def test_an_owner_s_statement_is_read_for_their_kind_of_place(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """A hotel owner's 房客半夜带朋友进来住，不对劲 got only 「是否要向民警举报？」: it was
    read as a resident's, for whom the hotel's answer on guests brought in is not written.
    The landlord's 有客人在房间里吸毒, read for the hotels it is not about, got the
    statutes before the offer, where something seen gets the offer alone."""
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("房客半夜带朋友进来住，不对劲")
    assert "【常见问题】" in told and told.index("【常见问题】") < told.index("是否要向民警举报")
    landlord = Chat(law_dispatcher, "landlord")
    seen = await landlord.say("有客人在房间里吸毒")
    assert "是否要向民警举报" in seen and "《" not in seen and "常见问题" not in seen


async def test_something_sold_below_gets_its_answer_and_the_offer(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """楼下有人卖假烟 got the 卖假烟 answer with no way to tell an officer."""
    told = await Chat(law_dispatcher, "resident-1").say("楼下有人卖假烟")
    assert "是否要向民警举报" in told


async def test_a_shop_extorted_gets_what_to_do_before_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """有人在网上P图说吃出虫子 敲诈我要500块删评 got only 「是否要向民警举报？」: its 有人
    read as something seen, though the shop is the one being extorted."""
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("有人在网上P图说吃出虫子 敲诈我要500块删评")
    assert "【常见问题】" in told and told.index("【常见问题】") < told.index("是否要向民警举报")
    assert "不要给钱" in told
    seen = await owner.say("我发现有人在打架")
    assert "是否要向民警举报" in seen and "常见问题" not in seen


@pytest.mark.parametrize(
    "told", ["楼下几个人天天在赌钱", "隔壁几个人在吸毒", "有几个人在小区门口打架"]
)
async def test_several_people_seen_is_a_tip_not_a_question(
    dispatcher: Dispatcher, seeded: Seeded, told: str
) -> None:
    """楼下几个人天天在赌钱 got 没有理解 before the offer: its 几 was read as asking how many."""
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say(told)
    assert reply.startswith("是否要向民警举报") and "没有理解" not in reply
    assert resident.buttons() == ["/举报", "不用举报"]


async def test_several_people_seen_gets_no_statutes_and_how_many_days_does(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("楼下几个人天天在赌钱")
    assert told.startswith("是否要向民警举报") and "《" not in told
    asked = await resident.say("治安拘留最多几天")
    assert "《" in asked and "是否要向民警举报" not in asked


async def test_stolen_phones_sold_at_the_door_get_the_offer_not_statutes(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """A shopkeeper's 店门口有人在低价卖手机…像是偷来的 got three statutes on selling state
    assets 低价 (and maritime mortgages); 好几张银行卡轮流刷 got 没有理解."""
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("店门口有人在低价卖手机，好几部，像是偷来的")
    assert "是否要向民警举报" in told and "《" not in told
    told = await owner.say("有个顾客拿了好几张银行卡轮流刷，还让别人帮他取钱")
    assert "是否要向民警举报" in told and "没有理解" not in told


async def test_saying_it_is_a_tip_starts_it_without_those_words(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """匿名举报一下，… was asked 是否要向民警举报？, and the description kept 匿名举报一下."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("匿名举报一下，楼下麻将馆有人聚众赌博，输赢很大")
    assert "是否要向民警举报" not in started
    assert "已记下情况：楼下麻将馆有人聚众赌博，输赢很大" in started
    assert "已记下地点：楼下麻将馆" in started  # said before 有人: not asked
    # 匿名 said is the answer to 是否愿意留下电话: the summary comes after the time.
    summary = await resident.say_all("跳过", "跳过")
    assert "情况描述：楼下麻将馆有人聚众赌博，输赢很大" in summary
    assert "地点：楼下麻将馆" in summary
    assert "匿名举报一下" not in summary and "联系方式：匿名（不留电话" in summary


async def test_no_offer_on_ones_own_liability_nor_soon_after_declining(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """After 不用举报, every legal answer still ended with 是否要向民警举报？, and 吸毒会坐牢吗
    read as suspicion."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "是否要向民警举报" not in await resident.say("吸毒会坐牢吗")
    assert "是否要向民警举报" not in await resident.say("打架了会怎么处理")
    # Asked without 吗: it had got the offer alone, and no answer.
    assert "是否要向民警举报" not in await resident.say("小偷会坐牢")
    assert "是否要向民警举报" in await resident.say("有人在小区门口打架会怎么处理")
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    assert "好的" in await resident.say("不用举报")
    assert "是否要向民警举报" not in await resident.say("邻居家有人赌博怎么办")


async def test_what_follows_said_in_the_laws_words_gets_its_answer_not_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """吸毒违法 and 赌博犯法, said without 吗, got 是否要向民警举报？ alone and no answer: the
    offer knew what follows as 会坐牢 and 判几年, not as the law's own words."""
    resident = Chat(law_dispatcher, "resident-1")
    for said in ("吸毒违法", "赌博犯法"):
        told = await resident.say(said)
        assert "是否要向民警举报" not in told and "《" in told, (said, told)
    # Something seen is still offered.
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒")


async def test_no_offer_on_what_the_asker_may_do_themselves(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """有个人没身份证想租我房子 能租给他吗, a landlord's question of their own duty, got its
    answer and then 是否要向民警举报？: its 有个人 read as a tip. Wrongdoing seen still gets
    the offer, whoever's place it is in."""
    landlord = Chat(law_dispatcher, "landlord")
    answered = await landlord.say("有个人没身份证想租我房子 能租给他吗")
    assert "《" in answered and "是否要向民警举报" not in answered
    assert "是否要向民警举报" in await landlord.say("有人在我出租屋里吸毒 我能报警吗")


async def test_someone_taken_in_by_pyramid_selling_gets_its_answer_before_the_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """被骗进传销 交了三万块 现在想退出 got only 「是否要向民警举报？」: told without 我, the
    sender's own harm read as something seen, and the law's answer was never reached."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("被骗进传销 交了三万块 现在想退出")
    assert "【常见问题】家里人陷进传销了怎么办" in told
    assert told.index("【常见问题】") < told.index("是否要向民警举报")
    seen = await resident.say("楼下有人搞传销")
    assert "是否要向民警举报" in seen and "常见问题" not in seen


async def test_a_question_about_the_law_gets_its_answer_not_an_offer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """反电信网络诈骗法第三十八条 (a direct citation) got 是否要向民警举报？ for its 诈骗, and
    declining it lost the question. Things seen still get the offer."""
    resident = Chat(law_dispatcher, "resident-1")
    cited = await resident.say("中华人民共和国反电信网络诈骗法第三十八条")
    assert "是否要向民警举报" not in cited and "第三十八条" in cited
    sentence = await resident.say("诈骗罪判几年")
    assert "是否要向民警举报" not in sentence and "《" in sentence
    assert "是否要向民警举报" in await resident.say("有人在小区里发诈骗传单")


async def test_declining_the_offer_of_a_topic_answers_it(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """电信诈骗 got the offer alone, and 不用了 only 「好的。如需帮助…」: the words are kept and
    answered. Declining what was seen answers nothing."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("电信诈骗")
    answered = await resident.say("2")
    assert "《" in answered and "是否要向民警举报" not in answered
    assert "是否要向民警举报" in await resident.say("楼下几个人天天在赌钱")
    assert (
        await resident.say("2")
        == "好的。如需帮助请发送「帮助」；以后想举报，随时发送「举报」即可。"
    )


async def test_a_tip_started_after_other_questions_is_not_about_the_first(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    """举报, typed after 房东不退押金怎么办, started a tip whose description was 楼下有人吸毒
    怎么办, offered a question before; reading that question's articles whole keeps it."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    await resident.say("全文 1")
    clock.advance(minutes=1)
    started = await resident.say("举报")
    assert "已记下情况：楼下有人吸毒怎么办" in started
    await resident.say("取消")

    assert "是否要向民警举报" in await resident.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    assert "押金" in await resident.say("房东不退押金怎么办")
    clock.advance(minutes=1)
    started = await resident.say("举报")
    assert "已记下情况" not in started and "请描述您看到的情况" in started


async def test_a_question_on_what_an_alert_s_words_mean_gets_no_offer(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """这个通报说的可疑情况指什么？ had been asked 是否要向民警举报？ for its 可疑."""
    resident = Chat(law_dispatcher, "someone-new")
    replies = await resident.say("这个通报说的可疑情况指什么？")
    assert "是否要向民警举报" not in replies and "/举报" not in resident.buttons()


async def test_no_offer_to_report_while_a_tip_is_being_filled(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """打架了怎么处理 at a tip's photo had got its answer and 是否要向民警举报？, pointless
    while the tip is being filled: the answer, then the step it waits at."""
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say("举报 楼下有人搞传销 天天开会")  # 传销: the category told
    reply = await resident.say("有人在小区门口打架怎么处理")
    assert "是否要向民警举报" not in reply and "您的举报还没填完" in reply
    assert "不拍了回复「跳过」" in reply
    assert "哪个小区、哪栋楼" in await resident.say("跳过")  # 楼下, told at the start
