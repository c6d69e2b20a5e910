"""Help and small talk: greetings, thanks, and messages the bot does not understand."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Inspection, InspectionItem, InspectionStatus
from tests.handlers.reports.support import file_report, receipt_in
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded


async def test_officer_greeting_uses_the_name_as_entered(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    greeting = (await Chat(dispatcher, "officer").say("帮助")).splitlines()[0]
    assert greeting == "您好，一号民警。以下是常用功能："


async def test_a_greeting_is_welcomed_with_what_the_bot_can_do(dispatcher: Dispatcher) -> None:
    newcomer = Chat(dispatcher, "someone-new")
    assert await newcomer.say("你好！") == await newcomer.say("帮助")
    assert "法律" in await newcomer.say("在吗")


async def test_a_visitor_asking_what_the_bot_does_reads_a_short_welcome(
    dispatcher: Dispatcher,
) -> None:
    """你能做什么 from a newcomer had listed all eleven commands, /绑定 邀请码 first."""
    newcomer = Chat(dispatcher, "someone-new")
    welcome = await newcomer.say("你能做什么")
    assert "自动服务助手" in welcome and "/绑定" not in welcome
    assert "「举报」" in welcome and "「帮助 全部」" in welcome
    assert welcome.count("110") == 1  # said once, not in the about and the welcome both


async def test_thanks_and_unknown_messages_get_a_way_forward(dispatcher: Dispatcher) -> None:
    resident = Chat(dispatcher, "someone-new")
    assert await resident.say("谢谢") == "不客气。还有需要随时发消息给我。"
    unknown = await resident.say("zzz")
    assert "没有理解" in unknown and "「帮助」" in unknown


@pytest.mark.parametrize("laugh", ["哈哈", "哈哈哈", "呵呵", "😂"])
async def test_a_laugh_gets_a_smile_and_a_way_forward(dispatcher: Dispatcher, laugh: str) -> None:
    """哈哈 from a resident had got 「抱歉，我没有理解您的意思…」."""
    reply = await Chat(dispatcher, "someone-new").say(laugh)
    assert "没有理解" not in reply and "「帮助」" in reply


async def test_an_unclear_answer_to_buttons_is_pointed_back_to_them(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "someone-new")
    assert "是否要向民警举报" in await resident.say("小区里好像有人吸毒")
    assert "请点选上面的选项（或回复序号 1–2）" in await resident.say("zzz")
    assert "开始举报" in await resident.say("1")  # the buttons still answer


async def test_commands_work_without_their_slash_for_those_who_have_them(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    assert "警务日报" in await Chat(dispatcher, "officer").say("日报")
    # A resident's 日报 is not a command they have: no "仅限民警" refusal, the fallback reads it.
    reply = await Chat(dispatcher, "someone-new").say("日报")
    assert "仅限" not in reply and "没有理解" in reply


async def test_owners_see_help_for_the_kinds_of_place_they_have(
    owner_chat: Chat, landlord_chat: Chat
) -> None:
    hotel = await owner_chat.say("帮助")
    assert "登记旅客" in hotel.splitlines()[0] and "/退房" in hotel
    assert "/登记租客" not in hotel and "/退租" not in hotel
    rental = await landlord_chat.say("帮助")
    assert "登记租客" in rental.splitlines()[0] and "/退租" in rental
    assert "/登记旅客" not in rental and "/退房" not in rental


async def test_a_residents_help_speaks_to_a_resident(resident_chat: Chat) -> None:
    # Residents may ask their officers too; the line had been written for venue owners.
    help_text = await resident_chat.say("帮助 全部")
    [ask] = [line for line in help_text.splitlines() if line.startswith("/问民警")]
    assert "场所负责人" not in ask


async def test_an_offer_nests_no_brackets(resident_chat: Chat) -> None:
    """「您是想「举报」吗？（向民警举报（默认匿名））」: the aside in brackets inside brackets."""
    offer = await resident_chat.say("我想举报一下")
    assert "您是想用「举报」（向民警举报，默认匿名）吗？" in offer, offer


async def test_an_offer_leaves_no_bracket_open(officer_chat: Chat) -> None:
    """七天预警 was offered 「（本警务区七日警情预警（可加类型）点下面的按钮即可」: the help's
    example, cut off, had taken its bracket's close with it."""
    offer = await officer_chat.say("七天预警")
    assert "（本警务区警情趋势：七日警情预警和近28日走势，可加类型）吗？点下面的按钮" in offer, (
        offer
    )


