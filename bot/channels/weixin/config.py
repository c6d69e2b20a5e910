"""Checks shared by the WeChat-family config sections (each channel's `settings.py`).

These modules are imported by `bot.config`, so they use pydantic only. Each message says
what is wrong with the value as given (its length, the character that does not belong): the
usual mistake is a paste from the admin console that took a character too many, or the value
of the field next to it.
"""

from __future__ import annotations

import base64
import binascii
import re

from pydantic import BaseModel, ConfigDict

_TOKEN = re.compile(r"[A-Za-z0-9]{3,32}")
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9]")
#: The consoles make letters and digits; base64's + and / would work as well.
_AES_CHAR = re.compile(r"[A-Za-z0-9+/]")
AES_KEY_LENGTH = 43


class Section(BaseModel):
    # A value pasted with a space or a line break around it is the same value: neither a
    # token nor a key nor an id can contain one.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _length(value: str) -> str:
    # "is 1 characters long" had read as a mistake of its own.
    return f"is {len(value)} character{'' if len(value) == 1 else 's'} long"


def _stranger(value: str, allowed: re.Pattern[str]) -> str | None:
    """The first character of `value` that `allowed` does not match."""
    return next((char for char in value if not allowed.fullmatch(char)), None)


def check_token(value: str) -> str:
    """The callback token the admin console accepts: 3-32 letters or digits."""
    if not value or _TOKEN.fullmatch(value):
        return value
    stranger = _stranger(value, _TOKEN_CHAR)
    found = f"contains {stranger!r}" if stranger else _length(value)
    raise ValueError(
        f"{found}; expected the 3-32 letters or digits entered as Token on the console"
    )


def check_aes_key(value: str) -> str:
    """EncodingAESKey: 43 characters of base64 that decode to a 32-byte AES key."""
    if not value:
        return value
    if len(value) != AES_KEY_LENGTH:
        hint = " (leave out the trailing =)" if value.endswith("=") else ""
        raise ValueError(
            f"{_length(value)}{hint}; expected the 43-character EncodingAESKey from the console"
        )
    stranger = _stranger(value, _AES_CHAR)
    if stranger is not None:
        raise ValueError(
            f"contains {stranger!r}; the console's EncodingAESKey has only letters and digits"
        )
    try:
        raw = base64.b64decode(value + "=", validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ValueError("is not an EncodingAESKey: copy it from the console again")
    return value


def check_route(value: str) -> str:
    if not value.startswith("/") or "{" in value or " " in value:
        raise ValueError("expected a path such as /wechat/mp")
    return value


def check_api_base(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError("expected a URL such as https://api.weixin.qq.com")
    return value.rstrip("/")
