"""One Telegram update, start to finish: to the router, and the replies back.

Webhook and long polling both end here, so development exercises the production path.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from telegram import Bot, CallbackQuery, ChatMember, ChatMemberUpdated, Message, Update
from telegram.error import TelegramError

from bot.channels.base import Dispatch
from bot.channels.telegram import callbacks
from bot.channels.telegram.errors import delivery_error
from bot.channels.telegram.groups import learn_group, migrate_chat
from bot.channels.telegram.inbound import (
    GROUP_TYPES,
    NAME,
    chat_type,
    command_text,
    largest_image,
    to_inbound,
)
from bot.channels.telegram.outgoing import Sender, Unsent
from bot.channels.telegram.photos import fetch_photo
from bot.channels.telegram.render import plan
from bot.media import MediaError, MediaStore
from bot.messages import UNFOLLOWED, ChatType, Inbound, Photo, Reply, Text
from storage.db import SessionFactory
from storage.outbox import enqueue

log = logging.getLogger(__name__)

STALE_BUTTON = "这个按钮已失效，请重新操作；发送「帮助」查看可用功能。"
#: How the handlers' 没有理解 begins (`handlers.fallback.not_understood.NOT_UNDERSTOOD`;
#: a channel imports no handler). A button's value said it: the button no longer applies.
_NOT_UNDERSTOOD = "抱歉，我没有理解您的意思。"
UNSUPPORTED = "暂时只能处理文字、图片和位置，请换一种方式发送。"
PHOTO_FAILED = "图片接收失败，请稍后重新发送。"
EDITED = "修改后的消息不会被读取，请把改好的内容重新发一条。"
#: As the WeChat channels say it (`bot.channels.weixin.inbound.NO_VOICE`).
NO_VOICE = "暂时听不了语音，请打字发送。"
NO_AUDIO = "暂时听不了音频文件，请把要说的内容打字发送。"
#: A video, a round video note or a GIF: what it shows, in words or as a still.
NO_VIDEO = "暂时看不了视频，请把视频里的情况打字说明，或截图以图片发送。"
NO_FILE = "暂时打不开文件，请把要说的内容打字发送；如果是图片，请直接以图片发送。"
#: A file with a caption: the caption is answered below, the file is not.
NO_AUDIO_READ_TEXT = "暂时听不了语音和音频，只读取了随附的文字；音频里要说的内容请打字发送。"
NO_FILE_READ_TEXT = "暂时打不开文件，只读取了随附的文字；文件里要说的内容请打字发送。"
NO_VIDEO_READ_TEXT = (
    "暂时看不了视频和动图，只读取了随附的文字；视频里的情况请打字说明，或截图以图片发送。"
)
GREETING = "大家好，我是警民通机器人。在群里发送 /help 查看可用功能。"
_PRESENT = frozenset({ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER})


class UpdateProcessor:
    def __init__(
        self,
        bot: Bot,
        sessions: SessionFactory,
        media: MediaStore,
        clock: Callable[[], datetime],
        sender: Sender,
        dedupe_prefix: str,
    ) -> None:
        self._bot = bot
        self._sessions = sessions
        self._media = media
        self._clock = clock
        self._sender = sender
        self._prefix = dedupe_prefix
        #: Our @username, to ignore commands addressed to other bots in a group.
        self.username = ""

    async def process(self, update: Update, dispatch: Dispatch) -> None:
        if update.my_chat_member is not None:
            await self._membership(update.my_chat_member, dispatch)
        elif update.callback_query is not None:
            await self._button(update.update_id, update.callback_query, dispatch)
        elif update.message is not None:
            await self._message(update.update_id, update.message, dispatch)
        elif update.edited_message is not None:
            await self._edited(update.update_id, update.edited_message)
        # Channel posts, inline queries…: nothing the bot answers.

    async def _edited(self, update_id: int, message: Message) -> None:
        """An edit is not read: the form may have moved past the answer edited, and taking
        it as a new message would answer the wrong question. A private chat is told so
        (the edit had vanished without a word); a group stays quiet."""
        if message.chat.type not in GROUP_TYPES and not _not_for_us(message):
            await self._reply(str(update_id), str(message.chat.id), [Text(EDITED)])

    async def _membership(self, change: ChatMemberUpdated, dispatch: Dispatch) -> None:
        chat = change.chat
        if chat.type not in GROUP_TYPES:
            if change.new_chat_member.status == ChatMember.BANNED:
                # The user blocked the bot: nothing reaches them now, so their alert
                # subscriptions end, as a WeChat unfollow ends them (they had stayed, and
                # counted in an officer's 订阅群众 N 人). No reply could reach them.
                await dispatch(
                    Inbound(
                        channel=NAME,
                        chat_id=str(chat.id),
                        sender_id=str(change.from_user.id),
                        text=UNFOLLOWED,
                        chat_type=ChatType.PRIVATE,
                        sender_name=change.from_user.full_name[:100],
                        sent_at=self._clock(),
                    )
                )
            return  # unblocking says nothing: the user's next message is answered
        if change.new_chat_member.status not in _PRESENT:
            log.info("telegram: removed from group %s", chat.id)
            return
        if await learn_group(self._sessions, str(chat.id), chat.title or "", self._clock()):
            await self._reply(f"group:{chat.id}", str(chat.id), [Text(GREETING)])

    async def _message(self, update_id: int, message: Message, dispatch: Dispatch) -> None:
        chat_id = str(message.chat.id)
        if message.migrate_to_chat_id is not None:
            await migrate_chat(self._sessions, chat_id, str(message.migrate_to_chat_id))
            return
        if message.migrate_from_chat_id is not None:
            await migrate_chat(self._sessions, str(message.migrate_from_chat_id), chat_id)
            return
        text = command_text(message.text or message.caption or "", self.username)
        if text is None or _not_for_us(message):
            return
        reply_to = message.message_id if message.chat.type in GROUP_TYPES else None
        photos: tuple[Photo, ...] = ()
        image = largest_image(message)
        if image is not None:
            try:
                photos = (await fetch_photo(self._bot, self._media, *image),)
            except MediaError as exc:
                await self._reply(str(update_id), chat_id, [Text(str(exc))], reply_to)
                return
            except TelegramError as exc:
                log.warning("telegram: photo download failed: %s", type(exc).__name__)
                await self._reply(str(update_id), chat_id, [Text(PHOTO_FAILED)], reply_to)
                return
        inbound = to_inbound(message, text, photos)
        if not text.strip() and not photos and inbound.location is None:
            # Stickers, voice, service messages. Say so in private; stay quiet in groups.
            if inbound.chat_type is ChatType.PRIVATE and not _is_service(message):
                await self._reply(str(update_id), chat_id, [Text(_cannot_read(message))])
            return
        replies = await dispatch(inbound)
        dropped = _unread_attachment(message)
        if dropped and inbound.chat_type is ChatType.PRIVATE:
            # A file with a caption (voice, music, video, GIF, a document): the caption is
            # read, and the sender is told the file was not (it had vanished without a word,
            # as if heard or seen).
            replies = [Text(dropped), *replies]
        await self._reply(str(update_id), chat_id, replies, reply_to)

    async def _button(self, update_id: int, query: CallbackQuery, dispatch: Dispatch) -> None:
        value = await callbacks.decode(self._sessions, query.data or "")
        message = query.message
        if value is None or message is None:
            await self._answer(query, STALE_BUTTON)
            return
        # Stop the client's spinner first: the handler may take a moment.
        await self._answer(query)
        inbound = Inbound(
            channel=NAME,
            chat_id=str(message.chat.id),
            sender_id=str(query.from_user.id),
            text=value,
            chat_type=chat_type(message.chat),
            message_id=str(message.message_id),
            sender_name=query.from_user.full_name[:100],
            sent_at=self._clock(),
        )
        replies = await dispatch(inbound)
        if replies and isinstance(replies[0], Text) and replies[0].text.startswith(_NOT_UNDERSTOOD):
            # An old button (现在发送 of a draft since cancelled): its value means nothing
            # now, and 没有理解 would blame the user for what the bot offered.
            replies = [Text(STALE_BUTTON)]
        await self._reply(str(update_id), str(message.chat.id), replies)

    async def _answer(self, query: CallbackQuery, text: str | None = None) -> None:
        try:
            await self._bot.answer_callback_query(query.id, text=text)
        except TelegramError as exc:
            # A query older than a few seconds can no longer be answered; the press still counts.
            log.info("telegram: answerCallbackQuery failed: %s", type(exc).__name__)

    async def _reply(
        self, key: str, chat_id: str, replies: list[Reply], reply_to: int | None = None
    ) -> None:
        """Answer now; what the Bot API will not take now goes to the outbox for retries."""
        messages = plan(replies)
        if not messages:
            return
        self._sender.limits.record(chat_id, len(messages))
        try:
            await self._sender.post(chat_id, messages, reply_to=reply_to)
        except Unsent as exc:
            failure = delivery_error(exc.cause)
            log.warning("telegram: reply to chat %s not sent: %s", chat_id, failure)
            if not failure.permanent and exc.replies:
                await self._queue(f"{self._prefix}:reply:{key}", chat_id, exc.replies)

    async def _queue(self, dedupe_key: str, chat_id: str, replies: list[Reply]) -> None:
        async with self._sessions() as session:
            enqueue(
                session,
                dedupe_key=dedupe_key,
                channel=NAME,
                chat_id=chat_id,
                replies=replies,
                now=self._clock(),
            )
            with contextlib.suppress(IntegrityError):  # already queued
                await session.commit()


def _not_for_us(message: Message) -> bool:
    """Other bots, and a linked channel's posts copied into its discussion group. (An
    anonymous group admin also comes as a bot, but speaking as the group: that one counts.)"""
    if message.is_automatic_forward:
        return True
    sender = message.from_user
    return message.sender_chat is None and sender is not None and sender.is_bot


def _cannot_read(message: Message) -> str:
    """What to tell a private chat about a message with nothing the bot can read: what it
    cannot take and what to send instead (a music file or a PDF had got the generic
    「只能处理文字、图片和位置」, which left the sender guessing what was wrong)."""
    kind = _unread_kind(message)
    return UNSUPPORTED if kind is None else _CANNOT_READ[kind]


def _unread_attachment(message: Message) -> str:
    """What to say of a file sent with words the bot reads, when the file itself is not
    read; "" when there is none (an image is read)."""
    kind = _unread_kind(message)
    return "" if kind is None else _READ_TEXT_ONLY[kind]


#: What the bot says of a file it does not read, sent alone or with words it reads.
_CANNOT_READ = {"voice": NO_VOICE, "audio": NO_AUDIO, "video": NO_VIDEO, "file": NO_FILE}
_READ_TEXT_ONLY = {
    "voice": NO_AUDIO_READ_TEXT,
    "audio": NO_AUDIO_READ_TEXT,
    "video": NO_VIDEO_READ_TEXT,
    "file": NO_FILE_READ_TEXT,
}


def _unread_kind(message: Message) -> str | None:
    """Which kind of file `message` carries that the bot does not read (a voice or music
    file, a video or GIF, any other document), or None: an image, or no file at all."""
    if largest_image(message) is not None:
        return None
    if message.voice:
        return "voice"
    document = message.document
    mime = (document.mime_type or "") if document is not None else ""
    # Before the document: a GIF comes as an animation and as its mp4 document too; a
    # round video note had been told 听不了语音.
    if message.video or message.video_note or message.animation or mime.startswith("video/"):
        return "video"
    # An mp3 sent as a file is a document, as a PDF is.
    if message.audio or mime.startswith("audio/"):
        return "audio"
    return "file" if document is not None else None


def _is_service(message: Message) -> bool:
    """Joins, leaves, pins, title changes: nothing the user wrote to us."""
    return bool(
        message.new_chat_members
        or message.left_chat_member
        or message.pinned_message
        or message.new_chat_title
        or message.group_chat_created
        or message.supergroup_chat_created
    )