async def test_a_sentence_naming_a_feature_offers_it(owner_chat: Chat, officer_chat: Chat) -> None:
    offer = await owner_chat.say("302退房了")
    assert "您是想用「退房 302」" in offer and owner_chat.buttons() == ["/退房 302"]
    assert "302 房间" in await owner_chat.say("是的")  # yes to the question presses it
    assert "您是想用「退房 305」" in await owner_chat.say("305的客人走了")
    # A list that changes nothing is shown at once, not offered.
    assert await owner_chat.say("帮我查一下现在住了几个人") == await owner_chat.say("/在住旅客")
    # An officer asking for their own work is shown it, not a statute or a button.
    assert await officer_chat.say("今天有什么任务") == await officer_chat.say("/任务")
    shown = await officer_chat.say("看看2号通报谁没读")
    assert shown == await officer_chat.say("/通报状态 2")


async def test_an_officers_end_of_day_questions_show_the_feature(officer_chat: Chat) -> None:
    """今天还有什么没做完 went to the statutes (没有找到…法律条文), then was offered
    「任务」, a tap to read what was asked; 谁没回 got 没有理解."""
    assert await officer_chat.say("今天还有什么没做完") == await officer_chat.say("/任务")
    # 通报状态 only shows: at once, not 您是想用「通报状态」吗？.
    assert await officer_chat.say("谁没回") == await officer_chat.say("/通报状态")


async def test_a_legal_question_with_a_feature_word_still_gets_the_law(
    landlord_chat: Chat,
) -> None:
    assert "您是想" not in await landlord_chat.say("租客不交房租怎么办")


async def test_asking_about_not_doing_something_is_not_offered_doing_it(
    owner_chat: Chat,
) -> None:
    """ "Can I skip registering for 200 more?" had been offered 「登记 200」, the money as a room."""
    answer = await owner_chat.say("客人要求不登记 多给200块 行不行")
    assert "您是想" not in answer and "/登记 200" not in owner_chat.buttons()


async def test_an_owner_sees_their_places_and_sets_the_name_officers_read(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    me = await owner_chat.say("/我")
    assert "场所：" in me and "/我 姓名" in me
    assert "已设为「张三」" in await owner_chat.say("/我 姓名 张三")
    assert "姓名：张三" in await owner_chat.say("/我")
    assert "警务区：" in await officer_chat.say("/我")


async def test_a_resident_is_not_offered_a_name(resident_chat: Chat) -> None:
    """Residents may be tipsters and have no name here: neither /我 nor its help asks."""
    me = await resident_chat.say("/我")
    assert "您的身份：群众" in me and "姓名" not in me
    assert "/我 姓名" not in await resident_chat.say("帮助 全部")


async def test_a_landlord_is_offered_only_what_a_landlord_has(landlord_chat: Chat) -> None:
    assert "您是想用「退租」" in await landlord_chat.say("陈小梅搬走了")
    assert await landlord_chat.say("帮我看看现在租了几个人") == await landlord_chat.say("/租客")


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("看看2号通报谁没读", "/通报状态 2"),
        ("通报11谁还没看", "/通报状态 11"),  # not 通报 11, which began a new alert
    ],
)
async def test_an_officers_sentence_asking_who_has_read_an_alert_shows_it(
    officer_chat: Chat, typed: str, command: str
) -> None:
    assert await officer_chat.say(typed) == await officer_chat.say(command)


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        # The reason too: a sent alert is withdrawn only with one (/撤回 6 had asked again).
        ("撤回6号通报，发错了", "撤回 6 发错了"),
        ("8号通报写错了，要更正一下", "更正 8"),
        ("任务9做完了", "完成 9"),
    ],
)
async def test_an_officers_sentence_offers_the_command_it_means(
    officer_chat: Chat, typed: str, offered: str
) -> None:
    assert f"您是想用「{offered}」" in await officer_chat.say(typed)


