"""A chat that can also send photos and a shared location, under a display name."""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Inbound, Location, Photo, Reply
from tests.support.chat import Chat, text_of


@dataclass
class RichChat(Chat):
    #: What the messenger says the user is called: must never reach an officer of a tip.
    sender_name: str = ""

    async def send(
        self, text: str, location: Location | None = None, photos: tuple[Photo, ...] = ()
    ) -> list[Reply]:
        inbound = Inbound(
            channel=self.channel,
            chat_id=self.sender,
            sender_id=self.sender,
            text=text,
            chat_type=self.chat_type,
            sender_name=self.sender_name,
            location=location,
            photos=photos,
        )
        self.last = await self.dispatcher.dispatch(inbound)
        return self.last

    async def photo(self, photo: Photo, caption: str = "") -> str:
        return "\n".join(text_of(r) for r in await self.send(caption, photos=(photo,)))

    async def place(self, location: Location, text: str = "") -> str:
        return "\n".join(text_of(r) for r in await self.send(text, location=location))
