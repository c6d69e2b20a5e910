"""Web chat users in tests: named by the test, with the token a server would have issued;
and users of the page's earlier versions, whose browser made up their sender."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import CHANNELS, SERVICES
from bot.channels.rest import RestChannel
from bot.messages import Text
from storage.models import Account, Person, Role

#: The web chat's routes, as the page calls them.
SESSION = "/webhooks/rest/session"
INBOX = "/webhooks/rest/inbox"
ME = "/webhooks/rest/me"
WEBHOOK = "/webhooks/rest/webhook"

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]


def web_token(app: web.Application, name: str) -> str:
    """The token of the web chat user `name` (their sid, and so their account's id)."""
    channel = app[CHANNELS]["web"]
    assert isinstance(channel, RestChannel)
    return channel.tokens.issue(name)


def web_auth(app: web.Application, name: str) -> dict[str, str]:
    """Headers that make a request the web chat user `name`'s."""
    return {"Authorization": f"Bearer {web_token(app, name)}"}


async def legacy_web_user(
    app: web.Application, role: Role, pushed: str | None = None, display_name: str = ""
) -> str:
    """A web user of an earlier page (a browser-made UUID as their sender, as `carry_over`
    expects), with `pushed` waiting in their inbox; returns the UUID."""
    old = str(uuid.uuid4())
    async with app[SERVICES].sessions() as session:
        person = Person(role=role, display_name=display_name)
        session.add(person)
        await session.flush()
        assert person.id is not None
        session.add(Account(channel="web", channel_user_id=old, person_id=person.id))
        await session.commit()
    if pushed is not None:
        await app[CHANNELS]["web"].send(old, [Text(pushed)])
    return old
