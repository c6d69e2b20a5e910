"""Replies as customer-service messages (客服消息) of the official account."""

from __future__ import annotations

from typing import Any

from bot.channels.weixin.text import Planned, as_text
from bot.messages import Choices, Image, Link, Text


def custom_message(user: str, item: Planned, media_id: str = "") -> dict[str, Any]:
    """One customer-service payload; a picture needs the `media_id` of its upload."""
    match item:
        case Text() | Choices():
            return {"touser": user, "msgtype": "text", "text": {"content": as_text(item)}}
        case Link(title, url, description, image_url):
            # One article per customer-service news message since 2018.
            article = {"title": title, "description": description, "url": url, "picurl": image_url}
            return {"touser": user, "msgtype": "news", "news": {"articles": [article]}}
        case Image():
            return {"touser": user, "msgtype": "image", "image": {"media_id": media_id}}
    raise TypeError(f"not a message: {item!r}")
