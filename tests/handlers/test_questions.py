"""Owners ask their officers (问民警, or 收到 with a question under an alert); officers
answer with /答复, and the answer reaches the chat the question came from."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.assembly import build_dispatcher
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image, Text
from storage.models import Question, Venue, VenueKind, VenueOwner
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.people import add_officer, add_stranger_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded

ALERT = "明天上午派出所来检查消防\n请准备好旅客登记簿和灭火器检查记录。"


async def _alert(officer: Chat) -> int:
    draft = await compose(officer, ALERT, "现在发送", "跳过", "消防", "一般", "旅馆", "确认")
    found = re.search(r"通报#(\d+)（发送中）", draft)  # the form's 确认 sends it
    assert found, draft
    return int(found.group(1))


async def test_received_with_a_question_acknowledges_and_the_answer_comes_back(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """收到，明天几点来？ had been offered as a mistyped 收到, and the question was lost."""
    number = await _alert(officer_chat)
    offered = await owner_chat.say("收到，明天几点来？我上午要出门")
    assert f"已确认收到通报#{number}" in offered
    # The alert's title is in the acknowledgement just above: not again in the offer.
    assert f"要把这个问题转给发布通报#{number}的民警吗？" in offered, offered
    [button] = owner_chat.buttons()
    assert button == f"/问民警 #{number} 明天几点来？我上午要出门"
    assert await texts_to(services, "officer") == []  # nothing goes before the owner says so
    assert "已把您的问题转给民警" in await owner_chat.say(button)
    [notice] = await texts_to(services, "officer")
    assert f"关于通报#{number}" in notice and "平安旅馆" in notice
    assert "明天几点来？我上午要出门" in notice and "/答复 1" in notice
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")

    assert "#1" in (waiting := await officer_chat.say("/答复")) and "平安旅馆" in waiting
    # The owner is no 群众: the list is of everyone's questions.
    assert waiting.startswith("待答复的群众和场所负责人提问 1 条")
    # Typed as officers type: a colon after the number.
    assert "已答复提问 #1" in await officer_chat.say("/答复 1：上午九点左右到，店里留个人就行")
    answers = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert len(answers) == 1
    assert "上午九点左右到" in answers[0] and "明天几点来" in answers[0]
    assert "没有待答复" in await officer_chat.say("/答复")
    # A second answer is sent too, marked as adding to the first.
    assert "补充答复" in await officer_chat.say("/答复1改为十点")
    assert sum("改为十点" in t for t in await texts_to(services, "owner")) == 1


async def test_a_question_in_the_alerts_words_is_offered_and_a_legal_one_is_not(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    await _alert(officer_chat)
    offered = await owner_chat.say("明天检查要准备什么？")
    assert "转给发布通报" in offered and owner_chat.buttons() == ["/问民警 #1 明天检查要准备什么？"]
    # Not taken up: the next message is whatever it is, nothing waits for an answer.
    assert "请输入旅客姓名" in await owner_chat.say("登记")
    await owner_chat.say("取消")
    assert "转给" not in await owner_chat.say("今天天气怎么样？")  # no word of the alert
    assert await texts_to(services, "officer") == []


async def test_received_with_a_remark_or_a_request_acknowledges_and_goes_on(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """收到，我们会注意的 became a question in the officer's queue; 收到，我先登记个客人
    held the owner in a confirmation until they found 取消."""
    number = await _alert(officer_chat)
    remark = await owner_chat.say("收到，我们会注意的")
    assert f"已确认收到通报#{number}" in remark and "转给" not in remark
    assert "没有理解" not in remark
    # Said again about the alert acknowledged before: thanked, not questioned.
    assert "您已确认过" in await owner_chat.say("收到，我们会注意的")
    assert "请输入旅客姓名" in await owner_chat.say("登记")
    assert await texts_to(services, "officer") == []


async def test_received_with_a_question_after_the_button_still_reaches_the_officer(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """收到，请问明天几点检查？ after the alert's 收到 button had got only 您已确认过 and an
    FAQ on fire safety: the question reached no officer."""
    draft = await compose(
        officer_chat, "今晚起严查未登记住客", "现在发送", "跳过", "治安", "一般", "旅馆", "确认"
    )
    found = re.search(r"通报#(\d+)（发送中）", draft)
    assert found, draft
    number = int(found[1])
    assert f"已确认收到通报#{number}" in await owner_chat.say(f"/收到 {number}")
    offered = await owner_chat.say("收到，请问明天几点检查？")
    assert "转给发布通报" in offered and "消防" not in offered, offered
    assert owner_chat.buttons() == [f"/问民警 #{number} 请问明天几点检查？"]
    assert "已把您的问题转给民警" in await owner_chat.say(owner_chat.buttons()[0])
    [notice] = await texts_to(services, "officer")
    assert "请问明天几点检查" in notice


async def test_received_with_a_question_and_no_alert_offers_the_question(
    landlord_chat: Chat, services: Services
) -> None:
    """A landlord who never got an alert was offered 「收到 请问明天几点检查」, whose tap said
    没有找到需要确认的通报: the question was lost."""
    offered = await landlord_chat.say("收到，请问明天几点检查？")
    assert "转给社区民警" in offered and "您是想" not in offered, offered
    [button] = landlord_chat.buttons()
    assert button == "/问民警 请问明天几点检查？"
    assert "已把您的问题转给民警" in await landlord_chat.say(button)
    [notice] = await texts_to(services, "officer")
    assert "请问明天几点检查" in notice


async def test_received_with_a_remark_and_no_alert_says_none_waits(
    landlord_chat: Chat, services: Services
) -> None:
    """收到，我们会注意的 from a landlord with no alert to acknowledge had been offered the
    command 「收到 我们会注意的」, whose tap found no alert."""
    said = await landlord_chat.say("收到，我们会注意的")
    assert said == "目前没有待确认的通报。有问题要问民警，请发送「问民警 您的问题」。", said
    assert "您是想" not in said and landlord_chat.buttons() == []
    assert await texts_to(services, "officer") == []


async def test_received_thanks_after_an_officers_answer_is_no_rebuke(
    officer_chat: Chat, landlord_chat: Chat, clock: FakeClock
) -> None:
    """收到，谢谢 an hour after the officer's answer had got 「现在没有需要您确认的通报，不用
    回复「收到」。」: it acknowledged the answer, and was told not to."""
    await landlord_chat.say("问民警 出租屋要不要装烟感？")
    await officer_chat.say("/答复 1 需要，每个房间装一个")
    clock.advance(hours=1)
    said = await landlord_chat.say("收到，谢谢")
    assert said == "好的。", said
    assert landlord_chat.buttons() == []


async def test_what_the_owner_will_do_about_the_alert_fetches_no_statutes(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """知道了，马上通知租客把煤气关了 acknowledged the alert, then answered a question nobody
    asked with the rules for registering tenants (租客 is a legal word); 收到收到 我们这边已经
    安排好了 was offered as 「收到」 and left the alert unread."""
    number = await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("知道了，马上通知租客把煤气关了")
    assert f"已确认收到通报#{number}" in told and "仅供参考" not in told
    again = await owner.say("好的，我再跟租客说一遍")
    assert "您已确认过" in again and "仅供参考" not in again
    second = await _alert(officer_chat)
    twice = await owner.say("收到收到 我们这边已经安排好了")
    assert f"已确认收到通报#{second}" in twice and "您是想" not in twice
    # A question after it still gets its answer, and the officer one tap away.
    asked = await owner.say("收到，租客不登记会被罚款吗？")
    assert "仅供参考" in asked and "转给发布通报" in asked


async def test_a_question_goes_with_the_alert_it_is_about_not_the_newest(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    inspection = await _alert(officer_chat)
    draft = await compose(
        officer_chat,
        "本周六开展旅馆业从业人员培训",
        "现在发送",
        "跳过",
        "其他",
        "一般",
        "旅馆",
        "确认",
    )
    training = int(re.search(r"通报#(\d+)（发送中）", draft)[1])  # type: ignore[index]
    await owner_chat.say("收到，检查明天几点开始？")
    assert owner_chat.buttons() == [f"/问民警 #{inspection} 检查明天几点开始？"]
    # A number that is no alert of theirs is part of the question.
    await owner_chat.say("问民警 120 平米的店要几个灭火器")
    [notice] = await texts_to(services, "officer")
    assert "120 平米的店要几个灭火器" in notice
    assert f"#{training}" not in notice
    assert "没有找到您收到的通报" in await owner_chat.say("问民警 通报99 什么意思")


async def test_a_duty_the_faq_answers_is_answered_without_the_alerts_officer(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """客人不登记怎么办 shares only 登记 with the alert on 旅客登记簿: the curated answer,
    with no offer of the alert's officer (it asks nothing of the alert); the statutes answer
    不登记会被罚款吗 alike. One that quotes the alert is still offered after its answer."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    answer = await owner.say("客人不登记怎么办？")
    assert "【常见问题】" in answer and "转给发布通报" not in answer, answer
    legal = await owner.say("不登记会被罚款吗？")  # a legal word: the statutes answer
    assert "仅供参考" in legal and "转给发布通报" not in legal, legal
    quoted = await owner.say("旅客登记簿丢了会被罚款吗？")
    assert "仅供参考" in quoted and quoted.index("仅供参考") < quoted.index("转给发布通报")


