"""The official account: its callback URL, and customer-service messages sent outside it.

Customer-service messages are only allowed within WeChat's reply window: a few messages
within 48 hours of the user's last message (or menu click, or follow). The window is counted
in the database before each send; a closed or used-up window is a permanent failure, since
waiting cannot reopen it, only the user can. A reply longer than what the window has left is
sent shortened to fit (`weixin.window`), and the rest waits for the user's 「更多」.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto

from bot import unshown
from bot.channels.base import Cause, DeliveryError, Progress
from bot.channels.missing_pictures import GONE, without_missing
from bot.channels.wechat_mp import api
from bot.channels.wechat_mp.render import custom_message
from bot.channels.wechat_mp.settings import WechatMpSettings
from bot.channels.weixin import allowance
from bot.channels.weixin.callbacks import Callbacks, Dialect
from bot.channels.weixin.client import ApiClient
from bot.channels.weixin.envelope import Envelope
from bot.channels.weixin.errors import delivery_error, partly, unexpected
from bot.channels.weixin.hosting import CallbackChannel
from bot.channels.weixin.media_api import upload_stored
from bot.channels.weixin.text import Planned, plan
from bot.channels.weixin.tokens import TokenStore
from bot.channels.weixin.window import fit
from bot.context import ChannelFacts, Reach, private_user_key
from bot.media import MediaStore
from bot.messages import Image, Reply, Text
from storage.crypto import FieldCipher
from storage.db import SessionFactory

log = logging.getLogger(__name__)

NAME = "wechat_mp"
#: WeChat's customer-service rule: this many messages within this long of the user's last one.
WINDOW_MESSAGES = 5
WINDOW_LIFETIME = timedelta(hours=48)


def _window_key(user: str) -> str:
    return f"{NAME}:window:{user}"


class WechatMpChannel(CallbackChannel):
    name = NAME
    #: An official account cannot join groups.
    facts = ChannelFacts("公众号", reads_groups=False, reach=Reach.WINDOWED, counts_bytes=True)
    _settings: WechatMpSettings

    def __init__(
        self,
        settings: WechatMpSettings,
        sessions: SessionFactory,
        cipher: FieldCipher,
        media: MediaStore,
        clock: Callable[[], datetime],
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._media = media
        self._clock = clock
        crypto = None
        if settings.encoding_aes_key:
            crypto = WeChatCrypto(settings.token, settings.encoding_aes_key, settings.app_id)
        self.client = ApiClient(settings.api_base, None, settings.api_timeout)
        self.client.tokens = TokenStore(
            f"{NAME}:{settings.app_id}",
            sessions,
            cipher,
            clock,
            lambda: api.fetch_token(self.client, settings),
        )
        self._callbacks = Callbacks(
            Dialect(NAME, "signature", parse_message, nothing="success", window=WINDOW_MESSAGES),
            Envelope(settings.token, crypto, plain_signature=True),
            sessions,
            clock,
            window_of=_window_key,
        )

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        """Customer-service messages; each spends one of the window's messages. A reply
        the window has too few left for is shortened to what it has."""
        progress = progress or Progress()
        replies = without_missing(replies, self._media)
        wanted = len(plan(replies))
        if not wanted:
            return []
        key = _window_key(chat_id)
        granted = await allowance.take_window(
            self._sessions,
            key,
            limit=WINDOW_MESSAGES,
            lifetime=WINDOW_LIFETIME,
            now=self._clock(),
            count=wanted,
        )
        if not granted:
            raise DeliveryError(
                "reply window closed or used up", permanent=True, cause=Cause.WINDOW
            )
        rest: list[Reply] = []
        waiting: list[Planned] = []
        if unshown.promises_more(replies):
            # The unsent part of a shortened reply, retried: its rest is kept already, and
            # keeping part of this one after it would show the two out of order. What the
            # window has no room for waits for the next retry.
            planned = plan(replies)
            items, waiting = planned[:granted], planned[granted:]
        else:
            items, rest = fit(replies, granted)
        if len(items) < granted:
            await allowance.give_back(self._sessions, key, granted - len(items))
        kept = None
        if rest:
            log.info("%s: reply shortened to %d of %d messages", NAME, len(items), wanted)
            try:
                # Kept before sending: the note promises 更多 from the moment it is read.
                kept = await self._keep_rest(chat_id, rest)
            except (Exception, asyncio.CancelledError):
                await allowance.give_back(self._sessions, key, len(items))
                raise
        sent = 0
        try:
            for item in items:
                media_id: str | None = ""
                if isinstance(item, Image):
                    media_id = await upload_stored(self.client, self._media, item)
                    if media_id is None:  # purged since this send began
                        item = Text(GONE)  # its caption follows it already
                await api.send_custom(self.client, custom_message(chat_id, item, media_id or ""))
                sent += 1
                progress.went_out([*items[sent:], *waiting])
        except (Exception, asyncio.CancelledError) as failure:
            # Cancelled too: the outbox worker's timeout ends a send mid-call, and the window
            # must still get back what did not go out.
            exc = unexpected(failure)
            if exc.code in api.WINDOW_CLOSED:
                await allowance.close_window(self._sessions, key)
            else:  # not sent: the window still has these messages
                await allowance.give_back(self._sessions, key, len(items) - sent)
            if kept is not None and not sent:
                # Nothing went out: the retry shortens the whole reply again and keeps its
                # own rest, so this one would be shown twice.
                await self._withdraw_rest(chat_id, kept)
            if isinstance(failure, asyncio.CancelledError):
                raise  # `progress` has told the worker what went out
            # What was waiting for room is still to be sent after what this try did not.
            failure = partly(delivery_error(exc), progress)
            if exc.code in api.WINDOW_CLOSED:
                failure.cause = Cause.WINDOW
            raise failure from None
        if waiting:
            raise DeliveryError(
                "reply window used up part way", unsent=list(waiting), cause=Cause.WINDOW
            )
        return []  # customer-service messages cannot be recalled

    async def _keep_rest(self, chat_id: str, rest: list[Reply]) -> str:
        async with self._sessions() as session:
            name = await unshown.keep(session, private_user_key(NAME, chat_id), rest, self._clock())
            await session.commit()
        return name

    async def _withdraw_rest(self, chat_id: str, name: str) -> None:
        async with self._sessions() as session:
            await unshown.withdraw(session, private_user_key(NAME, chat_id), name)
            await session.commit()
