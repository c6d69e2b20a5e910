"""A conversation of the page's earlier versions (a browser-made UUID as its sender) carried
over to a server-issued identity, once; an officer's is not carried (they bind again)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import col, select

from bot.app import CHANNELS, SERVICES, SETTINGS, create_app
from bot.channels.rest import channel as rest_channel
from bot.channels.rest.channel import ADDRESS_CLAIMS_BURST
from bot.messages import Text
from bot.middleware.rate_limit import RateLimiter
from storage.models import Account, Person, Role
from tests.support.seed import Seeded

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]

SESSION = "/webhooks/rest/session"
INBOX = "/webhooks/rest/inbox"
ME = "/webhooks/rest/me"


async def legacy_user(app: web.Application, role: Role, pushed: str) -> str:
    """A web user of an earlier version, with a message waiting in their inbox."""
    old = str(uuid.uuid4())
    async with app[SERVICES].sessions() as session:
        person = Person(role=role)
        session.add(person)
        await session.flush()
        assert person.id is not None
        session.add(Account(channel="web", channel_user_id=old, person_id=person.id))
        await session.commit()
    await app[CHANNELS]["web"].send(old, [Text(pushed)])
    return old


async def web_ids(app: web.Application) -> set[str]:
    async with app[SERVICES].sessions() as session:
        rows = await session.exec(
            select(Account.channel_user_id).where(col(Account.channel) == "web")
        )
        return set(rows.all())


async def test_an_owners_conversation_is_carried_over_once(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    old = await legacy_user(app, Role.OWNER, "今日通报：请核对入住旅客证件。")
    page = await aiohttp_client(app)
    answer = await page.post(SESSION, json={"claim": old})
    assert await answer.json() == {"carried": "carried"}
    # Still an owner, with what was waiting, under the new identity.
    assert (await (await page.get(ME)).json())["role"] == "owner"
    inbox = await (await page.get(INBOX, params={"after": "0"})).json()
    assert [m["text"] for m in inbox["messages"]] == ["今日通报：请核对入住旅客证件。"]
    assert old not in await web_ids(app)

    # The old string, read from a log afterwards, carries nothing over.
    stranger = await aiohttp_client(app)
    again = await stranger.post(SESSION, json={"claim": old})
    assert await again.json() == {"carried": "none"}
    assert (await (await stranger.get(ME)).json())["role"] == "resident"
    empty = await (await stranger.get(INBOX, params={"after": "0"})).json()
    assert empty["messages"] == []


async def test_an_officers_old_web_chat_is_not_carried_over(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    old = await legacy_user(app, Role.OFFICER, "比中提醒：平安旅馆 303 房")
    page = await aiohttp_client(app)
    answer = await page.post(SESSION, json={"claim": old})
    assert await answer.json() == {"carried": "rebind"}
    assert (await (await page.get(ME)).json())["role"] == "resident"
    inbox = await (await page.get(INBOX, params={"after": "0"})).json()
    assert inbox["messages"] == []


async def test_only_a_sender_the_page_made_can_be_claimed(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """A hand-picked sender ("owner", as a script might have used) is not carried over:
    it is too easily guessed."""
    page = await aiohttp_client(app)
    answer = await page.post(SESSION, json={"claim": "owner"})
    assert await answer.json() == {"carried": "none"}
    assert (await (await page.get(ME)).json())["role"] == "resident"
    assert "owner" in await web_ids(app)


async def test_naming_old_senders_is_limited_before_any_is_looked_up(
    monkeypatch: pytest.MonkeyPatch, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """Past the limit even a sender that exists is not carried over: the attempt that would
    have found it is refused first."""
    monkeypatch.setattr(
        rest_channel, "RateLimiter", functools.partial(RateLimiter, clock=lambda: 0.0)
    )
    limited = create_app(app[SETTINGS], run_background=False)
    client = await aiohttp_client(limited)
    for _ in range(ADDRESS_CLAIMS_BURST):
        guess = await client.post(SESSION, json={"claim": str(uuid.uuid4())})
        assert await guess.json() == {"carried": "none"}
    old = await legacy_user(limited, Role.OWNER, "今日通报")
    found = await client.post(SESSION, json={"claim": old})
    assert found.status == 429
    assert old in await web_ids(limited)
