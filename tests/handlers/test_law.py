"""Legal questions in chat, answered from a real (small) statute index."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from bot.context import ChannelFacts, Services
from bot.dispatch import Dispatcher
from handlers.reports.templates import find_template
from knowledge.base import KnowledgeBase
from knowledge.faq import FaqMatch, load_faq
from storage.models import Account, Person, Role, Venue, VenueKind, VenueOwner
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded


@pytest.fixture
def law_chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-9")


async def test_question_gets_cited_articles_and_disclaimer(law_chat: Chat) -> None:
    reply = await law_chat.say("有人偷了我的电动车，小偷会被怎么处罚？")
    assert "《" in reply and "第" in reply and "条" in reply
    assert "仅供参考" in reply


async def test_paging_and_full_text_remember_the_question(
    law_chat: Chat, services: Services
) -> None:
    first = await law_chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    assert "更多" in first
    second = await law_chat.say("更多")
    assert second != first and "《" in second
    # A new process still knows the question (the memo is in the database).
    restarted = Chat(law_chat.dispatcher, law_chat.sender)
    full = await restarted.say("全文 1")
    assert "第" in full and len(full) > 20


async def test_direct_citation(law_chat: Chat) -> None:
    reply = await law_chat.say("治安管理处罚法第56条")
    assert "《治安管理处罚法》第五十六条" in reply or "治安管理处罚法》第五十六条" in reply


async def test_small_talk_and_form_words_are_not_sent_to_the_law(law_chat: Chat) -> None:
    assert "《" not in await law_chat.say("你好")
    assert "场所负责人" in await law_chat.say("登记")
    assert "没有更多内容了" in await law_chat.say("更多")
    assert "请先发送您想咨询的法律问题" in await law_chat.say("全文 2")


async def test_without_an_index_the_bot_says_so(resident_chat: Chat) -> None:
    assert "尚未导入" in await resident_chat.say("咨询 押金不退怎么办")


async def test_a_theft_story_gets_the_law_and_the_self_service_report(law_chat: Chat) -> None:
    reply = await law_chat.say("我的电动车被偷了怎么办")
    assert "《" in reply and "/报案 电动车/自行车被盗" in law_chat.buttons()
    assert "开始电动车/自行车被盗报案" in await law_chat.say("自助报案：电动车/自行车被盗")


async def test_an_officer_asking_for_a_citizen_is_offered_no_report(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """The officer's /报案 lists the station's reports: the offer had answered 没有找到."""
    officer = Chat(law_dispatcher, "officer")
    assert "《" in await officer.say("咨询 电动车被偷了怎么办")
    assert not [b for b in officer.buttons() if b.startswith("/报案")]


async def test_a_question_that_is_no_story_offers_no_report(law_chat: Chat) -> None:
    await law_chat.say("租客在屋里给电动车充电房东要负责吗")
    assert not [b for b in law_chat.buttons() if b.startswith("/报案")]


async def test_a_statement_a_curated_answer_was_written_for_gets_it(law_chat: Chat) -> None:
    """转帐转错人了 asks nothing, and got 没有理解."""
    answer = await law_chat.say("转帐转错人了")
    assert "【常见问题】" in answer and "民法典》第九百八十五条" in answer


async def test_a_statement_of_no_trouble_gets_no_curated_answer(law_chat: Chat) -> None:
    """我收到快递了 tells of nothing wrong, and had got the answer on a parcel taken
    (快递被冒领了怎么办), which shares only its 快递."""
    answer = await law_chat.say("我收到快递了")
    assert "【常见问题】" not in answer and "冒领" not in answer
    assert "【常见问题】快递被冒领了怎么办" in await law_chat.say("我的快递被人冒领了")


async def test_a_fight_told_after_the_fact_gets_the_answer_not_the_110_notice(
    law_chat: Chat,
) -> None:
    """昨天在小区跟人打起来了 他先动手的 我会被拘留吗 got only the emergency notice, then the
    notice before the answer: the fight is over, what happens now is the question."""
    answer = await law_chat.say("昨天在小区跟人打起来了 他先动手的 我会被拘留吗")
    assert answer.startswith("【常见问题】打架了会怎么处理") and "正在发生" not in answer


async def test_a_fight_that_broke_his_nose_gets_injury_grades_and_self_defence(
    law_chat: Chat,
) -> None:
    """A fight told whole had got 刑法 第三百一十五条 (prisoners beating their guards) first;
    the answer now says how the injury is graded and when hitting back is self-defence."""
    answer = await law_chat.say("昨晚喝酒跟人打起来了 他先动手的 我把他鼻子打骨折了 我会坐牢吗")
    assert answer.startswith("【常见问题】打架了会怎么处理"), answer
    assert "伤情鉴定" in answer and "轻伤" in answer and "正当防卫" in answer
    assert "《刑法》第二百三十四条" in answer and "《刑法》第二十条" in answer
    assert "第三百一十五条" not in answer and len(answer) <= 500


async def test_a_broken_nose_bridge_is_no_question_without_an_answer(law_chat: Chat) -> None:
    """把人鼻梁打断了会判刑吗 had got 没有找到与这个问题直接相关的法律条文."""
    answer = await law_chat.say("把人鼻梁打断了会判刑吗")
    assert answer.startswith("【常见问题】打架了会怎么处理") and "没有找到" not in answer


async def test_a_husband_who_will_not_divorce_gets_how_to_divorce(law_chat: Chat) -> None:
    """老公不同意离婚 我能自己去离吗 had got the article on a soldier's spouse first
    (现役军人的配偶要求离婚…) and no curated answer."""
    answer = await law_chat.say("老公不同意离婚 我能自己去离吗")
    assert answer.startswith("【常见问题】离婚怎么办") and "现役军人" not in answer
    assert "起诉离婚" in answer and "冷静期" in answer
    assert "《民法典》第一千零七十九条" in answer and "《民法典》第一千零七十六条" in answer


async def test_a_stolen_bike_gets_what_to_do_and_the_report_on_one_screen(
    law_chat: Chat,
) -> None:
    """我的电动车被偷了 got two statutes and a revision note before the report button."""
    reply = await law_chat.say("我的电动车被偷了")
    assert reply.index("110") < reply.index("依据：") < reply.index("如需报案")
    assert "/报案 电动车/自行车被盗" in law_chat.buttons()
    assert "相关法条" not in reply and len(reply) <= 400
    assert "电动车/自行车被盗" not in reply  # the button says it
    articles = await law_chat.say("更多")
    assert "《刑法》第二百六十四条" in articles and "仅供参考" in articles


async def test_a_theft_told_whole_is_offered_its_report_without_no_article_found(
    law_chat: Chat,
) -> None:
    """我的电动车昨晚在小区楼下被偷了，车牌是…，蓝色雅迪 had got 没有找到与这个问题直接相关的
    法律条文 before the report button."""
    reply = await law_chat.say("我的电动车昨晚在小区楼下被偷了，车牌是京A12345，蓝色雅迪")
    assert "没有找到" not in reply and "可以在这里自助报案" in reply
    assert law_chat.buttons() == ["/报案 电动车/自行车被盗"]


async def test_continue_and_then_page_on_like_more(law_chat: Chat) -> None:
    """继续 and 然后呢 after an answer had got 没有理解."""
    assert "没有理解" in await law_chat.say("然后呢")  # no question yet: nothing to go on from
    first = await law_chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    second = await law_chat.say("继续")
    assert "第2页" in second and "《" in second and second != first
    third = await law_chat.say("然后呢？")
    assert "第3页" in third and "《" in third


async def test_what_now_after_an_answer_gets_a_way_forward(law_chat: Chat) -> None:
    """那怎么办 after an answer had got 没有理解 and the example of a question."""
    assert "没有理解" in await law_chat.say("那怎么办")
    await law_chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    reply = await law_chat.say("那我该怎么办？")
    assert "没有理解" not in reply and "说得具体些" in reply
    assert "「更多」" in reply and "「报案」" in reply and "110" in reply
    assert law_chat.buttons() == ["更多"]  # told to send 更多, it had nothing to tap
    assert "第2页" in await law_chat.say("更多")


async def test_the_details_asked_for_refine_the_question_they_tell_of(
    law_chat: Chat, clock: FakeClock
) -> None:
    """那怎么办 asks what happened; the reply had been answered as a question of its own
    and kept as the chat's last question, so 更多 paged it alone. It tells more of the
    question before, and 更多 pages the two together."""
    await law_chat.say("房东不退押金怎么办")
    clock.advance(minutes=1)
    assert "说得具体些" in await law_chat.say("那怎么办")
    clock.advance(minutes=1)
    told = await law_chat.say("合同到期了他还是不退")
    assert told.startswith("（接着上一个问题「房东不退押金怎么办」回答）"), told
    assert "《民法典》第七百三十三条" in told
    more = await Chat(law_chat.dispatcher, law_chat.sender).say("更多")
    assert "相关法条（续，第2页）" in more and "承租人" in more, more
    # Told once: what is said next is read as usual.
    clock.advance(minutes=1)
    assert "接着上一个问题" not in await law_chat.say("离婚怎么办")


@pytest.mark.parametrize("said", ["通知平安老板明天上午去检查", "平安老板电话多少"])
async def test_an_officers_work_is_not_answered_with_the_law(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    said: str,
) -> None:
    """通知悦来老板明天上午去检查 got the FAQ 被公司辞退有赔偿吗; 悦来老板电话多少 a hotel's
    duties: the venue's record and an alert are what the bot can do."""
    officer = Chat(law_dispatcher, "officer")
    reply = await officer.say(said)
    assert "《" not in reply and "「场所 平安旅馆」" in reply
    assert officer.buttons() == ["/场所 平安旅馆"]
    assert "《" in await officer.say("旅馆不登记旅客身份会受到什么处罚")  # a legal question


