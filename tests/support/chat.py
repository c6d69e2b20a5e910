"""Drive conversations through the real dispatcher, as a channel would."""

from __future__ import annotations

from dataclasses import dataclass

from bot.dispatch import Dispatcher
from bot.messages import ChatType, Choices, Inbound, Location, Reply, Text


def text_of(reply: Reply) -> str:
    if isinstance(reply, Text | Choices):
        return reply.text
    return ""


@dataclass
class Chat:
    """One user on one channel. `say` returns the replies' texts joined by newlines."""

    dispatcher: Dispatcher
    sender: str
    channel: str = "test"
    chat_type: ChatType = ChatType.PRIVATE
    last: list[Reply] | None = None
    #: The chat the user writes in, when not their private one (a group's id).
    chat_id: str = ""

    async def send(self, text: str, location: Location | None = None) -> list[Reply]:
        inbound = Inbound(
            channel=self.channel,
            chat_id=self.chat_id or self.sender,
            sender_id=self.sender,
            text=text,
            chat_type=self.chat_type,
            location=location,
        )
        self.last = await self.dispatcher.dispatch(inbound)
        return self.last

    async def say(self, text: str) -> str:
        return "\n".join(text_of(r) for r in await self.send(text))

    async def say_all(self, *texts: str) -> str:
        out = ""
        for text in texts:
            out = await self.say(text)
        return out

    def buttons(self) -> list[str]:
        return [b.value for r in self.last or [] if isinstance(r, Choices) for b in r.buttons]
