"""Form expiry notices and the retention purge."""

from __future__ import annotations

import json

from sqlmodel import select, update

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from scheduler.jobs.form_expiry import expire_forms
from scheduler.jobs.retention import purge_expired
from storage.models import (
    FormState,
    GuestStay,
    OutboxMessage,
    OutboxStatus,
    Question,
    Tip,
    TipMessage,
    TipSource,
    UserMemo,
    WantedPerson,
)
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import media_store, stored_photo
from tests.support.outbox import opened
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded


async def test_expired_form_gets_a_notice_once(
    owner_chat: Chat, services: Services, clock: FakeClock, dispatcher: Dispatcher
) -> None:
    await owner_chat.say_all("登记", "王小明")
    titles = dispatcher.forms.titles()
    clock.advance(hours=23, minutes=59)  # kept a day: one left to fetch a document
    assert await expire_forms(services, titles) == 0
    clock.advance(minutes=2)
    assert await expire_forms(services, titles) == 1
    assert await expire_forms(services, titles) == 0
    async with services.sessions() as session:
        notices = (await session.exec(select(OutboxMessage))).all()
        assert (await session.exec(select(FormState))).first() is None
    assert len(notices) == 1 and notices[0].chat_id == "owner"
    assert "旅客登记已超过1天未操作" in opened(notices[0])


async def test_purge_removes_old_registrations_only(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    await owner_chat.say("退房 302")
    await owner_chat.say_all(
        "登记",
        "李四",
        "护照",
        "E7654321",
        "男",
        "1980-01-01",
        "美国",
        "跳过",
        "303",
        "现在",
        "跳过",
        "确认",
    )
    clock.advance(days=181)
    assert await purge_expired(services) == 1  # the checked-out stay; 303 is still in the house
    async with services.sessions() as session:
        rooms = [s.room for s in (await session.exec(select(GuestStay))).all()]
    assert rooms == ["303"]
    clock.advance(days=31)
    assert await purge_expired(services) == 1  # a stay never checked out is not kept forever


async def test_purge_removes_closed_tips_and_answered_questions_a_year_on(
    dispatcher: Dispatcher, services: Services, clock: FakeClock, owner_chat: Chat
) -> None:
    officer = Chat(dispatcher, "officer")
    await submit_tip(Chat(dispatcher, "resident-1"), "仓库里每晚有人聚赌")
    await submit_tip(Chat(dispatcher, "resident-2"), "网吧里有未成年人通宵上网")
    await officer.say("/线索状态 1 已处理 已查处")
    await owner_chat.say("问民警 消防检查明天几点来？")
    await owner_chat.say("转给民警")
    await officer.say("/答复 1 上午十点")
    clock.advance(days=366)
    assert await purge_expired(services) == 2  # the closed tip and the answered question
    async with services.sessions() as session:
        assert [t.id for t in (await session.exec(select(Tip))).all()] == [2]  # still open
        assert [m.tip_id for m in (await session.exec(select(TipSource))).all()] == [2]
        assert (await session.exec(select(TipMessage))).all() == []
        assert (await session.exec(select(Question))).all() == []
        assert (await session.exec(select(UserMemo))).all() == []
    assert "没有找到" in await Chat(dispatcher, "officer").say("/线索 1")


async def test_purge_removes_a_withdrawn_tip_a_year_on(
    dispatcher: Dispatcher, services: Services, clock: FakeClock, seeded: Seeded
) -> None:
    """A tip its tipster took back is closed like a handled one: kept a year, not for ever."""
    resident = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(resident, "菜市场东门每天下午有人设赌局"))
    assert "已撤回" in await resident.say(f"撤销 {code}")
    clock.advance(days=366)
    assert await purge_expired(services) == 1
    async with services.sessions() as session:
        assert (await session.exec(select(Tip))).all() == []


async def test_purge_deletes_a_purged_tips_photo_unless_something_else_shows_it(
    dispatcher: Dispatcher,
    services: Services,
    clock: FakeClock,
    settings: Settings,
    seeded: Seeded,
) -> None:
    store = media_store(settings)
    alone, shared = stored_photo(settings, "red"), stored_photo(settings, "blue")
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "仓库里每晚有人聚赌，好几个人", "涉赌")
    await resident.photo(alone)
    await resident.photo(shared)
    await resident.say_all("完成", "跳过", "跳过", "匿名提交", "确认")
    async with services.sessions() as session:
        [kept] = (await session.exec(select(Tip))).all()
        photos = json.loads(kept.photos)
        session.add(WantedPerson(name="某人", name_idx="x", photos=json.dumps([photos[1]])))
        await session.commit()
    await Chat(dispatcher, "officer").say("/线索状态 1 已处理 已查处")
    clock.advance(days=366)
    assert await purge_expired(services) == 1
    assert not store.path(photos[0]).exists()  # only the tip showed it
    assert store.path(photos[1]).exists()  # a wanted card shows it too


async def test_purge_deletes_a_purged_questions_photo_unless_something_else_shows_it(
    dispatcher: Dispatcher,
    services: Services,
    clock: FakeClock,
    settings: Settings,
    seeded: Seeded,
) -> None:
    """A question's photos are kept with it, and go with it: the purge had deleted the
    question and left its photos in the media store for good."""
    store = media_store(settings)
    owner = RichChat(dispatcher, "owner")
    await owner.say("问民警")
    await owner.photo(stored_photo(settings, "red"))
    await owner.photo(stored_photo(settings, "blue"), "门口这个灭火器还能用吗")
    await owner.say("确认")
    async with services.sessions() as session:
        [kept] = (await session.exec(select(Question))).all()
        photos = json.loads(kept.photos)
        session.add(WantedPerson(name="某人", name_idx="x", photos=json.dumps([photos[1]])))
        # The question went to the officer with its photos long ago: a message still to
        # send would keep them (it shows them when it goes out).
        await session.exec(update(OutboxMessage).values(status=OutboxStatus.SENT))
        await session.commit()
    assert all(store.path(sha256).exists() for sha256 in photos)
    clock.advance(days=366)
    assert await purge_expired(services) == 1
    async with services.sessions() as session:
        assert (await session.exec(select(Question))).all() == []
    assert not store.path(photos[0]).exists()  # only the question showed it
    assert store.path(photos[1]).exists()  # a wanted card shows it too