async def test_an_expired_licence_said_as_a_statement_gets_the_next_step(law_chat: Chat) -> None:
    """营业执照过期了, said without a question, got 抱歉，我没有理解您的意思."""
    reply = await law_chat.say("营业执照过期了")
    assert "没有理解" not in reply
    assert "到当地市场监管部门" in reply and "《市场主体登记管理条例》第四十七条" in reply


async def test_full_text_typed_as_one_word_shows_the_article(law_chat: Chat) -> None:
    """全文二 got 您是想「全文」吗？, and the button's bare 全文 got 请先发送您想咨询的法律问题."""
    await law_chat.say("咨询 旅馆不登记旅客身份会受到什么处罚")
    second = await law_chat.say("全文 2")
    assert "《" in second
    for said in ("全文二", "全文2。", "全文第二条", "第二条详细说说"):
        assert await law_chat.say(said) == second, said
    first = await law_chat.say("全文 1")
    assert await law_chat.say("全文") == first != second


async def test_a_follow_up_within_minutes_goes_on_from_the_question(
    law_chat: Chat, clock: FakeClock
) -> None:
    """钱还能要回来吗 after 网购被骗了怎么办 got 转账转错了怎么办; after a longer pause it is a
    question of its own. The follow-up's 更多 still knows what it went on from. 网购被骗了怎么办
    itself had got the answer on fake goods (退一赔三): it gets the one on fraud (止付)."""
    first = await law_chat.say("网购被骗了怎么办")
    assert "【常见问题】被骗了钱怎么办" in first and "止付" in first and "假货" not in first
    clock.advance(minutes=2)
    follow_up = await law_chat.say("钱还能要回来吗")
    assert "「网购被骗了怎么办」" in follow_up and "转账转错" not in follow_up
    restarted = Chat(law_chat.dispatcher, law_chat.sender)
    assert "相关法条（续，第2页）" in await restarted.say("更多")
    await law_chat.say("网购被骗了怎么办")
    clock.advance(minutes=11)
    alone = await law_chat.say("钱还能要回来吗")
    assert "接着" not in alone and "止付" not in alone


