"""The anonymous conversation: the station writes to the tipster, the tipster answers, and
neither side learns who the other is."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Tip, TipMessage
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.outbox import opened, queued, text, texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

SENDER, NAME = "wx-tipster-0042", "李秀英"
OFFICER_NAME = "一号民警"


async def test_officer_and_tipster_talk_through_the_bot_without_identities(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster, officer, code, tip = await _a_tip(dispatcher, services)

    sent = await officer.say(f"/回复 {tip.id} 请问大概几点开始 有几个人")
    assert "已以派出所名义转告" in sent and tip.alias in sent
    [relayed] = await texts_to(services, SENDER)
    assert "【测试派出所】" in relayed and code in relayed
    # The row's key names neither the tip nor the tipster's account (only its chat column
    # does, until it is sent).
    [row] = await queued(services, SENDER)
    assert re.fullmatch(r"to-tipster:[0-9a-f]{40}", row.dedupe_key)
    assert code not in row.payload  # sealed
    assert "请问大概几点开始 有几个人" in relayed
    assert OFFICER_NAME not in relayed and "officer" not in relayed

    # The button answers it: the bot asks for the text, then relays it under the alias.
    assert "请输入要转达的内容" in await tipster.say(f"回复 {code}")
    assert "内容：下午三点左右 五六个人" in await tipster.say("下午三点左右 五六个人")
    assert "已转告民警" in await tipster.say("确认")
    # Or in one message.
    assert "已转告民警" in await tipster.say(f"回复 {code} 他们有人望风")

    to_officer = [text(r) for r in await queued(services, "officer")]
    assert len(to_officer) == 3  # the new tip, then two answers
    assert all(tip.alias in t for t in to_officer[1:])
    assert "下午三点左右" in to_officer[1] and "他们有人望风" in to_officer[2]
    for row in await queued(services, "officer"):
        assert SENDER not in opened(row) and NAME not in opened(row)
    # What officers can read back is the same conversation, under the alias.
    detail = await officer.say(f"/线索 #{tip.id}")
    assert f"{tip.alias}：他们有人望风" in detail and "民警：请问大概几点开始" in detail
    async with services.sessions() as session:
        messages = (await session.exec(select(TipMessage).order_by(col(TipMessage.id)))).all()
        stored = (await session.exec(select(Tip))).one()
    assert [m.from_tipster for m in messages] == [False, True, True]
    for record in (stored, *messages):
        for value in record.model_dump().values():
            assert SENDER not in str(value) and NAME not in str(value)
    assert stored.status == "checking" and stored.acked_at is not None


async def test_status_changes_reach_the_tipster_and_the_code_shows_them(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "网吧里有未成年人通宵上网"))
    assert "处理进展：已收到" in await tipster.say(f"查询 {code}")
    # Any spelling of the code works, with no login: from another device too.
    other_device = Chat(dispatcher, "resident-1-laptop", channel="web")
    assert "处理进展：已收到" in await other_device.say(f"查询 {code.lower().replace('-', ' ')}")

    officer = Chat(dispatcher, "officer")
    assert "状态已改为「核查中」，已通知举报人" in await officer.say("/线索状态 1 核查中")
    assert "已经是「核查中」" in await officer.say("/线索状态 1 核查中")
    assert "状态已改为「已处理」" in await officer.say("/线索状态 1 已处理")
    notices = await texts_to(services, "resident-1")
    assert len(notices) == 2 and "核查中" in notices[0] and "已处理" in notices[1]
    assert "处理进展：已处理" in await tipster.say(f"查询 {code}")
    assert "目前没有待处理的线索" in await officer.say("/线索")
    assert "状态可选" in await officer.say("/线索状态 1 办完了")


async def test_only_the_tipster_can_answer_even_with_the_code(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    code = code_in(await submit_tip(Chat(dispatcher, "resident-1"), "小区门口有人卖假药"))
    impostor = Chat(dispatcher, "resident-2")
    # 查询 shows anyone the tip exists: the reply is told why it cannot go, and the way.
    assert "处理进展" in await impostor.say(f"查询 {code}")
    refused = await impostor.say(f"回复 {code} 我是举报人")
    assert "只能用提交举报的账号" in refused and "没有找到" not in refused
    assert "发送「举报」重新提交" in refused
    alone = await impostor.say(f"回复 {code}")  # told the same, and no form opened
    assert "只能用提交举报的账号" in alone and "请输入要转达的内容" not in alone
    assert len(await queued(services, "officer")) == 1  # only the new-tip push
    assert "没有找到这个查询码" in await impostor.say("查询 AAAA-BBBB-CCCC")
    assert "请发送「查询 查询码」" in await impostor.say("查询 12345")


async def test_a_tipster_who_just_types_the_answer_is_offered_to_send_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    tipster, officer, code, tip = await _a_tip(dispatcher, services)
    await officer.say(f"/回复 {tip.id} 他们穿什么衣服 往哪走了")
    offer = await tipster.say("穿灰色夹克，往地铁站方向走了")
    assert f"查询码 {code}" in offer and "是您的回答吗" in offer
    assert "已转告民警" in await tipster.say("是的")  # yes to the offer sends the answer
    to_officer = [text(r) for r in await queued(services, "officer")]
    assert "穿灰色夹克，往地铁站方向走了" in to_officer[-1]


async def test_an_anonymous_tipster_who_writes_their_number_is_told_it_shows(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A tipster's answer with their own number in it was confirmed with 对方看不到您的身份."""
    tipster, _officer, code, _tip = await _a_tip(dispatcher, services)
    sent = await tipster.say(f"回复 {code} 我住5号楼 有事打我电话 138 1234 5678")
    assert "民警能看到这个号码" in sent and "看不到您的身份" not in sent
    assert "看不到您的身份" in await tipster.say(f"回复 {code} 他们又来了")
    # The status names the code to answer with, not the words 查询码.
    status = await tipster.say(f"查询 {code.lower()}")
    assert f"回复 {code} 内容" in status


