"""Command names mistyped or unknown (/任物, 等级一下): the command they sound like."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Router, Suggestion
from handlers.services.venues import owner_kinds
from storage.models import Role, VenueKind

#: /问题, ／问题 xx, /foo@jingmin_bot: a command's name after the slash.
_SLASH_COMMAND = re.compile(r"[/／]([^\s/／@，,。.？?！!：:；;]+)")
#: A command's name typed with 一下 after it (等级一下, 登记下): the name, heard alone, may
#: be one mistyped (等级 for 登记), which the router puts right only as a word of its own.
_NAME_THEN_A_BIT = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:一下子?|下)[\s。.!！~～]*")


def suggest(
    root: Router,
    text: str,
    role: Role,
    kinds: Iterable[VenueKind] | None = None,
    *,
    private: bool = False,
) -> Suggestion | None:
    """`root.suggest`, and for a name glued to 一下 (等级一下) the name alone: 等级一下 had got
    没有理解 while 等级 was offered 「登记」."""
    hint = root.suggest(text, role, kinds, private=private)
    if hint is None and (glued := _NAME_THEN_A_BIT.fullmatch(text)) is not None:
        hint = root.suggest(glued[1], role, kinds, private=private)
    return hint


def unknown_command(text: str) -> str:
    """The command typed (/问题), when a message no route claims starts with a slash and a
    name; else empty. Telegram's @bot suffix is not part of the name."""
    found = _SLASH_COMMAND.match(text)
    return f"/{found[1]}" if found else ""


async def unknown_command_reply(ctx: Context, root: Router, unknown: str) -> Reply:
    """/任物 had got only 没有这个命令: the command it sounds like, as 帮主 gets 帮助."""
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    name = unknown.removeprefix("/")
    hint = suggest(root, name, ctx.role, await owner_kinds(ctx), private=private)
    if hint is None:
        return Text(f"没有「{unknown}」这个命令。发送「帮助」查看可用的功能和命令。")
    label = hint.label
    return Choices(
        f"没有「{unknown}」这个命令。您是想「{label}」吗？", (Button(f"是，{label}", hint.typed),)
    )
