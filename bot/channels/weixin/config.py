"""Checks shared by the WeChat-family config sections (each channel's `settings.py`).

These modules are imported by `bot.config`, so they use pydantic only.
"""

from __future__ import annotations

import base64
import binascii
import re

from pydantic import BaseModel, ConfigDict

_TOKEN = re.compile(r"[A-Za-z0-9]{3,32}")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_token(value: str) -> str:
    """The callback token the admin console accepts: 3-32 letters or digits."""
    if value and not _TOKEN.fullmatch(value):
        raise ValueError("expected 3-32 letters or digits, as entered on the admin console")
    return value


def check_aes_key(value: str) -> str:
    """EncodingAESKey: 43 characters of base64 that decode to a 32-byte AES key."""
    if not value:
        return value
    try:
        raw = base64.b64decode(value + "=", validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(value) != 43 or len(raw) != 32:
        raise ValueError("expected the 43-character EncodingAESKey from the admin console")
    return value


def check_route(value: str) -> str:
    if not value.startswith("/") or "{" in value or " " in value:
        raise ValueError("expected a path such as /wechat/mp")
    return value


def check_api_base(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError("expected a URL such as https://api.weixin.qq.com")
    return value.rstrip("/")
