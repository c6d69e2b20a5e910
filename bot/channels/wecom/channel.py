"""The WeCom app: its callback URL, and app messages to members and app group chats.

WeCom drops (silently) what an app sends one member beyond 30 messages a minute, so the cap
is counted here, across processes, before each send; a reply over it raises
`OverBudget(retry_after=…)` and the outbox worker sends it when the minute has room. A send
that fails before its first message went out gives its share back (a failed burst would
otherwise hold up the member's next messages); one that failed part way keeps it, erring
towards the cap.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from aiohttp import web
from wechatpy.enterprise import parse_message
from wechatpy.enterprise.crypto import WeChatCrypto

from bot.channels.base import Dispatch, OverBudget, Progress
from bot.channels.missing_pictures import GONE, without_missing
from bot.channels.wecom import api
from bot.channels.wecom.limits import PER_MINUTE
from bot.channels.wecom.render import app_message
from bot.channels.wecom.settings import WecomSettings
from bot.channels.wecom.welcome import with_bind_hint
from bot.channels.weixin import allowance
from bot.channels.weixin.callbacks import Callbacks, Dialect
from bot.channels.weixin.client import ApiClient
from bot.channels.weixin.envelope import Envelope
from bot.channels.weixin.errors import delivery_error, partly, unexpected
from bot.channels.weixin.hosting import CallbackChannel
from bot.channels.weixin.media_api import upload_stored
from bot.channels.weixin.text import plan
from bot.channels.weixin.tokens import TokenStore
from bot.context import ChannelFacts
from bot.media import MediaStore
from bot.messages import Image, Reply, Text, split_recalls
from bot.numbering import last_options
from storage.crypto import FieldCipher
from storage.db import SessionFactory

NAME = "wecom"


class WecomChannel(CallbackChannel):
    name = NAME
    #: The app is not told of group chats; groups get a robot (`jingmin group add`).
    facts = ChannelFacts("企业微信应用", reads_groups=False, counts_bytes=True)
    _settings: WecomSettings

    def __init__(
        self,
        settings: WecomSettings,
        sessions: SessionFactory,
        cipher: FieldCipher,
        media: MediaStore,
        clock: Callable[[], datetime],
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._media = media
        self._clock = clock
        crypto = WeChatCrypto(settings.token, settings.encoding_aes_key, settings.corp_id)
        self.client = ApiClient(settings.api_base, None, settings.api_timeout)
        self.client.tokens = TokenStore(
            f"{NAME}:{settings.corp_id}:{settings.agent_id}",
            sessions,
            cipher,
            clock,
            lambda: api.fetch_token(self.client, settings),
        )
        self._callbacks = Callbacks(
            Dialect(NAME, "msg_signature", parse_message, nothing="", agent_id=settings.agent_id),
            Envelope(settings.token, crypto, plain_signature=False),
            sessions,
            clock,
        )

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        super().register_routes(app, with_bind_hint(dispatch, self._sessions))

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        """A member's UserID, or `appchat:CHATID` for an app group chat."""
        progress = progress or Progress()
        refs, _shown = split_recalls(replies)
        for ref in refs:
            await api.recall(self.client, ref)
        items = plan(without_missing(replies, self._media), keep_choices=self._settings.markdown)
        if not items:
            return []
        key, now = f"{NAME}:to:{chat_id}", self._clock()
        wait = await allowance.take_sliding(
            self._sessions, key, limit=PER_MINUTE, period=60, now=now, count=len(items)
        )
        if wait is not None:
            raise OverBudget(f"{PER_MINUTE} messages a minute to {chat_id}", retry_after=wait)
        sent: list[str] = []
        try:
            last = last_options(items)  # how to answer, said under the last options only
            for index, item in enumerate(items):
                media_id: str | None = ""
                if isinstance(item, Image):
                    media_id = await upload_stored(self.client, self._media, item)
                    if media_id is None:  # purged since this send began
                        item = Text(GONE)  # its caption follows it already
                body = app_message(item, media_id or "", hint=index == last)
                sent.append(await api.send(self.client, self._settings, chat_id, body))
                progress.went_out(items[index + 1 :])
        except (Exception, asyncio.CancelledError) as failure:
            # Cancelled too: the outbox worker's timeout or stop ends a send mid-call.
            if not sent:  # none went out: a failed burst must not starve what comes next
                await allowance.give_back_sliding(
                    self._sessions, key, taken_at=now, count=len(items)
                )
            if isinstance(failure, asyncio.CancelledError):
                raise  # `progress` has told the worker what went out
            raise partly(delivery_error(unexpected(failure)), progress) from None
        return [ref for ref in sent if ref]
