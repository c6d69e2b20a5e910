"""A feature asked for in one's own words, none of them its name: offered, with what was
said kept in the command."""

from __future__ import annotations

import re

import pytest

from bot.dispatch import Dispatcher
from bot.messages import ChatType
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_a_reminder_asked_for_is_offered_as_a_task(officer_chat: Chat) -> None:
    """提醒我周五去平安旅馆回访 had got what the bot does with 平安旅馆 (its owner's phone)."""
    offer = await officer_chat.say("提醒我周五去平安旅馆回访")
    assert "您是想用「任务 新增 去平安旅馆回访 周五」" in offer and "我能做的是" not in offer
    assert officer_chat.buttons() == ["/任务 新增 去平安旅馆回访 周五"]
    added = await officer_chat.say(officer_chat.buttons()[0])
    # Friday is its due date (said first, it had been kept in the words, with none).
    assert "已新增任务" in added and "去平安旅馆回访" in added and "无截止日期" not in added


async def test_a_reminder_to_ask_someone_is_offered_as_a_task(officer_chat: Chat) -> None:
    """提醒我明天问问房东几点在家 had got the statutes: its 几 is the landlord's question."""
    offer = await officer_chat.say("提醒我明天问问房东几点在家")
    assert "您是想用「任务 新增 问问房东几点在家 明天」" in offer
    assert officer_chat.buttons() == ["/任务 新增 问问房东几点在家 明天"]
    added = await officer_chat.say(officer_chat.buttons()[0])
    assert "已新增任务" in added and "问问房东几点在家" in added and "无截止日期" not in added


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("明天下午去平安旅馆检查消防，提醒我一下", "/任务 新增 去平安旅馆检查消防 明天下午"),
        ("周五去平安旅馆回访 记一下", "/任务 新增 去平安旅馆回访 周五"),
        ("别忘了明天上午去幸福里走访", "/任务 新增 去幸福里走访 明天上午"),
        ("待办：周五整理出租屋台账", "/任务 新增 整理出租屋台账 周五"),
    ],
)
async def test_a_reminder_said_after_or_before_the_task_is_offered_as_one(
    law_dispatcher: Dispatcher, seeded: Seeded, text: str, typed: str
) -> None:
    """明天下午去悦来旅馆检查消防，提醒我一下 had got statutes on hotels and fire safety
    (刑法第三百六十二条 among them): 提醒我 said last was not read as a reminder."""
    officer = Chat(law_dispatcher, "officer")
    offer = await officer.say(text)
    assert "相关法条" not in offer and officer.buttons() == [typed]
    added = await officer.say(typed)
    assert "已新增任务" in added and "无截止日期" not in added


async def test_the_list_of_tasks_is_no_task_to_add(officer_chat: Chat) -> None:
    """待办 alone is the list asked for, not a task named 我的."""
    for text in ("我的待办", "今天的待办", "待办事项"):
        await officer_chat.say(text)
        assert not any(b.startswith("/任务 新增") for b in officer_chat.buttons()), text


async def test_a_question_is_not_offered_as_something_to_do(officer_chat: Chat) -> None:
    """提醒一下，酒驾要拘留几天 had been offered as a task, and 把…评为红色要什么条件 as a
    rating that one tap made (the venue went red)."""
    for text in (
        "提醒一下，酒驾要拘留几天",
        "提醒我一下酒驾要拘留几天",
        "把平安旅馆评为红色要什么条件",
        "给网吧发通知要注意什么",
    ):
        await officer_chat.say(text)
        offered = officer_chat.buttons()
        assert not any(b.startswith(("/任务", "/风险 平安旅馆", "/通报")) for b in offered), text


async def test_a_rating_said_in_a_sentence_is_offered_with_its_reason(
    officer_chat: Chat,
) -> None:
    """把平安旅馆评为橙色，… had got what the bot does with 平安旅馆, the rating lost."""
    offer = await officer_chat.say("把平安旅馆评为橙色，上周查到未登记住客")
    assert "您是想用「风险 平安旅馆 橙 上周查到未登记住客」" in offer
    assert officer_chat.buttons() == ["/风险 平安旅馆 橙 上周查到未登记住客"]
    assert "评定为🟠橙色" in await officer_chat.say(officer_chat.buttons()[0])


async def test_asking_for_the_venues_of_a_colour_lists_them(officer_chat: Chat) -> None:
    """哪些场所是红色的 had been offered 「场所」, the venue records."""
    assert "您是想用「风险 红」" in await officer_chat.say("哪些场所是红色的")
    assert officer_chat.buttons() == ["/风险 红"]
    await officer_chat.say("/风险 平安旅馆 红 多次未登记")
    assert "平安旅馆" in await officer_chat.say("/风险 红")


async def test_asking_how_incidents_go_is_offered_the_seven_day_warning(
    officer_chat: Chat,
) -> None:
    """最近七天警情怎么样 had been offered 「警情」, which enters a new incident."""
    assert "您是想用「警情趋势」" in await officer_chat.say("最近七天警情怎么样")
    assert officer_chat.buttons() == ["/警情趋势"]


