"""Long polling (getUpdates) for local development, when Telegram cannot reach a webhook.

Telegram delivers updates one way at a time: getUpdates is refused while a webhook is set, so
polling starts by deleting the webhook. A production bot must not run this.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar

from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The update kinds the bot handles; also what to pass to setWebhook.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "my_chat_member")
LONG_POLL_SECONDS = 30
_MAX_BACKOFF = 30.0


class Poller:
    def __init__(
        self,
        bot: Bot,
        accept: Callable[[Update], Awaitable[object]],
        *,
        timeout: int = LONG_POLL_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._bot = bot
        self._accept = accept
        self._timeout = timeout
        self._sleep = sleep

    async def run(self) -> None:
        log.warning(
            "telegram: long polling for development; deleting the bot's webhook "
            "(set it again with setWebhook before going back to production)"
        )
        await self._retrying(self._bot.delete_webhook)
        offset: int | None = None
        while True:
            updates = await self._retrying(partial(self._fetch, offset))
            for update in updates:
                try:
                    await self._accept(update)
                except Exception:
                    # The database, most likely: ask for this update again, after a pause.
                    log.exception("telegram: could not take update %s", update.update_id)
                    await self._sleep(1.0)
                    break
                offset = update.update_id + 1

    async def _fetch(self, offset: int | None) -> tuple[Update, ...]:
        return await self._bot.get_updates(
            offset=offset, timeout=self._timeout, allowed_updates=list(ALLOWED_UPDATES)
        )

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        delay = 1.0
        while True:
            try:
                return await call()
            except InvalidToken:
                log.error("telegram: the bot token was rejected; polling stopped")
                raise
            except TelegramError as exc:
                log.warning("telegram: polling failed (%s); retrying", type(exc).__name__)
                await self._sleep(delay)
                delay = min(delay * 2, _MAX_BACKOFF)
