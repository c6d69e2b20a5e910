"""Groups the bot is in: learned from my_chat_member, followed when they become supergroups.

When a group is upgraded, Telegram gives it a new id (`migrate_to_chat_id`) and refuses sends
to the old one, so every place that stores the old id moves to the new one: the group row,
accounts that speak as the group (anonymous admins), form progress, and outbox rows still
waiting. Moving is idempotent: Telegram reports it twice (in the old and the new chat).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.telegram.inbound import NAME
from storage.db import SessionFactory
from storage.models import (
    Account,
    ChatGroup,
    FormState,
    GroupInvite,
    OutboxMessage,
    OutboxStatus,
)

log = logging.getLogger(__name__)


async def learn_group(sessions: SessionFactory, chat_id: str, name: str, now: datetime) -> bool:
    """Remember a group the bot was added to; True if it was not known before."""
    async with sessions() as session:
        group = (
            await session.exec(
                select(ChatGroup).where(ChatGroup.channel == NAME, ChatGroup.chat_id == chat_id)
            )
        ).first()
        if group is not None:
            if name and group.name != name[:100]:
                group.name = name[:100]
                session.add(group)
                await session.commit()
            return False
        session.add(ChatGroup(channel=NAME, chat_id=chat_id, name=name[:100], created_at=now))
        try:
            await session.commit()
        except IntegrityError:
            return False  # learned at the same moment from another update
        return True


async def _account_exists(session: AsyncSession, chat_id: str) -> bool:
    found = await session.exec(
        select(Account.id).where(Account.channel == NAME, Account.channel_user_id == chat_id)
    )
    return found.first() is not None


async def migrate_chat(sessions: SessionFactory, old: str, new: str) -> None:
    async with sessions() as session:
        groups = {
            g.chat_id: g
            for g in (
                await session.exec(
                    select(ChatGroup).where(
                        ChatGroup.channel == NAME, col(ChatGroup.chat_id).in_([old, new])
                    )
                )
            ).all()
        }
        if old in groups and new in groups:
            # The supergroup was learned on its own too: fold it into the older row, which
            # the officers' links and invites point at.
            kept, gone = groups[old], groups[new]
            kept.beat_id = kept.beat_id or gone.beat_id
            kept.venue_kind = kept.venue_kind or gone.venue_kind
            kept.venue_id = kept.venue_id or gone.venue_id
            await session.exec(
                update(GroupInvite)
                .where(col(GroupInvite.group_id) == gone.id)
                .values(group_id=kept.id)
            )
            await session.delete(gone)
            await session.flush()
        if old in groups:
            groups[old].chat_id = new
            session.add(groups[old])
        if await _account_exists(session, new):
            log.info("telegram chat %s already has an account; keeping both", new)
        else:
            await session.exec(
                update(Account)
                .where(col(Account.channel) == NAME, col(Account.channel_user_id) == old)
                .values(channel_user_id=new)
            )
        await session.exec(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.channel) == NAME,
                col(OutboxMessage.chat_id) == old,
                col(OutboxMessage.status) == OutboxStatus.PENDING,
            )
            .values(chat_id=new)
        )
        old_prefix, new_prefix = f"{NAME}|{old}|", f"{NAME}|{new}|"
        forms = await session.exec(
            select(FormState).where(col(FormState.key).startswith(old_prefix, autoescape=True))
        )
        for form in forms.all():
            form.key = new_prefix + form.key[len(old_prefix) :]
            form.chat_id = new
            session.add(form)
        await session.commit()
    log.info("telegram group %s is now supergroup %s", old, new)