@pytest.mark.parametrize("text", ["警情趋势如何", "警情趋势咋样"])
async def test_asking_how_the_trend_goes_by_its_name_shows_it(
    officer_chat: Chat, text: str
) -> None:
    """警情趋势如何 names the view it asks for: it had been offered as a guess, a tap to read
    what was asked."""
    shown = await officer_chat.say(text)
    assert "您是想用" not in shown
    assert shown == await officer_chat.say("/警情趋势")


@pytest.mark.parametrize("text", ["接到警情如何处置", "家暴警情怎么处理", "警情如何上报"])
async def test_how_to_handle_an_incident_is_not_offered_the_trend(
    officer_chat: Chat, text: str
) -> None:
    """接到警情如何处置, the officer's own question, had been offered 「警情趋势」."""
    reply = await officer_chat.say(text)
    assert "警情趋势" not in reply and "/警情趋势" not in officer_chat.buttons(), reply


async def test_asking_how_one_type_of_incident_goes_keeps_the_type(
    officer_chat: Chat,
) -> None:
    """最近一个月盗窃警情多不多 had been offered the warning for every type, 盗窃 lost."""
    assert "您是想用「警情趋势 盗窃」" in await officer_chat.say("最近一个月盗窃警情多不多")
    assert officer_chat.buttons() == ["/警情趋势 盗窃"]
    assert "「盗窃」类" in await officer_chat.say(officer_chat.buttons()[0])
    # Words before 警情 that name no type are no type to filter by.
    await officer_chat.say("最近一周辖区警情怎么样")
    assert officer_chat.buttons() == ["/警情趋势"]


async def test_a_notice_asked_for_starts_an_alert_with_its_words(
    officer_chat: Chat,
) -> None:
    """给旅馆发个通知：… had got 没有理解. Said as an order, it starts the alert (nothing is
    sent before its 确认), where a button had been one tap more."""
    started = await officer_chat.say("给旅馆发个通知：今晚起严查未登记住客")
    assert "开始编写通报" in started and "您是想用" not in started, started
    summary = await officer_chat.say_all("现在发送", "跳过", "其他", "一般")
    # To the hotels, and the notice itself, not the instruction, as its text.
    assert "· 范围：旅馆" in summary and "· 内容：今晚起严查未登记住客" in summary, summary


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("我要通报今晚严查酒驾", "本警务区全部"),
        ("发个通报今晚严查酒驾", "本警务区全部"),
        # Without the space of 通报 今晚严查酒驾: it had got the FAQ on drunk driving.
        ("通报今晚严查酒驾", "本警务区全部"),
        ("通知各旅馆今晚严查酒驾", ""),
    ],
)
async def test_an_officers_alert_in_words_starts_with_its_content(
    law_dispatcher: Dispatcher, seeded: Seeded, text: str, scope: str
) -> None:
    """我要通报今晚严查酒驾 had got the FAQ on drunk driving (酒驾, a legal word beside
    通报), 通知各旅馆… 没有理解: the alert starts, what follows the asking its content and
    the venues named after 通知 whom it is for."""
    officer = Chat(law_dispatcher, "officer")
    started = await officer.say(text)
    assert "开始编写通报" in started and "常见问题" not in started, started
    summary = await officer.say_all("现在发送", "跳过", "其他", "一般", *([scope] if scope else []))
    assert "· 内容：今晚严查酒驾" in summary and "通报今晚" not in summary, summary
    assert "· 范围：各旅馆" in summary if not scope else "· 范围：本警务区全部" in summary
    # A resident's (and an officer's) question of it is still the FAQ's.
    for chat in (Chat(law_dispatcher, "resident-1"), officer):
        await chat.say("取消")
        assert "【常见问题】酒驾怎么处罚" in await chat.say("酒驾怎么处罚")


@pytest.mark.parametrize(
    "text",
    ["紧急通报 和平路刚才有持刀男子出没，请注意安全", "马上发个通报：和平路刚才有持刀男子出没"],
)
async def test_an_alert_said_to_be_urgent_is_urgent(officer_chat: Chat, text: str) -> None:
    """紧急通报 … had been offered as 「/通报 …」 with its 紧急 dropped: an ordinary alert."""
    summary = await officer_chat.say(text)
    assert "请核对通报信息" in summary and "· 紧急程度：紧急" in summary, summary
    assert "紧急通报" not in summary and "马上" not in summary, summary