async def test_pyramid_selling_and_a_late_claim_get_answers(
    law_chat: Chat, clock: FakeClock
) -> None:
    """我弟弟被骗进传销了怎么办 got statutes only; 过了三年还能告吗 after 借钱不还怎么办 was told
    nothing closer than the loan answer."""
    held = await law_chat.say("我弟弟被骗进传销了怎么办")
    assert held.startswith("【常见问题】家里人陷进传销了怎么办") and "110" in held
    assert "《刑法》第二百二十四条之一" in held
    await law_chat.say("借钱不还怎么办")
    clock.advance(minutes=1)
    late = await law_chat.say("过了三年还能告吗")
    assert "【常见问题】诉讼时效是多久" in late and "重新算三年" in late


GUEST = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天", "确认")


@pytest.fixture
def owner_law_chat(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "owner")


async def test_what_an_owner_adds_after_a_registration_is_no_legal_follow_up(
    owner_law_chat: Chat, clock: FakeClock
) -> None:
    """还有他老婆, after a guest's receipt (登记同住人 / 完成) that followed 没带身份证能住吗,
    got 「接着上一个问题「没带身份证能住吗」回答」 and the FAQ on domestic violence."""
    await owner_law_chat.say("没带身份证能住吗")
    clock.advance(minutes=1)
    assert "如有同住人员" in await owner_law_chat.say_all(*GUEST)
    added = await owner_law_chat.say("还有他老婆")
    assert "接着上一个问题" not in added and "常见问题" not in added and "《" not in added


