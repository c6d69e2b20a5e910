"""Replies as WeCom app messages: text, markdown (choices, when enabled), image, textcard.

The same bodies go to a member (`message/send`, with `touser` and `agentid`) and to an app
group chat (`appchat/send`, with `chatid`).
"""

from __future__ import annotations

import re
from typing import Any

from bot.channels.weixin.text import Planned, as_text, titles_of, untapped
from bot.messages import Choices, Image, Link, Text

_TITLE_BYTES = 128
_DESCRIPTION_BYTES = 512


def _cut(text: str, limit: int) -> str:
    data = text.encode()
    return text if len(data) <= limit else data[:limit].decode(errors="ignore")


#: WeCom's markdown has no escape character, so what it would read as markup (bold and
#: italics, links, `<font>` and `<@member>` tags, code, entities; headings and quotes at a
#: line's start) is shown with its full-width twin: a tip's or alert's text reads the same
#: and formats nothing, links nowhere and mentions no one.
_INLINE = str.maketrans(
    {"*": "＊", "_": "＿", "`": "｀", "[": "［", "]": "］", "<": "＜", "&": "＆"}
)
_LINE_START = re.compile(r"^(\s*)([#>])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    text = text.translate(_INLINE)
    return _LINE_START.sub(lambda m: m[1] + {"#": "＃", ">": "＞"}[m[2]], text)


def markdown_choices(choices: Choices, *, hint: bool = True) -> str:
    """`hint`: end with how to answer (under the last options of a reply only)."""
    said = escape_markdown(untapped(choices.text, titles_of([choices])))
    if not choices.buttons:
        return said
    lines = [said, ""]
    lines.extend(
        f"{i}. **{escape_markdown(b.label)}**"
        for i, b in enumerate(choices.buttons, start=choices.first or 1)
    )
    if hint:
        lines.append('<font color="comment">回复序号或文字即可</font>')
    return "\n".join(lines)


def app_message(item: Planned, media_id: str = "", *, hint: bool = True) -> dict[str, Any]:
    """The message body, without its addressing; `hint`: options say how to answer."""
    match item:
        case Text(text):
            return {"msgtype": "text", "text": {"content": text}}
        case Choices():
            return {
                "msgtype": "markdown",
                "markdown": {"content": markdown_choices(item, hint=hint)},
            }
        case Link(title, url, description, _image):
            card = {
                "title": _cut(title, _TITLE_BYTES),
                # WeCom refuses a textcard without a description.
                "description": _cut(description or title, _DESCRIPTION_BYTES),
                "url": url,
                "btntxt": "详情",
            }
            return {"msgtype": "textcard", "textcard": card}
        case Image():
            return {"msgtype": "image", "image": {"media_id": media_id}}
    raise TypeError(f"not a message: {item!r}")


__all__ = ["app_message", "as_text", "escape_markdown", "markdown_choices"]