async def test_an_alert_glued_to_its_word_is_an_officers_only(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """通报今晚严查酒驾 starts an officer's alert; a resident's is answered as before, and
    an officer's words about alerts sent are not taken as a new one's content."""
    assert "【常见问题】酒驾怎么处罚" in await Chat(law_dispatcher, "resident-1").say(
        "通报今晚严查酒驾"
    )
    officer = Chat(law_dispatcher, "officer")
    for said in ("通报写错了", "通报谁没看"):
        assert "开始编写通报" not in await officer.say(said), said


@pytest.mark.parametrize("text", ["紧急通报 怎么发", "怎么发紧急通报", "紧急通报 和平路有持刀男子"])
async def test_an_urgent_alert_offered_stays_urgent(officer_chat: Chat, text: str) -> None:
    """紧急通报 怎么发 (and any urgent alert told in a group, where nothing said is offered
    back) had been offered 「通报」: its button started an ordinary alert."""
    if "持刀" in text:
        officer_chat.chat_id, officer_chat.chat_type = "g-officers", ChatType.GROUP
    offer = await officer_chat.say(text)
    assert "「通报 紧急」" in offer and officer_chat.buttons() == ["/通报 紧急"], offer
    officer_chat.chat_id, officer_chat.chat_type = "", ChatType.PRIVATE
    assert "请输入通报内容" in await officer_chat.say("/通报 紧急")
    # An urgent alert goes from its text straight to the summary (own beat, no picture).
    summary = await officer_chat.say("和平路刚才有持刀男子出没，请注意安全")
    assert "· 紧急程度：紧急" in summary and "请选择紧急程度" not in summary, summary


async def test_whom_an_alert_is_given_to_is_its_scope_not_its_content(officer_chat: Chat) -> None:
    """发个通报给旅馆 最近… had kept 「发个通报给旅馆」 in the content and asked for the
    scope again."""
    await officer_chat.say("发个通报给旅馆 最近有流窜盗窃，请各店加强巡查")
    summary = await officer_chat.say_all("现在发送", "跳过", "治安", "一般")
    assert "· 范围：旅馆" in summary and "发给谁" not in summary, summary
    assert "· 内容：最近有流窜盗窃，请各店加强巡查" in summary and "发个" not in summary


@pytest.mark.parametrize(
    "text", ["怎么看哪些店没点收到", "昨天发的那个通报有几个人看了", "昨天的通报大家都看了吗"]
)
async def test_an_officer_asking_who_read_an_alert_gets_its_status(
    officer_chat: Chat, text: str
) -> None:
    """They had got 没有理解, or a new alert offered."""
    said = await officer_chat.say(text)
    assert "您还没有发过通报" in said and "没有理解" not in said, said
    assert "/通报" not in officer_chat.buttons()


async def test_an_officer_asking_how_to_draw_a_circle_gets_the_alerts_help(
    officer_chat: Chat,
) -> None:
    """怎么画个圈发通知 had got 没有理解."""
    said = await officer_chat.say("怎么画个圈发通知")
    assert "圈定周边：范围写「场所名 500米」" in said, said


async def test_an_alert_said_to_be_wrong_is_offered_its_correction(officer_chat: Chat) -> None:
    """刚才那个通报写错了 had been offered a new alert."""
    await officer_chat.say_all("/通报 紧急 今晚有大风，请各店检查门窗", "确认")
    offer = await officer_chat.say("刚才那个通报写错了")
    [number] = re.findall(r"更正 (\d+)", officer_chat.buttons()[0])
    assert officer_chat.buttons() == [f"/更正 {number}"], offer
    assert f"请在「/更正 {number}」后写上更正后的完整内容" in await officer_chat.say(
        officer_chat.buttons()[0]
    )


@pytest.mark.parametrize("text", ["我们店怎么没收到警情通报", "怎么还没收到警情提醒"])
async def test_alerts_missed_are_not_offered_the_subscription(owner_chat: Chat, text: str) -> None:
    """怎么没收到警情通报 had been offered 「订阅」: a question of an alert missed (an owner's
    place gets its alerts unasked), not a wish to subscribe."""
    await owner_chat.say(text)
    assert "/订阅" not in owner_chat.buttons()


async def test_a_resident_asking_for_alerts_is_offered_the_subscription(
    resident_chat: Chat,
) -> None:
    """我想接收附近的警情提醒 had got 没有理解 and the legal questions."""
    offer = await resident_chat.say("我想接收附近的警情提醒")
    assert "您是想用「订阅」" in offer and "没有理解" not in offer
    assert resident_chat.buttons() == ["/订阅"]


async def test_words_of_another_role_or_a_group_are_not_offered(
    owner_chat: Chat, officer_chat: Chat, seeded: Seeded
) -> None:
    """An owner's 提醒我… is no task of theirs; a resident's tip still goes to the tips."""
    assert "任务" not in await owner_chat.say("提醒我周五交水电费")
    officer_chat.chat_id = "g-officers"
    officer_chat.chat_type = ChatType.GROUP
    assert "任务 新增" not in await officer_chat.say("提醒我周五去平安旅馆回访")


async def test_a_resident_telling_of_a_theft_is_not_offered_the_subscription(
    resident_chat: Chat,
) -> None:
    """治安 and 关注 in a theft told: the report is offered, not the public alerts."""
    told = await resident_chat.say("我家电动车昨晚被偷了，希望你们多关注一下我们小区的治安")
    assert "「订阅」" not in told
    assert any(button.startswith("/报案") for button in resident_chat.buttons())


async def test_a_resident_asking_about_one_incident_is_not_offered_the_subscription(
    resident_chat: Chat,
) -> None:
    """能不能告诉我昨晚小区里的警情是怎么回事 had been offered 订阅, which the resident had."""
    await resident_chat.say("能不能告诉我昨晚小区里的警情是怎么回事")
    assert "/订阅" not in resident_chat.buttons()
