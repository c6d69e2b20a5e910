"""A WeCom member not yet bound is told how to bind, under the welcome.

WeCom apps are for the station's officers and the owners of places, who bind with an invite
code; the welcome the handlers give a newcomer is the residents' menu (举报、报案、订阅),
which says nothing of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import col, select

from bot.channels.base import Dispatch
from bot.messages import ChatType, Choices, Inbound, Reply, Text
from storage.db import SessionFactory
from storage.models import Account, Person, Role

if TYPE_CHECKING:
    from bot.dispatch import Admit

#: How the handlers' welcome begins (`handlers.help_menu`; a channel imports no handler).
WELCOME = "您好，这里是"
BIND_HINT = (
    "民警和场所负责人请发送「/绑定 邀请码」绑定身份（如 /绑定 ABCD-EFGH），"
    "邀请码向社区民警或派出所管理员索取。"
)


def _welcomes(replies: list[Reply]) -> bool:
    return any(isinstance(r, Text | Choices) and r.text.startswith(WELCOME) for r in replies)


async def _unbound(sessions: SessionFactory, channel: str, user: str) -> bool:
    async with sessions() as session:
        role = (
            await session.exec(
                select(Person.role)
                .join(Account, col(Account.person_id) == col(Person.id))
                .where(Account.channel == channel, Account.channel_user_id == user)
            )
        ).first()
    return role in (None, Role.RESIDENT)


def with_bind_hint(dispatch: Dispatch, sessions: SessionFactory) -> Dispatch:
    """`dispatch`, adding `BIND_HINT` after a welcome to a member not yet bound."""

    async def dispatched(inbound: Inbound, admit: Admit | None = None) -> list[Reply]:
        replies = await dispatch(inbound, admit)
        if (
            inbound.chat_type is ChatType.PRIVATE
            and _welcomes(replies)
            and await _unbound(sessions, inbound.channel, inbound.sender_id)
        ):
            return [*replies, Text(BIND_HINT)]
        return replies

    return dispatched
