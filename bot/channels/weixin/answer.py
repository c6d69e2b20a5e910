"""Answer a callback within the platform's reply deadline, or later through the API.

WeChat and WeCom wait 5 seconds for the HTTP answer, then retry the callback (three times)
and finally tell the user the account is broken. So the handlers get a few seconds: when
they finish in time their replies go back in the HTTP answer (a passive reply, which costs
none of the API allowances); otherwise the platform gets an empty answer at once and the
replies are sent through the API when ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bot.channels.base import Channel, DeliveryError, Dispatch
from bot.channels.missing_pictures import without_missing
from bot.channels.weixin.client import ApiError
from bot.dispatch import SORRY, Admit
from bot.media import MAX_IMAGE_BYTES, MediaError, MediaStore
from bot.messages import Inbound, Reply, Text
from storage.db import SessionFactory
from storage.models import Account, Invite
from storage.outbox import enqueue

log = logging.getLogger(__name__)

PHOTO_FAILED = "图片接收失败，请稍后重新发送。"
FetchMedia = Callable[[str, int], Awaitable[bytes]]


@dataclass(frozen=True)
class Incoming:
    """One verified callback, as the shared answering code needs it."""

    #: Dedupe key (message id, or sender + time for events).
    key: str
    #: Whom replies go to.
    chat_id: str
    #: What the handlers get; None when the callback needs no answer (unsubscribe, say).
    inbound: Inbound | None
    #: A photo to fetch from the platform before the handlers see the message.
    media_id: str = ""
    #: Answer this instead of asking the handlers (message types we do not take).
    notice: str = ""
    #: The user did something that opens the reply window (official account).
    opens_window: bool = False
    #: A follow by scanning an invite code (`inbound` is its /bind): the welcome follows
    #: the code's line unless it bound, so a bad or used code still greets the new follower.
    welcome: bool = False


class Answerer:
    def __init__(
        self,
        channel: Channel,
        dispatch: Dispatch,
        media: MediaStore,
        fetch_media: FetchMedia,
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        seconds: float,
    ) -> None:
        self._channel = channel
        self._dispatch = dispatch
        self._media = media
        self._fetch_media = fetch_media
        self._sessions = sessions
        self._clock = clock
        self._seconds = seconds
        self._pending: set[asyncio.Task[None]] = set()

    async def answer(
        self, incoming: Incoming, arrived: float, admit: Admit | None = None
    ) -> list[Reply] | None:
        """The replies, if ready within the deadline; None if they will be sent later.
        A picture the media store no longer has is a line of text by then, which the
        passive reply can carry.

        `arrived` is the loop time the callback came in: under load, time spent waiting for
        the database before the handlers start counts against the platform's 5 seconds too.
        `admit` goes to the dispatcher (the callback's claim, in the message's transaction).
        """
        loop = asyncio.get_running_loop()
        work = asyncio.create_task(self._handle(incoming, admit))
        left = max(0.0, self._seconds - (loop.time() - arrived))
        done, _ = await asyncio.wait({work}, timeout=left)
        if done:
            return without_missing(work.result(), self._media)
        self._track(self._send_later(work, incoming))
        return None

    def send_after(self, incoming: Incoming, replies: list[Reply]) -> None:
        """Replies that did not fit in the passive reply, sent through the API."""
        self._track(
            send_or_queue(
                self._channel, self._sessions, self._clock, incoming.chat_id, incoming.key, replies
            )
        )

    def _track(self, work: Coroutine[Any, Any, None]) -> None:
        # The loop keeps only weak references to tasks: hold them until they finish.
        task = asyncio.create_task(work)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def settled(self) -> None:
        """Return once every reply answered late (or left over from a passive reply) has
        gone out or been queued, including those that began while waiting."""
        while self._pending:
            await asyncio.wait(set(self._pending))

    async def close(self, grace: float = 5.0) -> None:
        """Let late replies go out before the channel's HTTP session closes."""
        if not self._pending:
            return
        _, stuck = await asyncio.wait(set(self._pending), timeout=grace)
        for task in stuck:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _handle(self, incoming: Incoming, admit: Admit | None) -> list[Reply]:
        if incoming.notice:
            return [Text(incoming.notice)]
        if incoming.inbound is None:
            return []
        inbound = incoming.inbound
        try:
            if incoming.media_id:
                data = await self._fetch_media(incoming.media_id, MAX_IMAGE_BYTES + 1)
                photo = await asyncio.to_thread(self._media.accept_image, data)
                inbound = replace(inbound, photos=(photo,))
        except MediaError as exc:
            return [Text(str(exc))]
        except ApiError as exc:
            log.warning("%s: photo download failed: %s", self._channel.name, exc)
            return [Text(PHOTO_FAILED)]
        except Exception:
            log.exception("%s: could not take a photo", self._channel.name)
            return [Text(SORRY)]
        used = await self._invites_used(inbound) if incoming.welcome else 0
        replies = await self._dispatch(inbound, admit)
        if incoming.welcome and replies and await self._invites_used(inbound) == used:
            # The code did not bind (邀请码不正确, 已被使用): the new follower is welcomed.
            replies = [*replies, *await self._dispatch(replace(inbound, text="/start"))]
        return replies

    async def _invites_used(self, inbound: Inbound) -> int:
        """How many invite codes the sender's account has redeemed. A /bind that bound used
        one more: read back from the database rather than from the reply's words (a channel
        imports no handler, and had matched the wording 绑定成功, which a rewording broke)."""
        async with self._sessions() as session:
            used = await session.scalar(
                select(func.count())
                .select_from(Invite)
                .join(Account, col(Account.id) == col(Invite.used_by_account_id))
                .where(
                    col(Account.channel) == inbound.channel,
                    col(Account.channel_user_id) == inbound.sender_id,
                )
            )
        return used or 0

    async def _send_later(self, work: asyncio.Task[list[Reply]], incoming: Incoming) -> None:
        replies = await work
        if replies:
            await send_or_queue(
                self._channel, self._sessions, self._clock, incoming.chat_id, incoming.key, replies
            )


async def send_or_queue(
    channel: Channel,
    sessions: SessionFactory,
    clock: Callable[[], datetime],
    chat_id: str,
    key: str,
    replies: list[Reply],
) -> None:
    """Send now; if the platform asks us to wait, leave it to the outbox worker's retries
    (of what did not go out: a reply refused part way is not sent twice)."""
    try:
        await channel.send(chat_id, replies)
        return
    except DeliveryError as exc:
        if exc.permanent:
            log.warning("%s: late reply dropped: %s", channel.name, exc)
            return
        log.info("%s: late reply queued for retry: %s", channel.name, exc)
        replies = exc.unsent or replies
    except Exception:
        # Whatever went wrong, the outbox worker retries with backoff (and logs again).
        log.exception("%s: late reply failed; queued for retry", channel.name)
    async with sessions() as session:
        enqueue(
            session,
            dedupe_key=f"late:{key}",
            channel=channel.name,
            chat_id=chat_id,
            replies=replies,
            now=clock(),
        )
        await session.commit()
