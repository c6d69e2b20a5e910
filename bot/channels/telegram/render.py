"""Neutral replies as the Bot API calls that show them.

Consecutive texts are merged into one message (and into the question of a following
`Choices`): fewer messages keep a chat under Telegram's per-chat limits, and leave fewer
places for a multi-message delivery to fail half-way.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Button, Choices, Image, Link, Reply, Text

MAX_TEXT = 4096
MAX_CAPTION = 1024
#: Labels this short sit three to a row; longer ones get a row each.
_SHORT_LABEL = 6


@dataclass(frozen=True)
class OutMessage:
    """One sendMessage (text, optional inline keyboard) or one sendPhoto (image)."""

    text: str = ""
    buttons: tuple[Button, ...] = ()
    image: Image | None = None
    #: The replies this message shows, so an unsent rest can be queued again.
    sources: tuple[Reply, ...] = ()


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut at line breaks where possible, so no piece exceeds Telegram's limit."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return pieces


def _link_text(link: Link) -> str:
    return "\n".join(part for part in (link.title, link.description, link.url) if part)


def _texts(
    text: str, sources: tuple[Reply, ...], buttons: tuple[Button, ...] = ()
) -> list[OutMessage]:
    pieces = split_text(text)
    if len(pieces) == 1:
        return [OutMessage(text=text, buttons=buttons, sources=sources)]
    # Each piece carries exactly what it shows: when sending stops half-way, the rest is
    # queued without the pieces the chat already has.
    out = [OutMessage(text=p, sources=(Text(p),)) for p in pieces[:-1]]
    last: Reply = Choices(pieces[-1], buttons) if buttons else Text(pieces[-1])
    out.append(OutMessage(text=pieces[-1], buttons=buttons, sources=(last,)))
    return out


def plan(replies: list[Reply]) -> list[OutMessage]:
    out: list[OutMessage] = []
    pending: list[str] = []
    sources: list[Reply] = []

    def flush() -> None:
        if pending:
            out.extend(_texts("\n\n".join(pending), tuple(sources)))
        pending.clear()
        sources.clear()

    for reply in replies:
        match reply:
            case Text(text):
                if text.strip():
                    pending.append(text)
                    sources.append(reply)
            case Link():
                pending.append(_link_text(reply))
                sources.append(reply)
            case Choices(text, buttons):
                # Telegram refuses an empty message, even one with a keyboard.
                question = "\n\n".join([*pending, text or "请选择："])
                out.extend(_texts(question, (*sources, reply), buttons))
                pending.clear()
                sources.clear()
            case Image(_sha, caption, _mime):
                flush()
                if len(caption) <= MAX_CAPTION:
                    out.append(OutMessage(image=reply, sources=(reply,)))
                else:
                    bare = Image(reply.sha256, "", reply.mime_type)
                    out.append(OutMessage(image=bare, sources=(bare,)))
                    out.extend(_texts(caption, (Text(caption),)))
    flush()
    return out


def keyboard_rows(buttons: tuple[Button, ...]) -> list[list[Button]]:
    if all(len(b.label) <= _SHORT_LABEL for b in buttons):
        return [list(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    return [[b] for b in buttons]
