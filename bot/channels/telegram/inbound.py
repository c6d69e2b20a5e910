"""A Telegram message as the neutral `Inbound` the router reads."""

from __future__ import annotations

from telegram import Chat, Message

from bot.messages import ChatType, Inbound, Location, Photo

NAME = "telegram"
GROUP_TYPES = frozenset({Chat.GROUP, Chat.SUPERGROUP})


def chat_type(chat: Chat) -> ChatType:
    return ChatType.GROUP if chat.type in GROUP_TYPES else ChatType.PRIVATE


def command_text(text: str, username: str) -> str | None:
    """The text as the router should read it, or None for a command meant for another bot.

    `/start CODE` is what a deep link t.me/<bot>?start=CODE sends: it binds, like `/绑定 CODE`.
    The router strips `@botname` itself; here we only drop `/help@other_bot` in a group.
    """
    head, _, rest = text.partition(" ")
    if not head.startswith("/"):
        return text
    command, _, addressee = head[1:].partition("@")
    if addressee and username and addressee.lower() != username.lower():
        return None
    if command.lower() == "start" and rest.strip():
        return f"/bind {rest.strip()}"
    return text


def largest_image(message: Message) -> tuple[str, int | None] | None:
    """(file_id, size) of the biggest version of a photo, or of an image sent as a file."""
    if message.photo:
        best = max(message.photo, key=lambda size: size.width * size.height)
        return best.file_id, best.file_size
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        return document.file_id, document.file_size
    return None


def location_of(message: Message) -> Location | None:
    if message.location is None:
        return None
    label = message.venue.title if message.venue is not None else ""
    return Location(message.location.latitude, message.location.longitude, label[:100])


def to_inbound(message: Message, text: str, photos: tuple[Photo, ...]) -> Inbound:
    # An anonymous group admin, or a linked channel, speaks as a chat rather than a user.
    if message.sender_chat is not None:
        sender_id, sender_name = str(message.sender_chat.id), message.sender_chat.title or ""
    elif message.from_user is not None:
        sender_id, sender_name = str(message.from_user.id), message.from_user.full_name
    else:
        sender_id, sender_name = str(message.chat.id), ""
    reply = message.reply_to_message
    return Inbound(
        channel=NAME,
        chat_id=str(message.chat.id),
        sender_id=sender_id,
        text=text,
        chat_type=chat_type(message.chat),
        message_id=str(message.message_id),
        sender_name=sender_name[:100],
        photos=photos,
        location=location_of(message),
        reply_to=str(reply.message_id) if reply is not None else None,
        sent_at=message.date,
    )
