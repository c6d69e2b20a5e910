"""An internal card never reaches a resident, an owner or a group, whatever the command:
every reply and every queued message is checked, not only the expected refusals."""

from __future__ import annotations

import pytest

from bot import codec
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Image, Inbound, Reply
from handlers.wanted.access import NotForThisChat, check_may_receive
from storage.models import Person, Role, Visibility
from tests.handlers.wanted.support import enter_person, wanted_named
from tests.support.chat import Chat, text_of
from tests.support.outbox import opened, queued
from tests.support.seed import Seeded

ATTEMPTS = (
    "/通缉",
    "/通缉 {id}",
    "/通缉 {id} 锁屏",
    "/通缉 列表",
    "/通缉 新增",
    "/通缉 修改 {id}",
    "/通缉 发布 {id}",
    "/通缉 记录 {id}",
    "/wanted {id}",
    "/命中",
    "/举报 在逃 {id}",
    "通缉",
    "在逃人员 {id}",
)


def _pictures(replies: list[Reply]) -> list[Image]:
    return [r for r in replies if isinstance(r, Image)]


async def test_non_officers_and_groups_never_see_an_internal_card(
    officer_chat: Chat, dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await enter_person(officer_chat)  # internal
    wanted = await wanted_named(services, "乙某某")
    outsiders = [
        Chat(dispatcher, "owner"),
        Chat(dispatcher, "landlord"),
        Chat(dispatcher, "resident-1"),
        # The officer himself, but in a group: anyone may be reading there.
        Chat(dispatcher, "officer", chat_type=ChatType.GROUP),
    ]
    for chat in outsiders:
        for attempt in ATTEMPTS:
            replies = await chat.send(attempt.format(id=wanted.id))
            assert _pictures(replies) == [], (chat.sender, attempt)
            text = "\n".join(text_of(r) for r in replies)
            assert "乙某某" not in text and "诈骗" not in text, (chat.sender, attempt, text)
        await chat.send("取消")
    officer_chats = {"officer"}
    for row in await queued(services):
        if any(isinstance(r, Image) for r in codec.loads(opened(row))):
            assert row.chat_id in officer_chats | {"officer-2"}, row.chat_id


async def test_group_officer_is_told_to_use_a_private_chat(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    group = Chat(dispatcher, "officer", chat_type=ChatType.GROUP)
    assert "私聊" in await group.say("/通缉")


async def test_the_rule_itself_refuses_internal_cards_outside_private_officer_chats(
    seeded: Seeded,
) -> None:
    internal = seeded.wanted
    officer = Person(id=1, role=Role.OFFICER)
    for person, chat_type in (
        (Person(id=2, role=Role.RESIDENT), ChatType.PRIVATE),
        (Person(id=3, role=Role.OWNER), ChatType.PRIVATE),
        (officer, ChatType.GROUP),
    ):
        with pytest.raises(NotForThisChat):
            check_may_receive(person, chat_type, internal)
    check_may_receive(officer, ChatType.PRIVATE, internal)
    public = internal.model_copy(update={"visibility": Visibility.PUBLIC})
    check_may_receive(Person(id=2, role=Role.RESIDENT), ChatType.GROUP, public)


async def test_publishing_an_internal_card_is_refused(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    answer = await officer_chat.say(f"/通缉 发布 {wanted.id}")
    assert "内部通缉，不能向场所和群众发布" in answer
    assert await officer_chat.say("取消") is not None


async def test_inbound_from_unknown_channel_users_gets_no_card(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    inbound = Inbound("web", "someone", "someone", f"/通缉 {seeded.wanted.id}")
    replies = await dispatcher.dispatch(inbound)
    assert _pictures(replies) == []


async def test_another_stations_officer_does_not_see_our_internal_card(
    officer_chat: Chat, dispatcher: Dispatcher, services: Services
) -> None:
    from tests.support.people import add_stranger_officer

    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    replies = await stranger.send(f"/通缉 {wanted.id}")
    assert _pictures(replies) == [] and "没有编号" in text_of(replies[0])
    assert "乙某某" not in await stranger.say("/通缉")
    assert await queued(services, "stranger") == []  # nor was it pushed to them
