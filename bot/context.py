"""What a handler gets: the message, who sent it, a database session, and the services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.messages import Inbound, Reply
from storage.crypto import BlindIndex, FieldCipher
from storage.db import SessionFactory
from storage.models import Account, Person, Role, VenueKind

if TYPE_CHECKING:
    from bot.forms.store import FormRead
    from bot.router import Match


def user_key(msg: Inbound) -> str:
    """One user in one chat: forms, memos, rate limits and the per-user lock use this key."""
    return f"{msg.channel}|{msg.chat_id}|{msg.sender_id}"


def private_user_key(channel: str, user_id: str) -> str:
    """`user_key` of a user's private chat, where the chat id is the user id."""
    return f"{channel}|{user_id}|{user_id}"


class Reach(IntEnum):
    """How a message the user did not ask for reaches them on a channel, surest first."""

    #: A notification on their phone at any time (企业微信应用, Telegram).
    PUSHED = 0
    #: Kept until they open the page, which asks for it (网页版).
    HELD = 1
    #: Only within the platform's window after their last message (公众号: 48 hours).
    WINDOWED = 2


@dataclass(frozen=True)
class ChannelFacts:
    """What a channel says of itself (`bot.channels.base.Channel.facts`), for handlers, which
    know no channel by name."""

    #: As users call it: 网页版, 公众号.
    label: str
    #: Whether the bot reads the group chats it is in there, so a group can bind itself.
    reads_groups: bool
    #: Which of a person's accounts an alert goes to: the surest (`handlers.broadcast.targets`).
    reach: Reach = Reach.PUSHED
    #: Whether the platform caps a text in UTF-8 bytes (the WeChat family: 2048) rather
    #: than in characters, which a long answer is cut to fit.
    counts_bytes: bool = False
    #: Whether the chat shows 【租赁】 as a highlight, not as the brackets sent (网页版).
    highlights: bool = False


@dataclass(frozen=True)
class Services:
    """Process-wide dependencies, built once at start-up (see `bot.app`)."""

    settings: Settings
    sessions: SessionFactory
    cipher: FieldCipher
    blind_index: BlindIndex
    clock: Callable[[], datetime]
    #: The facts of each channel the server runs, by name. `bot.app` fills it once the
    #: channels are built, which needs these services first; empty without a server.
    channels: dict[str, ChannelFacts] = field(default_factory=dict)


@dataclass
class Context:
    """One inbound message on its way through middleware to a handler.

    `account` and `person` are filled by the identity middleware; `session` is the
    transaction the whole message runs in: replies, state changes and outbox rows commit
    together or not at all.
    """

    inbound: Inbound
    session: AsyncSession
    services: Services
    match: Match | None = None
    #: Set by the identity middleware before anything else reads them.
    account: Account = field(init=False)
    person: Person = field(init=False)
    #: True when, after this message, a chat form is waiting for the user's answer.
    form_waiting: bool = False
    #: How many options the bot's previous reply offered (0: it asked no choice).
    options_shown: int = 0
    #: Set by a reply that points back to those options ("请先回复序号"): they still stand.
    #: Any other reply without buttons retires them, so that "1" never picks from a list
    #: the user has since moved on from.
    keep_choices: bool = False
    #: Set by a handler that finds the message is really this other text (帮助，我被骗了 is
    #: 我被骗了): the dispatcher handles that text instead, once, as if it had been sent;
    #: what the handler replied itself (好的，不发给民警。) comes before that text's replies.
    retell: str = ""
    #: This is such another text: handlers do not retell it again, nor is it counted twice.
    retold: bool = False
    #: The sender's form row, read with their identity (see `bot.middleware.identity`):
    #: the form's loads use it while nothing has been written since.
    form_read: FormRead | None = field(default=None, init=False, repr=False)
    _now: datetime | None = field(default=None, init=False, repr=False)
    #: `handlers.services.venues.owner_kinds`, read once a message: what it was read for
    #: (the person and the version of this session's venue bindings) and what it found.
    owner_kinds_read: tuple[tuple[int | None, int], frozenset[VenueKind]] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def user_key(self) -> str:
        """The (channel, chat, user) key that form state and memos are stored under."""
        return user_key(self.inbound)

    @property
    def role(self) -> Role:
        return self.person.role

    @property
    def now(self) -> datetime:
        """The message's moment, read once: rows a handler stamps in a loop (the guests of a
        room it checks out) share it, and are found together by it later."""
        if self._now is None:
            self._now = self.services.clock()
        return self._now


Handler = Callable[[Context], Awaitable[list[Reply]]]