async def test_a_short_follow_up_goes_on_only_with_nothing_else_in_between(
    owner_law_chat: Chat, clock: FakeClock
) -> None:
    """怎么罚 right after a legal question is asked of it (it had got 没有理解); after a
    registration in between, it is not read with a question from before it."""
    await owner_law_chat.say("旅馆不登记旅客身份会受到什么处罚")
    clock.advance(minutes=1)
    followed = await owner_law_chat.say("怎么罚")
    assert followed.startswith("（接着上一个问题「旅馆不登记旅客身份会受到什…」回答）")
    await owner_law_chat.say("旅馆不登记旅客身份会受到什么处罚")
    clock.advance(minutes=1)
    await owner_law_chat.say_all(*GUEST)
    assert "接着上一个问题" not in await owner_law_chat.say("怎么罚")


async def test_a_question_to_the_officer_is_offered_to_them_first(law_chat: Chat) -> None:
    """问一下警官 那个冒充公安的长什么样 有照片吗 got 没有找到与这个问题直接相关的法律条文
    before any way to ask the officer."""
    reply = await law_chat.say("问一下警官 那个冒充公安的长什么样 有照片吗")
    assert reply.startswith("要把这个问题转给社区民警吗") and "没有找到" not in reply
    assert law_chat.buttons() == ["/问民警 问一下警官 那个冒充公安的长什么样 有照片吗"]


async def test_how_to_use_the_bot_gets_the_help(law_chat: Chat) -> None:
    """这个怎么用啊 got 没有找到与这个问题直接相关的法律条文 (or, after a question on fire
    extinguishers, a follow-up on them)."""
    await law_chat.say("灭火器过期了怎么办")
    reply = await law_chat.say("这个怎么用啊")
    assert "接着上一个问题" not in reply and "法律条文" not in reply and "帮助" in reply


async def test_a_question_to_the_officer_on_an_alert_gets_no_statute_search_first(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """After an alert on fake police calls, 问一下警官 那个冒充公安的长什么样 有照片吗 got
    没有找到…相关的法律条文 first, and the offer to ask the alert's officer only after it."""
    alert = "近期有人冒充公安民警打电话\n称您涉嫌洗钱，要求转账到安全账户，请提醒旅客和员工。"
    await compose(
        Chat(law_dispatcher, "officer"), alert, "现在发送", "跳过", "消防", "一般", "旅馆", "确认"
    )
    owner = Chat(law_dispatcher, "owner")
    reply = await owner.say("问一下警官 那个冒充公安的长什么样 有照片吗")
    assert reply.startswith("要把这个问题转给发布通报") and "没有找到" not in reply


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("传销", "传销"),
        ("正当防卫", "正当防卫"),  # a term of the segmentation dictionary
        ("刑法", "《刑法》"),  # a law's name
        ("卖假烟", "假烟"),
        ("无证驾驶", "驾驶证"),
        ("车被刮了", "停车场被人刮了"),  # the parked car's entry, not a hit-and-run
        ("重婚", "重婚"),
        ("占道经营", "占道"),
    ],
)
async def test_a_short_keyword_gets_the_law(law_chat: Chat, text: str, found: str) -> None:
    """传销, 正当防卫 and 卖假烟 alone had got 抱歉，我没有理解您的意思."""
    reply = await law_chat.say(text)
    assert "没有理解" not in reply and found in reply and "仅供参考" in reply


@pytest.mark.parametrize("text", ["吃饭了吗", "张三", "无聊", "今天天气怎么样", "好的", "住宿登记"])
async def test_short_chat_is_still_not_a_legal_question(law_chat: Chat, text: str) -> None:
    """吃饭了吗 matches 客人吃霸王餐跑了, but not closely enough for a message this short."""
    assert "《" not in await law_chat.say(text)


async def test_a_fraud_told_with_who_and_how_much_gets_the_fraud_answer(law_chat: Chat) -> None:
    """被人骗了两万块 had got 没有找到与这个问题直接相关的法律条文: jieba cut 被人骗 into
    人 and 骗, and the sum 两万 weighed as the rarest word."""
    reply = await law_chat.say("被人骗了两万块")
    assert "被骗了钱怎么办" in reply and "96110" in reply and "没有找到" not in reply


async def test_asking_what_110_is_for_gets_a_plain_answer(law_chat: Chat) -> None:
    """打110有什么用 had got the FAQ 打架了会怎么处理."""
    reply = await law_chat.say("打110有什么用")
    assert "报警求助" in reply and "12345" in reply and "打架了会怎么处理" not in reply


