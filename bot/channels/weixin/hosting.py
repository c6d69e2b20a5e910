"""What the official account and the WeCom app share as channels: the callback routes on
the app, and starting and stopping their API client and reply queue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from aiohttp import web

from bot.channels.base import Channel, Dispatch
from bot.channels.weixin.answer import Answerer
from bot.channels.weixin.callbacks import Callbacks
from bot.channels.weixin.client import ApiClient
from bot.channels.weixin.media_api import download_media
from bot.context import private_user_key
from bot.media import MediaStore
from storage.db import SessionFactory


class _CallbackSettings(Protocol):
    @property
    def route(self) -> str: ...

    @property
    def reply_seconds(self) -> float: ...


class CallbackChannel:
    """Base of `WechatMpChannel` and `WecomChannel`; subclasses set these in `__init__`."""

    client: ApiClient
    _callbacks: Callbacks
    _settings: _CallbackSettings
    _sessions: SessionFactory
    _media: MediaStore
    _clock: Callable[[], datetime]

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        channel: Channel = self  # type: ignore[assignment]  # subclasses complete the protocol
        self._callbacks.answerer = Answerer(
            channel,
            dispatch,
            self._media,
            lambda media_id, limit: download_media(self.client, media_id, limit),
            self._sessions,
            self._clock,
            self._settings.reply_seconds,
        )
        app.router.add_get(self._settings.route, self._callbacks.verify_url)
        app.router.add_post(self._settings.route, self._callbacks.receive)

    def pushed_choices_key(self, chat_id: str) -> str | None:
        """Where options pushed to `chat_id` are remembered (see `bot.choice_memory`): both
        platforms show them as numbered lines, and the 「1」 typed after an alert means its
        first option. A member's private chat only; in an app group chat (`appchat:`) each
        member has a key of their own, and none was shown the options alone."""
        if chat_id.startswith("appchat:"):
            return None
        name: str = self.name  # type: ignore[attr-defined]  # set by the subclasses
        return private_user_key(name, chat_id)

    async def settled(self) -> None:
        """Wait until what callbacks answered through the API has been sent or queued: a
        test then knows what was sent, and that nothing more is on its way."""
        if self._callbacks.answerer is not None:
            await self._callbacks.answerer.settled()

    async def start(self) -> None:
        await self.client.start()

    async def stop(self) -> None:
        if self._callbacks.answerer is not None:
            await self._callbacks.answerer.close()
        await self.client.stop()
