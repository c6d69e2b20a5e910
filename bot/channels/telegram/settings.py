"""The `[telegram]` section of the configuration.

Kept free of other project imports: `bot.config` imports this module.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
#: What Telegram accepts as `secret_token` in setWebhook.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
#: What Telegram passes through a start link.
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_SECRET_CHAR = re.compile(r"[A-Za-z0-9_-]")
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9_:-]")
ENV = "JINGMIN_TELEGRAM__"


class TelegramSettings(BaseModel):
    # A token or secret pasted with a space or line break around it is the same value.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

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
        if not value or _TOKEN.fullmatch(value):
            return value
        if _TOKEN.fullmatch(value.removeprefix("bot")):
            # Copied from an API URL (…/bot123456789:AAE…/getMe).
            raise ValueError("starts with 'bot': leave that out, the token is 123456789:AAE...")
        stranger = next((c for c in value if not _TOKEN_CHAR.fullmatch(c)), None)
        if stranger is not None:
            found = f"contains {stranger!r}"
        elif ":" not in value:
            found = "has no ':'"
        else:
            found = "is not shaped like a token"
        raise ValueError(f"{found}; expected the token from @BotFather, such as 123456789:AAE...")

    @field_validator("webhook_secret")
    @classmethod
    def _secret_needed(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("bot_token") and not value:
            raise ValueError(
                "required when bot_token is set; generate one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        if value and not _SECRET.fullmatch(value):
            stranger = next((c for c in value if not _SECRET_CHAR.fullmatch(c)), None)
            found = f"contains {stranger!r}; " if stranger else f"is {len(value)} characters; "
            raise ValueError(f"{found}use 1-256 characters from A-Z a-z 0-9 _ - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _token_given(self) -> TelegramSettings:
        """Without a token the channel is off: a secret or polling given without one means the
        token went missing (a misspelt variable), not that Telegram is unwanted. A username
        alone is fine: commands such as `jingmin invite` print deep links without the token."""
        if self.enabled:
            return self
        given = [key for key in ("webhook_secret", "polling") if getattr(self, key)]
        if given:
            raise ValueError(
                f"bot_token is required with {', '.join(given)} (set it in the file or as "
                f"{ENV}BOT_TOKEN, with two underscores); leave them out to turn Telegram off"
            )
        return self

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
