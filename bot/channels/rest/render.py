"""Replies in the shape Rasa's REST channel answers with, so existing clients work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.messages import Choices, Image, Link, Reply, Text


def render(recipient: str, reply: Reply, link: Callable[[Image], str]) -> dict[str, Any]:
    """One reply as `{"recipient_id", "text", "buttons"?, "image"?}`; `link` makes the URL
    of a stored picture."""
    match reply:
        case Text(text):
            return {"recipient_id": recipient, "text": text}
        case Choices(text, buttons):
            return {
                "recipient_id": recipient,
                "text": text,
                "buttons": [{"title": b.label, "payload": b.value} for b in buttons],
            }
        case Image(caption=caption):
            item: dict[str, Any] = {"recipient_id": recipient, "image": link(reply)}
            if caption:
                item["text"] = caption
            return item
        case Link(title, url, description, image_url):
            item = {"recipient_id": recipient, "text": f"{title}\n{description}\n{url}".strip()}
            if image_url:
                item["image"] = image_url
            return item
    raise TypeError(f"not a reply: {reply!r}")
