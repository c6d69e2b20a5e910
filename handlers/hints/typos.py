"""Command names mistyped or unknown (/任物, 等级一下): the command they sound like."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF, Router, Suggestion
from bot.sounds import is_chinese, syllables
from handlers.broadcast.acks import ACK_ROUTE, acknowledges
from handlers.help_menu import NOT_FOR_STAFF
from handlers.services.venues import owner_kinds
from storage.models import Role, VenueKind

#: /问题, ／问题 xx, /foo@jingmin_bot: a command's name after the slash.
_SLASH_COMMAND = re.compile(r"[/／]([^\s/／@，,。.？?！!：:；;]+)")
#: Where a help's first clause ends (租客搬离，如：/退租 1; 向民警举报（默认匿名）).
_CLAUSE_END = re.compile(r"[；;，,（(]")
#: Telegram's @bot suffix after a command's name: not its argument.
_BOT_NAME = re.compile(r"^@\S*")
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
    if hint is None and (near := _one_letter_off(root, text, role, kinds)):
        hint = root.suggest(near, role, kinds, private=private)
    if hint is not None and hint.route.name == ACK_ROUTE and not acknowledges(text):
        # 收到短信说我医保卡被冻结了…是真的吗 had been offered 「收到」, the alert's button:
        # a sentence that goes on to tell what came, or asks, is no acknowledgement.
        return None
    if hint is not None and role in STAFF and hint.route.name in NOT_FOR_STAFF:
        # An officer's 订阅城西 had been offered /订阅, which their help does not list.
        return None
    return hint


def _one_letter_off(root: Router, text: str, role: Role, kinds: Iterable[VenueKind] | None) -> str:
    """The role's Chinese command name or keyword that `text`, a word alone, misses by the
    last pinyin letter of one syllable, its first character typed right: 举办 (ju ban) for
    举报 (ju bao), the keyboard's word for jub… picked. Else empty."""
    word = text.strip()
    if not 2 <= len(word) <= 4 or not is_chinese(word):
        return ""
    heard = syllables(word)
    for route in root.helped(role, kinds):
        for name in (*route.commands, *route.keywords):
            if len(name) != len(word) or name[0] != word[0] or not is_chinese(name):
                continue
            off = [(a, b) for a, b in zip(heard, syllables(name), strict=False) if a != b]
            if (
                len(off) == 1
                and len(off[0][0]) == len(off[0][1])
                and off[0][0][:-1] == off[0][1][:-1]
            ):
                return name
    return ""


def meant(label: str, what: str) -> str:
    """「您是想用「租客」（查看在租租客）吗？」: 「您是想「租客」吗？」 had asked whether the
    sender wants a word; `what`, the command's help as a clause, may be empty."""
    return f"您是想用「{label}」{f'（{what}）' if what else ''}吗？"


def unknown_command(text: str) -> str:
    """The command typed (/问题), when a message no route claims starts with a slash and a
    name; else empty. Telegram's @bot suffix is not part of the name."""
    found = _SLASH_COMMAND.match(text)
    return f"/{found[1]}" if found else ""


async def unknown_command_reply(ctx: Context, root: Router, unknown: str) -> Reply:
    """/任物 had got only 没有这个命令: the command it sounds like, as 帮主 gets 帮助."""
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    name = unknown.removeprefix("/")
    kinds = await owner_kinds(ctx)
    hint = suggest(root, name, ctx.role, kinds, private=private)
    if hint is None:
        return Text(f"没有「{unknown}」这个命令。发送「帮助」查看可用的功能和命令。")
    # /推租 1 had been offered a bare /退租: what followed the mistyped name is the
    # command's argument still.
    typed = _SLASH_COMMAND.match(ctx.inbound.text.strip())
    rest = _BOT_NAME.sub("", typed.string[typed.end() :]).strip() if typed else ""
    if rest and " " not in hint.typed:
        hint = replace(hint, typed=f"{hint.typed} {rest}")
    label = hint.label
    what = _CLAUSE_END.split(hint.route.help_for(ctx.role, kinds), maxsplit=1)[0].strip()
    return Choices(
        f"没有「{unknown}」这个命令。{meant(label, what)}", (Button(f"是，{label}", hint.typed),)
    )
