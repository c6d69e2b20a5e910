"""Platform-neutral messages: what a channel hands the router and what handlers answer.

Handlers see only these types; each channel translates its platform's payloads into an
`Inbound` and renders `Reply` values back, degrading what it cannot show (a channel without
buttons shows `Choices` as numbered options).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float
    label: str = ""


@dataclass(frozen=True, slots=True)
class Photo:
    """A received photo, already stored in the media store under its content hash."""

    sha256: str
    mime_type: str = "image/jpeg"


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message from a user, as every channel describes it."""

    channel: str
    chat_id: str
    sender_id: str
    text: str = ""
    chat_type: ChatType = ChatType.PRIVATE
    message_id: str = ""
    sender_name: str = ""
    photos: tuple[Photo, ...] = ()
    location: Location | None = None
    reply_to: str | None = None
    sent_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Button:
    """A choice; `value` is what comes back as the user's text when it is pressed."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Choices:
    text: str
    buttons: tuple[Button, ...]
    #: The number of its first button where buttons are shown as numbered lines. None: the
    #: number after the options of the `Choices` before it in the same reply (`bot.numbering`);
    #: a form's question says 1, since the form reads its answers' numbers itself.
    first: int | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """A picture from the media store (by content hash), with an optional caption."""

    sha256: str
    caption: str = ""
    mime_type: str = "image/png"
    #: Shown by something made public (an alert's image): its links last as long as the
    #: channel keeps links, even where the same bytes are sealed (a wanted photo).
    published: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    description: str = ""
    image_url: str = ""


@dataclass(frozen=True, slots=True)
class Recall:
    """Withdraw messages the bot sent to this chat earlier, by the platform's message ids
    (what `Channel.send` returned). Channels whose platform cannot recall skip it."""

    refs: tuple[str, ...]


Reply = Text | Choices | Image | Link | Recall


def split_recalls(replies: list[Reply]) -> tuple[list[str], list[Reply]]:
    """(message ids to recall, the replies to show)."""
    refs = [ref for r in replies if isinstance(r, Recall) for ref in r.refs]
    return refs, [r for r in replies if not isinstance(r, Recall)]


#: The text a channel hands the router when a user stops following the bot (unfollows an
#: official account): no one typed it, and no reply can reach them any more.
UNFOLLOWED = "/unfollowed"

#: How to answer numbered options: said once, under the last options of a reply.
NUMBERED_HINT = "（回复序号或文字即可）"


def numbered_options(choices: Choices, *, hint: bool = True) -> str:
    """Render buttons as numbered lines for channels that cannot show buttons (a list's
    last page may have none: then there is nothing to choose and nothing to say so).
    `hint`: end with how to answer (the last options of a reply only, `bot.numbering`)."""
    if not choices.buttons:
        return choices.text
    lines = [choices.text]
    start = choices.first or 1
    lines.extend(f"{i}. {b.label}" for i, b in enumerate(choices.buttons, start=start))
    if hint:
        lines.append(NUMBERED_HINT)
    return "\n".join(lines)
