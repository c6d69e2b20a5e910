"""One sequence of numbers over all the options of a reply.

Where a channel has no buttons, a `Choices` reads as its text and numbered lines, and the
user answers with the number (`bot.choice_memory`). A reply may offer several: 协查通缉
shows three wanted cards, each with 「我见过此人」. Numbered each from 1, the user read
「1. 我见过此人」 three times and could pick only one of them. So the numbers run on from one
`Choices` to the next in the order the reply shows them, and the memory of the options uses
the very same numbers.

Titles are left as they are, even where several options share one: a number is always shown
in one piece with its own card's words (the `Choices` text, after the caption or text just
before it, `bot.channels.weixin.text.plan`), so the number says which card it belongs to. A
shared title typed in words is not guessed (`choice_memory.resolve_title`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.messages import Button, Choices, Reply


def numbered(replies: Sequence[Reply]) -> list[Reply]:
    """`replies` with the `first` number of every `Choices` set, each going on after the
    options of the one before it.

    A `Choices` that has its `first` keeps it: a form's question, or the rest of a reply
    shown after 「更多」 (it goes on from where the first part stopped). Numbering what is
    numbered already changes nothing, so the parts a channel splits a reply into (a passive
    reply and what follows it, a retry of what was not sent) keep their numbers."""
    out: list[Reply] = []
    following = 1
    for reply in replies:
        if isinstance(reply, Choices):
            first = following if reply.first is None else reply.first
            reply = replace(reply, first=first)
            following = first + len(reply.buttons)
        out.append(reply)
    return out


def last_options(replies: Sequence[Reply]) -> int | None:
    """The index of the last `Choices` with options in `replies`: the one that says how to
    answer them (under every card of a reply, the hint was read three times)."""
    shown = [i for i, r in enumerate(replies) if isinstance(r, Choices) and r.buttons]
    return shown[-1] if shown else None


def options(replies: Sequence[Reply]) -> list[tuple[int, Button]]:
    """Every option of the reply with the number it is shown with, in the order shown."""
    return [
        (number, button)
        for reply in numbered(replies)
        if isinstance(reply, Choices)
        for number, button in enumerate(reply.buttons, start=reply.first or 1)
    ]


def options_still_open(options: int) -> str:
    """What to say of the `options` buttons still on the screen, after a word that chose
    none of them (好的, a second 确认): they still answer, by tap or by number."""
    numbers = f"1–{options}" if options > 1 else "1"
    return f"上面的选项仍可点选（或回复序号 {numbers}）；需要其他功能请发送「帮助」。"
