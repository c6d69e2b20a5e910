"""An officer saying a wanted person was caught (甲某某抓到了, TJ-0001已抓获) is offered the
card's 抓获: the card had stayed 在逃, and nothing suggested marking it."""

from __future__ import annotations

from bot.context import Services
from storage.models import WantedStatus
from tests.handlers.wanted.support import enter_person, wanted_named
from tests.support.chat import Chat
from tests.support.seed import WANTED_NAME, Seeded


async def test_the_name_said_caught_offers_the_card_marked_caught(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    card = f"TJ-{seeded.wanted.id:04d}"
    offer = await officer_chat.say(f"{WANTED_NAME}抓到了")
    assert f"{card} {WANTED_NAME} 在通缉列表中仍为在逃" in offer
    mark, view = officer_chat.buttons()
    assert mark == f"/通缉 抓获 {seeded.wanted.id}" and view == f"/通缉 {seeded.wanted.id}"
    # Offered, not done: the words alone close nothing.
    assert (await wanted_named(services, WANTED_NAME)).status is WantedStatus.ACTIVE
    assert "确认将" in await officer_chat.say(mark)  # the card's own question, as its button
    [confirm] = officer_chat.buttons()
    assert f"{card} {WANTED_NAME} 已标记为已抓获" in await officer_chat.say(confirm)
    assert (await wanted_named(services, WANTED_NAME)).status is WantedStatus.CAPTURED


async def test_the_card_said_caught_by_name_or_number_offers_its_capture(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """TJ-0001已抓获 had been offered the card (/通缉 TJ-0001), 甲某某已抓获 the list."""
    card = f"TJ-{seeded.wanted.id:04d}"
    for said in (f"{card}已抓获", f"{card.lower()} 人已经抓到了", f"{WANTED_NAME}已抓获"):
        offer = await officer_chat.say(said)
        assert "抓获" in offer, said
        assert officer_chat.buttons()[0] == f"/通缉 抓获 {seeded.wanted.id}", said


async def test_an_alias_said_caught_offers_its_card(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await enter_person(officer_chat)  # 乙某某, also called 阿乙 and 小乙
    wanted = await wanted_named(services, "乙某某")
    assert "乙某某 在通缉列表中仍为在逃" in await officer_chat.say("阿乙昨晚在车站落网了")
    assert officer_chat.buttons()[0] == f"/通缉 抓获 {wanted.id} 在车站"


async def test_the_place_said_with_the_capture_is_its_note(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """人抓到了 甲某某 在枫林民宿抓的: the capture was offered, and 在枫林民宿 lost."""
    offer = await officer_chat.say(f"人抓到了 {WANTED_NAME} 在枫林民宿抓的")
    assert "在枫林民宿" in offer
    mark = officer_chat.buttons()[0]
    assert mark == f"/通缉 抓获 {seeded.wanted.id} 在枫林民宿"
    assert "已标记为已抓获" in await officer_chat.say(mark)
    closed = await wanted_named(services, WANTED_NAME)
    assert closed.status is WantedStatus.CAPTURED and closed.closed_note == "在枫林民宿"


async def test_what_is_not_a_capture_offers_none(officer_chat: Chat, seeded: Seeded) -> None:
    for said in (f"{WANTED_NAME}抓到了吗", f"{WANTED_NAME}还没抓到", "人抓到了"):
        await officer_chat.say(said)
        assert not any(b.startswith("/通缉 抓获") for b in officer_chat.buttons()), said


async def test_others_saying_it_learn_nothing_of_the_list(
    owner_chat: Chat, resident_chat: Chat, seeded: Seeded
) -> None:
    """The wanted list never reaches non-officers: a name said caught is no way to ask it."""
    card = f"TJ-{seeded.wanted.id:04d}"
    for chat in (owner_chat, resident_chat):
        for said in (f"{WANTED_NAME}抓到了", f"{card}已抓获"):
            reply = await chat.say(said)
            assert card not in reply and "在逃" not in reply, said
            assert not any("通缉" in b for b in chat.buttons()), said
