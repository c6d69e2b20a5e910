"""The one interface every channel implements.

A channel registers its HTTP routes on the app it is given (it never owns the application),
hands each inbound message to `dispatch`, and can `send` replies to a chat later (for outbox
delivery). Setup and teardown of its sessions happen in `start`/`stop`.
"""

from __future__ import annotations

import traceback
from collections.abc import Awaitable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from aiohttp import web

from bot.context import ChannelFacts
from bot.messages import Inbound, Reply

if TYPE_CHECKING:
    from bot.dispatch import Admit


class Dispatch(Protocol):
    """`Dispatcher.dispatch`: the replies to an inbound message. `admit` runs first in the
    message's transaction (a channel's dedupe record, say) and may decline the message."""

    def __call__(self, inbound: Inbound, admit: Admit | None = None) -> Awaitable[list[Reply]]: ...


class Cause(StrEnum):
    """Why a send failed, in the terms an officer can act on. Each channel decides it from
    what the platform answered (its error code, HTTP status or the exception's type), never
    from the words of a message; the outbox keeps it at the head of `last_error`
    (`stored_error`), where an alert's failure report reads it back (`cause_of`)."""

    OTHER = ""
    #: The platform could not be reached (network, timeout).
    UNREACHABLE = "unreachable"
    #: The user blocked the bot, or the bot was removed from the chat.
    BLOCKED = "blocked"
    #: The user unfollowed the official account.
    UNFOLLOWED = "unfollowed"
    #: A group robot's webhook key is wrong, or the robot was removed from its group.
    ROBOT_KEY = "robot_key"
    #: The official account's 48-hour reply window is closed or used up.
    WINDOW = "window"
    #: The platform kept saying "too fast".
    THROTTLED = "throttled"
    #: The row's channel is not enabled on this server.
    NO_CHANNEL = "no_channel"


class DeliveryError(Exception):
    """Sending failed. `retry_after` (seconds) is set when the platform said when to retry;
    `permanent` when retrying cannot help (blocked by the user, chat gone). `unsent`, when
    some messages went out before the failure: the ones still to send, so that a retry does
    not send the others again. `cause`: why, for the officer told of it."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        unsent: list[Reply] | None = None,
        cause: Cause = Cause.OTHER,
    ):
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.unsent = unsent
        self.cause = cause


def stored_error(cause: Cause, text: str) -> str:
    """`text` as an outbox row's `last_error`: led by its cause's tag (「[blocked] …」)."""
    return f"[{cause.value}] {text}" if cause is not Cause.OTHER else text


def cause_of(stored: str) -> Cause:
    """The cause `stored_error` put at the head of `stored` (OTHER when it has none)."""
    tag, close, _rest = stored.partition("] ")
    if not close or not tag.startswith("["):
        return Cause.OTHER
    try:
        return Cause(tag[1:])
    except ValueError:
        return Cause.OTHER


def raised_at(exc: BaseException) -> str:
    """An exception's type and the file and line that raised it, for a log line; not its
    text, which may quote a message being sent or a platform's garbled answer."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename.rpartition('/')[2]}:{frames[-1].lineno}" if frames else ""
    return type(exc).__name__ + where


class Progress:
    """How far one send got, told by the channel as each message goes out: `unsent` is what
    is still to be sent once some went out (None until then).

    The delivery worker reads it whatever ends the send, and above all when its total
    timeout cancels the send in the middle of a call: the channel then has no chance to
    raise `DeliveryError(unsent=...)`, and without this the retry would send again what the
    user has already read."""

    def __init__(self) -> None:
        self.unsent: list[Reply] | None = None

    def went_out(self, rest: Sequence[Reply]) -> None:
        """A message went out; `rest` are the replies still to send after it."""
        self.unsent = list(rest)


class OverBudget(DeliveryError):
    """Our own rate limit says wait `retry_after` seconds. Nothing was sent or refused, so
    the delivery worker does not count it as a failed attempt."""

    def __init__(self, message: str, *, retry_after: float):
        super().__init__(message, retry_after=retry_after)


class Channel(Protocol):
    #: Short stable name stored with accounts and outbox rows: "web", "wechat_mp", "telegram"…
    name: str
    #: Its name for users and whether it reads groups: what handlers may know of it.
    facts: ChannelFacts

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        """Deliver replies to a chat outside a request; raise `DeliveryError` on failure.
        A channel that sends a reply as several messages tells `progress` after each.

        Returns the platform's ids of the messages sent, where it gives them, so that a
        later `Recall` can withdraw them; a `Recall` among `replies` is done first, or
        skipped on a platform that cannot recall."""
        ...
