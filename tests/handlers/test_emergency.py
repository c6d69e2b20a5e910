"""Emergencies get the emergency numbers first, and a legal question still its answer."""

from __future__ import annotations

import re
from collections.abc import Collection

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices
from handlers.emergency import FAQ_AFTER, emergency_notice
from knowledge.base import KnowledgeBase
from knowledge.faq import FaqMatch
from tests.support.chat import Chat
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, Seeded


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("救命 有人拿刀在楼下砍人", "110"),
        ("我老公说要跳楼 我怎么办", "12356"),
        ("着火了 快来人", "119"),
        ("我被人跟踪了 好害怕", "110"),
        ("楼道里有个老人晕倒了", "120"),
        ("孩子在超市门口不见了，五岁，穿红衣服", "110"),
        ("有个男的拿着菜刀在我家门口骂，说要弄死我", "110"),
        ("我老婆被她前夫打了，现在还在打", "110"),
        ("刚接到电话说我涉嫌洗钱要我把钱转到安全账户", "96110"),
        ("我要报警！", "110"),
        ("我被骗了，刚转了5000块给一个假客服", "96110"),
        ("我被人捅了一刀，流了好多血", "120"),
        ("楼下有个男的拿着刀在追人", "110"),
        ("家里进贼了，人还在屋里", "110"),
        ("我刚在路上被人抢了包，人往东边跑了", "110"),
        ("刚才有个人抢了我的包往北边跑了", "110"),
        ("我被人关在一个房间里 手机偷偷打字 不能打电话 怎么办", "12110"),
        ("我老公现在在打我，我躲在厕所里", "110"),
        ("刚才在小区门口被一个骑电动车的撞了，他没停直接跑了", "122"),
        ("被电动车撞了，对方跑了，咋整", "122"),
        ("我爸突然晕过去了叫不醒", "120"),
        ("家里煤气味好大", "119"),
        ("刚刚把钱转给骗子了，怎么办", "96110"),
        ("我不想活了", "12356"),
        ("我孩子在商场门口被人抱走了", "110"),
        ("我刚被人打了，头上都是血", "110"),
        ("有个男的一直跟着我，我现在好害怕", "110"),
        ("他又喝多了在砸东西打我，我躲在厕所里", "110"),
        ("隔壁房间的客人打起来了，有个人头破了", "110"),
        ("做刷单兼职被骗了800", "96110"),
        ("对方发来一个链接我点了，然后卡里的钱没了", "96110"),
        ("客人的小孩找不到了", "110"),
        ("有人被车撞了", "122"),
        ("有个女孩被人拉上车了", "110"),
        # From a round of trying: these had got 没有理解 or a law FAQ.
        ("外面有人打架", "110"),
        ("有人在打人", "110"),
        ("小区门口有个男的在打一个女的", "110"),
        ("我被邻居打了", "110"),
        ("老伴被人推倒了 腿摔断了", "110"),
        ("我邻居在打小孩 孩子一直哭", "110"),
        ("隔壁在打架 好多人 有人流血了", "110"),
        ("电动车在楼道里烧起来了", "119"),
        ("刚接到电话说我儿子在学校出事了要交手术费，我转了两万过去，现在联系不上", "96110"),
        ("我在小区门口被人打了，脸都肿了", "110"),
        ("有人在楼下打群架，好几个人拿着棍子", "110"),
        ("有个人在我家门口一直敲门 说是查水表 我一个人在家 好害怕", "110"),
        ("外面有人在踹门", "110"),
        # Held against their will (非法拘禁): had got only the offer to report a tip.
        ("我表弟被拉进一个传销 不让走 手机都被收了", "110"),
        ("我朋友被他们扣在厂里出不来", "110"),
        # A fight that is over, but going on again now: still the danger first.
        ("昨晚跟他打起来了，现在他又在门口砸门，我会被拘留吗", "110"),
        # 家暴 had got no notice, or the one for a fight (without 告诫书, 保护令, 12338).
        ("我被家暴了 现在躲在厕所里", "12338"),
        ("老公又打我了 孩子也在家", "12338"),
        ("他喝醉了要打我", "12338"),
        ("我老公现在在打我，我躲在厕所里", "12110"),
        # 敲我家门 (not 敲门), and 被人打了 not at the end: only the tip offer, or a FAQ.
        ("有个男的一直在楼道里敲我家门 我一个人在家 好怕", "110"),
        ("我被人打了 现在在医院", "110"),
        # A crime seen happening now: had got the victim's 东西被偷了怎么办.
        ("楼下有人在偷电动车电瓶", "110"),
        ("有人正在抢一个老太太的包", "110"),
        ("小偷正在撬隔壁的门", "110"),
    ],
)
def test_emergency_words_get_the_right_number(text: str, number: str) -> None:
    notice = emergency_notice(text)
    assert notice is not None and number in notice