async def test_a_question_sent_twice_is_answered_twice(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """16岁的学生自己来开房 能让住吗, sent again by a hotel, got 没有找到比上一个问题…更直接
    相关的法律条文: it had been read as a follow-up of itself."""
    owner = Chat(law_dispatcher, "owner")
    first = await owner.say("16岁的学生自己来开房 能让住吗")
    assert "【常见问题】" in first
    assert await owner.say("16岁的学生自己来开房 能让住吗") == first


async def test_an_article_cited_after_another_is_not_a_follow_up(law_chat: Chat) -> None:
    """民法典第1084条 right after 民法典1079 was answered 接着上一个问题「民法典1079」, with
    1079 listed first."""
    await law_chat.say("民法典1079")
    reply = await law_chat.say("民法典第1084条")
    assert "接着上一个问题" not in reply and "第一千零八十四条" in reply
    assert "第一千零七十九条" not in reply.split("第一千零八十四条")[0]


async def _net_cafe_owner(services: Services, seeded: Seeded, dispatcher: Dispatcher) -> Chat:
    """A chat with the owner of a net café on the seeded beat."""
    async with services.sessions() as session:
        cafe = Venue(kind=VenueKind.INTERNET_CAFE, name="极速网吧", beat_id=seeded.beat.id)
        owner = Person(role=Role.OWNER, display_name="网吧负责人")
        session.add_all([cafe, owner])
        await session.flush()
        assert cafe.id is not None and owner.id is not None
        session.add(Account(channel="test", channel_user_id="net-cafe", person_id=owner.id))
        session.add(VenueOwner(person_id=owner.id, venue_id=cafe.id))
        await session.commit()
    return Chat(dispatcher, "net-cafe")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # It had got 美发店要登记顾客身份证吗: no duty to register, the opposite of a net café's.
        ("顾客不带身份证能不能上网", "网吧上网要登记身份证吗"),
        ("来了个17岁的能让他上网吗", "网吧能让未成年人进吗"),  # had got hiring a 16-year-old
        ("晚上12点以后还能营业吗", "网吧营业时间有规定吗"),  # had got the licences
    ],
)
async def test_a_net_cafe_owner_s_question_is_answered_for_a_net_cafe(
    services: Services, seeded: Seeded, law_dispatcher: Dispatcher, question: str, entry: str
) -> None:
    owner = await _net_cafe_owner(services, seeded, law_dispatcher)
    reply = await owner.say(f"咨询 {question}")
    assert f"【常见问题】{entry}" in reply and "美发店" not in reply