async def test_asking_without_an_alert_reaches_the_beat_and_only_its_station_answers(
    officer_chat: Chat,
    landlord_chat: Chat,
    resident_chat: Chat,
    services: Services,
    dispatcher,  # type: ignore[no-untyped-def]
) -> None:
    assert "问民警什么" in await landlord_chat.say("问民警")
    assert "已把您的问题转给民警" in await landlord_chat.say_all("租客想延期交房租，可以吗", "确认")
    [notice] = await texts_to(services, "officer")
    assert "租客想延期交房租" in notice and "和平里5号" in notice
    digest = await officer_chat.say("/日报")
    assert "提问待答复 1 条" in digest and "群众提问" not in digest  # owners ask too
    async with services.sessions() as session:
        stored = (await session.exec(select(Question))).one()
    assert "租客" not in stored.text_enc  # encrypted at rest

    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    assert "没有编号为 1" in await stranger.say("/答复 1 可以")
    assert "没有待答复" in await stranger.say("/答复")
    assert await texts_to(services, "landlord") == []

    # A resident with no place and no alert is pointed to the ways they have.
    told = await resident_chat.say("问民警 楼下有人卖假烟")
    assert "举报" in told and "已把您的问题" not in told


async def test_asking_right_after_an_alert_about_it_names_the_alert(
    officer_chat: Chat, owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    number = await _alert(officer_chat)
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 明天检查几点开始？")
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 店门口的路灯坏了找谁修")
    clock.advance(days=2)
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 检查结果什么时候出？")
    first, other, later = await texts_to(services, "officer")
    assert f"关于通报#{number}" in first
    assert "关于通报" not in other  # shares no word with the alert
    assert "关于通报" not in later  # two days on: a question of its own


async def test_everyday_acknowledgements_count(officer_chat: Chat, owner_chat: Chat) -> None:
    """好的，谢谢提醒 and 已阅 got 没有理解, 收到👌 a 您是想「收到」吗: the owner stayed
    unconfirmed and was reminded."""
    number = await _alert(officer_chat)
    assert f"已确认收到通报#{number}" in await owner_chat.say("好的，谢谢提醒🙏")
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")
    second = await _alert(officer_chat)
    assert f"已确认收到通报#{second}" in await owner_chat.say("收到👌")


async def test_what_the_asker_says_after_an_answer_is_offered_back_to_the_officer(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """The officer answered 马上到，先稳住别惊动他; 好的，他现在在房间里没出来 got 没有理解,
    and the officer never heard it."""
    number = await _alert(officer_chat)
    await owner_chat.say("问民警 #1 明天来检查时要我在场吗？")
    await officer_chat.say("/答复 1 最好在场")
    offered = await owner_chat.say("好的，那我上午不出门了")
    assert "这是给民警的回复吗" in offered
    assert owner_chat.buttons() == [f"/问民警 #{number} （接提问 #1）好的，那我上午不出门了"]
    # Told to the officer, but no new question waiting in /答复 with no way to close it.
    assert "已转告民警（接提问 #1），无需等待答复" in await owner_chat.say(owner_chat.buttons()[0])
    told = (await texts_to(services, "officer"))[-1]
    assert "好的，那我上午不出门了" in told
    # Read as the reply it is, not as a new question waiting for an answer.
    # #2 is the reply, to #1's answer: 回复 #2 had read as a reply to a question #2.
    assert told.startswith("💬 场所负责人回复提问 #1 的答复（#2）"), told
    assert "不列入待答复" in told and "接提问" not in told
    assert "提问 #2" not in told
    assert await officer_chat.say("/答复") == "目前没有待答复的提问。"


async def test_a_one_after_an_answer_acknowledges_the_new_alert(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """An owner asked, the officer answered, a new alert came and the owner sent 1 (扣1):
    it was offered to the officer as a reply 「1」, and the alert stayed unconfirmed."""
    await _alert(officer_chat)
    await owner_chat.say("收到")
    await owner_chat.say("问民警 #1 明天来检查时要我在场吗？")
    await officer_chat.say("/答复 1 最好在场")
    second = await _alert(officer_chat)
    assert f"已确认收到通报#{second}" in await owner_chat.say("1")
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {second}")


async def test_an_ignored_offer_is_not_pressed_by_the_next_alerts_okay(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """An owner ignored 转给民警, an urgent alert came, and their 好的 sent the old question
    (its button began with 是) while the alert stayed unconfirmed."""
    await _alert(officer_chat)
    offered = await owner_chat.say("收到，有照片要求吗")  # no word of the alert, yet about it
    assert "已确认收到通报#1" in offered and owner_chat.buttons() == ["/问民警 #1 有照片要求吗"]
    second = await _alert(officer_chat)
    assert f"已确认收到通报#{second}" in await owner_chat.say("好的")
    assert await texts_to(services, "officer") == []


async def test_a_question_naming_an_alert_not_theirs_still_goes(
    officer_chat: Chat, owner_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    told = await owner_chat.say("问民警 通报9 这个通报是真的吗")
    assert "没有找到您收到的通报#9" in told and "已把您的问题转给民警" in told
    # The answer form takes 答复1 typed again as the command, not as the answer.
    await officer_chat.say("/答复 1")
    await officer_chat.say_all("答复1 是真的，放心", "确认")
    [answer] = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert "\n是真的，放心\n" in answer


async def test_a_question_soon_after_acknowledging_is_offered_and_thanks_are_not(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """门口的遮阳棚要不要拆, minutes after 好的谢谢提醒, shares no word with the alert and had
    no offer; 谢谢民警 after an answer was offered to the officer as a new question; the
    answer quoted the internal 接提问 mark back to the owner."""
    number = await _alert(officer_chat)
    assert "已确认收到" in await owner_chat.say("好的谢谢提醒")
    await owner_chat.say("门口的遮阳棚要不要拆？")
    assert owner_chat.buttons() == [f"/问民警 #{number} 门口的遮阳棚要不要拆？"]
    await owner_chat.say(owner_chat.buttons()[0])
    await officer_chat.say("/答复 1 不用拆")
    assert "转给" not in await owner_chat.say("谢谢民警")
    await owner_chat.say("那雨棚呢")
    await owner_chat.say(owner_chat.buttons()[0])  # offered back: （接提问 #1）那雨棚呢
    await officer_chat.say("/答复 2 也不用")
    answer = (await texts_to(services, "owner"))[-1]
    assert "「那雨棚呢」" in answer and "接提问" not in answer


async def test_danger_words_in_a_question_to_the_officer_are_the_question(
    landlord_chat: Chat,
) -> None:
    """昨天有人打架的事处理了吗 typed into 问民警 got the 110 notice and the prompt again,
    as often as it was sent."""
    await landlord_chat.say("问民警")
    reply = await landlord_chat.say("昨天有人打架的事处理了吗")
    assert "110" in reply and "请核对提问信息" in reply
    assert "已把您的问题转给民警" in await landlord_chat.say("确认")


async def test_a_reply_to_an_answer_goes_to_the_officer_who_answered(
    officer_chat: Chat, owner_chat: Chat, services: Services, seeded: Seeded, dispatcher: Dispatcher
) -> None:
    """An alert's author was away; a colleague answered, and the owner's reply went to the
    author, who had not seen the exchange."""
    number = await _alert(officer_chat)
    assert seeded.beat.id is not None and seeded.station.id is not None
    await add_officer(services, "colleague", beat_id=seeded.beat.id, station_id=seeded.station.id)
    await owner_chat.say(f"问民警 #{number} 明天来检查时要我在场吗？")
    await Chat(dispatcher, "colleague").say("/答复 1 最好在场，我上午十点到")
    await owner_chat.say("好的，那我上午不出门了")
    await owner_chat.say(owner_chat.buttons()[0])
    [reply] = [t for t in await texts_to(services, "colleague") if "不出门" in t]
    assert "场所负责人回复提问 #1 的答复（#2）" in reply and "好的，那我上午不出门了" in reply
    assert not [t for t in await texts_to(services, "officer") if "不出门" in t]


async def test_received_with_more_said_after_it_is_not_only_an_acknowledgement(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """收到 我们这边今晚有个男的一个人住 脸上好像有疤 要不要报警？ acknowledged the alert and
    dropped the rest: a possible sighting never reached the officer."""
    number = await _alert(officer_chat)
    said = "我们这边今晚有个男的一个人住 脸上好像有疤 要不要报警？"
    offered = await owner_chat.say(f"收到 {said}")
    assert f"已确认收到通报#{number}" in offered
    assert owner_chat.buttons() == [f"/问民警 #{number} {said}"]
    second = await _alert(officer_chat)
    assert f"已确认收到通报#{second}" in await owner_chat.say(f"收到 #{second}")


async def test_a_question_after_an_answer_follows_the_answer_not_the_alert(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """好的 那你电话多少？ after the officer's answer was offered to the alert's officer as a
    new question about the alert."""
    number = await _alert(officer_chat)
    assert "已确认收到" in await owner_chat.say("好的谢谢提醒")
    await owner_chat.say("问民警 明天来检查时要我在场吗？")
    await officer_chat.say("/答复 1 最好在场")
    offered = await owner_chat.say("好的 那你电话多少？")
    assert "这是给民警的回复吗" in offered
    assert owner_chat.buttons() == [f"/问民警 #{number} （接提问 #1）好的 那你电话多少？"]


async def test_a_resident_with_no_place_and_no_alert_reaches_the_stations_officers(
    resident_chat: Chat, services: Services, officer_chat: Chat
) -> None:
    """办居住证要带什么材料 got 您还没有绑定场所，暂时无法直接联系社区民警, though help lists
    问民警 for residents too."""
    told = await resident_chat.say("问民警 办居住证要带什么材料 在哪办")
    assert "已把您的问题转给民警" in told
    [notice] = [t for t in await texts_to(services, "officer") if "居住证" in t]
    assert "群众#" in notice  # residents stay nameless
    await officer_chat.say("/答复 1 带身份证和租房合同，到社区警务室办")
    assert "租房合同" in (await texts_to(services, "resident-1"))[-1]


async def test_an_acknowledgement_said_twice_over_is_answered_once(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """好的 知道了 got the acknowledgement and then 好的。需要什么功能… for its 知道了."""
    number = await _alert(officer_chat)
    reply = await owner_chat.say("好的 知道了")
    assert f"已确认收到通报#{number}" in reply and "需要什么功能" not in reply


async def test_a_question_after_a_newer_alert_is_about_that_one(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """Asked after an alert that came after the one acknowledged, it had gone to the older."""
    first = await _alert(officer_chat)
    assert f"已确认收到通报#{first}" in await owner_chat.say("收到")
    second = await _alert(officer_chat)
    await owner_chat.say("我晚上9点半才到家 来得及吗")
    assert owner_chat.buttons() == [f"/问民警 #{second} 我晚上9点半才到家 来得及吗"]


async def test_an_acknowledgement_with_an_emoji_counts_in_the_middle_of_a_form(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """收到👌 typed while a registration waited was taken as the form's answer (请回答…);
    a plain 收到 worked."""
    await owner_chat.say("登记")
    number = await _alert(officer_chat)
    assert f"已确认收到通报#{number}" in await owner_chat.say("收到👌")


async def test_a_question_on_how_to_register_a_foreign_guest_is_answered_not_offered_登记(
    officer_chat: Chat,
    services: Services,
    law_dispatcher: Dispatcher,
) -> None:
    """Under an alert, 警官你好，外国人入住要怎么登记？ got 「您是想「登记」吗？」 and the
    offer to forward it: a question about the rules is no request to register someone."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    answer = await owner.say("警官你好，外国人入住要怎么登记？")
    assert "24小时内" in answer and "您是想" not in answer
    # It asks nothing of the alert (登记 is all they share): no offer of its officer.
    assert "转给发布通报" not in answer
    assert not any(b.startswith("/问民警 #") for b in owner.buttons())
    # Nothing answers it here: the officer is offered once, and still no registration.
    plain = Chat(build_dispatcher(services), "owner")
    unanswered = await plain.say("外国人入住要登记吗")
    assert "您是想" not in unanswered and len(plain.buttons()) == 1
    assert plain.buttons()[0].startswith("/问民警 #")


async def test_a_question_the_faq_answers_soon_after_acknowledging_is_not_offered(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """小饭店要办什么证, minutes after acknowledging a fire-safety alert, got its answer and
    then 「要把这个问题转给发布通报#1的民警吗？」: a question sharing no word with the alert,
    that the FAQ answers, is not about the alert."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    assert "已确认收到" in await owner.say("好的谢谢提醒")
    answer = await owner.say("房东不退押金怎么办")
    assert "【常见问题】" in answer and "转给发布通报" not in answer
    # Words of the alert still make it about the alert.
    assert "转给发布通报" in await owner.say("检查消防要准备什么")


async def test_a_question_the_faq_answers_for_the_owner_s_place_is_not_offered(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """A hotel owner's 来了个外国客人怎么办 after acknowledging an alert was offered to the
    alert's officer: the FAQ was asked as if by a resident, whom no entry answers, though
    the hotel's own (外国客人住店要报告) does."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    assert "已确认收到" in await owner.say("好的谢谢提醒")
    answer = await owner.say("来了个外国客人怎么办")
    assert "【常见问题】外国人入住要报告吗" in answer and "转给发布通报" not in answer


async def test_a_follow_up_of_a_legal_question_after_acknowledging_goes_on_with_it(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """怎么罚 after 灭火器过期了会怎样, minutes after acknowledging an alert, was offered to
    the alert's officer and got no answer: it follows the legal question."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    assert "已确认收到" in await owner.say("好的谢谢提醒")
    assert "《" in await owner.say("房东不退押金怎么办")
    followed = await owner.say("怎么罚")
    assert "转给发布通报" not in followed and "《" in followed


async def test_asking_the_officer_with_no_question_asks_for_it_once(owner_chat: Chat) -> None:
    """问民警 alone got 请问您想问民警什么？ and then 请输入要转达的内容：, two prompts."""
    asked = await owner_chat.say("问民警")
    assert asked.count("？") + asked.count("：") == 1 and "请输入要转达的内容" not in asked
    assert "问民警什么" in asked and "民警答复后会通知您" in asked
    checked = await owner_chat.say("明天几点来检查")
    assert "请核对提问信息" in checked and "问题：明天几点来检查" in checked
    assert "已把您的问题转给民警" in await owner_chat.say("确认")
    # With the question said, it still goes at once.
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 后天几点来检查？")


async def test_answering_with_no_text_asks_for_it_once(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/答复 1 alone got 答复提问 #1「…」（答复会发回提问的聊天）： and then 请输入要转达的内容：,
    two prompts for one answer."""
    await owner_chat.say("问民警 明天几点来检查")
    asked = await officer_chat.send("/答复 1")
    assert len(asked) == 1, asked
    [prompt] = asked
    assert isinstance(prompt, Text) and "请输入要转达的内容" not in prompt.text
    assert "#1「明天几点来检查」" in prompt.text and "发回提问的聊天" in prompt.text
    checked = await officer_chat.say("上午九点到")
    assert "请核对答复信息" in checked and "答复：上午九点到" in checked
    assert "已答复提问 #1" in await officer_chat.say("确认")
    [answer] = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert "上午九点到" in answer


async def test_answering_another_question_keeps_the_unfinished_answer_and_names_it(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/答复 2 with the answer to #1 at its summary had resumed that answer, not saying it
    was #1's: the officer, meaning to answer #2, sent #1's asker the answer."""
    await owner_chat.say("问民警 明天几点来检查")
    await owner_chat.say("问民警 灭火器要换新的吗")
    await officer_chat.say_all("/答复 1", "上午九点到")
    refused = await officer_chat.say("/答复 2")
    assert "还有一份未完成的答复（提问 #1，已填 1 项）" in refused
    assert "暂不开始答复（提问 #2）" in refused and "「取消」" in refused
    assert "答复：上午九点到" in refused  # what was typed is shown, and kept
    await officer_chat.say("取消")
    asked = await officer_chat.say("/答复 2")
    assert "#2「灭火器要换新的吗」" in asked
    assert "已答复提问 #2" in await officer_chat.say_all("要换", "确认")
    [answer] = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert "灭火器要换新的吗" in answer and "要换" in answer


async def test_a_question_of_a_fine_soon_after_an_alert_gets_the_law(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """旅馆不登记会罚多少钱, minutes after acknowledging an alert that spoke of 登记, got
    only 「要把这个问题转给发布通报#1的民警吗？」 and no answer."""
    await _alert(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    assert "已确认收到" in await owner.say("收到")
    answer = await owner.say("旅馆不登记会罚多少钱")
    assert "旅馆业治安管理办法" in answer or "治安管理处罚法" in answer, answer


async def test_a_duty_question_naming_only_the_venue_kind_is_not_offered_to_the_alert(
    officer_chat: Chat,
    law_dispatcher: Dispatcher,
) -> None:
    """未成年人进网吧怎么办, from an internet café, got its answer and then 「要把这个问题转给
    发通报#1「网吧 近期有人冒充公安…」的民警吗？」: 网吧, in every alert to internet cafés,
    was taken for a word the two share."""
    draft = await compose(
        officer_chat,
        "网吧老板注意：近期有人冒充公安电话要求转账保证金，遇到请拨打110。",
        "现在发送",
        "跳过",
        "防诈",
        "一般",
        "旅馆",
        "确认",
    )
    found = re.search(r"通报#(\d+)（草稿）", draft)
    if found:
        draft = await officer_chat.say(f"/通报发送 {found.group(1)}")
    assert "正在发送" in draft, draft
    owner = Chat(law_dispatcher, "owner")
    answer = await owner.say("未成年人进网吧怎么办")
    assert "【常见问题】" in answer and "转给发布通报" not in answer
    # The alert's own words still make a question about it.
    assert "转给发布通报" in await owner.say("冒充公安的电话怎么识别")


async def test_after_an_answer_only_what_reads_as_a_reply_is_offered_back(
    officer_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    """After an officer answered a question about a lost ID card, 我想自杀 got the crisis
    line and then 「这是给民警的回复吗？」 with a button to send it as a reply; so did
    手机掉了怎么办, a new question, and 我爱你😘."""
    assert "已把您的问题转给民警" in await resident_chat.say("问民警 身份证丢了怎么补办")
    await officer_chat.say("/答复 1 带户口本到派出所户籍窗口补办")
    crisis = await resident_chat.say("我想自杀")
    assert "12356" in crisis and "这是给民警的回复吗" not in crisis
    assert resident_chat.buttons() == []
    for said in ("手机掉了怎么办", "我爱你😘", "我们社区的民警是谁啊", "民警回复我了吗"):
        told = await resident_chat.say(said)
        assert "这是给民警的回复吗" not in told, (said, told)
        assert not any("接提问" in b for b in resident_chat.buttons()), said
    # What follows the answer still goes back to the officer: taken up (好的，那…), or
    # a statement nothing else here makes sense of.
    for said in ("户口本在老家", "好的，那我明天上午去"):
        assert "这是给民警的回复吗" in await resident_chat.say(said), said
        assert resident_chat.buttons() == [f"/问民警 （接提问 #1）{said}"]
        assert "已转告民警（接提问 #1）" in await resident_chat.say(resident_chat.buttons()[0])
        assert said in (await texts_to(services, "officer"))[-1]


async def test_a_reply_after_a_law_answers_buttons_is_still_offered_back(
    officer_chat: Chat, law_dispatcher: Dispatcher, services: Services
) -> None:
    """户口本在老家, after an officer's answer on an ID card, was offered back to the officer;
    with a law answer's 全文 and 更多 in between it was not: any buttons on the screen had
    kept it from the officer, not only a form's."""
    resident = Chat(law_dispatcher, "resident-1")
    assert "已把您的问题转给民警" in await resident.say("问民警 身份证丢了怎么补办")
    await officer_chat.say("/答复 1 带户口本到派出所户籍窗口补办")
    assert "《" in await resident.say("房东不退押金怎么办")
    assert resident.buttons(), "the law answer shows its buttons"
    assert "这是给民警的回复吗" in await resident.say("户口本在老家")
    assert resident.buttons() == ["/问民警 （接提问 #1）户口本在老家"]
    assert "已转告民警（接提问 #1）" in await resident.say(resident.buttons()[0])
    assert "户口本在老家" in (await texts_to(services, "officer"))[-1]


async def test_danger_soon_after_acknowledging_is_not_offered_to_the_alert(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """我不想活了怎么办, minutes after acknowledging the fire-safety alert, got the crisis
    line and then 「要把这个问题转给发布通报#1的民警吗？」."""
    await _alert(officer_chat)
    assert "已确认收到" in await owner_chat.say("好的谢谢提醒")
    told = await owner_chat.say("我不想活了怎么办")
    assert "12356" in told and "转给" not in told and owner_chat.buttons() == []
    # A question on the alert's own words is still its officer's.
    assert "转给发布通报" in await owner_chat.say("检查消防要准备什么")


async def test_after_an_answer_what_speaks_of_something_else_is_not_offered_back(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """After an officer answered when the fire check comes, a room to correct, 等级一下,
    [语音] and 我的旅馆地址搬了 were each offered as a reply (「这是给民警的回复吗？」); a
    question on the check itself had got 没有理解."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "208", "现在", "明天", "确认"
    )
    await owner_chat.say("问民警 消防检查明天几点来？")
    await officer_chat.say("/答复 1 上午九点到，请准备好灭火器检查记录")
    for said in ("[语音]", "我的旅馆地址搬了"):
        told = await owner_chat.say(said)
        assert "没有理解" in told and "这是给民警的回复吗" not in told, (said, told)
        assert owner_chat.buttons() == [], said
    # A question on what the answer spoke of still goes back.
    assert "这是给民警的回复吗" in await owner_chat.say("检查要带灭火器记录吗")
    assert owner_chat.buttons() == ["/问民警 （接提问 #1）检查要带灭火器记录吗"]
    told = await owner_chat.say("刚才登记的208房间号错了 应该是218 怎么改")
    assert "您是想用「更正登记 208 218」" in told and "这是给民警的回复吗" not in told
    assert "您是想用「登记」（登记旅客）吗" in await owner_chat.say("等级一下")


STORM = "今晚有暴雨大风，请注意安全，关好门窗，店外的招牌和杂物请收好。"


async def _storm(officer: Chat) -> int:
    draft = await compose(officer, STORM, "现在发送", "跳过", "其他", "一般", "旅馆", "确认")
    found = re.search(r"通报#(\d+)（(?:发送中|草稿)）", draft)
    assert found, draft
    if "草稿" in found.group(0):
        await officer.say(f"/通报发送 {found.group(1)}")
    return int(found.group(1))


async def test_a_question_sharing_one_word_with_an_alert_is_answered_not_offered(
    officer_chat: Chat, clock: FakeClock, law_dispatcher: Dispatcher
) -> None:
    """营业时间能把安全出口锁上吗, hours after acknowledging a storm alert (注意安全), got only
    「要把这个问题转给发布通报#2「今晚有暴雨大风…」的民警吗？」 and no answer: one shared word
    pair (安全) was taken to tie it to the alert."""
    number = await _storm(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    assert f"已确认收到通报#{number}" in await owner.say("收到")
    clock.advance(hours=2)
    told = await owner.say("营业时间能把安全出口锁上吗")
    assert "转给" not in told and not any(b.startswith("/问民警") for b in owner.buttons()), told
    # A question that says it is about the alert still goes to its officer.
    assert "转给发布通报" in await owner.say("这个通知里说的杂物要收到哪里？")
    asked = [b for b in owner.buttons() if b.startswith("/问民警")]  # beside 全文 N, 更多
    assert asked == [f"/问民警 #{number} 这个通知里说的杂物要收到哪里？"]
    # So does one in the alert's own words.
    await owner.say("招牌要拆下来收好吗")
    asked = [b for b in owner.buttons() if b.startswith("/问民警")]
    assert asked == [f"/问民警 #{number} 招牌要拆下来收好吗"]


async def test_received_with_the_alerts_number_in_words_is_only_an_acknowledgement(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """收到 三, after an officer's answer, acknowledged alert 3 and then asked 「这是给民警的
    回复吗？」 with a button to send 「收到 三」 to the officer."""
    await _alert(officer_chat)
    await owner_chat.say("收到")
    await owner_chat.say("问民警 #1 明天来检查时要我在场吗？")
    await officer_chat.say("/答复 1 最好在场")
    await _alert(officer_chat)
    third = await _alert(officer_chat)
    told = await owner_chat.say("收到 三")
    assert f"已确认收到通报#{third}" in told and "这是给民警的回复吗" not in told, told
    assert owner_chat.buttons() == []
    # A number in words that is no alert of theirs: said so at once (it had got
    # 您是想「收到 9」吗？ first, a step that led to the same answer).
    missing = await owner_chat.say("收到 九")
    assert "没有找到" in missing and "#9" in missing and "您是想" not in missing


async def test_the_same_question_sent_twice_is_asked_once(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """问民警 网吧可以通宵营业吗 sent twice made questions #1 and #2, both on /答复."""
    assert "提问编号 #1" in await owner_chat.say("问民警 网吧可以通宵营业吗")
    again = await owner_chat.say("问民警 网吧可以通宵营业吗")
    assert "已经转给民警了（提问编号 #1）" in again and "#2" not in again
    assert len(await texts_to(services, "officer")) == 1
    assert "待答复的群众和场所负责人提问 1 条" in await officer_chat.say("/答复")
    # Once answered, asking it again is a new question.
    await officer_chat.say("/答复 1 不可以")
    assert "提问编号 #2" in await owner_chat.say("问民警 网吧可以通宵营业吗")


async def test_a_word_that_is_no_question_is_not_sent_to_the_officer(
    owner_chat: Chat, services: Services
) -> None:
    """问民警, then 好: the review showed 问题：好, and 嗯 sent it to the officer."""
    await owner_chat.say("问民警")
    for said in ("好", "在吗", "我想问个问题"):
        told = await owner_chat.say(said)
        assert "还没有收到您的问题" in told and "问民警什么" in told, (said, told)
        assert "请核对" not in told
        assert "/咨询" not in told
    assert "问题：消防通道能停电动车吗" in await owner_chat.say("消防通道能停电动车吗")
    assert "已把您的问题转给民警" in await owner_chat.say("嗯")
    # Said with the command, the question is asked for too.
    assert "问民警什么" in await owner_chat.say("问民警 在吗")
    assert len(await texts_to(services, "officer")) == 1


async def test_an_answer_without_a_number_goes_to_the_only_question(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/答复 明天上午十点左右过去 with one question waiting got 「请发送「/答复 编号 内容」…」,
    and the officer typed it all again; a second answer reached the owner as a first."""
    await owner_chat.say("问民警 明天几点来检查")
    told = await officer_chat.say("/答复 明天上午十点左右过去")
    assert "已作为提问 #1 的答复发送" in told and "已答复提问 #1" in told
    [answer] = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert "明天上午十点左右过去" in answer and "补充" not in answer
    await officer_chat.say("/答复 1 改为十一点")
    later = [t for t in await texts_to(services, "owner") if "改为十一点" in t]
    assert len(later) == 1 and "补充答复您的提问 #1" in later[0]
    # With several waiting, the answer is kept and each question is a button.
    await owner_chat.say("问民警 灭火器要换新的吗")
    await owner_chat.say("问民警 登记簿要保存多久")
    asked = await officer_chat.say("/答复 要换，保存两年")
    assert "「要换，保存两年」" in asked and "#2" in asked and "#3" in asked
    assert officer_chat.buttons() == ["/答复 2 要换，保存两年", "/答复 3 要换，保存两年"]
    assert "已答复提问 #3" in await officer_chat.say(officer_chat.buttons()[1])
    assert "待答复的群众和场所负责人提问 1 条" in await officer_chat.say("/答复 列表")


async def test_the_officer_sees_a_questions_photos_after_the_notice(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """Photos asked with went out in the notice only: /答复 and /答复 1 showed the text,
    and a notice scrolled away had taken the photos with it."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("问民警")
    await owner.photo(stored_photo(settings, "red"))
    await owner.photo(stored_photo(settings, "blue"), "门口这个灭火器还能用吗")
    await owner.say("确认")
    officer = Chat(dispatcher, "officer")
    listed = await officer.say("/答复")
    assert "📷2：门口这个灭火器还能用吗" in listed
    detail = await officer.say("/答复 1")
    assert "答复提问 #1「门口这个灭火器还能用吗」（附照片2张）：" in detail
    assert [r.caption for r in officer.last or [] if isinstance(r, Image)] == [
        "提问 #1 照片（1/2）",
        "提问 #1 照片（2/2）",
    ]
    # A question asked without photos shows none.
    await Chat(dispatcher, "owner").say("问民警 明天几点来检查？")
    plain = await officer.say("/答复 2")
    assert "附照片" not in plain and not [r for r in officer.last or [] if isinstance(r, Image)]


async def test_an_officer_closes_a_question_without_answering(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """A question needing no answer waited in /答复 for ever: 「/答复 1 关闭」 would have sent
    「关闭」 to the asker as the answer. Then the asker, told 「答复会发到这里」, was told
    nothing at all and waited."""
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 下周一我不在店里")
    assert "「/答复 编号 关闭」" in await officer_chat.say("/答复")
    closed = await officer_chat.say("/答复 1 关闭")
    assert "已关闭提问 #1" in closed and "已告知提问人" in closed
    assert await officer_chat.say("/答复") == "目前没有待答复的提问。"
    told = await texts_to(services, "owner")
    assert told[-1] == (
        "👮 民警已阅您的提问 #1「下周一我不在店里」，无需另行答复。"
        "如仍需帮助，请再次发送「问民警」。"
    )
    assert not any("关闭" in t for t in told)
    assert "已答复或已关闭" in await officer_chat.say("/答复 1 关闭")
    assert "民警已阅，无需答复" in await owner_chat.say("查询")


async def test_asking_the_officer_soon_after_an_unrelated_alert_is_not_tied_to_it(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """问民警 出租屋要不要装烟感 reached the officer as 「房东提问 #3（关于通报#3「近期有冒充
    公安的诈骗电话」）」: one word pair shared minutes after the alert tied it."""
    await _alert(officer_chat)
    # Shares one pair (消防) with the alert on the fire inspection, minutes after it.
    assert "已把您的问题转给民警" in await owner_chat.say("问民警 仓库要配几个消防栓")
    assert "关于通报" not in (await texts_to(services, "officer"))[-1]


async def test_news_for_the_officer_after_an_answer_is_offered_back_not_taken_for_law(
    officer_chat: Chat, law_dispatcher: Dispatcher, services: Services
) -> None:
    """The officer answered 请核实监护人联系方式…, and the notice said 「如需回复民警，直接
    发送，再点「转给民警」即可。」; the owner's 她父母离婚了，监护人是她妈妈 got an FAQ on
    divorce, 明天上午我在店里，修的时候请打我电话 statutes, and no 转给民警 either time."""
    owner = Chat(law_dispatcher, "owner")
    await owner.say("问民警 有个女孩子一个人来住店，看着像未成年，怎么办")
    await officer_chat.say("/答复 1 请核实监护人联系方式并告知民警，我稍后过去看看。")
    # Each said right after the last one's offer, which was not tapped.
    for said in (
        "监护人电话已经打通了，是她妈妈",
        "她父母离婚了，监护人是她妈妈",
        "明天上午我在店里，修的时候请打我电话",
        "民警什么时候到",
    ):
        told = await owner.say(said)
        assert told.startswith("这是给民警的回复吗"), (said, told)
        assert "【常见问题】" not in told and "法条" not in told, (said, told)
        assert owner.buttons() == [f"/问民警 （接提问 #1）{said}"]
    assert "已转告民警（接提问 #1）" in await owner.say(owner.buttons()[0])
    assert "民警什么时候到" in (await texts_to(services, "officer"))[-1]
    # A new legal question that only begins like a reply (没有) is answered, not offered.
    told = await owner.say("没有遗嘱遗产怎么分")
    assert "【常见问题】" in told and "这是给民警的回复吗" not in told
    assert not any(b.startswith("/问民警") for b in owner.buttons())


async def test_an_owner_of_two_places_is_listed_with_the_place_the_question_names(
    officer_chat: Chat, owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """An owner of 平安旅馆 and 枫林民宿 asked 问民警 枫林民宿门口的路灯坏了…: the officer
    read it as 「平安旅馆：…」 in the notice, in /答复 and in the reply that followed."""
    async with services.sessions() as session:
        second = Venue(kind=VenueKind.HOMESTAY, name="枫林民宿", address="和平路9号")
        second.beat_id = seeded.beat.id or 0
        session.add(second)
        await session.flush()
        assert seeded.owner.id is not None and second.id is not None
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=second.id))
        await session.commit()
    await owner_chat.say("问民警 枫林民宿门口的路灯坏了，能找人修一下吗")
    notice = (await texts_to(services, "officer"))[-1]
    assert "枫林民宿" in notice.split("：")[0] and "平安旅馆" not in notice, notice
    listed = await officer_chat.say("/答复")
    assert "枫林民宿：枫林民宿门口的路灯坏了" in listed and "平安旅馆" not in listed
    await officer_chat.say("/答复 1 已报市政，这两天来修")
    await owner_chat.say("好的，修的时候请打我电话")
    assert "已转告民警（接提问 #1）" in await owner_chat.say(owner_chat.buttons()[0])
    follow_up = (await texts_to(services, "officer"))[-1]
    assert "枫林民宿" in follow_up and "平安旅馆" not in follow_up, follow_up
    # Naming neither: both, in the notice and the list.
    await owner_chat.say("问民警 下周一我不在店里")
    assert "平安旅馆、枫林民宿" in (await texts_to(services, "officer"))[-1]
    assert "平安旅馆、枫林民宿：下周一我不在店里" in await officer_chat.say("/答复")


async def test_after_a_close_the_askers_next_message_is_new_not_a_reply(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """The officer closed 问民警 下周一我不在店里 (/答复 1 关闭); the owner's next 好的，那我下周二
    再联系你们 was offered back as 「这是给民警的回复吗」 to the officer who had ended it."""
    await owner_chat.say("问民警 下周一我不在店里")
    clock.advance(minutes=1)
    await officer_chat.say("/答复 1 关闭")
    clock.advance(minutes=1)
    said = await owner_chat.say("好的，那我下周二再联系你们")
    assert "这是给民警的回复吗" not in said and owner_chat.buttons() == [], said
    # Closed and then answered after all: the answer may be replied to again.
    await officer_chat.say("/答复 1 好的，下周二上午我过去")
    assert "这是给民警的回复吗" in await owner_chat.say("好的，上午我在店里")
    assert owner_chat.buttons() == ["/问民警 （接提问 #1）好的，上午我在店里"]


async def test_the_askers_own_reply_after_an_answer_keeps_the_exchange_open(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """The asker's reply is closed as it is sent; what they say next still goes back."""
    await owner_chat.say("问民警 明天几点来检查？")
    await officer_chat.say("/答复 1 上午十点")
    clock.advance(minutes=2)
    await owner_chat.say("好的，十点我在店里")
    assert "已转告民警（接提问 #1）" in await owner_chat.say(owner_chat.buttons()[0])
    assert "这是给民警的回复吗" in await owner_chat.say("还有，停车请走后门")


async def test_okay_going_on_after_an_answer_replies_to_it_not_to_a_new_alert(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """An officer answered 客人没带身份证可以入住吗, a storm alert came, and the owner's
    好的，那电子身份证在哪里申请 acknowledged the storm alert and offered itself as a new
    question about it: the officer who answered never heard the reply."""
    await owner_chat.say("问民警 客人没带身份证可以入住吗")
    await officer_chat.say("/答复 1 不可以，要核验身份证件，没带实体证的可以出示电子身份证")
    draft = await compose(
        officer_chat,
        "今晚城东路一带有暴雨\n请关好门窗。",
        "现在发送",
        "跳过",
        "其他",
        "一般",
        "旅馆",
        "确认",
    )
    found = re.search(r"通报#(\d+)（发送中）", draft)
    assert found, draft
    storm = int(found[1])
    said = "好的，那电子身份证在哪里申请"
    offered = await owner_chat.say(said)
    assert "已确认收到" not in offered and "这是给民警的回复吗" in offered
    assert owner_chat.buttons() == [f"/问民警 （接提问 #1）{said}"]
    assert "已转告民警（接提问 #1）" in await owner_chat.say(owner_chat.buttons()[0])
    assert "已确认收到 0/" in await officer_chat.say(f"/通报状态 {storm}")
    # A bare 好的 still acknowledges the alert, as it always did.
    assert f"已确认收到通报#{storm}" in await owner_chat.say("好的")


async def test_what_the_owner_will_do_after_an_answer_still_acknowledges_the_alert(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """好的，… after an answer replies to it only when it follows the answer: 我们会注意的
    is what an owner says to the alert that came after it."""
    await owner_chat.say("问民警 客人没带身份证可以入住吗")
    await officer_chat.say("/答复 1 不可以，要核验身份证件，没带实体证的可以出示电子身份证")
    number = await _alert(officer_chat)
    assert f"已确认收到通报#{number}" in await owner_chat.say("好的，我们会注意的")


async def test_a_legal_question_after_an_alert_is_answered_without_offering_its_officer(
    officer_chat: Chat, law_dispatcher: Dispatcher
) -> None:
    """客人退房后把东西落下了怎么处理, asked after an alert that told owners to remind their
    客人 and 处理 what they find, got its answer and 「要把这个问题转给发布通报#1的民警吗？」:
    two words in common do not make it a question on the alert. One that names the alert,
    or quotes it, still gets the offer."""
    draft = await compose(
        officer_chat,
        "近期辖区发生多起盗窃案件，请提醒客人保管好随身物品，发现可疑情况及时报警处理。",
        "现在发送",
        "跳过",
        "治安",
        "一般",
        "旅馆",
        "确认",
    )
    found = re.search(r"通报#(\d+)", draft)
    assert found, draft
    number = int(found.group(1))
    owner = Chat(law_dispatcher, "owner")
    assert "已确认收到" in await owner.say("收到")
    told = await owner.say("客人退房后把东西落下了怎么处理")
    assert "遗留" in told and "发布通报" not in told, told
    assert not any(b.startswith("/问民警") for b in owner.buttons()), owner.buttons()
    await owner.say("这个通报说的可疑情况指的是什么？")
    assert f"/问民警 #{number} 这个通报说的可疑情况指的是什么？" in owner.buttons()
    await owner.say("随身物品丢了旅馆要赔吗")
    assert f"/问民警 #{number} 随身物品丢了旅馆要赔吗" in owner.buttons()


async def _to_rentals(officer: Chat, text: str) -> int:
    """An urgent alert to the rentals, sent now; its number."""
    draft = await compose(officer, text, "现在发送", "跳过", "其他", "紧急", "出租屋", "确认")
    found = re.search(r"通报#(\d+)（(?:发送中|草稿)）", draft)
    assert found, draft
    if "草稿" in found.group(0):
        await officer.say(f"/通报发送 {found.group(1)}")
    return int(found.group(1))


async def test_seen_it_acknowledges_an_alert_and_what_follows_is_answered(
    officer_chat: Chat, law_dispatcher: Dispatcher
) -> None:
    """看到了，我这租客都在屋里没事, after an urgent alert, got an FAQ on tenants who ran off
    and left the alert unread; 看到了 alone got 没有理解. Both acknowledge as 收到 does."""
    number = await _to_rentals(officer_chat, "今晚有强降雨，请注意用电安全")
    landlord = Chat(law_dispatcher, "landlord")
    told = await landlord.say("看到了，我这租客都在屋里没事")
    assert f"已确认收到通报#{number}" in told and "【常见问题】" not in told, told
    second = await _to_rentals(officer_chat, "明天有大风，请加固空调外机")
    assert f"已确认收到通报#{second}" in await landlord.say("看到了")


async def test_a_duty_asked_after_received_is_answered_as_if_asked_alone(
    officer_chat: Chat, law_dispatcher: Dispatcher
) -> None:
    """收到 另外问下… after an alert on another matter got only 「要把这个问题转给发布通报#1的
    民警吗？」, though the same question alone gets its answer. A duty of the asker's place,
    or a question said to be on another matter, is answered; nothing is offered."""
    number = await _storm(officer_chat)
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("收到 另外问下旅馆住了外国客人要报告吗")
    assert f"已确认收到通报#{number}" in told and "【常见问题】" in told, told
    assert "转给" not in told and not any(b.startswith("/问民警") for b in owner.buttons())
    number = await _storm(officer_chat)
    told = await owner.say("收到，旅馆住了外国客人要报告吗")
    assert f"已确认收到通报#{number}" in told and "【常见问题】" in told, told
    assert "转给" not in told