@pytest.mark.parametrize(
    "text",
    [
        "房东不退押金怎么办",
        "我要登记",
        "邻居装修太吵",
        "被打了要报警吗",
        "孩子的抚养费",
        "我的手机号被绑定了",
        "孩子的自行车丢了",
        "奶奶的钱包丢了",
        "正在打电话",
        "还在打官司",
        "有人闯红灯",
        "买菜刀要实名吗",
        "有人一直在打我的电话推销",
        "被抢救过来的人能索赔吗",
        "去年被车撞了赔偿怎么算",
        "抢了别人的车位怎么办",
        "被关在门外的狗一直叫",
        "他被扣了工资",
        "老板不让我走 要加班",
        "腿伤了医生不让我走路",
        "打了个电话",
        "被打了疫苗",
        "孩子今天在学校被打了疫苗",
        "上班打了卡就走了",
        "孩子被老师打了低分",
        "他要打我电话",
        "被打了怎么办",
        "有人在偷偷摸摸地看",
        "有人在抢购口罩",
        "昨天有人在偷电瓶 抓到会判几年吗",
    ],
)
def test_ordinary_messages_get_no_notice(text: str) -> None:
    assert emergency_notice(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Each a way a scam under way is told: it had got the advice for money gone
        # (被骗了钱怎么办: 刚转了账的…), or 您是想用「收到」吗？, and nothing to stop it.
        "接到个电话说我快递丢了要理赔 让我加QQ",  # add them on QQ or WeChat
        "有个自称客服的让我加他微信办退款",
        "收到短信说我医保卡被冻结了，让点链接解冻，是真的吗",  # click a link
        "短信说我ETC失效了 点链接就能认证",
        "对方说要帮我退款，让我共享屏幕",  # share the screen
        "客服打电话说要给我退款，让我下载一个会议软件",  # download an app
        "有人打电话说我涉嫌洗钱，让我把钱转到安全账户",  # a "safe account"
        "来了个电话说我买的东西有质量问题要给我理赔",  # 理赔, 退款
        "有人发消息说我的微信要被冻结了",  # 冻结
        "一个自称是检察院的人打电话给我",  # 公检法
        "这个短信是不是诈骗",  # asked with the message in front of them
        # Someone met online who asks to move the chat, to install an app or for money.
        "网上认识的人让我加他QQ",
        "网友让我下个APP投资",
        "网恋对象让我转钱",
        "游戏里认识的人让我充值",
    ],
)
def test_a_scam_under_way_is_told_to_hang_up_first(text: str) -> None:
    notice = emergency_notice(text)
    assert notice is not None and notice.startswith("⚠️ 这很可能是诈骗"), text
    assert "立即挂断" in notice and "不要点链接" in notice and "96110" in notice


@pytest.mark.parametrize(
    "text",
    [
        "我收到快递了",
        "加个微信好友",
        "朋友让我加他微信",
        "我银行卡被冻结了怎么办",
        "派出所打电话让我去做笔录",
        "我打客服电话要退款，他们不给退",
        "诈骗短信怎么举报",
        "民警要我们把旅客信息按时上传",
        "旅客信息要保存多久",
        "我想加民警微信",
        "QQ号被盗了怎么办",
        "朋友让我转钱",
        "我在网上认识了一个女朋友",
    ],
)
def test_everyday_words_of_a_scam_alone_get_no_notice(text: str) -> None:
    assert emergency_notice(text) is None


async def test_an_owner_asked_for_guest_data_by_phone_is_told_not_to_send_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """收到一个电话，说是派出所的，要我把旅客信息发给他 had been offered 「收到」: someone
    after the guests' data, passing for the police."""
    owner = Chat(dispatcher, "owner")
    said = "收到一个电话，说是派出所的，要我把旅客信息发给他，是真的吗"
    reply = await owner.say(said)
    assert reply.startswith("⚠️ 公安机关不会通过电话、微信、短信向您索要旅客")
    assert "请不要发送" in reply and "您是想用" not in reply
    assert f"/问民警 {said}" in owner.buttons() and "/举报" in owner.buttons()