async def test_an_owner_adding_a_roommate_in_words_reaches_the_companion_form(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在")
    await owner_chat.say_all("跳过", "确认")
    assert "您是想用「同住」" in await owner_chat.say("还有个同住的")
    assert "302 房间的同住人员" in await owner_chat.say("同住")


async def test_asking_what_the_bot_is_gets_a_straight_answer(owner_chat: Chat) -> None:
    answer = await owner_chat.say("你是机器人吗？")
    assert "自动服务助手，不是民警本人" in answer and "110" in answer and "/登记" in answer


async def test_a_check_in_told_in_one_breath_is_offered_the_registration(
    owner_chat: Chat,
) -> None:
    """Voice input: the whole check-in in one sentence. 身份证 is a legal word, and it had
    gone to the law search, ID number and all; nothing was registered."""
    spaced = f"{GUEST_ID[:6]} {GUEST_ID[6:14]} {GUEST_ID[14:]}"
    said = f"306房间刚入住一个客人叫刘洋身份证号码是{spaced}电话是13812345678住两晚"
    offer = await owner_chat.say(said)
    assert "您是想登记这位旅客吗" in offer and GUEST_ID[:6] not in offer
    assert "第" not in offer  # no statute
    # What was said is kept (sealed, not in the button): the number read out in groups too.
    started = await owner_chat.say(owner_chat.buttons()[0])
    # 叫刘洋 and 306房间 glued to the sentence had been lost, and the name asked again.
    assert (
        "已记下：姓名 刘洋、证件类型 居民身份证、证件号码（已校验）、联系电话（已记下）、"
        "房间号 306。" in started
    )
    assert started.endswith("请输入入住时间（如 14:30 或 今天下午2点；回复「现在」即当前时间）：")


async def test_a_feature_phrase_with_a_name_after_it_keeps_the_name(owner_chat: Chat) -> None:
    """登记一下客人 赵六 had been offered a bare /登记旅客: the form asked the name again."""
    offer = await owner_chat.say("登记一下客人 赵六")
    assert "您是想登记这位旅客吗" in offer
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert "已记下：姓名 赵六。" in started and "请输入旅客姓名" not in started


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("风险悦来旅馆", "/风险 悦来旅馆"),
        ("查门牌 幸福里", "/门牌 幸福里"),
        ("加个任务 下午去枫林民宿看看", "/任务 新增 下午去枫林民宿看看"),
        ("完成三 已核实", "/完成 3 已核实"),
    ],
)
async def test_an_offer_carries_what_was_said_after_the_command_word(
    officer_chat: Chat, typed: str, offered: str
) -> None:
    """The button had been the bare /风险, /门牌, /任务, /完成: tapping it made the officer
    type it all again."""
    label = offered.removeprefix("/")
    assert f"您是想用「{label}」" in await officer_chat.say(typed)
    assert officer_chat.buttons() == [offered]


