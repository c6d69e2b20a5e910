"""「协查通缉」: residents see the public notices of people still sought, never an internal card."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.wanted.support import enter_person, images, wanted_named
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_a_resident_sees_public_notices_and_can_report_a_sighting(
    dispatcher: Dispatcher, officer_chat: Chat, resident_chat: Chat, services: Services
) -> None:
    """协查通缉 got 没有理解, and /通缉 is the officers': a resident who lost the notice had
    no way to see it again."""
    await enter_person(officer_chat, name="乙某某", visibility="公开")
    await enter_person(officer_chat, name="丙某某", visibility="内部", doc_no="")
    listed = await resident_chat.send("协查通缉")
    text = "\n".join(getattr(r, "text", "") for r in listed)
    assert "乙某某" in text and "丙某某" not in text  # the internal card stays internal
    assert len(images(listed)) == 1
    wanted = await wanted_named(services, "乙某某")
    assert resident_chat.buttons() == [f"/举报 在逃 {wanted.id}"]
    started = await resident_chat.say(resident_chat.buttons()[0])
    # The sighting form, naming the person as the card does: the resident sees whom it is for.
    assert f"感谢您提供协查通缉 乙某某（TJ-{wanted.id:04d}）的线索" in started


async def test_none_public_says_so_and_everyday_words_find_it(
    resident_chat: Chat, seeded: Seeded
) -> None:
    assert "目前没有公开的协查通缉" in await resident_chat.say("/协查通缉")
    # Asked in words, the list is shown: 您是想用「协查通缉」吗？ had been a tap to read it.
    assert "目前没有公开的协查通缉" in await resident_chat.say("最近有没有通缉犯")


async def test_a_residents_tongji_is_the_public_list(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    """通缉 alone, the officers' command word, got a resident 没有理解."""
    await enter_person(officer_chat, name="乙某某", visibility="公开")
    assert "乙某某" in await resident_chat.say("通缉")
    assert "在逃人员（共" in await officer_chat.say("通缉")  # officers keep their list


async def test_an_officer_asking_for_the_public_notices_is_told_their_own_way(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """An officer's 协查通缉 got the owners' 「请向社区民警索取邀请码」: they are shown
    /通缉, which lists the public notices with the internal ones."""
    for said in ("协查通缉", "/协查通缉"):
        reply = await officer_chat.say(said)
        assert "「/通缉」" in reply
        assert "邀请码" not in reply
    # Still not in the officers' help: /通缉 is theirs.
    assert "协查通缉" not in await officer_chat.say("帮助 全部")
