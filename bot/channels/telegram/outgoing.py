"""Planned messages onto the Bot API: sendMessage with an inline keyboard, sendPhoto."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    ReplyParameters,
)
from telegram.error import TelegramError

from bot.channels.base import Progress
from bot.channels.missing_pictures import gone_text
from bot.channels.telegram import callbacks
from bot.channels.telegram.limits import SendLimits
from bot.channels.telegram.render import OutMessage, keyboard_rows
from bot.media import MediaStore
from bot.messages import Reply
from storage.crypto import BlindIndex
from storage.db import SessionFactory

log = logging.getLogger(__name__)

_CHAT_ID = re.compile(r"-?\d{1,20}")


class Unsent(Exception):
    """The Bot API failed part-way: `rest` were not sent, `cause` says why."""

    def __init__(self, rest: list[OutMessage], cause: TelegramError) -> None:
        super().__init__(str(cause))
        self.rest = rest
        self.cause = cause

    @property
    def replies(self) -> list[Reply]:
        return sources(self.rest)


def sources(messages: list[OutMessage]) -> list[Reply]:
    """The replies `messages` show, to be queued again when they were not sent."""
    return [reply for message in messages for reply in message.sources]


def chat_ref(chat_id: str) -> int:
    """Our chat ids are Telegram's integer ids as text."""
    if not _CHAT_ID.fullmatch(chat_id):
        raise ValueError(f"not a Telegram chat id: {chat_id!r}")
    return int(chat_id)


def _filename(message: OutMessage) -> str:
    assert message.image is not None
    extension = message.image.mime_type.rpartition("/")[2].replace("jpeg", "jpg") or "png"
    return f"{message.image.sha256[:16]}.{extension}"


class Sender:
    def __init__(
        self,
        bot: Bot,
        sessions: SessionFactory,
        media: MediaStore,
        clock: Callable[[], datetime],
        limits: SendLimits,
        index: BlindIndex,
    ) -> None:
        self._bot = bot
        self._sessions = sessions
        self._media = media
        self._clock = clock
        self.limits = limits
        self._index = index

    async def post(
        self,
        chat_id: str,
        messages: list[OutMessage],
        *,
        reply_to: int | None = None,
        progress: Progress | None = None,
    ) -> list[int]:
        """Send in order, the first as a reply to `reply_to` (groups: whose question this
        answers); the sent messages' ids. Raises `Unsent` on the first Bot API failure;
        tells `progress` what is left after each message."""
        target = chat_ref(chat_id)
        sent: list[int] = []
        for index, message in enumerate(messages):
            await self.limits.pace()
            try:
                found = await self._post_one(target, message, reply_to if index == 0 else None)
            except TelegramError as exc:
                raise Unsent(messages[index:], exc) from exc
            if found is not None:
                sent.append(found)
            if progress is not None:
                progress.went_out(sources(messages[index + 1 :]))
        return sent

    async def delete(self, chat_id: str, message_ids: list[int]) -> int:
        """Delete messages the bot sent; how many went. Telegram refuses those older than
        48 hours or already gone: those stay, and the follow-up says what it has to."""
        target = chat_ref(chat_id)
        deleted = 0
        for message_id in message_ids:
            await self.limits.pace()
            try:
                deleted += bool(await self._bot.delete_message(target, message_id))
            except TelegramError as exc:
                log.info("telegram: message %s not deleted (%s)", message_id, type(exc).__name__)
        return deleted

    async def _post_one(self, chat: int, message: OutMessage, reply_to: int | None) -> int | None:
        reply = (
            ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to is not None
            else None
        )
        if message.image is not None:
            data = self._media.get(message.image.sha256)
            if data is not None:
                photo = await self._bot.send_photo(
                    chat,
                    InputFile(data, filename=_filename(message)),
                    caption=message.image.caption or None,
                    reply_parameters=reply,
                )
                return photo.message_id
            # A line where the picture stood, rather than failing the delivery for ever
            # or leaving the user to wonder what the next message is about.
            log.warning("image %s is not in the media store", message.image.sha256[:12])
            message = OutMessage(text=gone_text(message.image))
        markup = await self._keyboard(message) if message.buttons else None
        text = await self._bot.send_message(
            chat, message.text, reply_markup=markup, reply_parameters=reply
        )
        return text.message_id

    async def _keyboard(self, message: OutMessage) -> InlineKeyboardMarkup:
        now = self._clock()
        rows = [
            [
                InlineKeyboardButton(
                    b.label,
                    callback_data=await callbacks.encode(self._sessions, self._index, b.value, now),
                )
                for b in row
            ]
            for row in keyboard_rows(message.buttons)
        ]
        return InlineKeyboardMarkup(rows)
