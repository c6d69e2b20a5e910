"""Web chat users in tests: named by the test, with the token a server would have issued."""

from __future__ import annotations

from aiohttp import web

from bot.app import CHANNELS
from bot.channels.rest import RestChannel


def web_token(app: web.Application, name: str) -> str:
    """The token of the web chat user `name` (their sid, and so their account's id)."""
    channel = app[CHANNELS]["web"]
    assert isinstance(channel, RestChannel)
    return channel.tokens.issue(name)


def web_auth(app: web.Application, name: str) -> dict[str, str]:
    """Headers that make a request the web chat user `name`'s."""
    return {"Authorization": f"Bearer {web_token(app, name)}"}
