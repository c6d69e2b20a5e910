"""`/群绑定码` and `/绑定群`: binding a group chat to a beat and venue kind."""

from __future__ import annotations

import re

import pytest
from aiohttp import web
from pytest_aiohttp import AiohttpClient

from bot.channels.rest import RestChannel
from bot.channels.telegram.channel import TelegramChannel
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Inbound, Reply
from handlers import groups
from handlers.services.groups import groups_for
from storage.models import Account, ChatGroup, Venue, VenueKind, VenueOwner
from tests.support.chat import Chat, text_of
from tests.support.seed import Seeded
from tests.support.web_chat import web_token

CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")


@pytest.fixture
def with_groups(dispatcher: Dispatcher) -> Dispatcher:
    """Until `bot.assembly` includes the groups router."""
    if not any(route.name == "bind_group" for route in dispatcher.router.routes):
        dispatcher.router.include(groups.router)
    return dispatcher


async def in_group(dispatcher: Dispatcher, sender: str, text: str, chat: str = "g-1") -> str:
    inbound = Inbound("test", chat, sender, text, chat_type=ChatType.GROUP)
    replies: list[Reply] = await dispatcher.dispatch(inbound)
    return "\n".join(text_of(r) for r in replies)


async def test_officer_binds_a_group_to_hotels_of_the_beat(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    officer = Chat(with_groups, "officer")
    made = CODE.search(await officer.say("/群绑定码 旅馆"))
    assert made is not None
    answer = await in_group(with_groups, "officer", f"/绑定群 {made.group()}")
    assert "本群已绑定：一号警务区 · 旅馆" in answer
    again = await in_group(with_groups, "officer", f"/绑定群 {made.group()}", chat="g-2")
    assert "已被使用" in again
    async with with_groups.services.sessions() as session:
        assert seeded.beat.id is not None
        hotels = await groups_for(session, seeded.beat.id, VenueKind.HOTEL)
        shops = await groups_for(session, seeded.beat.id, VenueKind.SHOP)
    assert [(g.chat_id, g.venue_kind) for g in hotels] == [("g-1", VenueKind.HOTEL)]
    assert shops == []


async def test_owner_binds_a_group_to_their_venue(with_groups: Dispatcher, seeded: Seeded) -> None:
    made = CODE.search(await Chat(with_groups, "owner").say("/群绑定码"))
    assert made is not None
    assert "旅馆" in await in_group(with_groups, "owner", f"/绑定群 {made.group()}")
    async with with_groups.services.sessions() as session:
        group = await session.get(ChatGroup, 1)
    assert group is not None and group.venue_id == seeded.hotel.id


async def test_binding_needs_a_group_a_valid_code_and_a_bound_sender(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    assert "请在要绑定的群里发送" in await Chat(with_groups, "officer").say("/绑定群 ABCD-EFGH")
    assert "绑定码不正确" in await in_group(with_groups, "officer", "/绑定群 ABCD-EFGH")
    assert "场所负责人" in await in_group(with_groups, "stranger", "/绑定群 ABCD-EFGH")


async def test_unknown_kind(with_groups: Dispatcher, seeded: Seeded) -> None:
    assert "不认识该场所类型" in await Chat(with_groups, "officer").say("/群绑定码 酒吧")


async def test_an_owner_of_two_places_picks_one_and_the_group_is_told_which(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    """An owner of two places got 请指定场所名称 and had to type its full name exactly; the
    group bound to 平安旅馆 was told 一号警务区 · 旅馆, as if it were every hotel's."""
    async with with_groups.services.sessions() as session:
        second = Venue(kind=VenueKind.HOMESTAY, name="河畔民宿", beat_id=seeded.beat.id)
        session.add(second)
        await session.flush()
        assert second.id is not None and seeded.owner.id is not None
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=second.id))
        await session.commit()
    owner = Chat(with_groups, "owner")
    assert "请选择要绑定群的场所" in await owner.say("/群绑定码")
    assert owner.buttons() == ["/群绑定码 1", "/群绑定码 2"]
    made = CODE.search(await owner.say("/群绑定码 平安"))
    assert made is not None
    answer = await in_group(with_groups, "owner", f"/绑定群 {made.group()}")
    assert "本群已绑定：平安旅馆（一号警务区 · 旅馆）" in answer
    assert CODE.search(await owner.say("/群绑定码 2")) is not None


async def test_an_officer_names_the_kind_as_people_say_it(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    made = CODE.search(await Chat(with_groups, "officer").say("/群绑定码 出租房"))
    assert made is not None
    answer = await in_group(with_groups, "officer", f"/绑定群 {made.group()}")
    assert "本群已绑定：一号警务区 · 出租屋" in answer


async def _on_the_web(dispatcher: Dispatcher, seeded: Seeded) -> tuple[Chat, Chat]:
    """The seeded officer and hotel owner, bound on the web chat too, which the server runs
    (as `bot.app` tells the handlers)."""
    dispatcher.services.channels.setdefault(RestChannel.name, RestChannel.facts)
    async with dispatcher.services.sessions() as session:
        for person, sender in ((seeded.officer, "officer"), (seeded.owner, "owner")):
            assert person.id is not None
            session.add(Account(channel="web", channel_user_id=sender, person_id=person.id))
        await session.commit()
    return Chat(dispatcher, "officer", channel="web"), Chat(dispatcher, "owner", channel="web")


async def test_the_web_chat_says_where_a_group_can_be_bound_and_help_leaves_it_out(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    """The web chat is always private: /绑定群 there had said 请在要绑定的群里发送, and help
    offered /绑定群 and /群绑定码, with no group to send them in."""
    officer, owner = await _on_the_web(with_groups, seeded)
    answer = await officer.say("/绑定群 ABCD-EFGH")
    assert answer.startswith("网页版不能绑定群") and "jingmin group add" in answer
    # No channel of this station reads groups: a code would lead nowhere.
    made = await owner.say("/群绑定码")
    assert CODE.search(made) is None and "网页版不能绑定群" in made and "社区民警" in made
    for chat in (officer, owner):
        everything = await chat.say("帮助 全部")
        assert "/绑定群" not in everything and "/群绑定码" not in everything
    # Where groups are read (the test channel stands for Telegram), help still has both.
    assert "/绑定群" in await Chat(with_groups, "officer").say("帮助 绑定")


async def test_with_telegram_the_web_chat_sends_the_code_to_a_telegram_group(
    with_groups: Dispatcher, seeded: Seeded
) -> None:
    with_groups.services.channels[TelegramChannel.name] = TelegramChannel.facts
    officer, _owner = await _on_the_web(with_groups, seeded)
    assert "请把机器人拉进 Telegram 群" in await officer.say("/绑定群 ABCD-EFGH")
    made = await officer.say("/群绑定码")
    assert CODE.search(made) is not None and "请把机器人拉进 Telegram 群" in made
    everything = await officer.say("帮助 全部")
    assert "/群绑定码" in everything and "/绑定群" not in everything


async def test_a_code_names_what_it_binds(with_groups: Dispatcher, seeded: Seeded) -> None:
    """An officer's /群绑定码 小网吧 had not said which beat and kind its code was for."""
    officer = Chat(with_groups, "officer")
    assert "（用于一号警务区 · 小网吧）" in await officer.say("/群绑定码 小网吧")
    assert "（用于一号警务区 · 全部场所）" in await officer.say("/群绑定码")
    assert "（用于平安旅馆）" in await Chat(with_groups, "owner").say("/群绑定码")


async def test_the_server_tells_the_handlers_its_web_chat_reads_no_groups(
    app: web.Application, app_seeded: Seeded, aiohttp_client: AiohttpClient
) -> None:
    """Over the real server: the web chat says of itself that it is 网页版 and reads no group,
    and no channel of this station does (the handler had known it by a list of names)."""
    client = await aiohttp_client(app)

    async def say(text: str) -> str:
        body = {"sender": web_token(app, "officer"), "message": text}
        response = await client.post("/webhooks/rest/webhook", json=body)
        return "\n".join(item.get("text", "") for item in await response.json())

    answer = await say("/绑定群 ABCD-EFGH")
    assert answer.startswith("网页版不能绑定群，本所也没有开通能进群的机器人")
    assert CODE.search(await say("/群绑定码")) is None
