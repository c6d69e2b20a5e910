"""Replies to and from JSON, for the outbox and the web inbox."""

from __future__ import annotations

import json
from typing import Any

from bot.messages import Button, Choices, Image, Link, Recall, Reply, Text


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    match reply:
        case Text(text):
            return {"type": "text", "text": text}
        case Choices(text, buttons, first):
            item: dict[str, Any] = {
                "type": "choices",
                "text": text,
                "buttons": [{"label": b.label, "value": b.value} for b in buttons],
            }
            if first is not None:  # the rest of a numbered reply goes on from its numbers
                item["first"] = first
            return item
        case Image(sha256, caption, mime_type, published):
            image: dict[str, Any] = {
                "type": "image",
                "sha256": sha256,
                "caption": caption,
                "mime_type": mime_type,
            }
            if published:  # rows written before it read as not published
                image["published"] = True
            return image
        case Link(title, url, description, image_url):
            return {
                "type": "link",
                "title": title,
                "url": url,
                "description": description,
                "image_url": image_url,
            }
        case Recall(refs):
            return {"type": "recall", "refs": list(refs)}
    raise TypeError(f"not a reply: {reply!r}")


def reply_from_dict(data: dict[str, Any]) -> Reply:
    kind = data["type"]
    if kind == "text":
        return Text(data["text"])
    if kind == "choices":
        buttons = tuple(Button(b["label"], b["value"]) for b in data["buttons"])
        return Choices(data["text"], buttons, data.get("first"))
    if kind == "image":
        return Image(
            data["sha256"],
            data.get("caption", ""),
            data.get("mime_type", "image/png"),
            bool(data.get("published", False)),
        )
    if kind == "link":
        return Link(
            data["title"], data["url"], data.get("description", ""), data.get("image_url", "")
        )
    if kind == "recall":
        return Recall(tuple(str(ref) for ref in data["refs"]))
    raise ValueError(f"unknown reply type {kind!r}")


def dumps(replies: list[Reply]) -> str:
    return json.dumps([reply_to_dict(r) for r in replies], ensure_ascii=False)


def loads(text: str) -> list[Reply]:
    return [reply_from_dict(item) for item in json.loads(text)]
