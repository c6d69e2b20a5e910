"""Groups: learned when the bot is added, followed when Telegram upgrades them."""

from __future__ import annotations

from aiohttp import web
from sqlmodel import select

from bot.app import DELIVERY, SERVICES
from bot.messages import Text
from storage.models import Account, ChatGroup, OutboxMessage, Person
from storage.outbox import enqueue
from tests.bot.channels.telegram.support import (
    OFFICER,
    OWNER,
    RESIDENT,
    Conversation,
    Telegram,
    group_chat,
)
from tests.support.seed import Seeded

OLD, NEW = -4001, -1004001


async def _groups(app: web.Application) -> list[ChatGroup]:
    async with app[SERVICES].sessions() as session:
        return list((await session.exec(select(ChatGroup))).all())


async def _add_bot(tg: Telegram, chat_id: int = OLD) -> None:
    await tg.deliver(tg.updates.member_change(OWNER, group_chat(chat_id), "left", "member"))


async def test_bot_added_to_group_learns_it_once(tg: Telegram, app: web.Application) -> None:
    await _add_bot(tg)
    [group] = await _groups(app)
    assert (group.channel, group.chat_id, group.name) == ("telegram", str(OLD), "平安旅馆群")
    assert "警民通" in tg.api.texts_to(OLD)[0]  # a greeting, once
    # Promoted to admin, then renamed: still one row, greeted once.
    promoted = group_chat(OLD, title="平安旅馆工作群")
    await tg.deliver(tg.updates.member_change(OWNER, promoted, "member", "administrator"))
    [group] = await _groups(app)
    assert group.name == "平安旅馆工作群" and len(tg.api.sent_to(OLD)) == 1


async def test_removal_keeps_the_group_and_private_changes_are_ignored(
    tg: Telegram, app: web.Application
) -> None:
    await _add_bot(tg)
    await tg.deliver(tg.updates.member_change(OWNER, group_chat(OLD), "member", "kicked"))
    assert len(await _groups(app)) == 1  # an officer's links to it survive a re-add
    # A user blocking the bot in private is a my_chat_member update too.
    await tg.deliver(tg.updates.member_change(OWNER, OWNER.private_chat(), "member", "kicked"))
    assert len(await _groups(app)) == 1


async def test_migration_to_supergroup_moves_everything(tg: Telegram, app: web.Application) -> None:
    await _add_bot(tg)
    services = app[SERVICES]
    async with services.sessions() as session:
        group = (await session.exec(select(ChatGroup))).one()
        group.beat_id = None
        # An anonymous admin speaks as the group itself: its account is keyed by the chat id.
        person = Person(display_name="匿名管理员")
        session.add(person)
        await session.flush()
        assert person.id is not None
        session.add(Account(channel="telegram", channel_user_id=str(OLD), person_id=person.id))
        enqueue(
            session,
            dedupe_key="daily-alert->group",
            channel="telegram",
            chat_id=str(OLD),
            replies=[Text("今日警情通报")],
            now=services.clock(),
        )
        await session.commit()
    # Telegram reports the upgrade in both chats; handling both is harmless.
    old_chat = group_chat(OLD)
    await tg.deliver(tg.updates.message(OWNER, old_chat, migrate_to_chat_id=NEW))
    new_chat = group_chat(NEW, kind="supergroup")
    await tg.deliver(tg.updates.message(OWNER, new_chat, migrate_from_chat_id=OLD))
    [group] = await _groups(app)
    assert group.chat_id == str(NEW)
    async with services.sessions() as session:
        account = (await session.exec(select(Account).where(Account.person_id == person.id))).one()
        row = (await session.exec(select(OutboxMessage))).one()
    assert account.channel_user_id == str(NEW) and row.chat_id == str(NEW)
    await app[DELIVERY].run_once()
    assert tg.api.texts_to(NEW) == ["今日警情通报"]
    assert len(tg.api.sent_to(OLD)) == 1  # only the greeting, before the upgrade


async def test_send_to_upgraded_group_follows_it(tg: Telegram, app: web.Application) -> None:
    """Telegram refuses the old id with migrate_to_chat_id; we move and send there."""
    await _add_bot(tg)
    tg.api.migrated[OLD] = NEW
    await tg.channel.send(str(OLD), [Text("通报")])
    assert tg.api.texts_to(NEW) == ["通报"]
    [group] = await _groups(app)
    assert group.chat_id == str(NEW)


async def test_service_messages_in_groups_get_no_answer(tg: Telegram, app: web.Application) -> None:
    await _add_bot(tg)
    joined = tg.updates.message(OFFICER, group_chat(OLD), new_chat_members=[OFFICER.json()])
    await tg.deliver(joined)
    assert len(tg.api.sent_to(OLD)) == 1  # the greeting only
    async with app[SERVICES].sessions() as session:
        assert (await session.exec(select(OutboxMessage))).all() == []


async def test_anonymous_admin_is_heard_and_other_bots_are_not(
    tg: Telegram, app: web.Application
) -> None:
    chat = group_chat(NEW, kind="supergroup")
    anonymous = {
        "id": 1087968824,
        "is_bot": True,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    }
    update = tg.updates.text(OWNER, "/help", chat)
    update["message"] |= {"from": anonymous, "sender_chat": chat}
    await tg.deliver(update)
    assert len(tg.api.sent_to(NEW)) == 1
    async with app[SERVICES].sessions() as session:
        account = (await session.exec(select(Account))).one()
    assert account.channel_user_id == str(NEW)  # the admin speaks as the group
    other_bot = tg.updates.text(OWNER, "/help", chat)
    other_bot["message"]["from"] = {"id": 999, "is_bot": True, "first_name": "别的机器人"}
    forwarded = tg.updates.text(OWNER, "/help", chat)
    forwarded["message"] |= {"sender_chat": {"id": -1009, "type": "channel", "title": "频道"}}
    forwarded["message"]["is_automatic_forward"] = True
    await tg.deliver(other_bot)
    await tg.deliver(forwarded)
    assert len(tg.api.sent_to(NEW)) == 1


async def test_blocking_the_bot_in_private_ends_the_alert_subscription(
    tg: Telegram, tg_seeded: Seeded
) -> None:
    """A user who blocked the bot had stayed subscribed: alerts queued to them, counted in
    the officer's 订阅群众 N 人. Blocking ends it, as unfollowing on WeChat does."""
    resident = Conversation(tg, RESIDENT)
    assert "已订阅「一号警务区」" in await resident.say("/订阅 一号警务区")
    blocked = tg.updates.member_change(RESIDENT, RESIDENT.private_chat(), "member", "kicked")
    before = len(tg.api.sent_to(RESIDENT.id))
    await tg.deliver(blocked)
    assert len(tg.api.sent_to(RESIDENT.id)) == before  # nothing can reach them
    assert "您没有订阅警情提示" in await resident.say("/退订")
