"""Identity: the sender and their open form read in one statement, and never stale.

The form row read with the sender stands for the message's later loads only while nothing
has been written since; a form another process changed between two messages is seen. What
a handler changes in the sender is written, and what changed elsewhere is seen by the next
message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete, event, update
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import col, select

from bot.context import Services, private_user_key
from bot.dispatch import Dispatcher
from storage.models import Account, FormState, Person, Role
from tests.support.chat import Chat
from tests.support.seed import Seeded, invite


@asynccontextmanager
async def selects(services: Services) -> AsyncIterator[list[str]]:
    """The SELECT statements sent inside, lowercased."""
    async with services.sessions() as session:
        engine = (await session.connection()).engine.sync_engine
    said: list[str] = []

    def heard(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            said.append(statement.lower())

    event.listen(engine, "before_cursor_execute", heard)
    try:
        yield said
    finally:
        event.remove(engine, "before_cursor_execute", heard)


def _form_alone(said: list[str]) -> list[str]:
    return [s for s in said if "from form_state" in s and "account" not in s]


async def test_a_message_reads_the_form_with_the_sender(
    services: Services, resident_chat: Chat
) -> None:
    await resident_chat.say("你好")  # the account exists from here on
    for text in ("你好", "帮助", "我"):
        async with selects(services) as said:
            await resident_chat.say(text)
        # The form middleware (你好) and the line after a command about a form left open
        # (帮助, 我) had each read the form in a statement of its own.
        assert _form_alone(said) == [], text
        assert sum("from account" in s for s in said) == 1, text


async def test_the_fallbacks_memos_are_read_once(services: Services, resident_chat: Chat) -> None:
    await resident_chat.say("你好")
    async with selects(services) as said:
        await resident_chat.say("你好")
    # The last buttons (under a subscription's status?) and a tip's addition asked for.
    assert sum("from user_memo" in s for s in said) == 1


async def test_a_form_another_process_dropped_is_seen(
    services: Services, resident_chat: Chat
) -> None:
    await resident_chat.say_all("举报", "小区门口有人在撬电动车的锁，穿黑色外套")
    waiting = await resident_chat.say("/帮助")
    assert "举报" in waiting.split("\n")[-1], waiting
    # Another worker (a /取消 there, or the expiry job) removes the form between messages.
    async with services.sessions() as session:
        key = private_user_key("test", "resident-1")
        await session.exec(delete(FormState).where(col(FormState.key) == key))
        await session.commit()
    assert (await resident_chat.say("/帮助")).split("\n")[-1] != waiting.split("\n")[-1]


async def test_a_change_to_the_sender_is_written_and_seen_by_the_next_message(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    code = await invite(services, role=Role.OFFICER, beat_id=seeded.beat.id)
    chat = Chat(dispatcher, "new-officer")
    assert "仅限本所民警" in await chat.say("/命中")
    # /绑定 changes the person the identity middleware made: the change is written.
    assert "绑定成功" in await chat.say(f"/绑定 {code}")
    assert "暂无比中记录" in await chat.say("/命中")
    # Another process (a `jingmin people` command) takes the role back between messages.
    async with services.sessions() as session:
        account = (
            await session.exec(select(Account).where(col(Account.channel_user_id) == "new-officer"))
        ).one()
        await session.exec(
            update(Person).where(col(Person.id) == account.person_id).values(role=Role.RESIDENT)
        )
        await session.commit()
    assert "仅限本所民警" in await chat.say("/命中")


async def test_a_retold_message_finds_its_sender_again(resident_chat: Chat) -> None:
    # 帮助，我被骗了 is handled as 我被骗了: the middleware runs again in the same
    # transaction and must take the sender the session holds, not make a second one.
    await resident_chat.say("你好")
    reply = await resident_chat.say("帮助，我要举报小区里有人偷电动车")
    assert "系统暂时出了点问题" not in reply, reply
    assert "举报" in reply and "帮助" not in reply.split("\n")[0], reply


async def test_a_retold_message_reads_its_sender_once(
    services: Services, resident_chat: Chat
) -> None:
    await resident_chat.say("你好")
    async with selects(services) as said:
        reply = await resident_chat.say("帮助，我要举报小区里有人偷电动车")
    assert "举报" in reply, reply
    # The second pass through the middleware had read the sender again.
    assert sum("from account" in s for s in said) == 1


@asynccontextmanager
async def orm_statements() -> AsyncIterator[list[str]]:
    """The statements run through the ORM inside (not those sent on the connection)."""
    ran: list[str] = []

    def heard(state: ORMExecuteState) -> None:
        ran.append(str(state.statement).lower())

    event.listen(Session, "do_orm_execute", heard)
    try:
        yield ran
    finally:
        event.remove(Session, "do_orm_execute", heard)


async def test_the_sender_is_read_as_columns(services: Services, resident_chat: Chat) -> None:
    await resident_chat.say("你好")
    async with orm_statements() as ran:
        assert "您好" in await resident_chat.say("你好")
    # The ORM's load of the account and the person cost twice what the statement did.
    assert [s for s in ran if "from account" in s] == []
