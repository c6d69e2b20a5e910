"""A bare number answers the buttons just shown, and only those."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, Seeded
from tests.support.wanted import SIGHTING, public_cards, sighted

CHECK_IN = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认")


async def test_a_number_picks_from_the_list_just_shown(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    assert "请选择退房的房间" in await owner_chat.say("退房")
    assert "302 房间 1 位旅客已办理退房" in await owner_chat.say("1")


async def test_a_reply_without_buttons_retires_the_old_list(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    await owner_chat.say("退房")
    assert "在住旅客共 1 人" in await owner_chat.say("在住旅客")  # no buttons
    assert "已办理退房" not in await owner_chat.say("1")
    assert "在住旅客共 1 人" in await owner_chat.say("在住旅客")


async def test_pointing_back_to_the_list_keeps_it(owner_chat: Chat) -> None:
    await owner_chat.say_all(*CHECK_IN)
    await owner_chat.say("退房")
    assert "请点选上面的选项" in await owner_chat.say("zzz")
    assert "已办理退房" in await owner_chat.say("1")


async def test_a_title_typed_without_its_details_or_in_part_presses_the_button(
    officer_chat: Chat,
) -> None:
    # 全所 reaches beyond the officer's beat: the draft asks a second 确认发送.
    await officer_chat.say_all("/通报 今晚有大风，请检查招牌", "现在发送", "跳过", "消防", "一般")
    draft = await officer_chat.say_all("全所", "确认")
    assert "将发送给 2 个对象" in draft and officer_chat.buttons()[0].startswith("/通报发送 1 #")
    sent = await officer_chat.say("确认发送")  # the button reads 确认发送（2）
    assert "通报#1正在发送给 2 个对象" in sent
    await officer_chat.say_all("/通报 明早停水，请提前储水", "现在发送", "跳过", "消防", "一般")
    await officer_chat.say_all("全所", "确认")
    assert "通报#2正在发送" in await officer_chat.say("确认")  # the only title it begins


async def test_go_ahead_words_press_the_one_button_that_goes_on(officer_chat: Chat) -> None:
    await officer_chat.say_all("/通报 今晚有大风，请检查招牌", "马上发", "跳过", "消防", "一般")
    draft = await officer_chat.say_all("全所", "确认")
    assert "（草稿）" in draft
    assert "通报#1正在发送" in await officer_chat.say("发吧")


async def test_go_ahead_said_with_punctuation_presses_it_too(officer_chat: Chat) -> None:
    """是的，发吧 at the draft got 请点选上面的选项."""
    await officer_chat.say_all(
        "/通报 测试通报，请忽略", "现在发送", "跳过", "治安", "一般", "全所", "确认"
    )
    assert "通报#1正在发送" in await officer_chat.say("是的，发吧")


async def test_a_number_picks_its_own_cards_option_among_several(
    resident_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """Three wanted cards, each with 「我见过此人」: 「2」 is the second card's (it got
    「请点选上面的选项（或回复序号 1）」: only the last card's option was remembered)."""
    shown = await public_cards(services, seeded)
    await resident_chat.say("协查通缉")
    assert "感谢您提供协查通缉" in await resident_chat.say("2")
    assert "举报已收到" in await resident_chat.say_all(*SIGHTING)
    assert await sighted(services) == shown[1]
    await resident_chat.say("协查通缉")
    await resident_chat.say_all("3", "在公交站看到他", *SIGHTING[1:])
    assert await sighted(services) == shown[2]