async def test_a_landlord_saying_who_moved_out_is_offered_that_tenant(
    landlord_chat: Chat,
) -> None:
    """李娜搬走了 was offered a bare /退租: the landlord picked her from the list again."""
    tenant = ("登记", "李娜", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")
    offer = await landlord_chat.say("李娜搬走了")
    assert f"您是想用「退租 李*（尾号{GUEST_ID[-4:]}）」" in offer and "李娜" not in offer
    [button] = landlord_chat.buttons()
    assert button.startswith("/退租 #") and "李娜" not in button
    assert "已登记 李* 搬离" in await landlord_chat.say("是")  # the offer was the question
    assert "您是想用「退租」" in await landlord_chat.say("王小明搬走了")  # no such tenant


async def test_not_understood_points_to_the_senders_own_features(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat, resident_chat: Chat
) -> None:
    """An officer's 帮我看下那个情况 was told to ask legal questions, as a resident is."""
    officer = await officer_chat.say("帮我看下那个情况")
    assert "没有理解" in officer and "「日报」" in officer and "押金" not in officer
    hotel = await owner_chat.say("帮我看下今天的情况")
    assert "「登记」登记旅客" in hotel and "「自查」" in hotel and "「收到」" in hotel
    assert "押金" not in hotel
    assert "「登记」登记租客" in await landlord_chat.say("帮我看下今天的情况")
    assert "房东不退押金怎么办" in await resident_chat.say("帮我看下今天的情况")


async def test_a_new_request_after_buttons_is_not_taken_for_a_wrong_answer(
    officer_chat: Chat,
) -> None:
    """看看在逃的 and 四色, right after a reply with buttons, got 请点选上面的选项."""
    assert "您是想用「警情趋势」" in await officer_chat.say("七天预警")
    assert "您是想用「通缉」" in await officer_chat.say("看看在逃的")
    assert officer_chat.buttons() == ["/通缉"]
    assert "您是想用「风险」" in await officer_chat.say("四色")
    assert officer_chat.buttons() == ["/风险"]
    unknown = await officer_chat.say("帮我看下那个情况")
    assert "请点选" not in unknown and "没有理解" in unknown
    assert "请点选上面的选项" in await officer_chat.say_all("四色", "zzz")  # a try at them


async def test_asking_where_to_report_gets_the_faq_and_the_self_service_report(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """去哪里报案 was said to get an unrelated statute, 怎么报案 the FAQ; neither offered the
    自助报案 this bot does. Every way of asking gets the FAQ, then the report one tap away."""
    for said in ("怎么报案", "去哪里报案", "哪里可以报案", "在哪报案"):
        resident = Chat(law_dispatcher, "resident-1")
        answer = await resident.say(said)
        assert answer.startswith("【常见问题】怎么报案"), said
        assert "如需在这里自助报案（电动车被盗" in answer, said
        assert resident.buttons()[-1] == "/报案" and "全文 1" in resident.buttons(), said
    # A report told with its story keeps its own offer, of that kind of report.
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say("电动车被偷了怎么报案")
    assert [b for b in resident.buttons() if b.startswith("/")] == ["/报案 电动车/自行车被盗"]
    # Not the way to do it here: the FAQ alone.
    landlord = Chat(law_dispatcher, "landlord")
    assert "【常见问题】" in await landlord.say("租客不交房租怎么办")
    assert not [b for b in landlord.buttons() if b.startswith("/")]


async def test_an_unknown_command_is_said_not_to_exist_whatever_came_before(
    officer_chat: Chat,
) -> None:
    """/问题, right after a reply with buttons, got 请点选上面的选项（或回复序号 1）."""
    for before in ("四色", "日报"):  # buttons shown, or none
        await officer_chat.say(before)
        reply = await officer_chat.say("/问题")
        assert "请点选" not in reply and "没有「/问题」这个命令" in reply, before
        assert "「帮助」" in reply, before
    assert "请点选上面的选项" in await officer_chat.say_all("四色", "zzz")  # a try at them


async def test_a_list_asked_for_after_an_offer_is_a_new_request(officer_chat: Chat) -> None:
    """After an offer, 未确认名单 (the words of /通报状态's own reply) got 请点选上面的选项:
    short, with no word of asking, and named by no feature."""
    assert "您是想用「警情趋势」" in await officer_chat.say("七天预警")
    again = await officer_chat.say("未确认名单")
    assert "请点选" not in again and again == await officer_chat.say("/通报状态")
    # A list no feature is named by is still a new request, not a try at the buttons.
    assert "您是想用「警情趋势」" in await officer_chat.say("七天预警")
    unknown = await officer_chat.say("违章名单")
    assert "请点选" not in unknown and "没有理解" in unknown


async def test_no_to_an_offer_is_taken_as_no(owner_chat: Chat) -> None:
    """不是, said to 您是想「退房 302」吗？, got 请点选上面的选项 as if it had to be taken."""
    assert "您是想用「退房 302」" in await owner_chat.say("302退房了")
    declined = await owner_chat.say("不是的")
    assert "请点选" not in declined and "没有理解" not in declined and "好的" in declined
    assert "请点选上面的选项" in await owner_chat.say_all("302退房了", "zzz")  # a try at them


async def test_a_guest_leaving_later_is_offered_the_check_out_for_then(
    owner_chat: Chat,
) -> None:
    """302的客人明天走 got 没有理解."""
    offer = await owner_chat.say("302的客人明天走")
    assert "您是想用「退房 302」" in offer and "客人走时再点" in offer
    assert owner_chat.buttons() == ["/退房 302"]
    assert "客人走时再点" not in await owner_chat.say("302的客人走了")
    # 走访 is the officer's visit: no guest leaves.
    assert "退房" not in await owner_chat.say("民警下午走访我们店吗")


async def test_a_question_about_doing_something_is_not_offered_doing_it(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """警官你好，外国人入住要怎么登记？ was offered 「登记」: it asks the rules, which nothing
    here answers (no statutes loaded), so the officer is offered instead."""
    asked = await owner_chat.say("警官你好，外国人入住要怎么登记？")
    assert "您是想" not in asked and "转给社区民警" in asked
    assert owner_chat.buttons() == ["/问民警 警官你好，外国人入住要怎么登记？"]
    assert "您是想" not in await owner_chat.say("外国人入住要登记吗")
    # How to do it here, or a request put as a question, is still the feature's.
    assert "您是想用「退房」" in await owner_chat.say("怎么退房？")
    assert "您是想用「续住 302 2天」" in await owner_chat.say("302能不能续住两天")
    assert "您是想用「退房 302」" in await owner_chat.say("302的客人走了")
    # Officers have nobody to ask: their questions keep the feature.
    assert "您是想用「通报」" in await officer_chat.say("外地的旅馆要怎么发通报？")


async def test_an_officers_offer_reads_the_officers_help(officer_chat: Chat) -> None:
    """An officer offered /报案 read 「自助报案（电动车被盗…）」, the residents' line."""
    offer = await officer_chat.say("张三的报案")
    assert "您是想用「报案」" in offer and "待处理报案" in offer and "自助报案" not in offer


async def test_an_officer_asking_for_their_work_gets_it_though_the_law_has_an_answer(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """With the statutes loaded, an officer's 看看报案 got the residents' FAQ 怎么报案: 报案
    is a legal word, and the law answered before the officer's /报案 was offered."""
    officer = Chat(law_dispatcher, "officer")
    queue = await officer.say("/报案")
    for said in ("看看报案", "有新报案吗", "报案列表"):
        shown = await officer.say(said)
        assert "常见问题" not in shown and "《" not in shown, said
        # Their queue, not 您是想用「报案」吗？, a tap to read what was asked.
        assert shown == queue, said
    for said in ("看看线索", "看看举报", "有新的举报吗"):  # the tips to read, not a tip to file
        assert await officer.say(said) == await officer.say("/线索"), said
    for said, command in (
        ("看看任务", "/任务"),
        ("有没有待办", "/任务"),
        ("看看预警", "/警情趋势"),
        ("有新命中吗", "/命中"),
        ("看看日报", "/日报"),
    ):
        shown = await officer.say(said)
        assert "您是想" not in shown and shown == await officer.say(command), said
    # For a resident 报案 is a legal matter as much as a feature: the FAQ answers.
    assert "【常见问题】怎么报案" in await Chat(law_dispatcher, "resident-1").say("怎么报案")
    # A legal word beside the feature's name still goes to the law first.
    assert "《" in await officer.say("报案人被打了怎么处理")


async def test_an_officer_adding_a_task_with_a_legal_word_gets_the_task(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """加个任务 检查网吧消防 周五 got the FAQ 网吧要办什么证 (网吧 and 消防 are legal
    words), and the task was never written down."""
    officer = Chat(law_dispatcher, "officer")
    offer = await officer.say("加个任务 检查网吧消防 周五")
    assert "常见问题" not in offer and "《" not in offer, offer
    assert officer.buttons() == ["/任务 新增 检查网吧消防 周五"]
    assert "检查网吧消防　截止 11月27日" in await officer.say(officer.buttons()[0])
    # Asking the law beside the feature's name still goes to the law.
    assert "《" in await officer.say("网吧消防检查任务怎么做")


async def test_a_tip_closed_in_a_sentence_is_offered_as_its_status_with_the_note(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """线索1办结 已安排夜巡 was offered 「线索 1办结 已安排夜巡」, whose tap only got the
    usage of /线索: the status, with the note, is /线索状态's."""
    await submit_tip(Chat(dispatcher, "resident-1"), "网吧里有未成年人通宵上网")
    officer = Chat(dispatcher, "officer")
    offered = await officer.say("线索1办结 已安排夜巡")
    assert "线索状态 1 已处理 已安排夜巡" in offered
    closed = await officer.say(officer.buttons()[0])
    assert "状态已改为「已处理」" in closed
    assert "处理情况：已安排夜巡" in (await texts_to(services, "resident-1"))[-1]


async def test_withdrawing_an_alert_as_officers_say_it_offers_the_withdrawal(
    officer_chat: Chat,
) -> None:
    """撤销通报 was told 这里还不能撤销通报, 撤销6号通报 the same of 通报状态, and 撤销 通报 6
    or 通报 撤销 1 were offered (or began) a new alert: /撤回 does it."""
    assert "撤回" in await officer_chat.say("撤销通报")
    assert "/撤回" in officer_chat.buttons()
    for said, offered in (
        ("撤销6号通报", "/撤回 6"),
        ("撤销 通报 6", "/撤回 6"),
        ("删除通报1", "/撤回 1"),
        ("把通报1撤销", "/撤回 1"),
        ("通报 撤销 1", "/撤回 1"),
    ):
        reply = await officer_chat.say(said)
        assert "还不能" not in reply and "通报内容" not in reply
        assert offered in officer_chat.buttons(), said


async def test_a_change_no_feature_makes_is_said_plainly_not_offered_as_another(
    officer_chat: Chat,
) -> None:
    """删除警情 6 had been offered 「警情 6」, which started entering a new incident (警情
    now withdraws one: 删除警情 6 原因); 删除命中 1 is such a change that nothing makes."""
    reply = await officer_chat.say("删除命中 1")
    assert "这里还不能删除比中" in reply and "发送「帮助" in reply  # the word officers are told
    assert officer_chat.buttons() == []
    # 警情 withdraws one now: the number is looked up, no new incident is begun.
    assert "没有编号为 #6 的警情" in await officer_chat.say("删除警情 6")
    assert "任务 取消 3" in await officer_chat.say("删除任务 3")  # a task can be cancelled


async def test_a_command_of_another_role_under_buttons_is_not_held_as_a_choice(
    owner_chat: Chat,
) -> None:
    """After an officer's answer with its button, 风险 and 场所 typed by an owner got
    请点选上面的选项（或回复序号 1）: they were stuck."""
    await owner_chat.say("302的客人走了")
    assert len(owner_chat.buttons()) == 1
    for word in ("风险", "场所"):
        reply = await owner_chat.say(word)
        assert "「登记」登记旅客" in reply and "请点选" not in reply


async def test_a_stray_confirmation_under_buttons_that_confirm_nothing_says_so(
    officer_chat: Chat,
) -> None:
    """确认 under 催读 and 撤回 got 请点选上面的选项, as if one of them confirmed."""
    await officer_chat.say_all("/通报", "今晚有暴雨，请关好门窗", "现在发送", "跳过", "治安")
    await officer_chat.say_all("一般", "本警务区全部", "确认")
    assert "/撤回 1" in officer_chat.buttons()
    reply = await officer_chat.say("确认")
    assert "这份通报已经提交过了" in reply and "回复序号 1–2" in reply
    assert "撤回会通知已收到的对象" in await officer_chat.say("2")  # the buttons still answer


async def test_ok_under_buttons_keeps_them(officer_chat: Chat) -> None:
    """好的 under buttons got 好的。需要什么功能… and dropped them: 2 then was not understood."""
    await officer_chat.say_all("/通报", "今晚有暴雨，请关好门窗", "现在发送", "跳过", "治安")
    await officer_chat.say_all("一般", "本警务区全部", "确认")
    reply = await officer_chat.say("好的")
    assert reply.startswith("好的") and "上面的选项仍可点选（或回复序号 1–2）" in reply
    assert "撤回会通知已收到的对象" in await officer_chat.say("2")


async def test_a_follow_up_question_without_the_slash_is_passed_on_whole(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """追问 B… 有发票吗 was offered 「追问 B…」 without the question."""
    number = receipt_in(await file_report(Chat(dispatcher, "resident-1")))
    asked = await Chat(dispatcher, "officer").say(f"追问 {number} 有购车发票吗")
    assert "已向报案人转达追问" in asked
    assert "有购车发票吗" in (await texts_to(services, "resident-1"))[-1]


async def test_an_answer_that_asks_back_without_the_slash_is_sent_whole(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """答复 1 下周二来可以吗 was offered 「答复 1」 without the answer."""
    await owner_chat.say("/问民警 消防检查什么时候来")
    assert "已答复提问 #1" in await officer_chat.say("答复 1 下周二上午来可以吗")
    assert "下周二上午来可以吗" in (await texts_to(services, "owner"))[-1]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("日保", "日报"),
        ("任物", "任务"),
        ("通报壮态 3", "通报状态 3"),  # had been offered 通报, which starts a new alert
    ],
)
async def test_a_command_typed_as_its_homophone_is_offered(
    officer_chat: Chat, typed: str, offered: str
) -> None:
    """A pinyin keyboard's slip (日保 for 日报) had got 没有理解."""
    assert f"您是想用「{offered}」（" in await officer_chat.say(typed)
    assert officer_chat.buttons() == [f"/{offered}"]


async def test_a_message_of_its_own_under_an_offer_is_not_told_to_tap_it(
    owner_chat: Chat,
) -> None:
    """308推房 and 等级一下 after 您是想「退房 302」吗？ got 请点选上面的选项."""
    for said, told in (("308推房", "没有理解"), ("等级一下", "您是想用「登记」（登记旅客）吗")):
        assert "您是想用「退房 302」" in await owner_chat.say("302退房了")
        reply = await owner_chat.say(said)
        assert "请点选" not in reply and told in reply, said


async def test_a_message_of_its_own_under_a_list_is_not_told_to_choose(
    resident_chat: Chat,
) -> None:
    """Under two buttons, 等级一下 (登记, mistyped) and 308推房 (退房, with a room) got
    请点选上面的选项（或回复序号 1–2）; short answers are still read against the buttons."""
    for said in ("等级一下", "308推房"):
        assert "是否要向民警举报" in await resident_chat.say("小区里好像有人吸毒")
        reply = await resident_chat.say(said)
        assert "请点选" not in reply and "没有理解" in reply, said
    for said in ("第一个", "上面那个", "zzz"):
        assert "是否要向民警举报" in await resident_chat.say("小区里好像有人吸毒")
        assert "请点选上面的选项（或回复序号 1–2）" in await resident_chat.say(said), said


async def test_a_mistyped_name_with_a_bit_after_it_is_offered(owner_chat: Chat) -> None:
    """等级一下 (a pinyin slip of 登记) got 没有理解, though 等级 alone was offered 「登记」."""
    assert "您是想用「登记」（登记旅客）吗" in await owner_chat.say("等级一下")
    assert owner_chat.buttons() == ["/登记"]


async def test_a_wrong_room_asked_how_to_put_right_is_offered_the_correction(
    owner_chat: Chat,
) -> None:
    """刚才登记的208房间号错了 应该是218 怎么改 was offered to the officer as a question nothing
    here answers, with 「更正登记 208」 (the right room dropped) named after it."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "208", "现在", "明天", "确认"
    )
    offer = await owner_chat.say("刚才登记的208房间号错了 应该是218 怎么改")
    assert "您是想用「更正登记 208 218」" in offer
    assert owner_chat.buttons() == ["/更正登记 208 218"]


async def test_asking_whether_a_feature_may_be_skipped_gets_the_faq(owner_chat: Chat) -> None:
    """客人不想登记 多给钱 行不行 had been offered 「登记 多给钱 行不行」."""
    answer = await owner_chat.say("客人不想登记 多给钱 行不行")
    assert "您是想" not in answer
    assert not any(b.startswith("/登记") for b in owner_chat.buttons())


async def test_removing_a_registration_is_told_how_to_correct_one(owner_chat: Chat) -> None:
    """我要删掉一条登记 had been offered 「登记」, a new registration: it is offered the
    void, and the correction for a wrong detail. With nothing left to void, what can be
    done is said at once instead of a button that would only refuse."""
    refused = await owner_chat.say("我要删掉一条登记")
    assert "没有可作废的登记" in refused and "更正登记" in refused and "问民警" in refused
    said = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "明天", "确认", "完成")
    await owner_chat.say_all(*said)
    reply = await owner_chat.say("我要删掉一条登记")
    assert "「作废登记」" in reply and "「更正登记」" in reply
    assert owner_chat.buttons() == ["/作废登记", "/更正登记"]


async def test_an_officer_asking_who_stays_at_a_place_is_offered_its_guests(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """平安旅馆今天住了谁 got 「关于平安旅馆，我能做的是：负责人的姓名和电话…」, not the
    guests."""
    assert "在住旅客" in await officer_chat.say("平安旅馆今天住了谁")
    assert officer_chat.buttons() == [f"/场所 {seeded.hotel.id} 住客"]
    assert "在住租客" in await officer_chat.say("和平里5号现在谁住")
    assert officer_chat.buttons() == [f"/场所 {seeded.rental.id} 租客"]
    guests = await officer_chat.say(f"/场所 {seeded.hotel.id} 住客")
    assert "平安旅馆" in guests and "没有理解" not in guests and "用法" not in guests
    # Other words of the place still get what the bot does with it.
    assert "我能做的是" in await officer_chat.say("平安老板电话多少")


@pytest.mark.parametrize("text", ["我想问一下", "请问一下", "我有个问题", "想问个事"])
async def test_a_question_still_to_come_is_asked_for(resident_chat: Chat, text: str) -> None:
    """我想问一下 had got 没有理解, as if the question were not welcome."""
    reply = await resident_chat.say(text)
    assert "请直接说您的问题" in reply and "问民警" in reply and "没有理解" not in reply


@pytest.mark.parametrize("text", ["我家电瓶车", "我的电动车"])
async def test_an_ebike_named_alone_gets_the_likely_things_to_do(
    resident_chat: Chat, text: str
) -> None:
    """我家电瓶车 had got 没有理解: the theft report and the e-bike questions, one tap away."""
    reply = await resident_chat.say(text)
    assert "没有理解" not in reply
    buttons = resident_chat.buttons()
    assert "/报案 电动车/自行车被盗" in buttons and "电动车被偷了怎么办" in buttons


async def test_an_owner_is_told_what_they_can_change_and_how_to_leave_a_venue(
    owner_chat: Chat,
) -> None:
    """/我 电话 139… showed the profile as if the phone were set, and 店转让了，不做负责人了
    got 没有理解: the owner learnt neither that the station keeps them nor how to tell it."""
    changed = await owner_chat.say("/我 电话 13900001111")
    assert "只能设置您的姓名" in changed and "问民警" in changed and "您的身份" not in changed
    assert "您是想用「解绑」" in await owner_chat.say("店转让了，不做负责人了")
    assert "由民警解除绑定" in await owner_chat.say(owner_chat.buttons()[0])
    assert owner_chat.buttons() == ["/问民警 我已不再负责本场所，请解除我的绑定"]
    assert "您的身份：场所负责人" in await owner_chat.say("/我")


async def test_a_resident_telling_of_a_situation_is_offered_a_tip_or_a_report(
    resident_chat: Chat,
) -> None:
    """我要反映一个情况，… and a message of two lines had got 没有理解 and only the legal
    questions."""
    for told in (
        "我要反映一个情况，我们小区门口路口的红绿灯坏了好几天了，晚上特别危险",
        "我想说一下\n隔壁最近老有陌生人进出",
    ):
        reply = await resident_chat.say(told)
        assert "没有理解" not in reply and "反映情况" in reply, told
        assert resident_chat.buttons() == ["/举报", "/报案"], told
    # What was told is the tip's description, not asked again.
    assert "陌生人进出" in await resident_chat.say("/举报")


async def test_a_photo_outside_a_form_is_said_not_kept_in_the_senders_words(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """Everyone's photo had got 「已收到图片。如需举报或报案，请先发送「举报」…」 and was
    dropped: an officer pointed to tips, an owner not to the re-take waiting."""
    photo = stored_photo(settings)
    officer = await RichChat(dispatcher, "officer").photo(photo)
    assert "没有保存" in officer and "举报" not in officer
    resident = RichChat(dispatcher, "resident-1")
    assert "没有保存" in await resident.photo(photo)
    assert resident.buttons() == ["/举报", "/报案"]
    owner = RichChat(dispatcher, "owner")
    assert "没有保存" in await owner.photo(photo) and owner.buttons() == []
    assert seeded.hotel.id and seeded.beat.id and seeded.owner.id
    async with services.sessions() as session:
        for status, missing in (
            (InspectionStatus.PENDING, True),
            (InspectionStatus.RECTIFY, False),
            (InspectionStatus.APPROVED, True),  # passed as it was: 补拍 is not offered
        ):
            inspection = Inspection(
                venue_id=seeded.hotel.id,
                station_id=seeded.station.id,
                beat_id=seeded.beat.id,
                submitted_by_person_id=seeded.owner.id,
                status=status,
            )
            session.add(inspection)
            await session.flush()
            assert inspection.id is not None
            session.add(
                InspectionItem(
                    inspection_id=inspection.id,
                    position=1,
                    key="exit",
                    name="安全出口",
                    question="安全出口是否畅通？",
                    ok=True,
                    photo_missing=missing,
                )
            )
        await session.commit()
    assert "自查的照片" in await owner.photo(photo)
    assert owner.buttons() == ["/自查 整改 2", "/自查 补拍 1"]


async def test_a_mistyped_command_gets_the_one_it_sounds_like(officer_chat: Chat) -> None:
    """/任物 had got only 没有「/任物」这个命令, while 帮主 is offered 「帮助」."""
    reply = await officer_chat.say("/任物")
    assert "没有「/任物」这个命令" in reply and "您是想用「任务」（我的待办任务）吗" in reply
    assert officer_chat.buttons() == ["/任务"]


async def test_an_officer_asking_what_the_day_holds_gets_the_digest_and_tasks(
    officer_chat: Chat,
) -> None:
    assert "没有理解" not in await officer_chat.say("今天有什么要做的")
    assert officer_chat.buttons() == ["/日报", "/任务"]


async def test_cancel_at_a_menu_says_it_is_cancelled(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """取消 at the choice of venue closed it, yet said 当前没有进行中的填写."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案")
    assert await resident.say("取消") == "好的，已取消。"
    assert await resident.say("取消") == "当前没有进行中的填写。"
