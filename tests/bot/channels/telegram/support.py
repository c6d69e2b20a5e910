"""Telegram updates as Telegram sends them, and a driver that posts them to our webhook."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.webhook import SECRET_HEADER
from tests.fakes.telegram_api import JSON, FakeTelegram

TOKEN = "123456789:AAH-test_token_for_the_fake_api"
SECRET = "test-secret_0123456789"
ROUTE = "/telegram/webhook"
DATE = 1795000000  # 2026-11-17, any fixed time will do


@dataclass(frozen=True)
class User:
    id: int
    first_name: str

    def json(self) -> JSON:
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": "zh-hans",
        }

    def private_chat(self) -> JSON:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


OWNER = User(5001, "旅馆老板")
OFFICER = User(5002, "张警官")
RESIDENT = User(5003, "居民")


def group_chat(chat_id: int = -4001, title: str = "平安旅馆群", kind: str = "group") -> JSON:
    return {"id": chat_id, "type": kind, "title": title}


ADMIN_RIGHTS = {
    right: right in ("can_delete_messages", "can_invite_users")
    for right in (
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    )
}


@dataclass
class Updates:
    """Builds updates with increasing update_id and message_id, as one bot would see them."""

    bot: JSON
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(70001))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _wrap(self, **kind: JSON) -> JSON:
        return {"update_id": next(self._update_ids), **kind}

    def message(self, user: User, chat: JSON | None = None, **content: Any) -> JSON:
        body: JSON = {
            "message_id": next(self._message_ids),
            "from": user.json(),
            "chat": chat or user.private_chat(),
            "date": DATE,
            **content,
        }
        return self._wrap(message=body)

    def text(self, user: User, text: str, chat: JSON | None = None) -> JSON:
        content: JSON = {"text": text}
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            content["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
        return self.message(user, chat, **content)

    def photo(self, user: User, file_id: str, size: int, caption: str = "") -> JSON:
        sizes = [
            {
                "file_id": file_id + "s",
                "file_unique_id": "s1",
                "width": 90,
                "height": 90,
                "file_size": 900,
            },
            {
                "file_id": file_id,
                "file_unique_id": "l1",
                "width": 1280,
                "height": 960,
                "file_size": size,
            },
        ]
        extra: JSON = {"caption": caption} if caption else {}
        return self.message(user, photo=sizes, **extra)

    def press(self, user: User, message: JSON, data: str) -> JSON:
        query = {
            "id": f"cbq{next(self._message_ids)}",
            "from": user.json(),
            "message": message,
            "chat_instance": "-5512345678901234567",
            "data": data,
        }
        return self._wrap(callback_query=query)

    def _member(self, status: str) -> JSON:
        """A ChatMember with the fields Telegram sends for that status."""
        member: JSON = {"user": self.bot, "status": status}
        if status == "administrator":
            member |= {"can_be_edited": False, "is_anonymous": False, **ADMIN_RIGHTS}
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def member_change(self, by: User, chat: JSON, old: str, new: str) -> JSON:
        change = {
            "chat": chat,
            "from": by.json(),
            "date": DATE,
            "old_chat_member": self._member(old),
            "new_chat_member": self._member(new),
        }
        return self._wrap(my_chat_member=change)


@dataclass
class Telegram:
    """Our server's webhook on one side, the fake Bot API on the other."""

    client: TestClient
    api: FakeTelegram
    channel: TelegramChannel
    updates: Updates

    async def post(
        self, update: JSON | bytes, *, secret: str | None = SECRET, **headers: str
    ) -> ClientResponse:
        body = (
            update if isinstance(update, bytes) else json.dumps(update, ensure_ascii=False).encode()
        )
        sent = {"Content-Type": "application/json", **headers}
        if secret is not None:
            sent[SECRET_HEADER] = secret
        return await self.client.post(ROUTE, data=body, headers=sent)

    async def deliver(self, update: JSON) -> None:
        """Post as Telegram would, and wait until the update has been handled."""
        response = await self.post(update)
        assert response.status == 200, await response.text()
        await self.channel.idle()


@dataclass
class Conversation:
    """One user in one chat: say things, press buttons, read what the bot sent back."""

    tg: Telegram
    user: User
    chat: JSON | None = None

    @property
    def chat_id(self) -> int:
        return int((self.chat or self.user.private_chat())["id"])

    async def _new_texts(self, update: JSON) -> str:
        before = len(self.tg.api.sent_to(self.chat_id))
        await self.tg.deliver(update)
        return "\n".join(self.tg.api.texts_to(self.chat_id)[before:])

    async def say(self, text: str) -> str:
        return await self._new_texts(self.tg.updates.text(self.user, text, self.chat))

    async def press(self, label: str) -> str:
        message, data = self.tg.api.message_with_button(self.chat_id, label)
        return await self._new_texts(self.tg.updates.press(self.user, message, data))