async def test_a_title_several_cards_share_is_not_guessed(
    resident_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """「我见过此人」 typed under three cards: which card is asked for by number (it was
    taken as the first card's, whoever the resident had seen)."""
    await public_cards(services, seeded)
    await resident_chat.say("协查通缉")
    answer = await resident_chat.say("我见过此人")
    assert "感谢您提供协查通缉" not in answer
    assert "回复序号 1–3" in answer
    assert "感谢您提供协查通缉" in await resident_chat.say("1")


async def test_a_number_answers_the_list_shown_after_a_forms_question(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """/自查 in the middle of a registration lists the places; 1 had gone to the
    registration's question (as a guest's name) instead of picking the first place."""
    await second_place(services, seeded, "枫林民宿")
    await owner_chat.say_all("登记", "1")  # the registration of the first place, started
    assert "请选择要自查的场所" in await owner_chat.say("/自查")
    assert "开始消防安全自查" in await owner_chat.say("1")


async def test_a_number_answers_the_forms_own_question_asked_after_a_list(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await second_place(services, seeded, "枫林民宿")
    await owner_chat.say_all("登记", "1", "王小明")
    assert "请输入证件号码" in await owner_chat.say("1")  # 居民身份证, the form's first choice


async def test_a_title_typed_with_a_plain_comma_or_no_space_presses_the_button(
    owner_chat: Chat,
) -> None:
    """是,房间住客306 for the button 是，房间住客 306 got the same question again."""
    offer = await owner_chat.say("306的客人再住一晚")
    assert "您是想用「续住 306 1天」" in offer
    assert "306 房间" in await owner_chat.say("是,续住306 1天")


@asynccontextmanager
async def memo_writes(services: Services) -> AsyncIterator[list[str]]:
    """The statements sent inside that write a user's memos."""
    async with services.sessions() as session:
        engine = (await session.connection()).engine.sync_engine
    written: list[str] = []

    def heard(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "user_memo" in statement and not statement.lstrip().upper().startswith("SELECT"):
            written.append(statement)

    event.listen(engine, "before_cursor_execute", heard)
    try:
        yield written
    finally:
        event.remove(engine, "before_cursor_execute", heard)


async def test_a_question_asked_again_keeps_its_options_unwritten(
    owner_chat: Chat, services: Services
) -> None:
    asked = await owner_chat.say_all("登记", "王小明", "护照", "E12345678")
    assert "请选择性别" in asked
    async with memo_writes(services) as written:
        again = await owner_chat.say("302")
    # The same two options, asked a moment ago: their count had been written again.
    assert "请选择性别" in again and written == []
    assert "请选择性别" not in await owner_chat.say("1")


async def test_a_plain_yes_presses_the_one_button_a_yes_question_offers(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """是的 and 是 under 要把这段话补充到您最近的举报…吗？是的话请点下面的按钮 got
    请点选上面的选项（或回复序号 1）: a yes to the question is its one button."""
    resident = Chat(dispatcher, "resident-1")
    await submit_tip(resident, "菜市场东门每天下午有人设赌局")
    for yes, detail in (("是的", "车把上挂着粉色小挂件"), ("是", "穿灰色外套"), ("嗯对", "戴帽子")):
        assert "补充到您最近的举报" in await resident.say(f"补充一下 {detail}")
        answer = await resident.say(yes)
        assert "已转告民警" in answer and "请点选上面的选项" not in answer, yes
        assert detail in (await texts_to(services, "officer"))[-1]


async def test_agreeing_words_take_a_feature_offer(landlord_chat: Chat) -> None:
    """嗯对 under 您是想用「租客」吗？ got 请点选上面的选项, and 嗯嗯 好的。上面的选项仍可点选.
    (好的 itself presses nothing: it also acknowledges an alert come since; see
    tests/handlers/test_questions.py.)"""
    for yes in ("嗯对", "嗯嗯", "可以"):
        assert "您是想用「租客」" in await landlord_chat.say("租可")
        answer = await landlord_chat.say(yes)
        assert "目前没有在租租客" in answer and "选项" not in answer, yes


async def test_a_yes_under_buttons_that_ask_no_yes_question_presses_none(
    owner_chat: Chat, resident_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """A list (which room) or a card's one button (我见过此人) is not a question a yes
    answers: 好的 leaves them on screen."""
    await owner_chat.say_all(*CHECK_IN)
    await owner_chat.say("退房")
    assert "上面的选项仍可点选" in await owner_chat.say("好的")
    assert "已办理退房" in await owner_chat.say("1")
    await public_cards(services, seeded)
    await resident_chat.say("协查通缉")
    assert "感谢您提供协查通缉" not in await resident_chat.say("好的")
