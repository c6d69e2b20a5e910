"""The `[telegram]` section of the configuration.

Kept free of other project imports: `bot.config` imports this module.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
#: What Telegram accepts as `secret_token` in setWebhook.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
#: What Telegram passes through a start link.
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")


class TelegramSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: From @BotFather; empty turns the channel off.
    bot_token: str = ""
    #: Sent by Telegram in X-Telegram-Bot-Api-Secret-Token on every webhook call; required
    #: with a token, since without it anyone could post updates in an officer's name.
    webhook_secret: str = Field(default="", validate_default=True)
    #: Path of the webhook route on this server.
    route: str = "/telegram/webhook"
    #: Bot API base; the token is appended. Files are fetched from the sibling `/file/bot`.
    api_base: str = "https://api.telegram.org/bot"
    #: For deep links (t.me/<bot_username>?start=CODE); learned from getMe when empty.
    bot_username: str = ""
    #: Development only: fetch updates with getUpdates instead of a webhook. Deletes the
    #: bot's webhook when the server starts.
    polling: bool = False

    @property
    def enabled(self) -> bool:
        return bool(self.bot_token)

    @property
    def bot_id(self) -> str:
        """The numeric id before the colon: the token names its bot."""
        return self.bot_token.partition(":")[0]

    @property
    def file_base(self) -> str:
        """`https://api.telegram.org/bot` → `https://api.telegram.org/file/bot`."""
        head, _, last = self.api_base.rpartition("/")
        return f"{head}/file/{last}"

    def deep_link(self, payload: str) -> str | None:
        """`https://t.me/<bot>?start=<payload>`: opening it sends `/start <payload>`, which
        the channel reads as `/绑定 <payload>`. None without a configured username."""
        if not self.bot_username or not _PAYLOAD.fullmatch(payload):
            return None
        return f"https://t.me/{self.bot_username}?start={payload}"

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: str) -> str:
        if value and not _TOKEN.fullmatch(value):
            raise ValueError("expected the token from @BotFather, such as 123456789:AAE...")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_needed(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("bot_token") and not value:
            raise ValueError(
                "required when bot_token is set; generate one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        if value and not _SECRET.fullmatch(value):
            raise ValueError("use 1-256 characters from A-Z a-z 0-9 _ - (Telegram's rule)")
        return value

    @field_validator("route")
    @classmethod
    def _absolute_route(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("expected a path starting with /, such as /telegram/webhook")
        return value

    @field_validator("api_base")
    @classmethod
    def _http_base(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("expected a URL such as https://api.telegram.org/bot")
        return value.rstrip("/")

    @field_validator("bot_username")
    @classmethod
    def _username_shape(cls, value: str) -> str:
        value = value.removeprefix("@")
        if value and not _USERNAME.fullmatch(value):
            raise ValueError("expected the bot's username without @, such as jingmin_bot")
        return value