async def test_the_notice_replaces_not_understood(dispatcher: Dispatcher, seeded: Seeded) -> None:
    replies = await Chat(dispatcher, "someone-new").say("救命 快来人")
    assert replies.startswith("⚠️") and "110" in replies and "没有理解" not in replies


async def test_a_tip_like_emergency_still_offers_the_tip(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    replies = await Chat(dispatcher, "someone-new").say("有人拿刀在小区门口晃")
    assert replies.startswith("⚠️") and "是否要向民警举报" in replies


async def test_a_theft_seen_now_gets_110_and_the_tip_offer_not_the_victims_answer(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """楼下有人在偷电动车电瓶 had got 【常见问题】东西被偷了怎么办 and 自助报案, the
    answer for the one whose battery it is."""
    chat = Chat(law_dispatcher, "someone-new")
    replies = await chat.say("楼下有人在偷电动车电瓶")
    assert replies.startswith("⚠️") and "请立即拨打110" in replies
    assert "是否要向民警举报" in replies and "常见问题" not in replies
    assert chat.buttons() == ["/举报", "不用举报"]


async def test_the_notice_is_no_wrong_answer_to_earlier_buttons(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """After the tip offer's buttons, 我被人跟踪了 got the 110 notice and then 请点选上面的选项,
    as if the danger were a mistake."""
    resident = Chat(dispatcher, "someone-new")
    assert "是否要向民警举报" in await resident.say("楼下有人吸毒")
    replies = await resident.say("我被人跟踪了 现在在路上 好怕")
    assert replies.startswith("⚠️") and "110" in replies and "请点选" not in replies


async def test_an_emergency_typed_into_a_form_is_not_taken_as_an_answer(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    owner = Chat(dispatcher, "owner")
    await owner.say("登记")
    replies = await owner.say("闻到好大一股煤气味")
    assert replies.startswith("⚠️") and "119" in replies
    assert "旅客登记已保留" in replies and "请输入旅客姓名" in replies  # not the name
    assert "请选择证件类型" in await owner.say("王小明")


async def test_an_officer_writing_an_alert_gets_no_notice(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    officer = Chat(dispatcher, "officer")
    await officer.say("/通报")
    reply = await officer.say("注意防盗：近期夜间入室盗窃多发，发现可疑人员及时报警。")
    assert "⚠️" not in reply and "什么时候发" in reply


async def test_a_fraud_being_reported_is_the_story_not_an_emergency(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """In the fraud report, the method 冒充公检法 and a story of a 安全账户 are answers: the
    fraud warning had taken them instead, and asked the same question again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 电信网络诈骗")
    assert "什么时候" in await resident.say("冒充公检法")
    await resident.say_all("昨天下午3点", "电话 01012345678", "5万元", "银行卡转账 户名李某")
    story = "接到电话说我涉嫌洗钱 让我把钱转到安全账户审查 转完就联系不上了"
    reply = await resident.say(story)
    assert "请发送聊天记录" in reply and "⚠️" not in reply
    assert "报案人姓名" in await resident.say("完成")
    summary = await resident.say_all("王小明", "身份证", GUEST_ID, "13812345678")
    assert "诈骗类型：冒充公检法" in summary and "安全账户审查" in summary


async def test_danger_told_in_a_tip_is_taken_and_the_numbers_follow(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    assert "请描述您看到的情况" in await resident.say("举报")
    reply = await resident.say("有个人拿着刀在小区门口晃 穿黑衣服")
    assert "110" in reply and reply.index("⚠️") == 0  # the numbers before the next question
    assert "请描述" not in reply  # taken as the description


async def test_after_the_numbers_no_nothing_found_line(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """救命 楼下有人在打人 拿着刀 got the 110 notice, then 没有找到…法律条文, as if no help
    were coming."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("救命 楼下有人在打人 拿着刀")
    assert reply.startswith("⚠️") and "110" in reply and "没有找到" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "我在网上买东西被骗了，付了800块，卖家把我拉黑了",
        "我的银行卡被盗刷了",
        "做刷单兼职被骗了800",
    ],
)
async def test_money_lost_online_gets_what_to_do_not_the_phone_call_warning(
    dispatcher: Dispatcher, seeded: Seeded, text: str
) -> None:
    """A shopping scam and a stolen card had opened with 公检法机关不会通过电话办案…安全账户."""
    reply = await Chat(dispatcher, "someone-new").say(text)
    assert reply.startswith("⚠️") and "聊天记录" in reply and "96110" in reply
    assert "止付" in reply and "公检法" not in reply and "安全账户" not in reply


async def test_a_fake_police_call_still_gets_the_phone_call_warning(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    reply = await Chat(dispatcher, "someone-new").say("刚接到公安局的电话说我涉嫌洗钱，要我转账")
    assert reply.startswith("⚠️ 这很可能是诈骗") and "立即挂断" in reply
    assert "公检法机关不会通过电话办案" in reply


async def test_the_fraud_notice_gives_way_to_its_answer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """The notice on money lost said what the FAQ on being defrauded under it says first
    (止付, 96110, 报案): the answer is the one warning, the report button under it."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("我在网上买东西被骗了，付了800块，卖家把我拉黑了")
    assert reply.startswith("【常见问题】被骗了钱怎么办") and "⚠️" not in reply
    assert reply.count("96110") == 1 and "/报案 电信网络诈骗" in resident.buttons()


async def test_the_phone_call_notice_and_its_answer_come_as_one_message(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """The notice, the FAQ on being defrauded and the offer to report had come as three
    messages; now one, the report button under it. The call's notice (挂断) says what the
    answer does not, and stays."""
    resident = Chat(law_dispatcher, "resident-9")
    reply, *_ = await resident.send("刚接到电话说我涉嫌洗钱要我把钱转到安全账户")
    assert isinstance(reply, Choices) and reply.text.startswith("⚠️ 这很可能是诈骗")
    assert "被骗了钱怎么办" in reply.text and "/报案 电信网络诈骗" in resident.buttons()


async def test_a_scam_under_way_gets_the_warning_before_the_advice_for_money_gone(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """接到个电话说我快递丢了要理赔 让我加QQ had got 被骗了钱怎么办 (刚转了账的…) alone:
    nothing said to hang up and not to add the caller."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("接到个电话说我快递丢了要理赔 让我加QQ")
    assert reply.startswith("⚠️ 这很可能是诈骗。请立即挂断") and "不要加对方QQ" in reply
    assert reply.index("96110反诈专线") < reply.index("【常见问题】")


async def test_a_fight_last_night_gets_the_answer_not_the_danger_notice(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """昨晚…打起来了…我会被拘留吗 had opened with 如果危险正在发生: the fight is over, the
    question is what happens now."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("昨晚喝多了跟人打起来了，他报警了 我会被拘留吗")
    assert "正在发生" not in reply and "拘留" in reply


async def test_someone_held_gets_110_and_what_to_tell_them(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """A cousin held in a 传销 den had got only 是否要向民警举报."""
    reply = await Chat(dispatcher, "someone-new").say("我表弟被拉进一个传销 不让走 手机都被收了")
    assert reply.startswith("⚠️") and reply.index("110") < reply.index("举报")
    assert "地址" in reply and "几个人" in reply


async def test_a_hit_and_run_yesterday_gets_what_to_do_next(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Told the day after, it had got only 122 and 拍照保留现场 (the scene long gone)."""
    said = "我昨天下班的时候 在路口 一个骑电动车的把我撞了 他就跑了 腿都青了 能找到他吗"
    reply = await Chat(dispatcher, "someone-new").say(said)
    assert reply.startswith("⚠️") and "122" in reply and "交警" in reply
    assert "监控" in reply and "病历" in reply and "保留现场" not in reply


async def test_a_child_abducted_gets_110_without_the_fight_answer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """我家孩子被拐了 had got the notice, then 【常见问题】打架了会怎么处理 (matched through
    孩子 alone): a FAQ not sure enough does not stand under a notice."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("我家孩子被拐了")
    assert reply.startswith("⚠️") and "110" in reply and "打架" not in reply


@pytest.mark.parametrize("text", ["店里起火了", "刚接到电话说我涉嫌洗钱要我把钱转到安全账户"])
async def test_the_notice_and_its_answer_fit_one_screen(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    text: str,
) -> None:
    """店里起火了 had come to 550 characters: the notice above a page already 500 long."""
    resident = Chat(law_dispatcher, "resident-9")
    (first, *_) = await resident.send(text)
    assert first.text.startswith("⚠️") and "【常见问题】" in first.text
    assert len(first.text) <= 500


def test_a_domestic_violence_notice_says_what_there_is_for_it() -> None:
    notice = emergency_notice("老公又打我了 孩子也在家")
    assert notice is not None and notice.index("110") < notice.index("12110")
    assert "部分地区" in notice and "安全的地方" in notice and "孩子" in notice
    assert "告诫书" in notice and "人身安全保护令" in notice and "12338" in notice


def test_pyramid_selling_gets_no_fraud_call_warning() -> None:
    """被骗进传销 交了三万块 opened with the telecom-fraud notice (挂断, 96110, 止付)."""
    notice = emergency_notice("被骗进传销 交了三万块 现在想退出")
    assert notice is None or "96110" not in notice


def test_each_notice_s_faq_is_the_one_it_names(kb: KnowledgeBase) -> None:
    for question, _ in FAQ_AFTER.values():
        found = kb.faq_match(question)
        assert found is not None and found.similarity == 1.0, question


@pytest.mark.parametrize(
    "text", ["我被家暴了 现在躲在厕所里", "老公又打我了 孩子也在家", "他喝醉了要打我"]
)
async def test_domestic_violence_gets_its_notice_and_answer_not_the_fight_one(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
    text: str,
) -> None:
    """他喝醉了要打我 had got 打架了会怎么处理 (因民间纠纷引起…可以调解…不予处罚) under the
    notice, and the other two no notice at all."""
    reply = await Chat(law_dispatcher, "resident-9").say(text)
    assert reply.startswith("⚠️") and "12338" in reply and "被家暴了怎么办" in reply
    assert "打架" not in reply and "调解" not in reply


async def test_money_sent_to_a_fake_agent_gets_the_fraud_answer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """Under the fraud notice came 刑法 第一百九十二条 (集资诈骗) and 第一百九十八条 (保险诈骗)."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("我被骗了 刚转了两万块给一个说是客服的人")
    assert reply.startswith("【常见问题】被骗了钱怎么办")
    assert "第一百九十二条" not in reply and "第一百九十八条" not in reply
    assert "/报案 电信网络诈骗" in resident.buttons()


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("家暴可以离婚吗", False),
        ("家暴怎么判", False),
        ("家暴能起诉吗", False),
        ("我老公家暴可以离婚吗", False),
        ("前几年老公打过我 能离婚吗", False),
        ("以前被家暴过 现在能起诉吗", False),
        ("曾经被老公打过 现在可以离婚吗", False),
        ("我被家暴了", True),
        ("老公又打我了", True),
        ("他要打我", True),
        ("我被家暴了 可以离婚吗", True),
        ("老公现在在打我 能离婚吗", True),
        ("他现在还在打我 可以离婚吗", True),
    ],
)
def test_domestic_violence_notice_is_for_danger_now_not_the_law_on_it(
    text: str, urgent: bool
) -> None:
    """家暴可以离婚吗 opened with 正在遭受家暴请立即拨打110…: a question of what the law
    does, told in general or of the past, is no emergency; abuse told as one's own now is."""
    notice = emergency_notice(text)
    assert (notice is not None and "12338" in notice) is urgent


async def test_a_question_on_domestic_violence_gets_its_answer_without_the_notice(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("家暴可以离婚吗")
    assert reply.startswith("【常见问题】被家暴了怎么办") and "⚠️" not in reply
    told = await Chat(law_dispatcher, "resident-8").say("老公又打我了")
    assert told.startswith("⚠️ 正在遭受家暴") and "被家暴了怎么办" in told


async def test_what_robbery_brings_gets_the_law_not_the_danger_notice_alone(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """抢劫会判几年 had got 如果危险正在发生 first: the question tells of no
    danger now, and asks what the law does."""
    resident = Chat(law_dispatcher, "resident-9")
    reply = await resident.say("抢劫会判几年")
    assert "正在发生" not in reply and "有期徒刑" in reply
    assert emergency_notice("有人在砸我家门 会判几年吗") is not None


async def test_a_homestay_owner_asked_for_guest_data_gets_no_loose_answer_under_it(
    law_dispatcher: Dispatcher,
    services: Services,
    seeded: Seeded,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A homestay owner's 收到一个电话…要我把旅客信息发给他 had got, under the warning, the
    entry on how long guest records are kept: matched loosely (0.50 on the statutes) as
    民宿收到一个电话…, which the check for a loose match under a notice had not read."""
    said = "收到一个电话，说是派出所的，要我把旅客信息发给他，是真的吗"
    kept = next(e for e in kb.faq.entries if e.id == "hotel-record-retention")
    match = kb.faq_match

    def as_on_the_statutes(question: str, kinds: Collection[str] = ()) -> FaqMatch | None:
        if "要我把旅客信息发给他" in question and "homestay" in kinds:
            return FaqMatch(kept, 0.5)
        return match(question, kinds)

    monkeypatch.setattr(kb, "faq_match", as_on_the_statutes)
    await second_place(services, seeded, "云上民宿")
    owner = Chat(law_dispatcher, "owner")
    reply = await owner.say(said)
    assert reply.startswith("⚠️ 公安机关不会通过电话、微信、短信向您索要旅客")
    assert "常见问题" not in reply and "保存多久" not in reply
    assert "/举报" in owner.buttons()


async def test_money_asked_by_someone_met_online_gets_the_scam_warning_first(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """网恋对象让我转钱 had got 没有理解: nothing said not to send the money."""
    reply = await Chat(law_dispatcher, "resident-9").say("网恋对象让我转钱")
    assert reply.startswith("⚠️ 这很可能是诈骗") and "不要转账" in reply and "96110" in reply


@pytest.mark.parametrize(
    "said",
    [
        "有人加我微信让我把租客的身份证照片发给他，会不会泄露个人信息",
        "咨询 有人打电话要我把租客的信息发给他，我要给吗",
    ],
)
async def test_a_landlord_asked_for_tenants_data_reads_only_on_personal_information(
    seeded: Seeded, law_dispatcher: Dispatcher, said: str
) -> None:
    """Under the warning, a landlord had read the rule on registering tenants (治安管理处罚法
    第五十七条, through 租客) after those on personal information, and under 咨询 the FAQ
    出租房子要登记租客信息吗, as if they said whether to send the data."""
    landlord = Chat(law_dispatcher, "landlord")
    reply = await landlord.say(said)
    assert reply.startswith("⚠️ 公安机关不会通过电话、微信、短信向您索要旅客或租客信息")
    assert "第五十七条" not in reply and "登记租客" not in reply and "常见问题" not in reply
    listed = reply.split("相关法条：")[1].split("点「全文")[0] if "相关法条" in reply else ""
    assert all("个人信息" in article for article in re.split(r"\n\d+\. ", listed)[1:])


async def test_a_landlord_told_to_send_the_tenant_list_is_warned_not_shown_it(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """说是派出所的，要我把租客名单发给他 was read as the request 租客名单: the list came, the
    warning not to send it was lost."""
    landlord = Chat(law_dispatcher, "landlord")
    reply = await landlord.say("说是派出所的，要我把租客名单发给他")
    assert reply.startswith("⚠️ 公安机关不会通过电话、微信、短信向您索要旅客或租客信息")
    assert "租客" not in reply.split("租客信息", 1)[1] and "/举报" in landlord.buttons()


async def test_a_landlord_asked_for_tenants_data_is_offered_the_report_once(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """有人加我微信…让我把租客身份证号发给他 had got the tip offer (是，我要举报) and, under
    it, 「问民警」 and 「举报」 again."""
    said = "有人加我微信说是派出所的，让我把租客身份证号发给他，怎么办"
    landlord = Chat(law_dispatcher, "landlord")
    reply = await landlord.say(said)
    assert reply.startswith("⚠️ 公安机关不会通过电话、微信、短信向您索要旅客或租客信息")
    assert landlord.buttons().count("/举报") == 1 and f"/问民警 {said}" in landlord.buttons()
    assert "请片区民警核实" in reply
    # The tip offered takes what was said, as the report button under the notice did.
    assert f"已记下情况：{said}" in await landlord.say("是，我要举报")


async def test_a_neighbour_beating_a_child_gets_the_answer_after_the_notice(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """邻居天天打孩子，我能报警吗 got the emergency notice and nothing else: whether one may
    report it, and how, went unanswered."""
    replies = await Chat(law_dispatcher, "someone-new").say("邻居天天打孩子，我能报警吗")
    assert "110" in replies and "《未成年人保护法》第十一条" in replies
    assert "举报" in replies
