"""A conversation of the page's earlier versions (a browser-made UUID as its sender) carried
over to a server-issued identity, once; an officer's is not carried (they bind again)."""

from __future__ import annotations

import functools
import uuid

import pytest
from aiohttp import web
from sqlmodel import col, select

from bot.app import DELIVERY, DISPATCHER, SERVICES, SETTINGS, create_app
from bot.channels.rest import channel as rest_channel
from bot.channels.rest.channel import ADDRESS_CLAIMS_BURST
from bot.messages import Inbound, Reply
from bot.middleware.rate_limit import RateLimiter
from scheduler.jobs.inspection_reminders import remind_inspections
from storage.models import Account, Role, UserMemo, Venue
from tests.support.clock import FakeClock
from tests.support.seed import Seeded
from tests.support.web_chat import (
    INBOX,
    ME,
    SESSION,
    WEBHOOK,
    Client,
    ClientFactory,
    legacy_web_user,
)


async def web_ids(app: web.Application) -> set[str]:
    async with app[SERVICES].sessions() as session:
        rows = await session.exec(
            select(Account.channel_user_id).where(col(Account.channel) == "web")
        )
        return set(rows.all())


async def test_an_owners_conversation_is_carried_over_once(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    old = await legacy_web_user(app, Role.OWNER, "今日通报：请核对入住旅客证件。")
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
    old = await legacy_web_user(app, Role.OFFICER, "比中提醒：平安旅馆 303 房")
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
    old = await legacy_web_user(limited, Role.OWNER, "今日通报")
    found = await client.post(SESSION, json={"claim": old})
    assert found.status == 429
    assert old in await web_ids(limited)


def texts(replies: list[Reply]) -> str:
    return "\n".join(str(getattr(r, "text", "")) for r in replies)


async def say(page: Client, text: str) -> str:
    """`text` said on the upgraded page (its cookie); the answer's text."""
    answer = await page.post(WEBHOOK, json={"message": text})
    assert answer.status == 200
    return "\n".join(r.get("text", "") for r in await answer.json())


async def as_legacy(app: web.Application, old: str, text: str) -> list[Reply]:
    """`text` said by the web user `old` on the earlier page (the dispatcher, as the
    earlier channel handed it on)."""
    inbound = Inbound(channel="web", chat_id=old, sender_id=old, text=text)
    return await app[DISPATCHER].dispatch(inbound)


async def test_a_report_half_written_on_the_earlier_page_goes_on_after_the_upgrade(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """The form in progress was keyed by the old id: it was started again."""
    old = await legacy_web_user(app, Role.RESIDENT)
    await as_legacy(app, old, "举报")
    asked = await as_legacy(app, old, "楼道里堆满了纸箱，还有人在抽烟")
    assert "请选择举报类别" in texts(asked)
    page = await aiohttp_client(app)
    assert await (await page.post(SESSION, json={"claim": old})).json() == {"carried": "carried"}
    # 5 is 消防隐患 among the buttons the earlier page showed.
    assert "如有照片" in await say(page, "5")


async def test_what_the_earlier_page_was_offered_is_still_there_after_the_upgrade(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """The conversation's memos (the buttons a typed number picks, the situation a tip was
    offered for) were keyed by the old id: they were lost, and the resident asked to describe
    it all again."""
    old = await legacy_web_user(app, Role.RESIDENT)
    offered = await as_legacy(app, old, "楼下有人天天在卖毒品，很多人进出")
    assert "是否要向民警举报" in texts(offered)
    page = await aiohttp_client(app)
    assert await (await page.post(SESSION, json={"claim": old})).json() == {"carried": "carried"}
    # 1 is 「是，我要举报」: the tip starts from what was said.
    assert "已记下情况：楼下有人天天在卖毒品" in await say(page, "1")
    async with app[SERVICES].sessions() as session:
        keys = (await session.exec(select(UserMemo.user_key))).all()
    assert keys and not [key for key in keys if old in key]


async def test_a_reminder_queued_before_the_upgrade_is_not_queued_again_after_it(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded, clock: FakeClock
) -> None:
    """The outbox row queued to the old id kept the old id in its once-only key: the job
    run again the same day found no row for the new identity and queued a second copy."""
    services = app[SERVICES]
    old = str(uuid.uuid4())
    async with services.sessions() as session:
        # The seeded hotel owner has used the earlier page; the hotel opened today.
        account = (
            await session.exec(select(Account).where(col(Account.channel_user_id) == "owner"))
        ).one()
        account.channel_user_id = old
        session.add(account)
        for venue in (await session.exec(select(Venue))).all():
            venue.created_at = clock.now
            session.add(venue)
        await session.commit()
    clock.advance(days=31)
    assert await remind_inspections(services) == 1
    page = await aiohttp_client(app)
    assert await (await page.post(SESSION, json={"claim": old})).json() == {"carried": "carried"}
    assert await remind_inspections(services) == 0
    await app[DELIVERY].run_once()
    inbox = await (await page.get(INBOX, params={"after": "0"})).json()
    reminders = [m["text"] for m in inbox["messages"] if "消防安全自查已到期" in m["text"]]
    assert len(reminders) == 1
