"""The web chat: a page at `/` and a REST endpoint in the shape of Rasa's REST channel."""

from bot.channels.rest.channel import RestChannel

__all__ = ["RestChannel"]
