"""Replies as group-robot messages: text or markdown, image (base64 + md5), news.

A robot takes pictures of at most 2 MB, inline; a larger one becomes a news card pointing at
our media URL, which the group can open.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from bot.channels.wecom.render import escape_markdown, markdown_choices
from bot.channels.weixin.text import Planned
from bot.messages import Choices, Image, Link, Text

MAX_IMAGE_BYTES = 2 * 1024 * 1024


def _news(title: str, url: str, description: str = "", picurl: str = "") -> dict[str, Any]:
    article = {"title": title, "description": description, "url": url, "picurl": picurl}
    return {"msgtype": "news", "news": {"articles": [article]}}


def robot_message(
    item: Planned, *, markdown: bool, picture: bytes | None, media_url: str, hint: bool = True
) -> dict[str, Any]:
    """`picture` is the image's bytes (None if gone); `media_url` our public URL for it;
    `hint`: options say how to answer."""
    match item:
        case Text(text) if markdown:
            return {"msgtype": "markdown", "markdown": {"content": escape_markdown(text)}}
        case Text(text):
            return {"msgtype": "text", "text": {"content": text}}
        case Choices():
            return {
                "msgtype": "markdown",
                "markdown": {"content": markdown_choices(item, hint=hint)},
            }
        case Link(title, url, description, image_url):
            return _news(title, url, description, image_url)
        case Image(_sha, caption, _mime):
            if picture is not None and len(picture) <= MAX_IMAGE_BYTES:
                image = {
                    "base64": base64.b64encode(picture).decode(),
                    "md5": hashlib.md5(picture).hexdigest(),
                }
                return {"msgtype": "image", "image": image}
            return _news(caption or "图片", media_url, picurl=media_url)
    raise TypeError(f"not a message: {item!r}")
