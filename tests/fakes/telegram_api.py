"""A fake Telegram Bot API server, for python-telegram-bot's own `Bot` to talk to.

It answers the way api.telegram.org does: `{"ok": true, "result": ...}` on success and
`{"ok": false, "error_code": N, "description": ..., "parameters": {...}}` with the matching
HTTP status on failure (429 with `retry_after`, 400 "chat not found", 400 with
`migrate_to_chat_id`, 403 "bot was blocked by the user", 401 for a wrong token). Requests
arrive as PTB sends them (form fields, multipart for uploads) and are all recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import BaseTestServer

JSON = dict[str, Any]
#: Longest a getUpdates call waits here, whatever timeout it asks for: tests stay fast.
MAX_LONG_POLL = 0.2


@dataclass
class ApiCall:
    method: str
    params: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)
    #: Whether Telegram accepted it (refused calls are recorded too).
    ok: bool = False

    @property
    def chat_id(self) -> int:
        return int(self.params["chat_id"])

    def json(self, name: str) -> Any:
        return json.loads(self.params[name]) if name in self.params else None

    @property
    def text(self) -> str:
        return self.params.get("text") or self.params.get("caption") or ""

    @property
    def buttons(self) -> list[dict[str, str]]:
        markup = self.json("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class _Flood:
    """A 429 to come: for `chat_id` (None: any chat), after letting `after` sends through."""

    chat_id: int | None
    retry_after: int
    after: int = 0


class ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def response(self) -> web.Response:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.status)


class FakeTelegram:
    def __init__(self, token: str, username: str = "jingmin_test_bot") -> None:
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.partition(":")[0]),
            "is_bot": True,
            "first_name": "警民通",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        #: What the bot sent, as Telegram returned it (Message objects).
        self.messages: list[JSON] = []
        #: Ids of messages deleted through deleteMessage, and those too old to delete.
        self.deleted: list[int] = []
        self.too_old: set[int] = set()
        self.blocked: set[int] = set()
        self.missing_chats: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.webhook_url = "https://jingmin.example/telegram/webhook"
        #: What getWebhookInfo reports as Telegram's last failure calling the webhook.
        self.webhook_error = ""
        #: While set to an unset event, sendMessage waits for it: a slow Telegram.
        self.hold_sends: asyncio.Event | None = None
        #: Sends still to go through before one stalls (`stall`), and that one stalling.
        self._stall_after: int | None = None
        self.stalled = asyncio.Event()
        self._floods: list[_Flood] = []
        self._files: dict[str, tuple[str, bytes]] = {}
        self._updates: list[JSON] = []
        self._update_arrived = asyncio.Event()
        self._ids = itertools.count(1)
        self._methods: dict[str, Callable[[ApiCall], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "answerCallbackQuery": self._answer_callback_query,
            "getFile": self._get_file,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getUpdates": self._get_updates,
            "deleteMessage": self._delete_message,
        }
        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        #: Set by whoever serves `app`: the base URL, and the server (to take it down).
        self.base = ""
        self.server: BaseTestServer | None = None

    # -- what tests arrange ------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return f"{self.base}/bot"

    @property
    def username(self) -> str:
        return str(self.bot_user["username"])

    def flood(self, retry_after: int, chat_id: int | None = None, *, after: int = 0) -> None:
        """The next send (to `chat_id`, or to anyone) gets 429 Too Many Requests; with
        `after`, that many sends go through first (a reply refused half-way)."""
        self._floods.append(_Flood(chat_id, retry_after, after))

    def stall(self, *, after: int = 0) -> None:
        """The next send, once `after` went through, never gets an answer: Telegram took the
        request and went quiet. `stalled` is set when it arrives; it is never delivered."""
        self._stall_after = after

    def add_file(self, data: bytes, suffix: str = "jpg") -> str:
        n = next(self._ids)
        file_id = f"AgACAgUAAxkBAAI{n:06d}"
        self._files[file_id] = (f"photos/file_{n}.{suffix}", data)
        return file_id

    def push_update(self, update: JSON) -> None:
        """Queue an update for getUpdates (long polling)."""
        self._updates.append(update)
        self._update_arrived.set()

    # -- what tests read ---------------------------------------------------------------

    def called(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    def sent_to(self, chat_id: int) -> list[ApiCall]:
        """Messages Telegram accepted for a chat."""
        return [
            c
            for c in self.calls
            if c.ok and c.method in ("sendMessage", "sendPhoto") and c.chat_id == chat_id
        ]

    def texts_to(self, chat_id: int) -> list[str]:
        return [c.text for c in self.sent_to(chat_id)]

    def message_with_button(self, chat_id: int, label: str) -> tuple[JSON, str]:
        """The latest message to a chat with a button labelled `label`, and its data."""
        for message in reversed(self.messages):
            if message["chat"]["id"] != chat_id:
                continue
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label:
                        return message, button["callback_data"]
        raise AssertionError(f"no button {label!r} in chat {chat_id}")

    # -- the Bot API -------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return ApiError(401, "Unauthorized").response()
        call = await _read_call(request)
        self.calls.append(call)
        method = self._methods.get(call.method)
        if method is None:
            return ApiError(404, "Not Found").response()
        try:
            result = await method(call)
        except ApiError as exc:
            return exc.response()
        call.ok = True
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return ApiError(401, "Unauthorized").response()
        for path, data in self._files.values():
            if path == request.match_info["path"]:
                return web.Response(body=data, content_type="application/octet-stream")
        return ApiError(404, "Not Found").response()

    async def _get_me(self, _call: ApiCall) -> JSON:
        return self.bot_user

    def _check_chat(self, chat_id: int) -> None:
        for i, flood in enumerate(self._floods):
            if flood.chat_id is None or flood.chat_id == chat_id:
                if flood.after:
                    flood.after -= 1
                    break
                del self._floods[i]
                seconds = flood.retry_after
                raise ApiError(
                    429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
                )
        if chat_id in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated[chat_id]},
            )
        if chat_id in self.missing_chats:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _message(self, call: ApiCall, **content: Any) -> JSON:
        chat_id = call.chat_id
        chat: JSON = {"id": chat_id, "type": "supergroup" if chat_id < 0 else "private"}
        if chat_id < 0:
            chat["title"] = "测试群"
        else:
            chat["first_name"] = "用户"
        message: JSON = {
            "message_id": next(self._ids),
            "date": 1795000000,
            "chat": chat,
            "from": self.bot_user,
            **content,
        }
        markup = call.json("reply_markup")
        if markup:
            message["reply_markup"] = markup
        self.messages.append(message)
        return message

    async def _maybe_stall(self) -> None:
        if self._stall_after is None:
            return
        if self._stall_after:
            self._stall_after -= 1
            return
        self._stall_after = None
        self.stalled.set()
        await asyncio.Event().wait()  # ended when the server closes

    async def _send_message(self, call: ApiCall) -> JSON:
        await self._maybe_stall()
        if self.hold_sends is not None:
            await self.hold_sends.wait()
        self._check_chat(call.chat_id)
        text = call.params.get("text", "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        for button in call.buttons:
            if len(button.get("callback_data", "").encode()) > 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return self._message(call, text=text)

    async def _send_photo(self, call: ApiCall) -> JSON:
        await self._maybe_stall()
        self._check_chat(call.chat_id)
        if "photo" not in call.files:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        n = next(self._ids)
        sizes = [
            {"file_id": f"photo{n}s", "file_unique_id": f"u{n}s", "width": 90, "height": 90},
            {"file_id": f"photo{n}", "file_unique_id": f"u{n}", "width": 800, "height": 800},
        ]
        caption = call.params.get("caption", "")
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        return self._message(call, photo=sizes, **({"caption": caption} if caption else {}))

    async def _delete_message(self, call: ApiCall) -> bool:
        """As Telegram: only the bot's own messages still there (and, in reality, younger
        than 48 hours: `too_old` stands for those)."""
        self._check_chat(call.chat_id)
        message_id = int(call.params.get("message_id", 0))
        for message in self.messages:
            if message["message_id"] == message_id and message["chat"]["id"] == call.chat_id:
                if message_id in self.too_old:
                    raise ApiError(400, "Bad Request: message can't be deleted for everyone")
                self.messages.remove(message)
                self.deleted.append(message_id)
                return True
        raise ApiError(400, "Bad Request: message to delete not found")

    async def _answer_callback_query(self, call: ApiCall) -> bool:
        if not call.params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        return True

    async def _get_file(self, call: ApiCall) -> JSON:
        file_id = call.params.get("file_id", "")
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, data = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": file_id[-8:],
            "file_size": len(data),
            "file_path": path,
        }

    async def _delete_webhook(self, _call: ApiCall) -> bool:
        self.webhook_url = ""
        return True

    async def _get_webhook_info(self, _call: ApiCall) -> JSON:
        info: JSON = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook_error:
            info["last_error_date"] = 1_700_000_000
            info["last_error_message"] = self.webhook_error
        return info

    async def _get_updates(self, call: ApiCall) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(call.params.get("offset", "0"))
        # Asking from an offset confirms everything before it: Telegram forgets those.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and float(call.params.get("timeout", "0")) > 0:
            self._update_arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_arrived.wait(), MAX_LONG_POLL)
        return list(self._updates)


async def _read_call(request: web.Request) -> ApiCall:
    method = request.match_info["method"]
    params: dict[str, str] = {}
    files: dict[str, bytes] = {}
    if request.content_type == "application/json":
        for key, value in (await request.json()).items():
            params[key] = value if isinstance(value, str) else json.dumps(value)
    elif request.can_read_body:
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
            else:
                params[key] = str(value)
    return ApiCall(method, params, files)