async def test_whether_to_call_the_police_is_read_for_the_owner_s_place(
    services: Services, seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """这种情况能报警吗 after a question is led by what the curated answer for the owner's
    place says: a hotel owner's 客人把房间东西弄坏了 had been told to keep what guests leave
    behind (the entry on lost things), a net café owner's 顾客在店里抽烟 to stop customers
    singing."""
    hotel = Chat(law_dispatcher, "owner")
    assert "【常见问题】客人把房间东西砸坏了不赔" in await hotel.say("客人把房间东西弄坏了怎么办")
    line = await hotel.say("这种情况能报警吗")
    assert line.startswith("关于「客人把房间东西弄坏了」") and "遗留" not in line
    assert "拨打110" in line
    cafe = await _net_cafe_owner(services, seeded, law_dispatcher)
    assert "【常见问题】网吧可以卖烟吗" in await cafe.say("顾客在店里抽烟怎么办")
    line = await cafe.say("这种情况能报警吗")
    assert line.startswith("关于「顾客在店里抽烟」") and "唱歌" not in line and "吸烟" in line


async def test_is_it_or_not_asks_and_gets_an_answer(law_chat: Chat) -> None:
    """这是不是诈骗 had read as a statement: 是否要向民警举报？ alone, no answer."""
    reply = await law_chat.say("这是不是诈骗")
    assert "诈骗" in reply.split("是否要向民警举报")[0] and "《刑法》" in reply


async def test_a_question_naming_another_trade_gets_that_trade_s_answer(
    services: Services, seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    owner = await _net_cafe_owner(services, seeded, law_dispatcher)
    assert "【常见问题】美发店要登记顾客身份证吗" in await owner.say(
        "咨询 美发店要登记顾客身份证吗"
    )


@pytest.mark.parametrize("said", ["咨询法律问题", "我想咨询法律问题", "法律咨询", "/咨询 法律问题"])
async def test_asking_to_ask_a_legal_question_gets_the_prompt(law_chat: Chat, said: str) -> None:
    """The web chat's 「咨询法律问题」 shortcut had been searched for 法律问题 and got the
    民法典's 技术服务合同."""
    reply = await law_chat.say(said)
    assert reply.startswith("请直接发送您想咨询的法律问题") and "《" not in reply


async def test_a_question_asked_again_with_a_slip_gets_its_answer_again(law_chat: Chat) -> None:
    """房东不推押金咋办 right after 房东不退押金怎么办 got 没有找到比上一个问题…更直接相关的
    法律条文."""
    await law_chat.say("房东不退押金怎么办")
    reply = await law_chat.say("房东不推押金咋办")
    assert "【常见问题】房东不退押金怎么办" in reply and "上一个问题" not in reply


async def test_a_fire_exit_question_asked_anew_is_no_follow_up(law_chat: Chat) -> None:
    """咨询 安全出口能不能上锁 after 咨询 营业时间能把安全出口锁上吗 had been read with it
    (接着上一个问题…) and both got a bank's opening hours, not 消防法 第二十八条."""
    first = await law_chat.say("咨询 营业时间能把安全出口锁上吗")
    assert "《消防法》第二十八条" in first
    again = await law_chat.say("咨询 安全出口能不能上锁")
    assert "接着上一个问题" not in again and "《消防法》第二十八条" in again


async def test_what_follows_a_fire_extinguisher_answer_lists_only_its_articles(
    law_chat: Chat,
) -> None:
    """怎么罚 after 灭火器过期了怎么办 listed the 《森林防火条例》 (灭火器材) third."""
    await law_chat.say("灭火器过期了怎么办")
    reply = await law_chat.say("怎么罚")
    assert "1. 《消防法》第六十条" in reply and "2. 《消防法》第十六条" in reply
    assert "\n3. " not in reply


async def test_under_a_gas_notice_no_article_that_only_shares_its_alarm(law_chat: Chat) -> None:
    """后厨煤气泄漏了怎么办 got the 119 notice, then a rule on oil spilt by two ships (泄漏);
    家里燃气泄漏了怎么办, the crime of sabotaging gas equipment (燃气)."""
    reply = await law_chat.say("家里燃气泄漏了怎么办")
    assert reply.startswith("⚠️") and "119" in reply
    assert "相关法条" not in reply and "没有找到" not in reply


async def test_a_legal_question_with_an_alarming_word_keeps_its_articles(law_chat: Chat) -> None:
    reply = await law_chat.say("教唆自杀怎么判")
    assert reply.startswith("⚠️") and "《刑法》" in reply


async def test_under_a_notice_who_it_is_about_finds_no_article(law_chat: Chat) -> None:
    """有人跳楼了怎么办 got, under the notice, 《民法典》第三百零三条 on co-owners (共有人)
    through 有人 alone."""
    reply = await law_chat.say("有人跳楼了怎么办")
    assert reply.startswith("⚠️") and "12356" in reply and "《" not in reply


async def test_a_hotel_owner_s_new_matter_is_no_follow_up(owner_law_chat: Chat) -> None:
    """咨询 消防要注意什么 right after 客人没带身份证能住吗 was read as a follow-up of it."""
    await owner_law_chat.say("咨询 客人没带身份证能住吗")
    reply = await owner_law_chat.say("咨询 消防要注意什么")
    assert "接着上一个问题" not in reply and "消防" in reply


async def test_a_hotel_owner_s_question_on_another_legal_matter_is_no_follow_up(
    owner_law_chat: Chat, clock: FakeClock
) -> None:
    """离婚怎么办 right after 客人不带身份证能入住吗 got 「（接着上一个问题「客人不带身份证
    能入住吗」回答）」 and the hotel's registration articles."""
    await owner_law_chat.say("客人不带身份证能入住吗")
    clock.advance(minutes=1)
    reply = await owner_law_chat.say("离婚怎么办")
    assert "接着上一个问题" not in reply and "旅馆" not in reply and "离婚" in reply
    clock.advance(minutes=1)
    await owner_law_chat.say("客人不带身份证能入住吗")
    clock.advance(minutes=1)
    assert "接着上一个问题" in await owner_law_chat.say("怎么罚")


async def test_a_hotel_owner_asking_of_fire_safety_gets_the_hotel_s_fire_duties(
    owner_law_chat: Chat,
) -> None:
    """消防要注意什么 from a hotel or homestay owner got the hotel's daily duties
    (开旅馆每天要注意哪些事)."""
    reply = await owner_law_chat.say("消防要注意什么")
    assert reply.startswith("【常见问题】旅馆消防要注意什么") and "《消防法》第十六条" in reply


async def test_a_hotel_owner_asking_of_drugs_gets_the_hotel_s_duty(owner_law_chat: Chat) -> None:
    reply = await owner_law_chat.say("有人吸毒怎么办")
    assert "【常见问题】旅馆里发现赌博吸毒怎么办" in reply


@pytest.mark.parametrize(
    "said", ["我是网吧老板", "我开了个小旅馆", "怎么成为商家用户", "房东怎么绑定"]
)
async def test_someone_asking_to_become_an_owner_is_told_how_to_bind(
    law_chat: Chat, said: str
) -> None:
    """These had got FAQ answers such as 买到假货怎么办."""
    reply = await law_chat.say(said)
    assert reply.startswith(
        "如您是场所负责人或房东，请向社区民警索取邀请码，然后发送「/绑定 邀请码」。"
    )
    assert "【常见问题】" not in reply and "《" not in reply


async def test_an_owner_s_legal_question_still_gets_the_law(law_chat: Chat) -> None:
    reply = await law_chat.say("网吧老板不让未成年人上网违法吗")
    assert "邀请码" not in reply and "《" in reply


async def test_can_i_sue_right_after_a_question_goes_on_from_it(
    law_chat: Chat, clock: FakeClock
) -> None:
    """能起诉吗 right after 邻居家的狗把我咬了 was answered alone (诉讼时效是多久); 离婚怎么办
    after it is still a question of its own."""
    await law_chat.say("邻居家的狗把我咬了")
    clock.advance(minutes=1)
    reply = await law_chat.say("能起诉吗")
    assert reply.startswith("（接着上一个问题「邻居家的狗把我咬了」回答）")
    assert "诉讼时效" not in reply and "饲养" in reply
    clock.advance(minutes=1)
    alone = await law_chat.say("离婚怎么办")
    assert "接着上一个问题" not in alone and "离婚" in alone


async def test_a_landlord_asking_what_to_do_is_told_to_register_tenants_here(
    seeded: Seeded, law_dispatcher: Dispatcher, law_chat: Chat
) -> None:
    """房东要做什么 got only the fire-safety answer: registering tenants comes first, and a
    landlord can do it here; a resident asking the same is not offered the form."""
    landlord = await Chat(law_dispatcher, "landlord").say("房东要做什么")
    assert "【常见问题】房东要做什么" in landlord and "发送「登记」即可登记租客" in landlord
    assert landlord.index("登记租客") < landlord.index("消防")
    resident = await law_chat.say("房东有哪些义务")
    assert "【常见问题】房东要做什么" in resident and "发送「登记」" not in resident


@pytest.mark.parametrize("text", ["被骗了", "被人骗了500块钱怎么办"])
async def test_every_fraud_answer_warns_once_and_offers_the_report(
    law_chat: Chat, text: str
) -> None:
    """被人骗了500块钱怎么办 read 96110 and 止付 twice (a notice, then the same answer) and
    got no report button; 被骗了 had the answer once and the button."""
    reply = await law_chat.say(text)
    assert reply.startswith("【常见问题】被骗了钱怎么办") and "⚠️" not in reply
    assert reply.count("96110") == 1 and reply.count("止付") == 1
    assert "/报案 电信网络诈骗" in law_chat.buttons()


async def test_asking_how_to_apply_for_a_residence_permit_gets_what_to_bring(
    law_chat: Chat,
) -> None:
    """你好，我想问下办居住证要带什么 got the penalties of 第十九条 and 第十八条 and nothing
    on applying."""
    reply = await law_chat.say("你好，我想问下办居住证要带什么")
    assert "【常见问题】" in reply and "住址证明" in reply and "社区服务机构" in reply
    # The basis in article order; the renewal said as the 签注 it is.
    assert "依据：《居住证暂行条例》第二条、《居住证暂行条例》第九条、" in reply
    assert "每满一年前的一个月内办理签注" in reply


def test_every_report_an_answer_offers_is_a_template() -> None:
    """A label no template has would leave the answer without its button, silently."""
    offered = [entry.report for entry in load_faq() if entry.report]
    assert offered and all(
        (found := find_template(label)) and found.kind.label == label for label in offered
    )


@pytest.mark.parametrize("question", ["晚上有人在店里大声唱歌怎么办", "半夜有顾客吵闹"])
async def test_a_net_cafe_owner_asking_about_noisy_customers_gets_the_net_cafe_answer(
    services: Services, seeded: Seeded, law_dispatcher: Dispatcher, question: str
) -> None:
    """The first had got co-owners' rights (共有人 through 有人), the second the neighbours'
    noise answer (物业、居委会调解), which is not what an owner can do in the shop."""
    owner = await _net_cafe_owner(services, seeded, law_dispatcher)
    reply = await owner.say(question)
    assert "【常见问题】网吧顾客大声喧哗怎么办" in reply and "劝阻" in reply
    assert "共有人" not in reply and "居委会" not in reply


@pytest.mark.parametrize(("highlights", "marked"), [(True, True), (False, False)])
async def test_matched_words_are_marked_only_where_the_channel_shows_highlights(
    law_chat: Chat, services: Services, highlights: bool, marked: bool
) -> None:
    """The web chat says it shows 【租赁】 as a highlight; elsewhere the brackets would be
    shown as sent and split the word (law.py had named the channels itself)."""
    services.channels[law_chat.channel] = ChannelFacts(
        "测试", reads_groups=False, highlights=highlights
    )
    reply = await law_chat.say("咨询 盗窃罪怎么判刑")
    assert "《" in reply and ("【" in reply) is marked


async def test_a_matter_is_matched_against_the_faq_once_for_whether_to_call(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """能报警吗 after 楼上漏水把我家淹了 had scanned the FAQ for the matter twice: for where
    to turn, then again for the articles its answer names. Counted where the phrasings are
    scanned: the law desk and the answer share the knowledge base's memory of matches."""
    asked: list[str] = []
    match = kb.faq.match

    def counting(question: str, kinds: Collection[str] = ()) -> FaqMatch | None:
        asked.append(question)
        return match(question, kinds)

    monkeypatch.setattr(kb.faq, "match", counting)
    chat = Chat(law_dispatcher, "resident-9")
    await chat.say("楼上漏水把我家淹了")
    after = await chat.say("能报警吗")
    assert after.startswith("关于「楼上漏水把我家淹了」：") and "「全文 1」" in after
    assert asked.count("楼上漏水把我家淹了") <= 1, asked


async def test_a_new_matter_told_in_everyday_words_is_no_follow_up(law_chat: Chat) -> None:
    """晚上有人大声唱歌 right after a question on self-defence had got 「（接着上一个问题
    「打架了对方先动手我还手算正…」回答）」 and the articles on self-defence."""
    await law_chat.say("打架了对方先动手我还手算正当防卫吗")
    reply = await law_chat.say("晚上有人大声唱歌")
    assert "接着上一个问题" not in reply and "正当防卫" not in reply, reply
    assert "噪音" in reply or "噪声" in reply, reply


@pytest.mark.parametrize("said", ["房冬扣我押经不给", "房东压金不退怎么办"])
async def test_a_deposit_question_with_typos_gets_its_answer(law_chat: Chat, said: str) -> None:
    """房冬扣我押经不给 (房东扣我押金不给, typed on a pinyin keyboard) got 没有理解: no word
    of it read as a legal matter."""
    reply = await law_chat.say(said)
    assert "没有理解" not in reply, reply
    assert "【常见问题】房东不退押金怎么办" in reply, reply


async def test_a_no_criminal_record_certificate_gets_the_service_answer_alone(
    law_chat: Chat,
) -> None:
    """开无犯罪记录证明要带什么 had got the 检察院's rules on sealed juvenile records, a
    repealed 2012 试行 text among them: it wants where to apply and what to bring."""
    reply = await law_chat.say("开无犯罪记录证明要带什么")
    assert "【常见问题】" in reply and "派出所" in reply and "身份证" in reply, reply
    assert "《" not in reply and "依据" not in reply and "检察院" not in reply, reply
    assert "检察院" not in await law_chat.say("更多")
    assert "没有列出条文" in await law_chat.say("全文 1")


async def test_a_visitor_question_is_answered_each_time_it_is_asked(
    owner_law_chat: Chat, clock: FakeClock
) -> None:
    """访客上楼坐一会要登记吗？ got no answer, and asked again 没有找到比上一个问题…更直接
    相关的法律条文."""
    for _ in range(2):
        reply = await owner_law_chat.say("访客上楼坐一会要登记吗？")
        assert "【常见问题】" in reply and "访客" in reply and "没有找到" not in reply, reply
        clock.advance(minutes=1)
