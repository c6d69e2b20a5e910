"""An officer's 回复 N, where 线索 #N and 提问 #N both exist, or the tip is closed."""

from __future__ import annotations

from bot.context import Services
from storage.models import Venue, VenueKind, VenueOwner
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded

ANSWER = "城东路五金店就有，周三前换好拍照发自查就行"


async def test_a_bare_number_that_may_be_a_tip_or_a_question_is_asked_about(
    officer_chat: Chat, owner_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    """回复 1 meant for the hotel's 提问 #1 had gone to the tipster of 线索 #1, closed."""
    await submit_tip(resident_chat, "楼下棋牌室每晚聚众赌博")
    assert "提问编号 #1" in await owner_chat.say("问民警 灭火器过期了去哪里换")
    await officer_chat.say("/线索状态 1 已处理 已查处")
    told_before = len(await texts_to(services, "resident-1"))

    asked = await officer_chat.say(f"回复 1 {ANSWER}")
    assert "可能指下面两件事" in asked
    assert "线索 #1（已处理）" in asked and "提问 #1 平安旅馆：灭火器过期了去哪里换" in asked
    tip_button, question_button = officer_chat.buttons()
    assert tip_button == f"/回复 线索1 仍转告 {ANSWER}"
    assert question_button == f"/答复 1 {ANSWER}"
    # Nothing went anywhere before the pick.
    assert len(await texts_to(services, "resident-1")) == told_before
    assert not [t for t in await texts_to(services, "owner") if "答复您的提问" in t]

    assert "已答复提问 #1" in await officer_chat.say(question_button)
    [answer] = [t for t in await texts_to(services, "owner") if "答复您的提问" in t]
    assert ANSWER in answer
    assert len(await texts_to(services, "resident-1")) == told_before


async def test_a_closed_tip_is_written_to_only_when_confirmed(
    officer_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    await submit_tip(resident_chat, "楼下棋牌室每晚聚众赌博")
    await officer_chat.say("/线索状态 1 已处理 已查处")
    told_before = len(await texts_to(services, "resident-1"))

    warned = await officer_chat.say("/回复 线索1 谢谢您的支持")
    assert "线索 #1 已「已处理」" in warned and "确定仍要转告吗" in warned
    assert len(await texts_to(services, "resident-1")) == told_before
    [confirm] = officer_chat.buttons()
    assert "已以派出所名义转告" in await officer_chat.say(confirm)
    assert "谢谢您的支持" in (await texts_to(services, "resident-1"))[-1]


async def test_the_unambiguous_forms_go_at_once(
    officer_chat: Chat, owner_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    await submit_tip(resident_chat, "楼下棋牌室每晚聚众赌博")
    await owner_chat.say("问民警 灭火器过期了去哪里换")
    assert "已以派出所名义转告" in await officer_chat.say("回复 线索1 大概几点开始？")
    assert "大概几点开始？" in (await texts_to(services, "resident-1"))[-1]
    assert "已答复提问 #1" in await officer_chat.say(f"回复 提问1 {ANSWER}")
    # An open tip and an answered question: 回复 1 is the tip, as before.
    assert "已以派出所名义转告" in await officer_chat.say("回复 1 有几个人？")
    # The tip's own buttons say which.
    detail = await officer_chat.say("/线索 1")
    assert "/回复 线索1 内容" in detail and "/回复 线索1" in officer_chat.buttons()


async def test_an_owners_question_naming_none_of_their_places_is_theirs_not_a_residents(
    officer_chat: Chat, owner_chat: Chat, resident_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """An owner of two places asked without naming either: 回复 1 offered 「提问 #1 群众」,
    as if a resident had asked, while the notice and /答复 named both places."""
    async with services.sessions() as session:
        second = Venue(
            kind=VenueKind.HOMESTAY,
            name="枫林民宿",
            address="和平路9号",
            beat_id=seeded.beat.id or 0,
        )
        session.add(second)
        await session.flush()
        assert seeded.owner.id is not None and second.id is not None
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=second.id))
        await session.commit()
    await submit_tip(resident_chat, "楼下棋牌室每晚聚众赌博")
    await owner_chat.say("问民警 下周一我不在店里")
    assert "平安旅馆、枫林民宿：下周一我不在店里" in await officer_chat.say("/答复")

    asked = await officer_chat.say("回复 1 好的")
    assert "提问 #1 平安旅馆、枫林民宿：下周一我不在店里" in asked, asked
    assert "群众" not in asked
    assert officer_chat.buttons()[1] == "/答复 1 好的"


async def test_a_closed_question_is_said_to_be_closed_not_answered(
    officer_chat: Chat, landlord_chat: Chat
) -> None:
    """/答复 2 关闭, then 回复 2 …: the officer read 「提问 #2（已答复过）」, for a question
    nobody had answered."""
    await landlord_chat.say("问民警 租客的居住证怎么办")
    await officer_chat.say("/答复 1 关闭")
    asked = await officer_chat.say("回复 1 带租房合同来办")
    assert "提问 #1（已关闭） 和平里5号：租客的居住证怎么办" in asked, asked
    assert "已答复过" not in asked
