"""The Telegram channel: webhook route, Bot API lifecycle, outbox `send`.

A plain `telegram.Bot` with `Update.de_json` is all we use of python-telegram-bot: our router
does the routing, so PTB's `Application` (handlers, job queue, its own update queue and
persistence) would be a second dispatcher to keep in step with ours for no gain.

The webhook answers 200 as soon as the update is checked and claimed (`update_id` dedupe in
the database, so Telegram's retries and a second replica do nothing), and handles it in a
background task: Telegram keeps only a few webhook requests open at a time and sends again
what it has not seen answered in time, so a slow handler must not hold the request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot, Update
from telegram.error import ChatMigrated, InvalidToken, TelegramError

from bot.channels.base import DeliveryError, Dispatch, OverBudget, Progress
from bot.channels.telegram.errors import delivery_error
from bot.channels.telegram.groups import migrate_chat
from bot.channels.telegram.inbound import NAME
from bot.channels.telegram.limits import SendLimits
from bot.channels.telegram.outgoing import Sender, Unsent, chat_ref
from bot.channels.telegram.polling import Poller
from bot.channels.telegram.render import plan
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.telegram.updates import UpdateProcessor
from bot.channels.telegram.webhook import Rejected, SecretRefusals, read_update
from bot.config import ConfigError
from bot.context import ChannelFacts
from bot.media import MediaStore
from bot.messages import Reply, split_recalls
from storage.crypto import BlindIndex
from storage.db import SessionFactory
from storage.dedupe import first_time

log = logging.getLogger(__name__)

#: Seconds `stop` waits for updates still being handled.
DRAIN_SECONDS = 10.0


class TelegramChannel:
    name = NAME
    facts = ChannelFacts("Telegram", reads_groups=True)

    def __init__(
        self,
        settings: TelegramSettings,
        sessions: SessionFactory,
        media: MediaStore,
        clock: Callable[[], datetime],
        *,
        index: BlindIndex,
        limits: SendLimits | None = None,
    ) -> None:
        """`index`: the keyed hash (`Services.blind_index`) that names long button values."""
        self.settings = settings
        self._sessions = sessions
        self._clock = clock
        self.bot = Bot(
            settings.bot_token, base_url=settings.api_base, base_file_url=settings.file_base
        )
        # The limits read the injected clock too, so tests can move time for them; a step of
        # the wall clock only stretches or shortens one window.
        limits = limits or SendLimits(clock=lambda: clock().timestamp())
        self._sender = Sender(self.bot, sessions, media, clock, limits, index)
        # Update ids count per bot: the bot id keeps a new bot's ids apart from an old one's.
        self._prefix = f"{NAME}:{settings.bot_id}"
        self._updates = UpdateProcessor(
            self.bot, sessions, media, clock, self._sender, self._prefix
        )
        self._updates.username = settings.bot_username
        self._dispatch: Dispatch | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._poller: asyncio.Task[None] | None = None
        self._refusals = SecretRefusals()

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        app.router.add_post(self.settings.route, self._webhook)

    async def start(self) -> None:
        try:
            await self.bot.initialize()  # getMe
        except InvalidToken:
            # PTB's message repeats the token; ours must not.
            raise ConfigError("telegram.bot_token: Telegram rejected the token") from None
        except TelegramError as exc:
            # Telegram unreachable now is no reason to keep the other channels down. Not
            # logged above debug: the wiring check that follows (`jingmin serve` at start,
            # `jingmin channels`) asks getMe again and reports the failure, once.
            log.debug("telegram: getMe failed at start (%s); continuing", type(exc).__name__)
        else:
            self._updates.username = self._updates.username or self.bot.username
        if self.settings.polling:
            self._poller = asyncio.create_task(Poller(self.bot, self.accept).run(), name=NAME)

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=DRAIN_SECONDS)
        await self.bot.shutdown()

    async def idle(self) -> None:
        """Wait until every accepted update has been handled (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _webhook(self, request: web.Request) -> web.Response:
        try:
            update = await read_update(request, self.settings.webhook_secret, self.bot)
        except Rejected as rejected:
            if rejected.status == 403:
                self._refusals.refused(request)
            return rejected.response()
        try:
            await self.accept(update)
        except SQLAlchemyError:
            log.exception("telegram: could not record update %s", update.update_id)
            return web.json_response({"ok": False}, status=503)  # Telegram will retry
        return web.json_response({"ok": True})

    async def accept(self, update: Update) -> bool:
        """Take an update once (False for a repeat) and handle it in the background."""
        key = f"{self._prefix}:update:{update.update_id}"
        if not await first_time(self._sessions, key, self._clock()):
            return False
        task = asyncio.create_task(self._handle(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _handle(self, update: Update) -> None:
        assert self._dispatch is not None, "register_routes first"
        try:
            await self._updates.process(update, self._dispatch)
        except Exception:
            # Never the update in the log: it may hold an ID number someone typed.
            log.exception("telegram: update %s failed", update.update_id)

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        try:
            chat_ref(chat_id)
        except ValueError as exc:
            raise DeliveryError(str(exc), permanent=True) from None
        refs, shown = split_recalls(replies)
        messages = plan(shown)
        # Deletions are paced with everything else but are not messages the chat receives.
        wait = self._sender.limits.reserve(chat_id, len(messages))
        if wait > 0:
            raise OverBudget(f"telegram chat {chat_id} over its budget", retry_after=wait)
        await self._sender.delete(chat_id, [int(r) for r in refs if r.isascii() and r.isdigit()])
        try:
            sent = await self._sender.post(chat_id, messages, progress=progress)
        except Unsent as exc:
            if isinstance(exc.cause, ChatMigrated):
                new_id = str(exc.cause.new_chat_id)
                await migrate_chat(self._sessions, chat_id, new_id)
                return await self.send(new_id, exc.replies, progress)
            failure = delivery_error(exc.cause)
            if len(exc.rest) < len(messages):  # some went out: a retry sends the rest only
                failure.unsent = exc.replies
            if failure.retry_after:
                self._sender.limits.block(chat_id, failure.retry_after)
            raise failure from exc
        return [str(message_id) for message_id in sent]