async def _a_tip(dispatcher: Dispatcher, services: Services) -> tuple[RichChat, Chat, str, Tip]:
    """A tipster, the beat's officer, and the tip the tipster just sent with its code."""
    tipster = RichChat(dispatcher, SENDER, sender_name=NAME)
    officer = Chat(dispatcher, "officer")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大"))
    [tip] = await tips(services)
    return tipster, officer, code, tip


async def test_an_answer_that_sounds_like_a_tip_is_offered_as_the_answer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """一般晚上11点左右 有时候还在里面赌博打牌, answering the officer's question, got 是否要向
    民警举报？ (a second tip) and the officer never heard it."""
    tipster, officer, code, tip = await _a_tip(dispatcher, services)
    await officer.say(f"/回复 {tip.id} 面包车大概什么时候来？")
    offered = await tipster.say("一般晚上11点左右 有时候还在里面赌博打牌")
    assert "是您的回答吗" in offered and "是否要向民警举报" not in offered
    assert tipster.buttons() == [f"回复 {code} 一般晚上11点左右 有时候还在里面赌博打牌"]


async def test_a_message_of_its_own_is_answered_and_the_offer_can_be_declined(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """After the officer asked, every message (房冬扣我押经不给, even 不是) got only
    「这条消息是您的回答吗？」: what is no likely answer gets its own reply and a reminder,
    and 不是 to the offer handles the message it asked about as if nothing waited."""
    tipster, officer, code, tip = await _a_tip(dispatcher, services)
    await officer.say(f"/回复 {tip.id} 他们大概几个人？在几号楼？")
    own = await tipster.say("房冬扣我押经不给")
    assert "是您的回答吗" not in own and "没有理解" in own, own
    assert "民警还在等您回答" in own and f"回复 {code} 内容" in own, own

    assert "是您的回答吗" in await tipster.say("5个人，在3号楼")
    declined = await tipster.say("不是")
    assert "是您的回答吗" not in declined and "民警还在等您回答" not in declined, declined
    # Said to be heard: the message's own reply alone had read as if 不是 were ignored.
    assert declined.startswith("好的，不发给民警。") and "没有理解" not in declined, declined
    assert "回复 " not in " ".join(tipster.buttons())
    # Nothing reached the officer but the new tip's notice.
    assert len(await queued(services, "officer")) == 1


async def test_a_tipster_who_left_a_phone_is_not_told_their_identity_is_hidden(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A tipster who left a phone number was still told 对方看不到您的身份, which is untrue."""
    tipster = Chat(dispatcher, SENDER)
    code = code_in(
        await submit_tip(tipster, "菜市场东门每天下午有人设赌局 输赢很大", phone="13812345678")
    )
    [tip] = await tips(services)
    await Chat(dispatcher, "officer").say(f"/回复 {tip.id} 请问大概几点开始")
    [relayed] = await texts_to(services, SENDER)
    sent = await tipster.say(f"回复 {code} 下午三点")
    for told in (relayed, sent):
        assert "民警可以看到您留的电话" in told and "看不到您的身份" not in told
    withdrawn = await tipster.say(f"撤回 {code}")
    if "确认" in withdrawn and "已撤回" not in withdrawn:
        withdrawn = await tipster.say("确认撤回")
    assert "看不到您的身份" not in withdrawn
