"""Carrying a web chat conversation over from the browser-made identity of earlier versions.

Before the server issued identities, the page made a random UUID, kept it in the browser and
sent it as `sender` (in the inbox URL too). Such a page, once upgraded, asks for a token and
names its old UUID: the account and what waits for it move to a new server-issued sid, so
the old string is worth nothing afterwards, to its owner or to anyone who read it in a log.
Everything kept under the old id moves with it: rows naming the web user beside the channel,
the inbox, and what is keyed by the (channel, chat, user) key: the conversation's memos (the
last buttons a typed number picks, the last legal question for 「更多」, a tip offered) and a
form in progress, which the page shows where the user left it.

An officer's or an administrator's web chat is not carried over: their old UUID may have
been read from a proxy's log, and whoever sends it first would get the wanted list. They
bind again, with an invite code or a link code from another channel (`/关联`).
"""

from __future__ import annotations

import re
from enum import StrEnum

from sqlalchemy import func, update
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import private_user_key
from storage.models import (
    Account,
    FormState,
    OutboxMessage,
    Person,
    Role,
    UserMemo,
    WebInboxMessage,
)

#: What the page of earlier versions made (`crypto.randomUUID`, or its fallback).
LEGACY_SENDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
#: Columns naming a web user in a table that also names the channel.
_USER_COLUMNS = ("channel_user_id", "chat_id", "sender_id")
_NOT_CARRIED = {Role.OFFICER, Role.ADMIN}


class Carry(StrEnum):
    CARRIED = "carried"
    #: An officer's or administrator's: they bind again.
    REBIND = "rebind"
    #: No such conversation (or not one the page made): a new identity starts empty.
    NONE = "none"


async def carry_over(session: AsyncSession, channel: str, old: str, new: str) -> Carry:
    """Move the web user `old` to the sid `new` (the answer says how it went);
    the caller commits."""
    if not LEGACY_SENDER.fullmatch(old):
        return Carry.NONE
    role = (
        await session.exec(
            select(Person.role)
            .join(Account, col(Account.person_id) == col(Person.id))
            .where(col(Account.channel) == channel, col(Account.channel_user_id) == old)
        )
    ).first()
    if role is None:
        return Carry.NONE
    if Role(role) in _NOT_CARRIED:
        return Carry.REBIND
    # The account moves first and only if it is still there: of two pages claiming at once,
    # the second finds it gone and starts empty, instead of moving nothing and answering
    # "carried" for an identity that holds no account.
    moved = await session.exec(
        update(Account)
        .where(col(Account.channel) == channel, col(Account.channel_user_id) == old)
        .values(channel_user_id=new)
    )
    if moved.rowcount != 1:
        return Carry.NONE
    for table in SQLModel.metadata.sorted_tables:
        if "channel" not in table.c:
            continue
        for name in _USER_COLUMNS:
            if name in table.c:
                column = table.c[name]
                await session.exec(
                    update(table)
                    .where(table.c.channel == channel, column == old)
                    .values({name: new})
                )
    # An outbox row's once-only key ends with its target (`->web:<id>`, as
    # `storage.outbox.enqueue_to_account` and the alerts write it): left naming the old id,
    # a job run again finds no row for the new one and queues a second copy.
    await _move_outbox_keys(session, channel, old, new)
    # The inbox names no channel: it is the web chat's own.
    await session.exec(
        update(WebInboxMessage).where(col(WebInboxMessage.sender) == old).values(sender=new)
    )
    # Keyed by the conversation's key (a web chat is private: its chat is its user).
    was, now = private_user_key(channel, old), private_user_key(channel, new)
    await session.exec(update(UserMemo).where(col(UserMemo.user_key) == was).values(user_key=now))
    await session.exec(update(FormState).where(col(FormState.key) == was).values(key=now))
    return Carry.CARRIED


async def _move_outbox_keys(session: AsyncSession, channel: str, old: str, new: str) -> None:
    was, now = f"->{channel}:{old}", f"->{channel}:{new}"
    key = col(OutboxMessage.dedupe_key)
    await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.channel) == channel,
            # Moved to the new id above: only this user's rows are looked at for the key.
            col(OutboxMessage.chat_id) == new,
            key.endswith(was, autoescape=True),
        )
        .values(dedupe_key=func.substr(key, 1, func.length(key) - len(was)) + now)
    )
