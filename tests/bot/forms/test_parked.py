"""A form set aside for another started meanwhile (`bot.forms.parked`)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay, Question
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded


async def test_a_guest_is_registered_while_a_question_waits(
    owner_chat: Chat, services: Services
) -> None:
    """An owner half-way through 问民警 with a guest at the desk had been refused the
    registration (为免丢失，暂不开始旅客登记): it starts, and the question waits for 继续."""
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗")
    started = await owner_chat.say("/登记")
    assert "您的提问已保存，旅客登记完成后回复「继续」接着填" in started
    assert "暂不开始" not in started and "请输入旅客姓名" in started
    await owner_chat.say_all("王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "您的提问还没填完，回复「继续」接着填写" in receipt
    back = await owner_chat.say("继续")
    assert "接着填写您的提问" in back and "问题：消防通道可以放电动车吗" in back
    await owner_chat.say("确认")
    async with services.sessions() as session:
        assert len((await session.exec(select(GuestStay))).all()) == 1
        asked = (await session.exec(select(Question))).all()
    assert len(asked) == 1


async def test_only_one_form_is_set_aside(owner_chat: Chat) -> None:
    """With one form parked, a third is refused as before: parking it would drop the
    first."""
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗", "/登记", "王小明")
    refused = await owner_chat.say("/举报")
    assert "还有一份未完成的旅客登记" in refused and "暂不开始举报" in refused


REGISTERED = ("王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认")
#: Another guest, at another room.
OTHER_ID = build_resident_id("110105", date(1985, 3, 4), 111)
OTHER = ("李小红", "身份证", OTHER_ID, "跳过", "303", "现在", "跳过", "确认")


async def test_continue_after_the_reminder_resumes_though_a_legal_answer_came_before(
    law_dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """The reminder under the receipt said 回复「继续」, but a legal answer asked during the
    registration made 继续 its next page, again and again: the form could never be taken
    up. The reminder, said last, wins; a legal answer after it still pages on, and the
    form named (继续提问) is taken up whatever came between."""
    owner = Chat(law_dispatcher, "owner")
    await owner.say_all("问民警", "消防通道可以放电动车吗", "/登记")
    clock.advance(minutes=1)
    assert "仅供参考" in await owner.say("/咨询 旅馆不登记旅客身份会被罚款吗")
    clock.advance(minutes=1)
    receipt = await owner.say_all(*REGISTERED)
    assert "您的提问还没填完，回复「继续」接着填写，不要了回复「提问不要了」" in receipt
    clock.advance(minutes=1)
    back = await owner.say("继续")
    assert "接着填写您的提问" in back and "问题：消防通道可以放电动车吗" in back
    await owner.say_all("/登记", *OTHER)
    clock.advance(minutes=1)
    paged = await owner.say_all("/咨询 旅馆不登记旅客身份会被罚款吗", "继续")
    assert "相关法条（续" in paged and "接着填写" not in paged
    named = await owner.say("继续提问")
    assert "接着填写您的提问" in named and "问题：消防通道可以放电动车吗" in named


async def test_the_form_set_aside_is_listed_and_dropped_in_words(owner_chat: Chat) -> None:
    """我还有什么没填完的 had got a legal follow-up, and 那个没填完的…不要了 the form's own
    command: they list the form set aside, and drop it (恢复 brings it back a while)."""
    assert "您目前没有没填完的内容" in await owner_chat.say("我还有什么没填完的")
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗", "/登记")
    inside = await owner_chat.say("我还有什么没填完的")
    assert "您正在填写的旅客登记还没填完（已填 0 项）" in inside
    assert "另有一份没填完的提问，旅客登记完成后回复「继续」接着填" in inside
    assert inside.endswith("请输入旅客姓名（与证件一致）：")
    await owner_chat.say_all(*REGISTERED)
    listed = await owner_chat.say("我还有什么没填完的")
    assert "您有一份没填完的提问（已填 1 项）" in listed
    assert owner_chat.buttons() == ["继续", "提问不要了"]
    dropped = await owner_chat.say("那个没填完的提问不要了")
    assert "已取消提问，内容未提交" in dropped and "回复「恢复」" in dropped
    assert "您刚才取消的提问还保留着" in await owner_chat.say("还有没填完的吗")
    assert "问题：消防通道可以放电动车吗" in await owner_chat.say("恢复")


async def test_cancel_right_after_a_pause_drops_the_form_set_aside(owner_chat: Chat) -> None:
    """先不弄了, then 取消, had got 当前没有进行中的填写, and the inspection set aside was
    still named under every registration after."""
    await owner_chat.say_all("/自查", "是")
    assert "先放着" in await owner_chat.say("先不弄了")
    dropped = await owner_chat.say("取消")
    assert dropped.startswith("已取消消防安全自查，内容未提交。") and "「恢复」" in dropped
    receipt = await owner_chat.say_all("/登记", *REGISTERED)
    assert "旅客登记成功" in receipt and "自查" not in receipt


async def test_cancel_under_buttons_closes_them_and_says_how_to_drop_the_form_set_aside(
    owner_chat: Chat,
) -> None:
    """Buttons shown since the pause (a receipt's): 取消 is theirs, and says how the form set
    aside is dropped; it is kept for 继续."""
    await owner_chat.say_all("/自查", "是", "先不弄了")
    assert "还没填完" in await owner_chat.say_all("/登记", *REGISTERED)
    closed = await owner_chat.say("取消")
    assert "已取消消防安全自查" not in closed and "「消防安全自查不要了」" in closed, closed
    assert "接着填写您的消防安全自查" in await owner_chat.say("继续")


async def test_cancel_in_the_form_started_meanwhile_brings_back_the_one_set_aside(
    owner_chat: Chat, services: Services
) -> None:
    """取消 in a registration begun while a question for the police waited had dropped the
    registration and said nothing of the question: it is back, where it was."""
    await owner_chat.say_all("问民警", "消防通道可以放电动车吗", "/登记", "王小明")
    back = await owner_chat.say("取消")
    assert back.startswith("已取消旅客登记，内容未提交。刚才的提问还没填完，接着填："), back
    assert "消防通道可以放电动车吗" in back
    await owner_chat.say("确认")
    async with services.sessions() as session:
        assert len((await session.exec(select(Question))).all()) == 1
        assert not (await session.exec(select(GuestStay))).all()
